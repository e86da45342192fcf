package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the application sees of a soft delete that runs as a group (its event, cascade and foreign-key checks around
 * it), as the hard delete would show it: {@code nativeSQL} gives the statement to run, not a part of the group; after
 * a group that failed and was undone, the statement has no update count. Fixture (H2): customers 1-2, each with two
 * orders (cascade), and a payment on order 11 (a RESTRICT key into orders).
 */
class GroupedStatementResultTest {
    private static Connection open(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers:\n"
                + "    cascade:\n      - { table: orders, column: customer_id }\n  orders: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        Connection c = DriverManager.getConnection(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info);
        try (Statement st = c.createStatement()) {
            String flags = ", is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP(6))";
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY" + flags);
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id)" + flags);
            st.execute("CREATE TABLE payments (id INT PRIMARY KEY, order_id INT REFERENCES orders (id))");
            st.execute("INSERT INTO customers (id) VALUES (1), (2)");
            st.execute("INSERT INTO orders (id, customer_id) VALUES (11, 1), (12, 1), (21, 2), (22, 2)");
            st.execute("INSERT INTO payments VALUES (1, 11)");
        }
        return c;
    }

    private static long live(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * nativeSQL of a soft delete used to return the group's UPDATE alone: sent again, it soft-deleted the customer
     * with no timestamp and left its orders live (a state no hard delete produces).
     */
    @Test
    void nativeSqlOfASoftDeleteIsTheStatementToRunNotAPartOfItsGroup(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir)) {
            String text = c.nativeSQL("DELETE FROM customers WHERE id = 2");

            assertThat(text).isEqualTo("DELETE FROM customers WHERE id = 2");
            try (Statement st = c.createStatement()) {
                assertThat(st.executeUpdate(text)).isEqualTo(1);
            }
            assertThat(live(c, "customers")).isEqualTo(1);
            assertThat(live(c, "orders")).as("the cascade ran").isEqualTo(2);
            assertThat(c.nativeSQL("SELECT id FROM orders")).as("a filtered read is one statement")
                    .isEqualTo("SELECT id FROM orders WHERE orders.is_deleted = FALSE");
        }
    }

    /** A prepared soft delete whose group failed (a RESTRICT key) used to report the undone statement's count. */
    @Test
    void aPreparedSoftDeleteWhoseGroupFailedHasNoUpdateCount(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir); PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            ps.setInt(1, 12);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 11);

            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23503"));

            assertThat(ps.getUpdateCount()).isEqualTo(-1);
            assertThat(ps.getResultSet()).isNull();
            assertThat(live(c, "orders")).isEqualTo(3);
        }
    }
}
