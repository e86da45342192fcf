package dev.softdelete.jdbc.adopt;

import dev.softdelete.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A fresh in-memory H2 shop for the adoption tests: {@code customers} cascades to {@code orders} (both configured),
 * {@code notes} is a plain table. Rows: customers 1 Ada, 2 Grace (live), 3 Edsger (soft-deleted earlier); orders 10
 * and 11 of Grace, 12 of Ada; notes 1.
 */
final class Shop implements AutoCloseable {
    /** The configuration in the default mode (enforce). */
    static final String ENFORCING = "classpath:softdelete-adopt.yml";
    /** The same tables with {@code options.mode: observe}. */
    static final String OBSERVING = "classpath:softdelete-adopt-observe.yml";

    private final String rawUrl;
    /** Keeps the in-memory database alive and reads it without the driver. */
    final Connection raw;

    Shop() throws SQLException {
        rawUrl = TestDatabases.newH2Url();
        raw = DriverManager.getConnection(rawUrl);
        try (Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20), "
                    + "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, "
                    + "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP)");
            st.execute("CREATE TABLE notes (id INT PRIMARY KEY)");
            st.execute("INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace')");
            st.execute("INSERT INTO customers VALUES (3, 'Edsger', TRUE, TIMESTAMP '2020-01-02 03:04:05')");
            st.execute("INSERT INTO orders (id, customer_id) VALUES (10, 2), (11, 2), (12, 1)");
            st.execute("INSERT INTO notes VALUES (1)");
        }
    }

    /**
     * Writes the configuration of {@link #ENFORCING} (with {@code options} appended) to a file of its own in
     * {@code dir}: a source no other test uses, so its statistics and log start empty.
     */
    static String ownConfig(java.nio.file.Path dir, String options) throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("softdelete-" + System.nanoTime() + ".yml");
        java.nio.file.Files.writeString(file, "version: 1\ntables:\n  customers:\n    cascade:\n"
                + "      - { table: orders, column: customer_id }\n  orders: {}\n" + options);
        return file.toString();
    }

    /** A connection through the driver with {@code config}, and {@code urlSettings} (H2 style) after the URL. */
    Connection open(String config, String urlSettings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("softdelete.config", config);
        return DriverManager.getConnection(TestDatabases.softDeleteUrl(rawUrl) + urlSettings, properties);
    }

    /** The values of the first column of a query on the raw connection, as strings. */
    List<String> raw(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        raw.close();
    }
}
