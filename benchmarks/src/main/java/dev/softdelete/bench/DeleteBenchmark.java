package dev.softdelete.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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

/**
 * The soft DELETE against the hard DELETE of the same rows, on the same physical connection, interleaved in
 * rotating order (see {@link EndToEndBenchmark} for why):
 * <ul>
 * <li>{@code hard} ({@code rawNanos}): the application's DELETE on the vendor's connection, which really deletes;</li>
 * <li>{@code middle} ({@code sameTextNanos}): on the vendor's connection, for a table without cascades the text the
 * driver sends (its own share is the difference to {@code soft}); for the cascade, the whole soft delete written by
 * hand as one statement (PostgreSQL: UPDATEs chained in data-modifying CTEs; MariaDB: one multi-table UPDATE over
 * LEFT JOINs), the experiment that says what a one-statement cascade would cost;</li>
 * <li>{@code soft} ({@code proxiedNanos}): the application's DELETE through the driver.</li>
 * </ul>
 * Every deleted row is put back after each, untimed: reinserted after the hard delete, restored by a plain UPDATE
 * after the soft one. {@code bench_leaves} has no cascade and nothing references it: its soft delete is one
 * self-timed statement. {@code bench_tree_a} has two children in {@code bench_tree_b} with one child each in
 * {@code bench_tree_c}, by foreign keys with ON DELETE CASCADE: a two-level cascade of 5 rows.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeleteBenchmark {
    static final int LEAVES = 10_000;
    static final int TREES = 2_000;
    static final String DELETE_LEAF = "DELETE FROM bench_leaves WHERE id = ?";
    static final String DELETE_TREE = "DELETE FROM bench_tree_a WHERE id = ?";

    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"postgresql", "mariadb"})
        public String db;

        boolean pg;
        HikariDataSource pool;
        Class<?> vendorConnection;
        RewriteEngine engine;
        /** What the driver sends for the prepared DELETE of a leaf. */
        String leafSent;
        /** The two-level soft delete as one statement, one parameter: the root's id. */
        String treeInOne;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            pg = "postgresql".equals(db);
            String url = pg ? Databases.postgresUrl() : Databases.mysqlUrl();
            vendorConnection = Class.forName(pg ? "org.postgresql.PGConnection" : "com.mysql.cj.jdbc.JdbcConnection");
            try (Connection c = DriverManager.getConnection(url)) {
                createTables(c, pg);
            }
            pool = Databases.pool(url, "bench-delete-" + db, 2);
            try (Connection c = pool.getConnection()) {
                c.unwrap(SoftDeleteConnection.class).refreshCatalog();
            }
            Dialect dialect = Dialect.fromUrl(url);
            engine = new RewriteEngine(RewriteEngines.locate("classpath:bench-softdelete.yml"), dialect);
            leafSent = sent(DELETE_LEAF);
            String now = dialect.statementTimestamp();
            treeInOne = pg
                    ? "WITH a AS (UPDATE bench_tree_a SET is_deleted = TRUE, deleted_at = " + now
                            + " WHERE id = ? AND is_deleted = FALSE RETURNING id),"
                            + " b AS (UPDATE bench_tree_b SET is_deleted = TRUE, deleted_at = " + now
                            + " WHERE a_id IN (SELECT id FROM a) AND is_deleted = FALSE RETURNING id)"
                            + " UPDATE bench_tree_c SET is_deleted = TRUE, deleted_at = " + now
                            + " WHERE b_id IN (SELECT id FROM b) AND is_deleted = FALSE"
                    : "UPDATE bench_tree_a a LEFT JOIN bench_tree_b b ON b.a_id = a.id AND b.is_deleted = FALSE"
                            + " LEFT JOIN bench_tree_c c ON c.b_id = b.id AND c.is_deleted = FALSE"
                            + " SET a.is_deleted = TRUE, a.deleted_at = " + now + ", b.is_deleted = TRUE,"
                            + " b.deleted_at = " + now + ", c.is_deleted = TRUE, c.deleted_at = " + now
                            + " WHERE a.id = ? AND a.is_deleted = FALSE";
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }

        String sent(String sql) {
            return Databases.sent(engine, sql);
        }
    }

    static void createTables(Connection c, boolean pg) throws SQLException {
        String flags = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + (pg ? "TIMESTAMP" : "DATETIME(6)")
                + " NULL";
        try (Statement st = c.createStatement()) {
            for (String t : new String[] {"bench_tree_c", "bench_tree_b", "bench_tree_a", "bench_leaves"}) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            st.execute("CREATE TABLE bench_leaves (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, " + flags + ")");
            st.execute("CREATE TABLE bench_tree_a (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, " + flags + ")");
            st.execute("CREATE TABLE bench_tree_b (id BIGINT PRIMARY KEY, a_id BIGINT NOT NULL REFERENCES"
                    + " bench_tree_a (id) ON DELETE CASCADE, " + flags + ")");
            st.execute("CREATE TABLE bench_tree_c (id BIGINT PRIMARY KEY, b_id BIGINT NOT NULL REFERENCES"
                    + " bench_tree_b (id) ON DELETE CASCADE, " + flags + ")");
            st.execute("CREATE INDEX bench_tree_b_a ON bench_tree_b (a_id)");
            st.execute("CREATE INDEX bench_tree_c_b ON bench_tree_c (b_id)");
            // as softdelete-cli migrate makes them, on tables with children only: a cascade finds the event's rows
            // by their timestamp
            for (String t : new String[] {"bench_tree_a", "bench_tree_b"}) {
                st.execute("CREATE INDEX " + t + "_deleted_at ON " + t + " (deleted_at)");
            }
            for (int from = 1; from <= LEAVES; from += 1_000) {
                StringBuilder b = new StringBuilder("INSERT INTO bench_leaves (id, name) VALUES ");
                for (int i = from; i < from + 1_000; i++) {
                    b.append(i == from ? "" : ", ").append('(').append(i).append(", 'leaf ").append(i).append("')");
                }
                st.execute(b.toString());
            }
            for (int from = 1; from <= TREES; from += 500) {
                StringBuilder a = new StringBuilder("INSERT INTO bench_tree_a (id, name) VALUES ");
                StringBuilder b = new StringBuilder("INSERT INTO bench_tree_b (id, a_id) VALUES ");
                StringBuilder cc = new StringBuilder("INSERT INTO bench_tree_c (id, b_id) VALUES ");
                for (int i = from; i < from + 500; i++) {
                    String sep = i == from ? "" : ", ";
                    a.append(sep).append('(').append(i).append(", 'tree ").append(i).append("')");
                    b.append(sep).append('(').append(2 * i).append(", ").append(i).append("), (").append(2 * i + 1)
                            .append(", ").append(i).append(')');
                    cc.append(sep).append('(').append(2 * i).append(", ").append(2 * i).append("), (")
                            .append(2 * i + 1).append(", ").append(2 * i + 1).append(')');
                }
                st.execute(a.toString());
                st.execute(b.toString());
                st.execute(cc.toString());
            }
            for (String t : new String[] {"bench_leaves", "bench_tree_a", "bench_tree_b", "bench_tree_c"}) {
                st.execute("ANALYZE " + (pg ? "" : "TABLE ") + t);
            }
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timing {
        public long rawNanos;
        public long sameTextNanos;
        public long proxiedNanos;
        public long rounds;
        long sequence;

        @Setup(Level.Iteration)
        public void reset() {
            rawNanos = 0;
            sameTextNanos = 0;
            proxiedNanos = 0;
            rounds = 0;
        }

        long next(int modulo) {
            return 1 + (sequence++ % modulo);
        }
    }

    /** One way to delete row {@code id}: returns the rows it reports. */
    @FunctionalInterface
    interface Way {
        long delete(Connection c, long id) throws SQLException;
    }

    /**
     * Deletes {@code id} the hard way, the middle way and the soft way on one physical connection, in rotating order,
     * each in autocommit mode or in a transaction of its own; puts the rows back after each, untimed.
     */
    private static long trio(Pool pool, Timing t, long id, boolean inTransaction, boolean tree, Way hard,
            Way middle, Way soft) throws SQLException {
        try (Connection pooled = pool.pool.getConnection()) {
            Connection proxied = pooled.unwrap(SoftDeleteConnection.class);
            Connection raw = (Connection) pooled.unwrap(pool.vendorConnection);
            long n = 0;
            int first = (int) (t.rounds % 3);
            for (int k = 0; k < 3; k++) {
                int which = (first + k) % 3;
                Connection c = which == 2 ? proxied : raw;
                long t0 = System.nanoTime();
                if (inTransaction) {
                    c.setAutoCommit(false);
                }
                long rows = (which == 0 ? hard : which == 1 ? middle : soft).delete(c, id);
                if (inTransaction) {
                    c.commit();
                    c.setAutoCommit(true);
                }
                long elapsed = System.nanoTime() - t0;
                if (which == 0) {
                    t.rawNanos += elapsed;
                    putBack(raw, id, tree);
                } else {
                    if (which == 1) {
                        t.sameTextNanos += elapsed;
                    } else {
                        t.proxiedNanos += elapsed;
                    }
                    restore(raw, id, tree);
                }
                n += rows;
            }
            t.rounds++;
            return n;
        }
    }

    private static void putBack(Connection raw, long id, boolean tree) throws SQLException {
        try (Statement st = raw.createStatement()) {
            if (!tree) {
                st.executeUpdate("INSERT INTO bench_leaves (id, name) VALUES (" + id + ", 'leaf " + id + "')");
                return;
            }
            st.executeUpdate("INSERT INTO bench_tree_a (id, name) VALUES (" + id + ", 'tree " + id + "')");
            st.executeUpdate("INSERT INTO bench_tree_b (id, a_id) VALUES (" + 2 * id + ", " + id + "), ("
                    + (2 * id + 1) + ", " + id + ")");
            st.executeUpdate("INSERT INTO bench_tree_c (id, b_id) VALUES (" + 2 * id + ", " + 2 * id + "), ("
                    + (2 * id + 1) + ", " + (2 * id + 1) + ")");
        }
    }

    private static void restore(Connection raw, long id, boolean tree) throws SQLException {
        String live = " SET is_deleted = FALSE, deleted_at = NULL WHERE ";
        try (Statement st = raw.createStatement()) {
            if (!tree) {
                st.executeUpdate("UPDATE bench_leaves" + live + "id = " + id);
                return;
            }
            st.executeUpdate("UPDATE bench_tree_a" + live + "id = " + id);
            st.executeUpdate("UPDATE bench_tree_b" + live + "a_id = " + id);
            st.executeUpdate("UPDATE bench_tree_c" + live + "b_id IN (" + 2 * id + ", " + (2 * id + 1) + ")");
        }
    }

    private static long prepared(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }

    private static long plain(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private static String leafWithLiteral(long id) {
        return "DELETE FROM bench_leaves WHERE id = " + id;
    }

    private long leafPrepared(Pool pool, Timing t, boolean inTransaction) throws SQLException {
        long n = trio(pool, t, t.next(LEAVES), inTransaction, false, (c, id) -> prepared(c, DELETE_LEAF, id),
                (c, id) -> prepared(c, pool.leafSent, id), (c, id) -> prepared(c, DELETE_LEAF, id));
        return check(n, 3);
    }

    private long leafPlain(Pool pool, Timing t, boolean inTransaction) throws SQLException {
        long n = trio(pool, t, t.next(LEAVES), inTransaction, false, (c, id) -> plain(c, leafWithLiteral(id)),
                (c, id) -> plain(c, pool.sent(leafWithLiteral(id))), (c, id) -> plain(c, leafWithLiteral(id)));
        return check(n, 3);
    }

    private static long check(long rows, long expected) {
        if (rows != expected) {
            throw new IllegalStateException("deleted " + rows + " rows, not " + expected);
        }
        return rows;
    }

    /** A prepared DELETE of a leaf, in autocommit mode. */
    @Benchmark
    public long preparedAutocommit(Pool pool, Timing t) throws SQLException {
        return leafPrepared(pool, t, false);
    }

    /** A prepared DELETE of a leaf in a transaction of its own (setAutoCommit(false), the DELETE, commit). */
    @Benchmark
    public long preparedInTransaction(Pool pool, Timing t) throws SQLException {
        return leafPrepared(pool, t, true);
    }

    /** A plain Statement whose text carries the id (a new text every time), in autocommit mode. */
    @Benchmark
    public long plainAutocommit(Pool pool, Timing t) throws SQLException {
        return leafPlain(pool, t, false);
    }

    /** A plain Statement with the id in its text, in a transaction of its own. */
    @Benchmark
    public long plainInTransaction(Pool pool, Timing t) throws SQLException {
        return leafPlain(pool, t, true);
    }

    /**
     * A prepared DELETE of a root with a two-level cascade, in autocommit mode. The hard delete's count is the root's
     * (1); the one-statement experiment's is the last UPDATE's on PostgreSQL (2), every table's on MariaDB (5); the
     * soft delete's is the root's (1).
     */
    @Benchmark
    public long cascade2(Pool pool, Timing t) throws SQLException {
        long n = trio(pool, t, t.next(TREES), false, true, (c, id) -> prepared(c, DELETE_TREE, id),
                (c, id) -> prepared(c, pool.treeInOne, id), (c, id) -> prepared(c, DELETE_TREE, id));
        return check(n, pool.pg ? 4 : 7);
    }
}
