package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        String db = "jdbc:h2:mem:undelete_other_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        raw = DriverManager.getConnection(db);
        try (Statement st = raw.createStatement()) {
            String flags = ", is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP(6))";
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY" + flags);
            st.execute("CREATE TABLE products (id INT PRIMARY KEY" + flags);
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id),"
                    + " product_id INT REFERENCES products (id)" + flags);
            st.execute("INSERT INTO customers (id) VALUES (1)");
            st.execute("INSERT INTO products (id) VALUES (7)");
            st.execute("INSERT INTO orders (id, customer_id, product_id) VALUES (10, 1, 7)");
        }
        Path config = dir.resolve("softdelete.yml");
        Files.writeString(config, "version: 1\ntables:\n  customers:\n    cascade:\n"
                + "      - { table: orders, column: customer_id }\n  orders: {}\n  products: {}\n");
        app = DriverManager.getConnection("jdbc:softdelete:" + db.substring("jdbc:".length())
                + ";softdelete.config=" + config);
    }

    @AfterEach
    void close() throws SQLException {
        app.close();
        try (Statement st = raw.createStatement()) {
            st.execute("SHUTDOWN");
        }
        raw.close();
    }

    @Test
    void aChildWhoseOtherParentIsStillDeletedIsNotRestored() throws SQLException {
        assertThat(update("DELETE FROM customers WHERE id = 1")).isEqualTo(1);
        assertThat(update("DELETE FROM products WHERE id = 7")).isEqualTo(1);

        assertThatThrownBy(() -> update("UNDELETE FROM customers WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("still soft-deleted");
        assertThat(deleted("customers")).isEqualTo(1);
        assertThat(deleted("orders")).isEqualTo(1);

        assertThat(update("UNDELETE FROM products WHERE id = 7")).isEqualTo(1);
        assertThat(update("UNDELETE FROM customers WHERE id = 1")).isEqualTo(1);
        assertThat(deleted("orders")).isZero();
    }

    private int update(String sql) throws SQLException {
        try (Statement st = app.createStatement()) {
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
}
