package dev.softdelete.jdbc;

import dev.softdelete.jdbc.rewrite.Rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.execute.ConnectionWrapper;
import dev.softdelete.jdbc.execute.SessionEngine;
import dev.softdelete.jdbc.execute.StatementGate;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;
import org.h2.jdbc.JdbcCallableStatement;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcDatabaseMetaData;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcResultSet;
import org.h2.jdbc.JdbcStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code unwrap} and {@code isWrapperFor}: the JDBC interfaces give the wrapper, vendor classes give the delegate,
 * anything else fails, and both methods agree.
 */
class UnwrapTest {
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        connection = TestDatabases.open();
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void connection() throws Exception {
        assertUnwraps(connection, Connection.class, JdbcConnection.class);
        assertThat(connection.unwrap(SoftDeleteConnection.class)).isSameAs(connection);
        assertThat(connection.isWrapperFor(SoftDeleteConnection.class)).isTrue();
    }

    @Test
    void statements() throws Exception {
        assertUnwraps(connection.createStatement(), Statement.class, JdbcStatement.class);
        assertUnwraps(connection.prepareStatement("SELECT 1"), PreparedStatement.class, JdbcPreparedStatement.class);
        assertUnwraps(connection.prepareCall("CALL 1"), CallableStatement.class, JdbcCallableStatement.class);
    }

    @Test
    void resultSetAndMetaData() throws Exception {
        assertUnwraps(connection.createStatement().executeQuery("SELECT 1"), ResultSet.class, JdbcResultSet.class);
        assertUnwraps(connection.getMetaData(), DatabaseMetaData.class, JdbcDatabaseMetaData.class);
        assertUnwraps(connection.getMetaData().getTableTypes(), ResultSet.class, JdbcResultSet.class);
    }

    @Test
    void aDelegateThatIsItselfAWrapperIsAskedToUnwrap() throws Exception {
        // A pool or another proxy between this driver and the vendor: unwrap reaches through it.
        try (Connection outer = new ConnectionWrapper(connection, new StatementGate((sql, v) -> Rewrite.UNCHANGED,
                Visibility.ACTIVE), SessionEngine.fixed(TestDatabases.h2Engine()), null)) {
            JdbcConnection vendor = connection.unwrap(JdbcConnection.class);

            assertThat(outer.unwrap(JdbcConnection.class)).isSameAs(vendor);
            assertThat(outer.isWrapperFor(JdbcConnection.class)).isTrue();
            assertThat(outer.unwrap(Connection.class)).isSameAs(outer);
        }
    }

    /** The wrapper for its JDBC interface, the delegate for the vendor class, an SQLException for a stranger. */
    private static <W extends Wrapper> void assertUnwraps(W wrapper, Class<? super W> jdbcInterface,
                                                          Class<?> vendorClass) throws SQLException {
        assertThat(jdbcInterface.isInstance(wrapper)).isTrue();
        assertThat(vendorClass.isInstance(wrapper)).isFalse();

        assertThat(wrapper.unwrap(jdbcInterface)).isSameAs(wrapper);
        assertThat(wrapper.isWrapperFor(jdbcInterface)).isTrue();
        assertThat(wrapper.unwrap(Wrapper.class)).isSameAs(wrapper);

        Object vendor = wrapper.unwrap(vendorClass);
        assertThat(vendor).isInstanceOf(vendorClass).isNotSameAs(wrapper);
        assertThat(wrapper.isWrapperFor(vendorClass)).isTrue();

        assertThat(wrapper.isWrapperFor(Runnable.class)).isFalse();
        assertThatThrownBy(() -> wrapper.unwrap(Runnable.class)).isInstanceOf(SQLException.class);
    }
}
