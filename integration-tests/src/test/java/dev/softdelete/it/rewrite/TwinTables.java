package dev.softdelete.it.rewrite;

import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Two identically filled sets of tables in the test database, for comparing the driver with a hard delete: the
 * soft set ({@code <prefix>sd_customers}, ...) is configured and reached through the driver; the hard set
 * ({@code <prefix>hd_customers}, ...) is not configured, so a DELETE on it is a real one. SQL is written once as a
 * template with {@code {p}} before each table name and run against either set.
 *
 * <p>Tables: {@code customers(customer_id, name, country, referrer)} and {@code orders(id, customer_id, product_id,
 * total, note)} with {@code is_deleted}/{@code deleted_at}; {@code reviews(id, order_id, stars)} with
 * {@code removed_at} only (timestamp-only mode); {@code products(id, name, price)}, never configured. Both sets have
 * the soft-delete columns, so {@code SELECT *} gives the same columns.
 */
final class TwinTables {
    static final String DELETED_AT = "2020-01-02 03:04:05";
    static final List<String> TABLES = List.of("customers", "orders", "reviews", "products");

    private final TestDatabase db;
    private final String soft;
    private final String hard;

    /** Tables named {@code <classPrefix>sd_*} and {@code <classPrefix>hd_*}. */
    TwinTables(TestDatabase db, String classPrefix) {
        this.db = db;
        this.soft = classPrefix + "sd_";
        this.hard = classPrefix + "hd_";
    }

    /** The template with {@code {p}} replaced by the soft prefix. */
    String soft(String template) {
        return template.replace("{p}", soft);
    }

    /** The template with {@code {p}} replaced by the hard prefix. */
    String hard(String template) {
        return template.replace("{p}", hard);
    }

    /** A {@code softdelete.yml} configuring the soft set, with {@code options} (YAML lines, may be empty). */
    String config(String options) {
        return "version: 1\n"
            + "defaults:\n"
            + "  flag-column: is_deleted\n"
            + "  timestamp-column: deleted_at\n"
            + "tables:\n"
            + "  " + soft + "customers: {}\n"
            + "  " + soft + "orders: {}\n"
            + "  " + soft + "reviews:\n"
            + "    flag-column: null\n"
            + "    timestamp-column: removed_at\n"
            + (options.isEmpty() ? "" : "options:\n" + options);
    }

    /** Drops and creates both sets and fills them with the same rows, all live. */
    void create(Connection raw) throws SQLException {
        String ts = db.timestampType();
        try (Statement st = raw.createStatement()) {
            for (String prefix : List.of(soft, hard)) {
                for (String t : TABLES) {
                    st.execute("DROP TABLE IF EXISTS " + prefix + t);
                }
                st.execute("CREATE TABLE " + prefix + "customers (customer_id INT PRIMARY KEY, name VARCHAR(40),"
                    + " country VARCHAR(4), referrer INT, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " deleted_at " + ts + " NULL)");
                st.execute("CREATE TABLE " + prefix + "orders (id INT PRIMARY KEY, customer_id INT, product_id INT,"
                    + " total INT, note VARCHAR(40), is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " deleted_at " + ts + " NULL)");
                st.execute("CREATE TABLE " + prefix + "reviews (id INT PRIMARY KEY, order_id INT, stars INT,"
                    + " removed_at " + ts + " NULL)");
                st.execute("CREATE TABLE " + prefix + "products (id INT PRIMARY KEY, name VARCHAR(40), price INT)");
                st.execute("INSERT INTO " + prefix + "customers (customer_id, name, country, referrer) VALUES"
                    + " (1, 'Ada', 'DE', NULL), (2, 'Grace', 'FR', 1), (3, 'Alan', 'DE', 1),"
                    + " (4, 'Barbara', 'US', 3), (5, 'Edsger', 'NL', 2), (6, 'Anita', 'DE', 4),"
                    + " (7, 'Ken', 'US', 5), (8, 'Linus', 'FR', 7)");
                st.execute("INSERT INTO " + prefix + "orders (id, customer_id, product_id, total, note) VALUES"
                    + " (1, 1, 1, 5, 'xmas'), (2, 1, 2, 120, NULL), (3, 2, 1, 7, 'box'), (4, 3, 2, 150, 'fax'),"
                    + " (5, 4, 3, 40, 'x'), (6, 4, 1, 60, NULL), (7, 2, 3, 0, NULL), (8, 99, 2, 9, 'orphan'),"
                    + " (9, 7, 4, 200, 'xl'), (10, 7, 2, 15, 'mix'), (11, 8, 1, 33, NULL), (12, 8, 3, 300, 'big')");
                st.execute("INSERT INTO " + prefix + "reviews (id, order_id, stars) VALUES"
                    + " (1, 1, 5), (2, 2, 2), (3, 3, 4), (4, 4, 1), (5, 1, 4), (6, 10, 5), (7, 5, 3), (8, 12, 5)");
                st.execute("INSERT INTO " + prefix + "products (id, name, price) VALUES"
                    + " (1, 'Pen', 3), (2, 'Ink', 120), (3, 'Pad', 8), (4, 'Cap', 250), (5, 'Box', 1)");
            }
        }
    }

