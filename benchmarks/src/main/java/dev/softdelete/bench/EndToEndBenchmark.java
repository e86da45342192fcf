package dev.softdelete.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
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
 * End to end on the local PostgreSQL and MariaDB, through a HikariCP pool of {@code jdbc:softdelete:} connections.
 *
 * <p>Each invocation borrows a pooled connection and runs the operation twice on the same physical connection: once
 * through the driver ({@code proxied}), once on the vendor's connection underneath it ({@code raw}, reached with
 * {@code unwrap(PGConnection.class)} or {@code unwrap(JdbcConnection.class)}), in alternating order. Two connections
 * to the same local server can differ by up to 4 times in round-trip time, whatever the driver; comparing on one
 * connection, operation by operation, removes that from the ratio. The times of both are kept in the counters
 * {@code rawNanos} and {@code proxiedNanos}: their quotient is the proxied throughput as a fraction of the raw one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {
    static final int CUSTOMERS = 1_000;
    static final int ORDERS = 5_000;
    static final int ITEMS = 10_000;
    /** Items each thread deletes and puts back, so that threads never delete each other's rows. */
    static final int ITEMS_PER_THREAD = 1_000;

    static final String PK_SELECT = "SELECT id, customer_id, total, note FROM bench_orders WHERE id = ?";
    static final String PK_UPDATE = "UPDATE bench_orders SET total = total + 1 WHERE id = ?";
    static final String DELETE = "DELETE FROM bench_items WHERE id = ?";
    static final String JOIN3 = "SELECT c.name, o.id, o.total, i.qty FROM bench_customers c"
            + " JOIN bench_orders o ON o.customer_id = c.id JOIN bench_items i ON i.order_id = o.id"
            + " WHERE c.id = ? AND EXISTS (SELECT 1 FROM bench_items x WHERE x.order_id = o.id AND x.qty > 0)";

    /** The pool, shared by the benchmark's threads, and the tables it works on. */
    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"postgresql", "mariadb"})
        public String db;

        HikariDataSource pool;
        Class<?> vendorConnection;
        String url;
        /** PK_SELECT as the driver rewrites it. */
        String rewrittenPkSelect;
        /** An engine like the driver's, for the controls that send the rewritten text raw. */
        RewriteEngine engine;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            boolean pg = "postgresql".equals(db);
            url = pg ? Databases.postgresUrl() : Databases.mysqlUrl();
            vendorConnection = Class.forName(pg ? "org.postgresql.PGConnection" : "com.mysql.cj.jdbc.JdbcConnection");
            try (Connection c = DriverManager.getConnection(url)) {
                Databases.createTables(c, pg);
            }
            HikariConfig hc = new HikariConfig();
            hc.setDriverClassName("dev.softdelete.jdbc.SoftDeleteDriver");
            hc.setJdbcUrl("jdbc:softdelete:" + url.substring("jdbc:".length()));
            hc.addDataSourceProperty("softdelete.config", "classpath:bench-softdelete.yml");
            hc.setMaximumPoolSize(8);
            hc.setMinimumIdle(8);
            hc.setPoolName("bench-" + db);
            if (pg) {
                // a commit need not wait for the disk: what is measured is the driver, not fsync
                hc.setConnectionInitSql("SET synchronous_commit TO off");
            }
            pool = new HikariDataSource(hc);
            engine = new RewriteEngines().engineFor("classpath:bench-softdelete.yml", Dialect.fromUrl(url));
            rewrittenPkSelect = engine.rewrite(PK_SELECT, Visibility.ACTIVE).sqlFor(PK_SELECT);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }

        /** The vendor's connection under a pooled soft-delete connection: the same physical connection. */
        Connection vendor(Connection pooled) throws SQLException {
            return (Connection) pooled.unwrap(vendorConnection);
        }
    }

    /** Per thread: where it is in its rows, and the time spent raw and proxied in the current iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timing {
        public long rawNanos;
        public long proxiedNanos;
        public long pairs;

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
            proxiedNanos = 0;
            pairs = 0;
        }

        long next(int modulo) {
            return 1 + (sequence++ % modulo);
        }

        /** This thread's own items. */
        long nextItem() {
            return 1 + thread * (long) ITEMS_PER_THREAD + (sequence++ % ITEMS_PER_THREAD);
        }
    }

    /** One operation on one connection. */
    @FunctionalInterface
    interface Op {
        long run(Connection c, long key) throws SQLException;
    }

    /** Runs {@code op} raw and proxied on the same connection, in alternating order, timing each. */
    private static long pair(Pool pool, Timing t, Op op, long key) throws SQLException {
        try (Connection proxied = pool.pool.getConnection()) {
            Connection raw = pool.vendor(proxied);
            long result;
            if ((t.pairs & 1) == 0) {
                long t0 = System.nanoTime();
                result = op.run(raw, key);
                long t1 = System.nanoTime();
                result += op.run(proxied, key);
                long t2 = System.nanoTime();
                t.rawNanos += t1 - t0;
                t.proxiedNanos += t2 - t1;
            } else {
                long t0 = System.nanoTime();
                result = op.run(proxied, key);
                long t1 = System.nanoTime();
                result += op.run(raw, key);
                long t2 = System.nanoTime();
                t.proxiedNanos += t1 - t0;
                t.rawNanos += t2 - t1;
            }
            t.pairs++;
            return result;
        }
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
    public long pkSelect(Pool pool, Timing t) throws SQLException {
        return pair(pool, t, (c, key) -> query(c, PK_SELECT, key), t.next(ORDERS));
    }

    /**
     * The control for {@link #pkSelect}: the raw side sends the text the driver sends (with the live predicate), so
     * the difference is the driver's own work alone, not the database's for the extra predicate.
     */
    @Benchmark
    public long pkSelectSameText(Pool pool, Timing t) throws SQLException {
        return pair(pool, t, (c, key) -> query(c, c.isWrapperFor(SoftDeleteConnection.class) ? PK_SELECT
                : pool.rewrittenPkSelect, key), t.next(ORDERS));
    }

    @Benchmark
    public long pkUpdate(Pool pool, Timing t) throws SQLException {
        return pair(pool, t, (c, key) -> update(c, PK_UPDATE, key), t.next(ORDERS));
    }

    @Benchmark
    public long join3(Pool pool, Timing t) throws SQLException {
        return pair(pool, t, (c, key) -> query(c, JOIN3, key), t.next(CUSTOMERS));
    }

    /**
     * A plain Statement whose text carries its values (legacy code): a new text every time, so the proxied side
     * takes the literal-shape path. The values differ between the raw and the proxied run of a pair.
     */
    @Benchmark
    public long literals(Pool pool, Timing t) throws SQLException {
        long key = t.next(ORDERS);
        long unique = t.sequence * 64 + t.thread;
        return pair(pool, t, (c, k) -> plainQuery(c, literalQuery(k, unique, c)), key);
    }

    /**
     * The control for {@link #literals}: the raw side sends the text as the driver rewrites it (rewritten before the
     * clock starts), so the difference is the driver's own work alone.
     */
    @Benchmark
    public long literalsSameText(Pool pool, Timing t) throws SQLException {
        long key = t.next(ORDERS);
        long unique = t.sequence * 64 + t.thread;
        try (Connection proxied = pool.pool.getConnection()) {
            Connection raw = pool.vendor(proxied);
            String rawText;
            try {
                String original = literalQuery(key, unique, raw);
                rawText = pool.engine.rewrite(original, Visibility.ACTIVE).sqlFor(original);
            } catch (StatementRefusedException e) {
                throw new IllegalStateException(e);
            }
            String proxiedText = literalQuery(key, unique, proxied);
            long result;
            if ((t.pairs & 1) == 0) {
                long t0 = System.nanoTime();
                result = plainQuery(raw, rawText);
                long t1 = System.nanoTime();
                result += plainQuery(proxied, proxiedText);
                long t2 = System.nanoTime();
                t.rawNanos += t1 - t0;
                t.proxiedNanos += t2 - t1;
            } else {
                long t0 = System.nanoTime();
                result = plainQuery(proxied, proxiedText);
                long t1 = System.nanoTime();
                result += plainQuery(raw, rawText);
                long t2 = System.nanoTime();
                t.proxiedNanos += t1 - t0;
                t.rawNanos += t2 - t1;
            }
            t.pairs++;
            return result;
        }
    }

    private static String literalQuery(long key, long unique, Connection c) {
        return "SELECT id, customer_id, total, note FROM bench_orders WHERE id = " + key + " AND note <> 'x" + unique
                + "-" + System.identityHashCode(c) + "'";
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

    /**
     * DELETE of one row by primary key: raw, a hard delete; proxied, a soft delete (the delete event's statement,
     * then the UPDATE). The row is put back after each, untimed, so that every delete has a row to remove.
     */
    @Benchmark
    public long delete(Pool pool, Timing t) throws SQLException {
        long item = t.nextItem();
        try (Connection proxied = pool.pool.getConnection()) {
            Connection raw = pool.vendor(proxied);
            long n;
            if ((t.pairs & 1) == 0) {
                long t0 = System.nanoTime();
                n = update(raw, DELETE, item);
                t.rawNanos += System.nanoTime() - t0;
                Databases.reinsertItem(raw, item);
                long t1 = System.nanoTime();
                n += update(proxied, DELETE, item);
                t.proxiedNanos += System.nanoTime() - t1;
                Databases.restoreItem(raw, item);
            } else {
                long t0 = System.nanoTime();
                n = update(proxied, DELETE, item);
                t.proxiedNanos += System.nanoTime() - t0;
                Databases.restoreItem(raw, item);
                long t1 = System.nanoTime();
                n += update(raw, DELETE, item);
                t.rawNanos += System.nanoTime() - t1;
                Databases.reinsertItem(raw, item);
            }
            t.pairs++;
            if (n != 2) {
                throw new IllegalStateException("item " + item + ": deleted " + n + " rows, not 1 + 1");
            }
            return n;
        }
    }
}
