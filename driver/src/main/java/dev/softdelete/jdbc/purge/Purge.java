package dev.softdelete.jdbc.purge;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hard-deletes rows soft-deleted before a cutoff: the "later, by a cron job" half of soft delete. Children go before
 * parents along the cascade map, in batches of N rows, each batch its own transaction, so a crash loses at most
 * the batch in progress and a rerun simply continues. It never touches a live row, and never a parent that a child
 * row (live, or deleted after the cutoff) still references.
 *
 * <pre>
 * PurgeReport report = new Purge(config, jdbcUrl).batchSize(1000).run(connection, Duration.ofDays(90));
 * </pre>
 * The connection may be raw or through softdelete-jdbc: the statements carry the hints that make the driver send
 * them as written. Timestamps compare in the JVM's time zone, as the driver writes them.
 */
public final class Purge {
    /** Progress of a purge, batch by batch. */
    @FunctionalInterface
    public interface Progress {
        void batchDone(String table, long rowsInBatch, long rowsSoFar);
    }

    private final SoftDeleteConfig config;
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private final Dialect dialect;
    private int batchSize = 1_000;
    private Progress progress = (table, rows, total) -> { };

    /** @param jdbcUrl the database's URL, raw or {@code jdbc:softdelete:...}: it tells the SQL dialect */
    public Purge(SoftDeleteConfig config, String jdbcUrl) {
        this.config = config;
        this.dialect = Dialect.fromUrl(jdbcUrl.replaceFirst("^jdbc:softdelete:", "jdbc:"));
    }

    public Purge batchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.batchSize = rows;
        return this;
    }

    public Purge progress(Progress listener) {
        this.progress = listener;
        return this;
    }

    /**
     * The batch DELETE of each purgeable table, children first, in the order {@link #run} sends them; its one
     * parameter is the cutoff. {@link #run} adds to each the database's foreign keys into the table, as its catalog
     * shows them: a row that one references stays.
     */
    public List<String> statements() {
        return PurgeStatements.forConfig(config, dialect, batchSize);
    }

    /**
     * Counts, per purgeable table in the order {@link #run} purges them, the rows soft-deleted before
     * {@code cutoff}: what a purge would remove at most (a parent that a child row still references stays), for
     * showing progress. One {@code COUNT(*)} per table, which on a large table without an index on the timestamp
     * column reads the whole table.
     */
    public Map<String, Long> estimate(Connection connection, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.valueOf(LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault()));
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> count : PurgeStatements.counts(config, dialect).entrySet()) {
            try (PreparedStatement ps = connection.prepareStatement(count.getValue())) {
                bindCutoff(ps, before);
                try (ResultSet rs = ps.executeQuery()) {
                    rows.put(count.getKey(), rs.next() ? rs.getLong(1) : 0L);
                }
            }
        }
        return rows;
    }

    /** Purges rows soft-deleted more than {@code age} ago. */
    public PurgeReport run(Connection connection, Duration age) throws SQLException {
        return run(connection, Instant.now().minus(age));
    }

    /**
     * Purges rows soft-deleted before {@code cutoff}, each batch in a transaction of its own: it commits on
     * {@code connection}, which should hold no uncommitted work (that would be committed with the first batch, or
     * rolled back with a failed one). The connection's auto-commit setting is put back afterwards.
     */
    public PurgeReport run(Connection connection, Instant cutoff) throws SQLException {
        Timestamp before = Timestamp.valueOf(LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault()));
        // the database's foreign keys into the tables, cascade map or not: a row one references stays
        List<String> statements = PurgeStatements.forConfig(config, dialect, batchSize,
                CatalogReader.read(connection, dialect, config));
        Map<String, Long> deleted = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long pass;
            do {
                pass = 0;
                for (String sql : statements) {
                    pass += purgeTable(connection, sql, before, deleted);
                }
            } while (pass > 0);
        } catch (SQLException | RuntimeException | Error e) {
            // the database's error stays the one reported: on a connection the failure ended (a terminated
            // session, a network timeout), putting auto-commit back fails too, and would replace it
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        connection.setAutoCommit(autoCommit);
        return new PurgeReport(deleted);
    }

    /**
     * Binds the cutoff with its microseconds: on MySQL and MariaDB as text, since mysql-connector-j sends a
     * {@code Timestamp} without its fraction of a second (a probe's cutoff at .9 s was sent as .000, and kept the rows
     * deleted in the second before it).
     */
    private void bindCutoff(PreparedStatement ps, Timestamp before) throws SQLException {
        if (dialect.isMySqlFamily()) {
            ps.setString(1, before.toLocalDateTime().format(MICROSECONDS));
        } else {
            ps.setTimestamp(1, before);
        }
    }

    /** Deletes batch after batch, each committed on its own, until a batch comes back short. */
    private long purgeTable(Connection connection, String sql, Timestamp before, Map<String, Long> deleted)
            throws SQLException {
        String table = sql.substring(sql.indexOf("DELETE FROM ") + "DELETE FROM ".length(), sql.indexOf(" WHERE "));
        long total = 0;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bindCutoff(ps, before);
            long rows;
            do {
                try {
                    rows = ps.executeLargeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    try {
                        connection.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback); // the connection the failure ended cannot roll back either
                    }
                    throw e;
                }
                total += rows;
                if (rows > 0) {
                    long soFar = deleted.merge(table, rows, Long::sum);
                    progress.batchDone(table, rows, soFar);
                }
            } while (rows == batchSize);
        }
        return total;
    }
}
