package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Connection} through the driver: what it hands out, transactions, client info and closing. */
class ConnectionContractTest {
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        connection = TestDatabases.open(";MODE=PostgreSQL");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void everyStatementKnowsTheWrappingConnection() throws Exception {
        List<Statement> statements = List.of(
                connection.createStatement(),
                connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                        ResultSet.CLOSE_CURSORS_AT_COMMIT),
                connection.prepareStatement("SELECT 1"),
                connection.prepareStatement("INSERT INTO items VALUES (1, 'a')", Statement.RETURN_GENERATED_KEYS),
                connection.prepareStatement("INSERT INTO items VALUES (1, 'a')", new int[] {1}),
                connection.prepareStatement("INSERT INTO items VALUES (1, 'a')", new String[] {"ID"}),
                connection.prepareStatement("SELECT 1", ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY),
                connection.prepareStatement("SELECT 1", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                        ResultSet.HOLD_CURSORS_OVER_COMMIT),
                connection.prepareCall("CALL 1"),
                connection.prepareCall("CALL 1", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                connection.prepareCall("CALL 1", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                        ResultSet.HOLD_CURSORS_OVER_COMMIT));

        for (Statement statement : statements) {
            assertThat(statement.getConnection()).isSameAs(connection);
            statement.close();
        }
    }

    @Test
    void theMetaDataKnowsTheWrappingConnection() throws Exception {
        assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
    }

    @Test
    void savepointsHandedOutWorkWhenPassedBack() throws Exception {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO items VALUES (1, 'kept')");
            Savepoint unnamed = connection.setSavepoint();
            statement.executeUpdate("INSERT INTO items VALUES (2, 'undone')");
            connection.rollback(unnamed);
            Savepoint named = connection.setSavepoint("named");
            assertThat(named.getSavepointName()).isEqualTo("named");
            statement.executeUpdate("INSERT INTO items VALUES (3, 'kept')");
            connection.releaseSavepoint(named);
            connection.commit();

            assertThat(TestDatabases.count(connection, "items")).isEqualTo(2);
        }
    }

    @Test
    void transactionStateIsTheDelegates() throws Exception {
        JdbcConnection raw = connection.unwrap(JdbcConnection.class);

        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO items VALUES (1, 'undone')");
        }
        connection.rollback();

        assertThat(raw.getAutoCommit()).isFalse();
        assertThat(raw.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(TestDatabases.count(connection, "items")).isZero();
    }

    @Test
    void nativeSqlIsTheDelegatesTranslation() throws Exception {
        String sql = "SELECT {fn UCASE(name)} FROM items";

        assertThat(connection.nativeSQL(sql)).isEqualTo(connection.unwrap(JdbcConnection.class).nativeSQL(sql));
    }

    @Test
    void closingTheWrapperClosesTheDelegate() throws Exception {
        JdbcConnection raw = connection.unwrap(JdbcConnection.class);

        connection.close();

        assertThat(raw.isClosed()).isTrue();
        assertThat(connection.isClosed()).isTrue();
    }

    @Test
    void isClosedAsksTheDelegate() throws Exception {
        connection.unwrap(JdbcConnection.class).close();

        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.isValid(1)).isFalse();
    }

    @Test
    void clientInfoSetsTheVisibility() throws Exception {
        SoftDeleteConnection softDelete = connection.unwrap(SoftDeleteConnection.class);

        connection.setClientInfo("softdelete.visibility", "include-deleted");
        assertThat(softDelete.getVisibility()).isEqualTo(Visibility.INCLUDE_DELETED);

        softDelete.setVisibility(Visibility.ONLY_DELETED);
        assertThat(connection.getClientInfo("softdelete.visibility")).isEqualTo("only-deleted");
        assertThat(connection.getClientInfo()).containsEntry("softdelete.visibility", "only-deleted");

        connection.setClientInfo("softdelete.visibility", null);
        assertThat(softDelete.getVisibility()).isEqualTo(Visibility.ACTIVE);
    }

    @Test
    void anInvalidVisibilityInClientInfoIsRefused() throws Exception {
        assertThatThrownBy(() -> connection.setClientInfo("softdelete.visibility", "all"))
                .isInstanceOf(SQLClientInfoException.class)
                .hasMessageContaining("'all'")
                .satisfies(e -> assertThat(((SQLClientInfoException) e).getFailedProperties())
                        .containsOnlyKeys("softdelete.visibility"));
        assertThatThrownBy(() -> connection.setClientInfo("softdelete.visiblity", "active"))
                .isInstanceOf(SQLClientInfoException.class)
                .hasMessageContaining("softdelete.visiblity");

        assertThat(connection.unwrap(SoftDeleteConnection.class).getVisibility()).isEqualTo(Visibility.ACTIVE);
    }

    @Test
    void otherClientInfoReachesTheDelegateAndTheOwnDoesNot() throws Exception {
        JdbcConnection raw = connection.unwrap(JdbcConnection.class);

        connection.setClientInfo("ApplicationName", "billing");
        connection.setClientInfo("softdelete.visibility", "include-deleted");

        assertThat(raw.getClientInfo("ApplicationName")).isEqualTo("billing");
        assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("billing");
        assertThat(raw.getClientInfo()).doesNotContainKey("softdelete.visibility");
        assertThat(connection.getClientInfo()).containsEntry("ApplicationName", "billing");
    }

    @Test
    void settingAllClientInfoReplacesTheVisibilityToo() throws Exception {
        SoftDeleteConnection softDelete = connection.unwrap(SoftDeleteConnection.class);
        Properties both = new Properties();
        both.setProperty("ApplicationName", "billing");
        both.setProperty("softdelete.visibility", "only-deleted");
        Properties delegateOnly = new Properties();
        delegateOnly.setProperty("ApplicationName", "reports");

        connection.setClientInfo(both);
        assertThat(softDelete.getVisibility()).isEqualTo(Visibility.ONLY_DELETED);
        assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("billing");

        connection.setClientInfo(delegateOnly);
        assertThat(softDelete.getVisibility()).isEqualTo(Visibility.ACTIVE);
        assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("reports");
    }
}
