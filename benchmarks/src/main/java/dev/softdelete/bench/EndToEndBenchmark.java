package dev.softdelete.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.TableMentionFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * End to end on the local PostgreSQL and MariaDB, with connections from a HikariCP pool of {@code jdbc:softdelete:}
 * connections.
 *
 * <p>Each invocation borrows a pooled connection and runs the operation three times on the same physical connection,
 * in rotating order: on the vendor's connection underneath (reached with {@code unwrap(PGConnection.class)} or
 * {@code unwrap(JdbcConnection.class)}) with the application's text ({@code raw}); on the vendor's connection with
 * the text the driver sends instead, rewritten before the clock starts ({@code sameText}); and through the driver's
 * connection ({@code proxied}, reached with {@code unwrap(SoftDeleteConnection.class)}). Two connections to the same
 * local server can differ by up to 4 times in round-trip time, whatever the driver; comparing on one connection,
 * operation by operation, removes that from the ratios. HikariCP's own proxy is left out of all three, since an
 * application pays it with or without this driver.
 *
 * <p>The counters {@code rawNanos}, {@code sameTextNanos} and {@code proxiedNanos} keep the time of each: raw /
 * proxied is the throughput through the driver as a fraction of the raw driver's; sameText / proxied is the
 * driver's own share of it (the rest is the database's work on the filtered statement).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {
    /** The calling thread's CPU time (about a microsecond per reading, the same for all three ways). */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    static final int CUSTOMERS = 1_000;
    static final int ORDERS = 5_000;
    static final int ITEMS = 10_000;
    /** Items each thread deletes and puts back, so that threads never delete each other's rows. */
    static final int ITEMS_PER_THREAD = 1_000;

    static final String PK_SELECT = "SELECT id, customer_id, total, note FROM bench_orders WHERE id = ?";
    static final String PK_UPDATE = "UPDATE bench_orders SET total = total + 1 WHERE id = ?";
    static final String DELETE = "DELETE FROM bench_items WHERE id = ?";
    /** On a table that is not configured: the driver sends it as written. */
    static final String PLAIN_PK_SELECT = "SELECT id, account, amount, note FROM bench_ledger WHERE id = ?";
    static final String JOIN3 = "SELECT c.name, o.id, o.total, i.qty FROM bench_customers c"
            + " JOIN bench_orders o ON o.customer_id = c.id JOIN bench_items i ON i.order_id = o.id"
            + " WHERE c.id = ? AND EXISTS (SELECT 1 FROM bench_items x WHERE x.order_id = o.id AND x.qty > 0)";

    /** The pool, shared by the benchmark's threads, and the tables it works on. */
    @State(Scope.Benchmark)
    public static class Pool {
        /**
         * The database, and for MariaDB the connector's prepared statements: prepared in the connector (its default:
         * every execution sends the whole text, which the server parses and plans again), or prepared on the server
         * and cached ({@code useServerPrepStmts=true&cachePrepStmts=true}).
         */
        @Param({"postgresql", "mariadb", "mariadb-server-prepared"})
        public String db;

        HikariDataSource pool;
        Class<?> vendorConnection;
        String url;
        /** An engine like the driver's, for the texts the driver sends. */
        RewriteEngine engine;
        /** The driver's pre-filter on the same configuration: the floor of the plain-table texts. */
        TableMentionFilter filter;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            boolean pg = "postgresql".equals(db);
            url = pg ? Databases.postgresUrl() : Databases.mysqlUrl();
            if (db.endsWith("-server-prepared")) {
                url += (url.contains("?") ? "&" : "?") + "useServerPrepStmts=true&cachePrepStmts=true";
            }
            vendorConnection = Class.forName(pg ? "org.postgresql.PGConnection" : "com.mysql.cj.jdbc.JdbcConnection");
            try (Connection c = DriverManager.getConnection(url)) {
                Databases.createTables(c, pg);
            }
            pool = Databases.pool(url, "bench-" + db, 8);
            engine = new RewriteEngine(RewriteEngines.locate("classpath:bench-softdelete.yml"), Dialect.fromUrl(url));
            filter = new TableMentionFilter(engine.config().tables().stream().map(TableConfig::name)
                    .collect(Collectors.toList()));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }

        /** What the driver sends for {@code sql}. */
        String sent(String sql) {
            return Databases.sent(engine, sql);
        }
    }

    /** Per thread: where it is in its rows, and the time spent in each way in the current iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timing {
        public long rawNanos;
        public long sameTextNanos;
        public long proxiedNanos;
        /** This thread's CPU time in each way: the client's own work, whatever the scheduler did meanwhile. */
        public long rawCpuNanos;
        public long sameTextCpuNanos;
        public long proxiedCpuNanos;
        public long rounds;

        int thread;
        long sequence;

        @Setup(Level.Trial)
        public void setUp(ThreadParams params) {
            thread = params.getThreadIndex();
            sequence = thread * 7919L;
        }

        @Setup(Level.Iteration)
        public void reset() {
            rawNanos = 0;
            sameTextNanos = 0;
            proxiedNanos = 0;
            rawCpuNanos = 0;
            sameTextCpuNanos = 0;
            proxiedCpuNanos = 0;
            rounds = 0;
        }

        long next(int modulo) {
            return 1 + (sequence++ % modulo);
        }

        /** A number no other text of this run has used: for texts the database has never seen. */
        long unique() {
            return sequence++ * 64 + thread;
        }

        /** This thread's own items. */
        long nextItem() {
            return 1 + thread * (long) ITEMS_PER_THREAD + (sequence++ % ITEMS_PER_THREAD);
        }
    }

    /** One operation with one text on one connection. */
    @FunctionalInterface
    interface Op {
        long run(Connection c, String sql, long key) throws SQLException;
    }

    /**
     * Runs {@code op} raw with {@code rawSql}, raw with {@code sameText} (what the driver sends) and through the
     * driver with {@code proxiedSql}, on the same physical connection, each in every position in turn.
     */
    private static long trio(Pool pool, Timing t, Op op, long key, String rawSql, String sameText, String proxiedSql)
            throws SQLException {
        return trio(pool, t, op, op, key, rawSql, sameText, proxiedSql);
    }

    /** As {@link #trio(Pool, Timing, Op, long, String, String, String)}, with {@code middle} for the second way. */
    private static long trio(Pool pool, Timing t, Op op, Op middle, long key, String rawSql, String sameText,
            String proxiedSql) throws SQLException {
        return trio(pool, t, op, middle, false, key, rawSql, sameText, proxiedSql);
    }

    /**
     * As {@link #trio(Pool, Timing, Op, Op, long, String, String, String)}; {@code middleOnPooled}: the second way
     * runs on HikariCP's proxy over the driver's connection instead of on the vendor's connection.
     */
    private static long trio(Pool pool, Timing t, Op op, Op middle, boolean middleOnPooled, long key, String rawSql,
            String sameText, String proxiedSql) throws SQLException {
        try (Connection pooled = pool.pool.getConnection()) {
            Connection proxied = pooled.unwrap(SoftDeleteConnection.class);
            Connection raw = (Connection) pooled.unwrap(pool.vendorConnection);
            Connection second = middleOnPooled ? pooled : raw;
            long result = 0;
            int first = (int) (t.rounds % 3);
            for (int k = 0; k < 3; k++) {
                int which = (first + k) % 3;
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                if (which == 0) {
                    result += op.run(raw, rawSql, key);
                    t.rawNanos += System.nanoTime() - t0;
                    t.rawCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                } else if (which == 1) {
                    result += middle.run(second, sameText, key);
                    t.sameTextNanos += System.nanoTime() - t0;
                    t.sameTextCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                } else {
                    result += op.run(proxied, proxiedSql, key);
                    t.proxiedNanos += System.nanoTime() - t0;
                    t.proxiedCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                }
            }
            t.rounds++;
            return result;
        }
    }

    /** A prepared statement, the same text every time: the driver's cache answers. */
    private static long prepared(Pool pool, Timing t, Op op, long key, String sql, String sent) throws SQLException {
        return trio(pool, t, op, key, sql, sent, sql);
    }

    private static long query(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n += rs.getLong(2);
                }
            }
            return n;
        }
    }

    private static long update(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            return ps.executeUpdate();
        }
    }

    @Benchmark
    public long pkSelect(Pool pool, Timing t, Texts texts) throws SQLException {
        return prepared(pool, t, EndToEndBenchmark::query, t.next(ORDERS), PK_SELECT, texts.pkSelect);
    }

    @Benchmark
    public long pkUpdate(Pool pool, Timing t, Texts texts) throws SQLException {
        return prepared(pool, t, EndToEndBenchmark::update, t.next(ORDERS), PK_UPDATE, texts.pkUpdate);
    }

    @Benchmark
    public long join3(Pool pool, Timing t, Texts texts) throws SQLException {
        return prepared(pool, t, EndToEndBenchmark::query, t.next(CUSTOMERS), JOIN3, texts.join3);
    }

    /** What the driver sends for the prepared statements, computed once per trial. */
    @State(Scope.Benchmark)
    public static class Texts {
        String pkSelect;
        String pkUpdate;
        String join3;

        @Setup(Level.Trial)
        public void setUp(Pool pool) {
            pkSelect = pool.sent(PK_SELECT);
            pkUpdate = pool.sent(PK_UPDATE);
            join3 = pool.sent(JOIN3);
        }
    }

    /**
     * A plain Statement whose text carries its values (legacy code): a new text every time, for the database as for
     * the driver, which takes the literal-shape path. Each of the three runs has values of its own.
     */
    @Benchmark
    public long literals(Pool pool, Timing t) throws SQLException {
        long key = t.next(ORDERS);
        String sameText = pool.sent(literalQuery(key, t.unique()));
        return trio(pool, t, (c, sql, k) -> plainQuery(c, sql), key, literalQuery(key, t.unique()), sameText,
                literalQuery(key, t.unique()));
    }

    static String literalQuery(long key, long unique) {
        return "SELECT id, customer_id, total, note FROM bench_orders WHERE id = " + key + " AND note <> 'x" + unique
                + "'";
    }

    private static long plainQuery(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            long n = 0;
            while (rs.next()) {
                n += rs.getLong(2);
            }
            return n;
        }
    }

    /** A prepared PK SELECT on a plain table (no configured table): the driver's pre-filter lets it through. */
    @Benchmark
    public long plainTablePrepared(Pool pool, Timing t) throws SQLException {
        return prepared(pool, t, EndToEndBenchmark::query, t.next(ORDERS), PLAIN_PK_SELECT, PLAIN_PK_SELECT);
    }

    /**
     * What one more delegation layer costs on the path of {@link #plainTablePrepared}: its middle way runs the same
     * statement through HikariCP's proxy over the driver's connection (a layer generated at build time, which tracks
     * open statements and wraps each result set, as the driver's wrappers do, and rewrites nothing). Proxied over the
     * middle way is a thin wrapper's own cost on this machine: the least any proxy driver adds to the raw driver.
     */
    @Benchmark
    public long plainTableLayer(Pool pool, Timing t) throws SQLException {
        Op query = EndToEndBenchmark::query;
        return trio(pool, t, query, query, true, t.next(ORDERS), PLAIN_PK_SELECT, PLAIN_PK_SELECT, PLAIN_PK_SELECT);
    }

    /**
     * A plain Statement on a plain table with new literals every time: the driver's cache misses and its pre-filter
     * passes over each text once. Each of the three runs has values of its own.
     */
    @Benchmark
    public long plainTableLiterals(Pool pool, Timing t) throws SQLException {
        long key = t.next(ORDERS);
        return trio(pool, t, (c, sql, k) -> plainQuery(c, sql), key, plainLiteralQuery(key, t.unique()),
                plainLiteralQuery(key, t.unique()), plainLiteralQuery(key, t.unique()));
    }

    /**
     * The floor of {@link #plainTableLiterals}: in the middle way the raw driver sends the text after the driver's
     * pre-filter alone has read it, the least a driver that looks at each new text can do. Its ratio to raw is the best
     * any such driver reaches on this machine; proxied against it is what the driver adds beyond that pass.
     */
    @Benchmark
    public long plainTableFloor(Pool pool, Timing t) throws SQLException {
        long key = t.next(ORDERS);
        Op send = (c, sql, k) -> plainQuery(c, sql);
        Op filteredSend = (c, sql, k) -> {
            if (pool.filter.mentionsConfiguredTable(sql)) {
                throw new IllegalStateException("the plain-table text names a configured table: " + sql);
            }
            return plainQuery(c, sql);
        };
        return trio(pool, t, send, filteredSend, key, plainLiteralQuery(key, t.unique()),
                plainLiteralQuery(key, t.unique()), plainLiteralQuery(key, t.unique()));
    }

    static String plainLiteralQuery(long key, long unique) {
        return "SELECT id, account, amount, note FROM bench_ledger WHERE id = " + key + " AND note <> 'x" + unique
                + "'";
    }

    /**
     * DELETE of one row by primary key: raw, a hard delete; proxied, a soft delete (one self-timed UPDATE: bench_items
     * has no cascade). The row is put back after each, untimed, so that every delete has a row to remove.
     */
    @Benchmark
    public long delete(Pool pool, Timing t) throws SQLException {
        long item = t.nextItem();
        try (Connection pooled = pool.pool.getConnection()) {
            Connection proxied = pooled.unwrap(SoftDeleteConnection.class);
            Connection raw = (Connection) pooled.unwrap(pool.vendorConnection);
            long n;
            if ((t.rounds & 1) == 0) {
                n = timedDelete(raw, item, t, false);
                Databases.reinsertItem(raw, item);
                n += timedDelete(proxied, item, t, true);
                Databases.restoreItem(raw, item);
            } else {
                n = timedDelete(proxied, item, t, true);
                Databases.restoreItem(raw, item);
                n += timedDelete(raw, item, t, false);
                Databases.reinsertItem(raw, item);
            }
            t.rounds++;
            if (n != 2) {
                throw new IllegalStateException("item " + item + ": deleted " + n + " rows, not 1 + 1");
            }
            return n;
        }
    }

    /** One DELETE, timed: a hard delete on the vendor's connection, or a soft delete through the driver's. */
    private static long timedDelete(Connection c, long item, Timing t, boolean throughDriver) throws SQLException {
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long n = update(c, DELETE, item);
        long elapsed = System.nanoTime() - t0;
        long cpu = CPU.getCurrentThreadCpuTime() - c0;
        if (throughDriver) {
            t.proxiedNanos += elapsed;
            t.proxiedCpuNanos += cpu;
        } else {
            t.rawNanos += elapsed;
            t.rawCpuNanos += cpu;
        }
        return n;
    }
}
