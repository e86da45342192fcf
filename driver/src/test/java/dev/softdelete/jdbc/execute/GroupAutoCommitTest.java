package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.jdbc.TestDatabases;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel that lands on the group's own transaction control (MariaDB's driver cancels with KILL QUERY, which ends
 * whatever statement runs at that moment): a probe saw a connection left in manual commit after a cancelled
 * cascading delete, whose next INSERT reported one row and was never committed. The group tries again, and closes a
 * connection that still refuses; a group that cannot be rolled back is never left to a later commit. The failures
 * are injected into an H2 connection's {@code setAutoCommit(true)} and {@code rollback()}.
 */
class GroupAutoCommitTest {
    private static final String DELETE = "DELETE FROM parents WHERE id = 1";

    private String url;
    private Connection observer;
    private final AtomicInteger autoCommitFailures = new AtomicInteger();
    private final AtomicInteger rollbackFailures = new AtomicInteger();

    @BeforeEach
    void setUp() throws SQLException {
        url = TestDatabases.newH2Url();
        observer = DriverManager.getConnection(url);
        try (Statement st = observer.createStatement()) {
            st.execute("CREATE TABLE parents (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE children (id INT PRIMARY KEY, parent_id INT, is_deleted BOOLEAN DEFAULT FALSE"
                    + " NOT NULL, deleted_at TIMESTAMP)");
            st.execute("INSERT INTO parents (id) VALUES (1)");
            st.execute("INSERT INTO children (id, parent_id) VALUES (10, 1)");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        observer.close();
    }

    /** An H2 connection whose {@code setAutoCommit(true)} and {@code rollback()} fail as many times as asked. */
    private Connection flaky() throws SQLException {
        Connection real = DriverManager.getConnection(url);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
                boolean autoCommitOn = method.getName().equals("setAutoCommit") && Boolean.TRUE.equals(args[0]);
                boolean rollback = method.getName().equals("rollback") && args == null;
                if (autoCommitOn && autoCommitFailures.getAndDecrement() > 0
                        || rollback && rollbackFailures.getAndDecrement() > 0) {
                    throw new SQLTimeoutException("Query execution was interrupted", "70100");
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private int runDelete(Connection connection, boolean fail) throws Exception {
        RewriteEngine engine = new RewriteEngine(ConfigLoader.parse("version: 1\ntables:\n  parents:\n    cascade:\n"
                + "      - { table: children, column: parent_id }\n  children: {}\n", "test"), Dialect.H2);
        Rewrite r = engine.rewrite(DELETE, Visibility.ACTIVE);
        assertThat(r.grouped()).isTrue();
        StatementGroups groups = new StatementGroups(connection, Dialect.H2, () -> null, () -> null, () -> null,
                StatementRecorder.silent());
        try (Statement st = connection.createStatement()) {
            return groups.run(List.of(r), () -> {
                int n = st.executeUpdate(r.sqlFor(DELETE));
                if (fail) {
                    throw new SQLTimeoutException("Query execution was interrupted", "70100");
                }
                return n;
            }, st);
        }
    }

    private long deleted(String table) throws SQLException {
        try (Statement st = observer.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE is_deleted")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void autoCommitThatFailsOnceIsTurnedOnAgain() throws Exception {
        autoCommitFailures.set(1);
        try (Connection c = flaky()) {
            assertThat(runDelete(c, false)).isEqualTo(1);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isClosed()).isFalse();
        }
        assertThat(deleted("parents") + deleted("children")).isEqualTo(2);
    }

    @Test
    void aConnectionThatStaysInManualCommitAfterTheCommitIsClosed() throws Exception {
        autoCommitFailures.set(2);
        try (Connection c = flaky()) {
            assertThat(runDelete(c, false)).as("the delete committed, and says so").isEqualTo(1);
            assertThat(c.isClosed()).as("no later statement runs uncommitted on it").isTrue();
        }
        assertThat(deleted("parents") + deleted("children")).isEqualTo(2);
    }

    @Test
    void aFailedGroupWhoseAutoCommitStaysOffClosesTheConnection() throws Exception {
        autoCommitFailures.set(2);
        try (Connection c = flaky()) {
            assertThatThrownBy(() -> runDelete(c, true)).isInstanceOf(SQLTimeoutException.class);
            assertThat(c.isClosed()).isTrue();
        }
        assertThat(deleted("parents") + deleted("children")).isZero();
    }

    @Test
    void aGroupThatCannotBeRolledBackIsNeverLeftToALaterCommit() throws Exception {
        rollbackFailures.set(2);
        try (Connection c = flaky()) {
            assertThatThrownBy(() -> runDelete(c, true)).isInstanceOf(SQLTimeoutException.class);
            assertThat(c.isClosed()).as("closing rolls back; turning auto-commit on would have committed").isTrue();
        }
        assertThat(deleted("parents") + deleted("children")).isZero();
    }

    @Test
    void aRollbackThatFailsOnceIsTriedAgain() throws Exception {
        rollbackFailures.set(1);
        try (Connection c = flaky()) {
            assertThatThrownBy(() -> runDelete(c, true)).isInstanceOf(SQLTimeoutException.class);
            assertThat(c.isClosed()).isFalse();
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(deleted("parents") + deleted("children")).isZero();
    }
}
