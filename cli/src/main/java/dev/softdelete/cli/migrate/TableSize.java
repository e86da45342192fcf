package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How big a table is, as the database's statistics estimate it (no count): rows and bytes on disk, indexes
 * included. On PostgreSQL a partitioned table's size is that of its partitions. Unknown values are -1.
 */
public final class TableSize {
    public final long rows;
    public final long bytes;

    private TableSize(long rows, long bytes) {
        this.rows = rows;
        this.bytes = bytes;
    }

    /** Reads the estimate of {@code table}; -1 where the database keeps none. */
    public static TableSize of(Connection connection, Dialect dialect, DatabaseTable table) throws SQLException {
        String sql;
        if (dialect == Dialect.POSTGRESQL) {
            // reltuples is -1 for a table never analysed: unknown, unless a partition knows
            sql = "SELECT CASE WHEN bool_and(c.reltuples < 0) THEN NULL"
                + " ELSE sum(greatest(c.reltuples, 0)) END::bigint, sum(pg_total_relation_size(c.oid))::bigint"
                + " FROM (SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) AS oid) r"
                + " JOIN pg_class c ON c.oid = r.oid OR c.oid IN (SELECT relid FROM pg_partition_tree(r.oid))";
        } else if (dialect.isMySqlFamily()) {
            sql = "SELECT TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        } else if (dialect == Dialect.H2) {
            sql = "SELECT ROW_COUNT_ESTIMATE, -1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ?";
        } else {
            return new TableSize(-1, -1);
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long rows = rs.getLong(1);
                    boolean noRows = rs.wasNull();
                    long bytes = rs.getLong(2);
                    return new TableSize(noRows ? -1 : rows, rs.wasNull() ? -1 : bytes);
                }
            }
        }
        return new TableSize(-1, -1);
    }

    /** {@code about 1,200,000 rows, 310 MB}. */
    public String describe() {
        String text = rows < 0 ? "rows unknown" : String.format(Locale.ROOT, "about %,d rows", rows);
        if (bytes >= 0) {
            text += ", " + bytes(bytes);
        }
        return text;
    }

    private static String bytes(long n) {
        if (n < 1024 * 1024) {
            return (n / 1024) + " kB";
        }
        if (n < 1024L * 1024 * 1024) {
            return (n / (1024 * 1024)) + " MB";
        }
        return String.format(Locale.ROOT, "%.1f GB", n / (1024.0 * 1024 * 1024));
    }
}
