package dev.softdelete.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The local databases the end-to-end benchmarks use, and the tables they create there. */
final class Databases {
    static final String POSTGRES_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/softdelete_it?user=postgres";
    static final String MYSQL_DEFAULT = "jdbc:mysql://127.0.0.1:3306/softdelete_it?user=root&password="
            + "&sslMode=DISABLED&allowPublicKeyRetrieval=true";

    private Databases() {
    }

    /** SOFTDELETE_BENCH_POSTGRES_URL, else SOFTDELETE_IT_POSTGRES_URL, else the local default. */
    static String postgresUrl() {
        return firstSet("SOFTDELETE_BENCH_POSTGRES_URL", "SOFTDELETE_IT_POSTGRES_URL", POSTGRES_DEFAULT);
    }

    /** SOFTDELETE_BENCH_MYSQL_URL, else SOFTDELETE_IT_MYSQL_URL, else the local default. */
    static String mysqlUrl() {
        return firstSet("SOFTDELETE_BENCH_MYSQL_URL", "SOFTDELETE_IT_MYSQL_URL", MYSQL_DEFAULT);
    }

    /**
     * A HikariCP pool of {@code size} {@code jdbc:softdelete:} connections to {@code url}, with the benchmarks'
     * configuration; on PostgreSQL a commit does not wait for the disk (what is measured is the driver, not fsync).
     */
    static HikariDataSource pool(String url, String name, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setDriverClassName("dev.softdelete.jdbc.SoftDeleteDriver");
        hc.setJdbcUrl("jdbc:softdelete:" + url.substring("jdbc:".length()));
        hc.addDataSourceProperty("softdelete.config", "classpath:bench-softdelete.yml");
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        hc.setPoolName(name);
        if (url.startsWith("jdbc:postgresql:")) {
            hc.setConnectionInitSql("SET synchronous_commit TO off");
        }
        return new HikariDataSource(hc);
    }

    /** What the driver sends for {@code sql}, as {@code engine} rewrites it. */
    static String sent(RewriteEngine engine, String sql) {
        try {
            return engine.rewrite(sql, Visibility.ACTIVE).sqlFor(sql);
        } catch (StatementRefusedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstSet(String variable, String fallback, String otherwise) {
        String v = System.getenv(variable);
        if (v == null || v.isBlank()) {
            v = System.getenv(fallback);
        }
        return v == null || v.isBlank() ? otherwise : v;
    }

    /** (Re)creates bench_customers, bench_orders, bench_items and the plain bench_ledger, with their rows. */
    static void createTables(Connection c, boolean postgres) throws SQLException {
        String ts = postgres ? "TIMESTAMP" : "DATETIME(6)";
        String flag = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + ts + " NULL";
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_items");
            st.execute("DROP TABLE IF EXISTS bench_orders");
            st.execute("DROP TABLE IF EXISTS bench_customers");
            st.execute("DROP TABLE IF EXISTS bench_ledger");
            // a plain table: its name contains no configured table's, so the pre-filter lets its statements pass
            st.execute("CREATE TABLE bench_ledger (id BIGINT PRIMARY KEY, account BIGINT NOT NULL,"
                    + " amount DECIMAL(12, 2) NOT NULL, note VARCHAR(100))");
            st.execute("CREATE TABLE bench_customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, " + flag + ")");
            st.execute("CREATE TABLE bench_orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                    + " total DECIMAL(12, 2) NOT NULL, note VARCHAR(100), " + flag + ")");
            st.execute("CREATE INDEX bench_orders_customer ON bench_orders (customer_id)");
            st.execute("CREATE TABLE bench_items (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, qty INT NOT NULL, "
                    + flag + ")");
            st.execute("CREATE INDEX bench_items_order ON bench_items (order_id)");
            insert(st, "bench_customers (id, name)", EndToEndBenchmark.CUSTOMERS, i -> i + ", 'customer " + i + "'");
            insert(st, "bench_orders (id, customer_id, total, note)", EndToEndBenchmark.ORDERS,
                    i -> i + ", " + (1 + (i - 1) % EndToEndBenchmark.CUSTOMERS) + ", " + (i % 500) + ", 'note " + i
                            + "'");
            insert(st, "bench_items (id, order_id, qty)", EndToEndBenchmark.ITEMS,
                    i -> i + ", " + (1 + (i - 1) % EndToEndBenchmark.ORDERS) + ", " + (1 + i % 3));
            insert(st, "bench_ledger (id, account, amount, note)", EndToEndBenchmark.ORDERS,
                    i -> i + ", " + (1 + (i - 1) % EndToEndBenchmark.CUSTOMERS) + ", " + (i % 500) + ", 'entry " + i
                            + "'");
            for (String table : new String[] {"bench_customers", "bench_orders", "bench_items", "bench_ledger"}) {
                st.execute("ANALYZE " + (postgres ? "" : "TABLE ") + table);
            }
        }
    }

    private interface Row {
        String values(int i);
    }

    private static void insert(Statement st, String into, int rows, Row row) throws SQLException {
        for (int from = 1; from <= rows; from += 1_000) {
            StringBuilder b = new StringBuilder("INSERT INTO ").append(into).append(" VALUES ");
            for (int i = from; i < from + 1_000 && i <= rows; i++) {
                b.append(i == from ? "(" : ", (").append(row.values(i)).append(')');
            }
            st.execute(b.toString());
        }
    }

    /** Puts back an item the raw side deleted for good. */
    static void reinsertItem(Connection raw, long item) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(
                "INSERT INTO bench_items (id, order_id, qty) VALUES (?, ?, ?)")) {
            ps.setLong(1, item);
            ps.setLong(2, 1 + (item - 1) % EndToEndBenchmark.ORDERS);
            ps.setInt(3, (int) (1 + item % 3));
            ps.executeUpdate();
        }
    }

    /** Brings back an item the proxied side soft-deleted. */
    static void restoreItem(Connection raw, long item) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement(
                "UPDATE bench_items SET is_deleted = FALSE, deleted_at = NULL WHERE id = ?")) {
            ps.setLong(1, item);
            ps.executeUpdate();
        }
    }
}
