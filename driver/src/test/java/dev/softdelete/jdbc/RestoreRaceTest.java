package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An UNDELETE whose capture waits for a row lock, while another transaction soft-deletes (and commits) a further
 * row its condition matches: at READ COMMITTED the restore's own UPDATE sees that row, the capture did not. Restoring
 * it would leave the children of its event deleted under it; the UNDELETE is undone with a serialization failure.
 */
class RestoreRaceTest {
    @Test
    void aRowDeletedWhileTheCaptureWaitedIsNotRestoredWithoutItsChildren(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers:\n"
                + "    cascade:\n      - { table: orders, column: customer_id }\n  orders: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        String h2 = TestDatabases.newH2Url();
        String url = TestDatabases.softDeleteUrl(h2);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection setUp = DriverManager.getConnection(url, info);
             Connection locker = DriverManager.getConnection(h2);
             Connection restorer = DriverManager.getConnection(url, info);
             Statement st = setUp.createStatement()) {
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id),"
                    + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
            st.execute("INSERT INTO customers (id) VALUES (1), (2)");
            st.execute("INSERT INTO orders (id, customer_id) VALUES (10, 1), (20, 2)");
            st.executeUpdate("DELETE FROM customers WHERE id = 1");

            // another transaction holds customer 1: the UNDELETE's capture waits for it
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("SELECT id FROM customers WHERE id = 1 FOR UPDATE");
            }
            Future<Object> undelete = background.submit(() -> {
                try (Statement u = restorer.createStatement()) {
                    return u.executeUpdate("UNDELETE FROM customers WHERE id IN (1, 2)");
                } catch (SQLException e) {
                    return e;
                }
            });
            try {
                undelete.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                // as intended
            }
            // meanwhile customer 2 is soft-deleted, its order with it, and committed
            assertThat(st.executeUpdate("DELETE FROM customers WHERE id = 2")).isEqualTo(1);
            locker.commit();

            Object outcome = undelete.get(30, TimeUnit.SECONDS);
            if (outcome instanceof SQLException) {
                assertThat(((SQLException) outcome).getSQLState()).isEqualTo("40001");
                assertThat(rows(st, "SELECT id FROM customers ORDER BY id")).as("nothing restored").isEmpty();
                assertThat(rows(st, "SELECT id FROM orders ORDER BY id")).as("nothing restored").isEmpty();
                assertThat(st.executeUpdate("UNDELETE FROM customers WHERE id IN (1, 2)")).as("run again")
                        .isEqualTo(2);
            }
            // a restored customer has the order deleted by the same event back
            assertThat(rows(st, "SELECT id FROM customers ORDER BY id")).containsExactly(1, 2);
            assertThat(rows(st, "SELECT id FROM orders ORDER BY id")).containsExactly(10, 20);
        } finally {
            background.shutdownNow();
        }
    }

    private static List<Integer> rows(Statement st, String sql) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
