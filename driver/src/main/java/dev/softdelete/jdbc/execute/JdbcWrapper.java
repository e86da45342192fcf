package dev.softdelete.jdbc.execute;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * A JDBC object standing in front of the delegate driver's object. {@link #unwrap} and {@link #isWrapperFor}
 * look at the wrapper itself first, then at the delegate, then into the delegate's own wrapping, and agree with
 * each other: {@code unwrap(Connection.class)} yields the wrapper, a vendor type such as {@code PGConnection}
 * yields the delegate.
 *
 * @param <D> the JDBC type of the delegate
 */
abstract class JdbcWrapper<D extends Wrapper> implements Wrapper {
    final D delegate;

    JdbcWrapper(D delegate) {
        this.delegate = delegate;
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
