package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 has no guard triggers. A probe deleted customer 1 (its order 10 cascaded), then product 7, which order 10
 * references with a RESTRICT key, and restored customer 1: order 10 came back live under the still-deleted product,
 * where re-inserting the hard-deleted rows fails on the key. The restore now checks each level's other parents and
 * refuses (SD002), undoing all of it; with the product restored first it goes through.
 */
class UndeleteOtherParentOnH2Test {
    @TempDir
    Path dir;
    private Connection raw;
    private Connection app;

    @BeforeEach
    void open() throws Exception {
        String db = TestDatabases.newH2Url();
        raw = DriverManager.getConnection(db); // keeps the in-memory database while the test runs
        for (String sql : new String[] {"CREATE TABLE customers (id INT PRIMARY KEY" + FLAGS,
            "CREATE TABLE products (id INT PRIMARY KEY" + FLAGS,
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id),"
                    + " product_id INT REFERENCES products (id)" + FLAGS,
            "INSERT INTO customers (id) VALUES (1)", "INSERT INTO products (id) VALUES (7)",
            "INSERT INTO orders (id, customer_id, product_id) VALUES (10, 1, 7)"}) {
            update(raw, sql);
        }
        Path config = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers:\n"
                + "    cascade:\n      - { table: orders, column: customer_id }\n  orders: {}\n  products: {}\n");
        app = DriverManager.getConnection(TestDatabases.softDeleteUrl(db) + ";softdelete.config=" + config);
    }

    @AfterEach
    void close() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // both closed: the database goes with the last connection
        }
    }

    @Test
    void aChildWhoseOtherParentIsStillDeletedIsNotRestored() throws SQLException {
        assertThat(update(app, "DELETE FROM customers WHERE id = 1")).isEqualTo(1);
        assertThat(update(app, "DELETE FROM products WHERE id = 7")).isEqualTo(1);

        assertThatThrownBy(() -> update(app, "UNDELETE FROM customers WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("still soft-deleted");
        assertThat(deleted("customers")).isEqualTo(1);
        assertThat(deleted("orders")).isEqualTo(1);

        assertThat(update(app, "UNDELETE FROM products WHERE id = 7")).isEqualTo(1);
        assertThat(update(app, "UNDELETE FROM customers WHERE id = 1")).isEqualTo(1);
        assertThat(deleted("orders")).isZero();
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private int deleted(String table) throws SQLException {
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE is_deleted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static final String FLAGS = ", is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP(6))";
}
