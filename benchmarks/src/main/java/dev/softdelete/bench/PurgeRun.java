package dev.softdelete.bench;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.purge.Purge;
import dev.softdelete.jdbc.purge.PurgeReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A purge of {@link #DELETED} soft-deleted rows through {@link Purge} (batches of {@link #BATCH}, the README's
 * example), with a concurrent reader: one thread reading live rows by primary key through the driver, back to back,
 * for {@link #BASELINE_SECONDS} seconds before the purge (after {@link #WARMUP_SECONDS} seconds of warm-up) and
 * all through it. Reports the purge's rows per second
 * and the reader's latency percentiles before and during. Not a JMH benchmark: a purge is one long operation, run
 * once per database.
 *
 * <p>Table {@code bench_purge}: {@link #LIVE} live rows, then the deleted ones, soft-deleted 100 days ago, with an
 * index on {@code deleted_at} (what a purge finds its rows by).
 */
final class PurgeRun {
    static final int LIVE = 100_000;
    static final int DELETED = 1_000_000;
    static final int BATCH = 1_000;
    static final int WARMUP_SECONDS = 5;
    static final int BASELINE_SECONDS = 10;

    private PurgeRun() {
    }

    /** One database's figures, as a Markdown table row. */
    static String run(String db, String url) throws Exception {
        boolean pg = url.startsWith("jdbc:postgresql:");
        try (Connection raw = DriverManager.getConnection(url)) {
            fill(raw, pg);
        }
        SoftDeleteConfig config = RewriteEngines.locate("classpath:bench-purge.yml");
        String proxiedUrl = "jdbc:softdelete:" + url.substring("jdbc:".length());
        Properties props = new Properties();
        props.setProperty("softdelete.config", "classpath:bench-purge.yml");
        Reader reader = new Reader(DriverManager.getConnection(proxiedUrl, props));
        Thread readerThread = new Thread(reader, "bench-purge-reader");
        readerThread.start();
        try {
            Thread.sleep(WARMUP_SECONDS * 1_000L);
            reader.lap(); // the JIT's warm-up, not the database's
            Thread.sleep(BASELINE_SECONDS * 1_000L);
            long[] before = reader.lap();
            long start = System.nanoTime();
            PurgeReport report;
            try (Connection purging = DriverManager.getConnection(url)) {
                report = new Purge(config, url).batchSize(BATCH).run(purging, Duration.ofDays(30));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] during = reader.lap();
            if (report.totalRows() != DELETED) {
                throw new IllegalStateException("purged " + report.totalRows() + " rows, not " + DELETED);
            }
            return String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %s | %s | %.2f |", db, report.totalRows(),
                    seconds, report.totalRows() / seconds, percentiles(before), percentiles(during),
                    percentile(during, 0.99) / percentile(before, 0.99));
        } finally {
            reader.stop.set(true);
            readerThread.join();
            reader.connection.close();
        }
    }

    private static void fill(Connection c, boolean pg) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_purge");
            st.execute("CREATE TABLE bench_purge (id BIGINT PRIMARY KEY, payload VARCHAR(40) NOT NULL,"
                    + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + (pg ? "TIMESTAMP" : "DATETIME(6)")
                    + " NULL)");
            int total = LIVE + DELETED;
            if (pg) {
                st.execute("INSERT INTO bench_purge SELECT g, 'row ' || g, g > " + LIVE + ", CASE WHEN g > " + LIVE
                        + " THEN LOCALTIMESTAMP - INTERVAL '100 days' END FROM generate_series(1, " + total + ") g");
            } else {
                st.execute("INSERT INTO bench_purge SELECT seq, CONCAT('row ', seq), seq > " + LIVE + ", IF(seq > "
                        + LIVE + ", NOW(6) - INTERVAL 100 DAY, NULL) FROM seq_1_to_" + total);
            }
            st.execute("CREATE INDEX bench_purge_deleted_at ON bench_purge (deleted_at)");
            st.execute("ANALYZE " + (pg ? "" : "TABLE ") + "bench_purge");
        }
    }

    private static String percentiles(long[] nanos) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", percentile(nanos, 0.5) / 1e3,
                percentile(nanos, 0.99) / 1e3, percentile(nanos, 1.0) / 1e3);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** Reads live rows by primary key through the driver, back to back, keeping each read's latency. */
    private static final class Reader implements Runnable {
        final Connection connection;
        final AtomicBoolean stop = new AtomicBoolean();
        private long[] latencies = new long[1 << 20];
        private int count;
        private final Object lock = new Object();
        private volatile SQLException failure;

        Reader(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            long key = 0;
            try (PreparedStatement ps = connection.prepareStatement("SELECT payload FROM bench_purge WHERE id = ?")) {
                while (!stop.get()) {
                    ps.setLong(1, 1 + (key++ * 7919) % LIVE);
                    long t0 = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("a live row was not found");
                        }
                    }
                    long elapsed = System.nanoTime() - t0;
                    synchronized (lock) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = elapsed;
                    }
                }
            } catch (SQLException e) {
                failure = e;
            }
        }

        /** The latencies since the last lap, sorted; starts a new lap. */
        long[] lap() throws SQLException {
            if (failure != null) {
                throw failure;
            }
            long[] lap;
            synchronized (lock) {
                lap = Arrays.copyOf(latencies, count);
                count = 0;
            }
            Arrays.sort(lap);
            return lap;
        }
    }
}
