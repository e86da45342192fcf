package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 rolls back the whole transaction of a deadlock victim, the group's savepoint with it. A soft delete with a
 * cascade that is the victim inside the application's transaction fails with 40001, as the hard delete does, and
 * leaves the connection open and usable (it was closed: the next statement failed with 90007).
 */
class H2DeadlockVictimTest {
    @Test
    void aDeadlockVictimKeepsItsConnection(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers: {}\n"
                + "  orders: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        String h2 = TestDatabases.newH2Url() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        String url = TestDatabases.softDeleteUrl(h2);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection raw = DriverManager.getConnection(h2); Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id)"
                    + " ON DELETE CASCADE, is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
            st.execute("INSERT INTO customers (id) VALUES (1), (2), (3)");
            st.execute("INSERT INTO orders (id, customer_id) VALUES (10, 1), (20, 2)");
        }
        try (Connection raw = DriverManager.getConnection(h2);
             Connection a = DriverManager.getConnection(url, info);
             Connection b = DriverManager.getConnection(url, info)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(a.createStatement().executeUpdate("DELETE FROM customers WHERE id = 1")).isEqualTo(1);
            assertThat(b.createStatement().executeUpdate("DELETE FROM customers WHERE id = 2")).isEqualTo(1);
            Future<Integer> waiting = background.submit(
                    () -> a.createStatement().executeUpdate("DELETE FROM customers WHERE id = 2"));
            Thread.sleep(500);
            SQLException deadlock = catchThrowableOfType(SQLException.class,
                    () -> b.createStatement().executeUpdate("DELETE FROM customers WHERE id = 1"));
            assertThat(deadlock.getSQLState()).isEqualTo("40001");
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            a.commit();

            assertThat(b.isClosed()).as("the victim's connection").isFalse();
            assertThat(b.createStatement().executeUpdate("DELETE FROM customers WHERE id = 3")).isEqualTo(1);
            b.commit();
            assertThat(TestDatabases.count(raw, "customers")).isEqualTo(3);
            raw.createStatement().execute("SHUTDOWN");
        } finally {
            background.shutdownNow();
        }
    }
}
