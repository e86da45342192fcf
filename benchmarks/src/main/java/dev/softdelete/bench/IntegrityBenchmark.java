package dev.softdelete.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * What the referential-integrity guards cost, on the same physical connection, interleaved:
 * <ul>
 * <li>{@code childInsert}: an INSERT of a child row. {@code rawNanos}: raw, into {@code bench_tails_plain}, which
 * has the foreign key but no guard trigger (the application before it adopted the driver); {@code sameTextNanos}:
 * raw, into {@code bench_tails}, which has the guard trigger (the database's share); {@code proxiedNanos}: through
 * the driver, into {@code bench_tails}.</li>
 * <li>{@code restrictedDelete}: a DELETE of a parent row of {@code bench_heads} that a RESTRICT foreign key of
 * {@code bench_tails} could block (none of the deleted heads has tails). Raw: a hard DELETE, whose foreign key
 * checks the tails; {@code sameTextNanos} (the experiment): on the vendor's connection, the soft delete and both
 * checks by hand in one statement, an {@code UPDATE} whose {@code NOT EXISTS} conditions look for the tails. It
 * cannot raise the foreign key's error (a referenced head would just not be updated), so no driver could send it as
 * it is: it is the cheapest any one-statement soft delete with the checks could be. Proxied: the soft delete, its
 * delete event and its RESTRICT checks. The row is put back after each, untimed.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IntegrityBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final int HEADS = 2_000;
    /** Heads with tails, which no benchmark deletes; the others are deleted and put back. */
    static final int HEADS_WITH_TAILS = 100;

    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"postgresql", "mariadb"})
        public String db;

        HikariDataSource pool;
        Class<?> vendorConnection;
        boolean pg;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            pg = "postgresql".equals(db);
            String url = pg ? Databases.postgresUrl() : Databases.mysqlUrl();
            vendorConnection = Class.forName(pg ? "org.postgresql.PGConnection" : "com.mysql.cj.jdbc.JdbcConnection");
            try (Connection c = DriverManager.getConnection(url)) {
                createTables(c, pg);
            }
            pool = Databases.pool(url, "bench-integrity-" + db, 8);
            try (Connection c = pool.getConnection()) {
                c.unwrap(SoftDeleteConnection.class).refreshCatalog();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    static void createTables(Connection c, boolean pg) throws SQLException {
        String ts = pg ? "TIMESTAMP" : "DATETIME(6)";
        String flags = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + ts + " NULL";
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_tails_plain");
            st.execute("DROP TABLE IF EXISTS bench_tails");
            st.execute("DROP TABLE IF EXISTS bench_heads");
            st.execute("CREATE TABLE bench_heads (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, " + flags + ")");
            // as softdelete-cli migrate makes it: the event's rows are looked up by their timestamp
            st.execute("CREATE INDEX bench_heads_deleted_at ON bench_heads (deleted_at)");
            for (String tails : new String[] {"bench_tails", "bench_tails_plain"}) {
                st.execute("CREATE TABLE " + tails + " (id BIGINT PRIMARY KEY, head_id BIGINT NOT NULL REFERENCES"
                        + " bench_heads (id) ON DELETE RESTRICT, qty INT NOT NULL)");
                st.execute("CREATE INDEX " + tails + "_head ON " + tails + " (head_id)");
            }
            StringBuilder heads = new StringBuilder("INSERT INTO bench_heads (id, name) VALUES ");
            for (int i = 1; i <= HEADS; i++) {
                heads.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'h").append(i).append("')");
            }
            st.execute(heads.toString());
            st.execute("INSERT INTO bench_tails (id, head_id, qty) VALUES (1, 1, 1)");
            st.execute("INSERT INTO bench_tails_plain (id, head_id, qty) VALUES (1, 1, 1)");
        }
        Dialect dialect = pg ? Dialect.POSTGRESQL : Dialect.MARIADB;
        SoftDeleteConfig config = RewriteEngines.locate("classpath:bench-softdelete.yml");
        try (Statement st = c.createStatement()) {
            for (String sql : new GuardTriggers(config, CatalogReader.read(c, dialect, config), dialect).statements()) {
                st.execute(sql);
            }
            // the plain copy stands for the table before the migration: no guard
            st.execute(pg ? "DROP TRIGGER IF EXISTS " + GuardTriggers.TRIGGER_NAME + " ON bench_tails_plain"
                    : "DROP TRIGGER IF EXISTS " + GuardTriggers.TRIGGER_NAME + "_ins_bench_tails_plain");
            if (!pg) {
                st.execute("DROP TRIGGER IF EXISTS " + GuardTriggers.TRIGGER_NAME + "_upd_bench_tails_plain");
            }
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Timing {
        public long rawNanos;
        public long sameTextNanos;
        public long proxiedNanos;
        public long rawCpuNanos;
        public long sameTextCpuNanos;
        public long proxiedCpuNanos;
        public long rounds;
        long next = 1_000;

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

        @Setup(Level.Trial)
        public void start(ThreadParams params) {
            next = 1_000_000L * (1 + params.getThreadIndex());
        }
    }

    private static long insert(Connection c, String table, long id, long head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (id, head_id, qty) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, head);
            ps.setInt(3, 1);
            return ps.executeUpdate();
        }
    }

    @Benchmark
    public long childInsert(Pool pool, Timing t) throws SQLException {
        try (Connection pooled = pool.pool.getConnection()) {
            Connection proxied = pooled.unwrap(SoftDeleteConnection.class);
            Connection raw = (Connection) pooled.unwrap(pool.vendorConnection);
            long head = 1 + (t.next % HEADS_WITH_TAILS);
            long n = 0;
            int first = (int) (t.rounds % 3);
            for (int k = 0; k < 3; k++) {
                int which = (first + k) % 3;
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                if (which == 0) {
                    n += insert(raw, "bench_tails_plain", t.next++, head);
                    t.rawNanos += System.nanoTime() - t0;
                    t.rawCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                } else if (which == 1) {
                    n += insert(raw, "bench_tails", t.next++, head);
                    t.sameTextNanos += System.nanoTime() - t0;
                    t.sameTextCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                } else {
                    n += insert(proxied, "bench_tails", t.next++, head);
                    t.proxiedNanos += System.nanoTime() - t0;
                    t.proxiedCpuNanos += CPU.getCurrentThreadCpuTime() - c0;
                }
            }
            t.rounds++;
            return n;
        }
    }

    /** The experiment of {@code restrictedDelete}: the soft delete with both RESTRICT checks in one statement. */
    static String oneStatementRestrictedDelete(boolean pg) {
        return "UPDATE bench_heads SET is_deleted = TRUE, deleted_at = " + (pg ? "LOCALTIMESTAMP" : "NOW(6)")
                + " WHERE id = ? AND is_deleted = FALSE"
                + " AND NOT EXISTS (SELECT 1 FROM bench_tails WHERE head_id = ?)"
                + " AND NOT EXISTS (SELECT 1 FROM bench_tails_plain WHERE head_id = ?)";
    }

    @Benchmark
    public long restrictedDelete(Pool pool, Timing t) throws SQLException {
        long head = HEADS_WITH_TAILS + 1 + (t.next++ % (HEADS - HEADS_WITH_TAILS));
        try (Connection pooled = pool.pool.getConnection()) {
            Connection proxied = pooled.unwrap(SoftDeleteConnection.class);
            Connection raw = (Connection) pooled.unwrap(pool.vendorConnection);
            long n = 0;
            int first = (int) (t.rounds % 3);
            for (int k = 0; k < 3; k++) {
                int which = (first + k) % 3;
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                if (which == 1) {
                    try (PreparedStatement ps = raw.prepareStatement(oneStatementRestrictedDelete(pool.pg))) {
                        ps.setLong(1, head);
                        ps.setLong(2, head);
                        ps.setLong(3, head);
                        n += ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = (which == 0 ? raw : proxied)
                            .prepareStatement("DELETE FROM bench_heads WHERE id = ?")) {
                        ps.setLong(1, head);
                        n += ps.executeUpdate();
                    }
                }
                long elapsed = System.nanoTime() - t0;
                long cpu = CPU.getCurrentThreadCpuTime() - c0;
                if (which == 0) {
                    t.rawNanos += elapsed;
                    t.rawCpuNanos += cpu;
                    execute(raw, "INSERT INTO bench_heads (id, name) VALUES (" + head + ", 'h')");
                } else {
                    if (which == 1) {
                        t.sameTextNanos += elapsed;
                        t.sameTextCpuNanos += cpu;
                    } else {
                        t.proxiedNanos += elapsed;
                        t.proxiedCpuNanos += cpu;
                    }
                    execute(raw, "UPDATE bench_heads SET is_deleted = FALSE, deleted_at = NULL WHERE id = " + head);
                }
            }
            t.rounds++;
            if (n != 3) {
                throw new IllegalStateException("head " + head + ": deleted " + n + " rows, not 1 + 1 + 1");
            }
            return n;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