    /**
     * Removes the same rows from both sets, raw: marks them deleted at {@link #DELETED_AT} in the soft set,
     * really deletes them in the hard set. Customer 4 keeps living with all its orders deleted; customers 3 and 8
     * are deleted, 3 with a live order, 8 with one live and one deleted order; customer 6 never had orders.
     */
    void removeSameRows(Connection raw) throws SQLException {
        String[][] removals = {
            {"customers", "customer_id IN (3, 5, 8)", "is_deleted = TRUE, deleted_at = '" + DELETED_AT + "'"},
            {"orders", "id IN (3, 5, 6, 9, 11)", "is_deleted = TRUE, deleted_at = '" + DELETED_AT + "'"},
            {"reviews", "id IN (2, 5, 8)", "removed_at = '" + DELETED_AT + "'"},
        };
        try (Statement st = raw.createStatement()) {
            for (String[] r : removals) {
                st.execute("UPDATE " + soft + r[0] + " SET " + r[2] + " WHERE " + r[1]);
                st.execute("DELETE FROM " + hard + r[0] + " WHERE " + r[1]);
            }
        }
    }

    /** The live rows of each soft table, read raw. */
    List<String> liveSoft(Connection raw) throws SQLException {
        List<String> all = new ArrayList<>();
        for (String t : TABLES) {
            String live = switch (t) {
                case "customers", "orders" -> " WHERE is_deleted = FALSE";
                case "reviews" -> " WHERE removed_at IS NULL";
                default -> "";
            };
            all.add(t + " " + Execution.query(raw, "SELECT * FROM " + soft + t + live));
        }
        return all;
    }

    /** Every row of each hard table. */
    List<String> allHard(Connection raw) throws SQLException {
        List<String> all = new ArrayList<>();
        for (String t : TABLES) {
            all.add(t + " " + Execution.query(raw, "SELECT * FROM " + hard + t));
        }
        return all;
    }

    /** The soft-deleted rows of the soft set, read raw, as stored (with their timestamps), one entry per row. */
    List<String> deletedSoft(Connection raw) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String[] t : new String[][] {
            {"customers", "is_deleted = TRUE"}, {"orders", "is_deleted = TRUE"}, {"reviews", "removed_at IS NOT NULL"}}) {
            for (String row : Execution.query(raw, "SELECT * FROM " + soft + t[0] + " WHERE " + t[1])) {
                rows.add(t[0] + ": " + row);
            }
        }
        return rows;
    }

    /** Drops both sets. */
    void drop(Connection raw) throws SQLException {
        try (Statement st = raw.createStatement()) {
            for (String prefix : List.of(soft, hard)) {
                for (String t : TABLES) {
                    st.execute("DROP TABLE IF EXISTS " + prefix + t);
                }
            }
        }
    }
}
