package dev.softdelete.clients.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two shop databases of one {@link Target}, next to whatever database its URL names: {@value #HARD}, reached
 * raw, where DELETE really deletes and foreign keys cascade, and {@value #SOFT}, reached through softdelete-jdbc with
 * the class path's {@code softdelete.yml}. Both hold the same schema ({@code shop/schema-*.sql}) and rows
 * ({@code shop/data.sql}) after {@link #reset()}. These databases belong to the client tests alone; the integration
 * tests use others.
 */
public final class ShopDatabases {
    /** The reference database: reached raw, DELETE deletes. */
    public static final String HARD = "softdelete_clients_hard";
    /** The database behind the driver. */
    public static final String SOFT = "softdelete_clients_soft";
    /** Every table of the shop, parents first. */
    public static final List<String> TABLES =
            List.of("customers", "products", "orders", "order_lines", "reviews", "audit_log");
    /** The tables softdelete.yml configures. */
    public static final List<String> SOFT_TABLES = List.of("customers", "orders", "order_lines", "reviews");
    /** The driver's class, for clients that want one. */
    public static final String DRIVER_CLASS = "dev.softdelete.jdbc.SoftDeleteDriver";

    private static final Map<Target, ShopDatabases> BY_TARGET = new HashMap<>();

    private final Engine engine;
    private final String hardUrl;
    private final String softRawUrl;
    private final Map<String, Set<Long>> storedAfterReset = new HashMap<>();

    private ShopDatabases(Engine engine, String hardUrl, String softRawUrl) {
        this.engine = engine;
        this.hardUrl = hardUrl;
        this.softRawUrl = softRawUrl;
    }

    /** The shop databases of {@code target}, created on its server if missing (skips/fails if it is unreachable). */
    public static synchronized ShopDatabases of(Target target) throws SQLException {
        ShopDatabases shop = BY_TARGET.get(target);
        if (shop == null) {
            Engine engine = target.engine();
            String raw = target.rawUrl();
            shop = new ShopDatabases(engine, ensure(engine, raw, HARD), ensure(engine, raw, SOFT));
            BY_TARGET.put(target, shop);
        }
        return shop;
    }

    private static String ensure(Engine engine, String rawUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(rawUrl); Statement st = c.createStatement()) {
            if (engine == Engine.POSTGRESQL) {
                boolean exists;
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    st.execute("CREATE DATABASE " + name);
                }
            } else {
                st.execute("CREATE DATABASE IF NOT EXISTS " + name);
            }
        }
        return withDatabase(rawUrl, name);
    }

    /** {@code jdbc:x://host:port/db?params} with {@code db} replaced by {@code name}. */
    static String withDatabase(String url, String name) {
        int hostStart = url.indexOf("//");
        int pathStart = hostStart < 0 ? -1 : url.indexOf('/', hostStart + 2);
        if (pathStart < 0) {
            throw new IllegalArgumentException("cannot find the database name in " + JdbcServers.redact(url));
        }
        int end = pathStart + 1;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != ';') {
            end++;
        }
        return url.substring(0, pathStart + 1) + name + url.substring(end);
    }

    public Engine engine() {
        return engine;
    }

    /** Raw URL of the reference database. */
    public String hardUrl() {
        return hardUrl;
    }

    /** Raw URL of the soft database: what is stored, deleted rows included. */
    public String softRawUrl() {
        return softRawUrl;
    }

    /** {@code jdbc:softdelete:} URL of the soft database: what the application sees. */
    public String softUrl() {
        return "jdbc:softdelete:" + softRawUrl.substring("jdbc:".length());
    }

    /** {@link #hardUrl()} or {@link #softUrl()}. */
    public String url(boolean soft) {
        return soft ? softUrl() : hardUrl;
    }

    /** The class path resource with this engine's schema script. */
    public String schemaScript() {
        return "shop/schema-" + engine.scriptSuffix() + ".sql";
    }

    /** The class path resource with the seed rows. */
    public static String dataScript() {
        return "shop/data.sql";
    }

    public Connection hard() throws SQLException {
        return DriverManager.getConnection(hardUrl);
    }

    public Connection softRaw() throws SQLException {
        return DriverManager.getConnection(softRawUrl);
    }

    public Connection soft() throws SQLException {
        return DriverManager.getConnection(softUrl());
    }

    /** Drops and recreates the shop in both databases, with the seed rows, on raw connections. */
    public void reset() throws SQLException {
        for (Connection c : List.of(hard(), softRaw())) {
            try (c; Statement st = c.createStatement()) {
                // A transaction a failed test left open must fail the reset quickly, not hang it on a lock.
                st.execute(engine == Engine.POSTGRESQL
                        ? "SET lock_timeout = '20s'" : "SET SESSION lock_wait_timeout = 20");
                SqlScript.run(c, schemaScript());
                SqlScript.run(c, dataScript());
            }
        }
        installGuards();
        rememberStoredRows();
    }

    /**
     * The soft database gets what a migration gives it (the CLI's {@code migrate}): the guard triggers that fail a
     * write of a child whose parent is soft-deleted, as the foreign key fails for a parent that is gone.
     */
    private void installGuards() throws SQLException {
        Dialect dialect = engine == Engine.POSTGRESQL ? Dialect.POSTGRESQL
                : engine == Engine.MYSQL ? Dialect.MYSQL : Dialect.MARIADB;
        SoftDeleteConfig config = RewriteEngines.locate("classpath:softdelete.yml");
        try (Connection raw = softRaw(); Statement st = raw.createStatement()) {
            for (String statement : new GuardTriggers(config, CatalogReader.read(raw, dialect, config), dialect)
                    .statements()) {
                st.execute(statement);
            }
        }
    }

    /** Takes the soft database's stored rows as they are now as the ones that must never disappear. */
    public void rememberStoredRows() throws SQLException {
        try (Connection raw = softRaw()) {
            for (String table : SOFT_TABLES) {
                storedAfterReset.put(table, ids(raw, table, ""));
            }
        }
    }

    /** Runs each statement raw on the hard database and through the driver on the soft one; same update counts. */
    public void deleteOnBoth(String... statements) throws SQLException {
        try (Connection hard = hard(); Connection soft = soft();
             Statement h = hard.createStatement(); Statement s = soft.createStatement()) {
            for (String sql : statements) {
                int expected = h.executeUpdate(sql);
                assertThat(s.executeUpdate(sql)).as("update count of %s", sql).isEqualTo(expected);
                assertThat(expected).as("%s changes something in the reference database", sql).isPositive();
            }
        }
    }

    /**
     * The whole shop, compared: every table reads the same through the driver as raw in the hard database; in the
     * soft database no row of a configured table has gone, each row the hard database lost is stored and marked
     * deleted with a timestamp, each row it kept is live.
     */
    public void assertSameShop() throws SQLException {
        try (Connection hard = hard(); Connection soft = soft(); Connection raw = softRaw()) {
            for (String table : TABLES) {
                String all = "SELECT * FROM " + table + " ORDER BY id";
                assertThat(rows(soft, all)).as("%s: %s through the driver vs. the hard-delete reference", engine,
                        table).isEqualTo(rows(hard, all));
            }
            for (String table : SOFT_TABLES) {
                Set<Long> stored = ids(raw, table, "");
                Set<Long> kept = ids(hard, table, "");
                assertThat(stored).as("%s: rows of %s physically removed", engine, table)
                        .containsAll(storedAfterReset.getOrDefault(table, Set.of()))
                        .containsAll(kept);
                Set<Long> marked = ids(raw, table, " WHERE is_deleted AND deleted_at IS NOT NULL");
                Set<Long> gone = new TreeSet<>(stored);
                gone.removeAll(kept);
                assertThat(marked).as("%s: rows of %s marked deleted = rows the hard database lost", engine, table)
                        .isEqualTo(gone);
            }
        }
    }

    /** Ids of {@code table} deleted in the soft database (raw read). */
    public Set<Long> softDeletedIds(String table) throws SQLException {
        try (Connection raw = softRaw()) {
            return ids(raw, table, " WHERE is_deleted");
        }
    }

    /** Distinct {@code deleted_at} values among the soft-deleted rows of the given tables, for one-event checks. */
    public Set<String> deletionTimestamps(String... tables) throws SQLException {
        Set<String> stamps = new TreeSet<>();
        try (Connection raw = softRaw(); Statement st = raw.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT deleted_at FROM " + table + " WHERE is_deleted")) {
                    while (rs.next()) {
                        stamps.add(rs.getString(1));
                    }
                }
            }
        }
        return stamps;
    }

    /** Ids of {@code table} matching {@code where} (with its leading space and keyword, or empty). */
    public static Set<Long> ids(Connection c, String table, String where) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + table + where)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Every row of a query as {@code col=value, ...}, values as the JDBC driver renders them as text. */
    public static List<String> rows(Connection c, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? ", " : "").append(meta.getColumnLabel(i).toLowerCase()).append('=')
                            .append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
