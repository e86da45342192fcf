package dev.softdelete.bench.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:stub:} URLs whose connections do no work (in the manner of HikariCP's benchmark
 * stubs), so that {@code jdbc:softdelete:stub:...} measures the soft-delete driver's own overhead.
 */
public final class StubDriver implements Driver {
    public static final String URL = "jdbc:stub:benchmark";

    private static final StubDriver INSTANCE = new StubDriver();

    static {
        try {
            DriverManager.registerDriver(INSTANCE);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StubDriver() {
    }

    /** Makes sure the driver is registered with DriverManager. */
    public static void register() {
        // the static initialiser does it
    }

    @Override
    public Connection connect(String url, Properties info) {
        return acceptsURL(url) ? new StubConnection() : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith("jdbc:stub:");
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("stub");
    }
}
