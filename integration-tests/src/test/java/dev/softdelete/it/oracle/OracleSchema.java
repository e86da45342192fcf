package dev.softdelete.it.oracle;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * The oracle's tables and seed rows, identical in both databases. Soft-delete tables: customers and orders (flag
 * and timestamp), reviews (timestamp only). Plain tables: products, payments. The soft-delete columns exist in both
 * databases, so {@code SELECT *} returns the same columns; in the hard database they stay at their live values.
 * Both databases have the same foreign keys: ON DELETE CASCADE where the soft database also has its cascade map
 * (customers → orders → reviews, and on PostgreSQL customers → customers by referrer, a cycle; MySQL limits
 * cascades on one table to 15 levels), and payments → orders ON DELETE RESTRICT. The soft database also has the
 * guard triggers a migration installs ({@code GuardTriggers}), so that a child of a soft-deleted parent fails as a
 * child of a hard-deleted one does.
 */
final class OracleSchema {
    static final List<String> SOFT_TABLES = List.of("customers", "orders", "reviews");
    static final List<String> ALL_TABLES = List.of("customers", "orders", "reviews", "products", "payments");

    static String config(TestDatabase db) {
        return "version: 1\n"
                + "defaults:\n"
                + "  flag-column: is_deleted\n"
                + "  timestamp-column: deleted_at\n"
                + "tables:\n"
                + "  customers:\n"
                + "    cascade:\n"
                + "      - { table: orders, column: customer_id, references: id }\n"
                + (selfCascade(db) ? "      - { table: customers, column: referrer }\n" : "")
                + "  orders:\n"
                + "    cascade:\n"
                + "      - { table: reviews, column: order_id }\n"
                + "  reviews:\n"
                + "    flag-column: null\n"
                + "    timestamp-column: removed_at\n";
    }

    static boolean selfCascade(TestDatabase db) {
        return db == TestDatabase.POSTGRESQL;
    }

    static final int CUSTOMERS = 40;
    static final int ORDERS = 150;
    static final int REVIEWS = 100;
    static final int PRODUCTS = 20;
    static final int PAYMENTS = 100;
    /** Payments reference (RESTRICT) only the first orders, so that most deletes of orders succeed. */
    static final int PAID_ORDERS = 25;
    static final String[] COUNTRIES = {"DE", "FR", "US", "JP"};

    private OracleSchema() {
    }

    /**
     * Drops and recreates the tables, then inserts the rows drawn from {@code seed}, then adds the foreign keys (and,
     * to the soft database, the guard triggers).
     */
    static void create(Connection raw, TestDatabase db, long seed, boolean hard) throws SQLException {
        String ts = db.timestampType();
        try (Statement st = raw.createStatement()) {
            for (String t : List.of("payments", "reviews", "orders", "customers", "products")) {
                st.execute("DROP TABLE IF EXISTS " + t + (db == TestDatabase.POSTGRESQL ? " CASCADE" : ""));
            }
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, country VARCHAR(4),"
                    + " referrer INT, is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + ts + " NULL)");
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, product_id INT, total INT NOT NULL,"
                    + " note VARCHAR(40), is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + ts + " NULL)");
            st.execute("CREATE TABLE reviews (id INT PRIMARY KEY, order_id INT, stars INT NOT NULL, removed_at "
                    + ts + " NULL)");
            st.execute("CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price INT NOT NULL,"
                    + " stock INT NOT NULL)");
            st.execute("CREATE TABLE payments (id INT PRIMARY KEY, order_id INT, amount INT NOT NULL)");
        }
        Random r = new Random(seed);
        insert(raw, "INSERT INTO customers (id, name, country, referrer) VALUES (?, ?, ?, ?)", CUSTOMERS, (p, i) -> {
            p.setInt(1, i);
            p.setString(2, "c" + i);
            p.setString(3, r.nextInt(5) == 0 ? null : COUNTRIES[r.nextInt(COUNTRIES.length)]);
            p.setObject(4, r.nextInt(3) == 0 ? null : 1 + r.nextInt(CUSTOMERS));
        });
        insert(raw, "INSERT INTO orders (id, customer_id, product_id, total, note) VALUES (?, ?, ?, ?, ?)", ORDERS,
                (p, i) -> {
                    p.setInt(1, i);
                    p.setObject(2, r.nextInt(10) == 0 ? null : 1 + r.nextInt(CUSTOMERS));
                    p.setInt(3, 1 + r.nextInt(PRODUCTS));
                    p.setInt(4, r.nextInt(500));
                    p.setString(5, r.nextInt(3) == 0 ? null : "n" + r.nextInt(10));
                });
        insert(raw, "INSERT INTO reviews (id, order_id, stars) VALUES (?, ?, ?)", REVIEWS, (p, i) -> {
            p.setInt(1, i);
            p.setObject(2, r.nextInt(10) == 0 ? null : 1 + r.nextInt(ORDERS));
            p.setInt(3, 1 + r.nextInt(5));
        });
        insert(raw, "INSERT INTO products (id, name, price, stock) VALUES (?, ?, ?, ?)", PRODUCTS, (p, i) -> {
            p.setInt(1, i);
            p.setString(2, "p" + i);
            p.setInt(3, r.nextInt(500));
            p.setInt(4, r.nextInt(50));
        });
        insert(raw, "INSERT INTO payments (id, order_id, amount) VALUES (?, ?, ?)", PAYMENTS, (p, i) -> {
            p.setInt(1, i);
            p.setObject(2, r.nextInt(3) == 0 ? 1 + r.nextInt(PAID_ORDERS) : null);
            p.setInt(3, r.nextInt(500));
        });
        try (Statement st = raw.createStatement()) {
            st.execute("ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id)"
                    + " ON DELETE CASCADE");
            st.execute("ALTER TABLE reviews ADD FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE");
            if (selfCascade(db)) {
                st.execute("ALTER TABLE customers ADD FOREIGN KEY (referrer) REFERENCES customers (id)"
                        + " ON DELETE CASCADE");
            }
            st.execute("ALTER TABLE payments ADD FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT");
        }
        if (!hard) {
            installGuards(raw, db);
        }
    }

    /** The soft database gets what a migration gives it: the guard triggers for children of deleted parents. */
    private static void installGuards(Connection raw, TestDatabase db) throws SQLException {
        Dialect dialect = db == TestDatabase.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.MARIADB;
        SoftDeleteConfig config;
        try {
            config = ConfigLoader.parse(config(db), "oracle");
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        try (Statement st = raw.createStatement()) {
            for (String sql : new GuardTriggers(config, CatalogReader.read(raw, dialect, config), dialect)
                    .statements()) {
                st.execute(sql);
            }
        }
    }

    private interface RowBinder {
        void bind(PreparedStatement p, int id) throws SQLException;
    }

    private static void insert(Connection raw, String sql, int rows, RowBinder binder) throws SQLException {
        try (PreparedStatement p = raw.prepareStatement(sql)) {
            for (int i = 1; i <= rows; i++) {
                binder.bind(p, i);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
