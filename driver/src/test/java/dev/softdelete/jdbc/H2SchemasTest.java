package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 reads the foreign keys of every schema. The database's ON DELETE CASCADE keys between configured tables become
 * cascades of the effective configuration by table name: PUBLIC's customers → orders key then acted on a delete of
 * ARCHIVE.CUSTOMERS, whose own key is RESTRICT. The delete soft-deleted the archive's orders and swallowed the
 * RESTRICT error, and where the archive has no such key at all it cascaded all the same. A key's cascade now acts
 * in its own schema only, and a RESTRICT key is checked unless the cascade map itself follows it.
 */
class H2SchemasTest {
    private static final String FLAGS = "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP(6)";

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    @Test
    void aDatabaseCascadeOfOneSchemaDoesNotActInAnother(@TempDir Path dir) throws Exception {
        String h2 = TestDatabases.newH2Url();
        Path file = Files.writeString(dir.resolve("softdelete.yml"),
                "version: 1\ntables:\n  customers: {}\n  orders: {}\n  items: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        try (Connection raw = DriverManager.getConnection(h2)) {
            execute(raw, "CREATE TABLE customers (id INT PRIMARY KEY, " + FLAGS + ")",
                    "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id) ON DELETE"
                            + " CASCADE, " + FLAGS + ")",
                    "CREATE TABLE items (id INT PRIMARY KEY, order_id INT REFERENCES orders (id) ON DELETE CASCADE, "
                            + FLAGS + ")",
                    "CREATE SCHEMA archive",
                    "CREATE TABLE archive.customers (id INT PRIMARY KEY, " + FLAGS + ")",
                    "CREATE TABLE archive.orders (id INT PRIMARY KEY, customer_id INT REFERENCES archive.customers"
                            + " (id) ON DELETE RESTRICT, " + FLAGS + ")",
                    "CREATE TABLE archive.items (id INT PRIMARY KEY, order_id INT, " + FLAGS + ")",
                    "INSERT INTO customers (id) VALUES (1)", "INSERT INTO orders (id, customer_id) VALUES (10, 1)",
                    "INSERT INTO archive.customers (id) VALUES (1), (2)",
                    "INSERT INTO archive.orders (id, customer_id) VALUES (10, 1), (20, NULL)",
                    "INSERT INTO archive.items (id, order_id) VALUES (100, 20)");
            try (Connection app = DriverManager.getConnection(TestDatabases.softDeleteUrl(h2), info)) {
                assertThatThrownBy(() -> execute(app, "DELETE FROM archive.customers WHERE id = 1"))
                        .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23503"));
                // archive.orders has no key to archive.items: nothing cascades there
                execute(app, "DELETE FROM archive.orders WHERE id = 20");
                execute(app, "DELETE FROM customers WHERE id = 1");
            }
            assertThat(TestDatabases.count(raw, "archive.orders WHERE is_deleted")).isEqualTo(1);
            assertThat(TestDatabases.count(raw, "archive.items WHERE is_deleted")).isZero();
            assertThat(TestDatabases.count(raw, "archive.customers WHERE is_deleted")).isZero();
            assertThat(TestDatabases.count(raw, "orders WHERE is_deleted")).as("PUBLIC's own cascade").isEqualTo(1);
        }
    }
}
