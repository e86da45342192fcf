package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The indexes of tables, by name, each with its columns in order (an expression counts as no column), read once per
 * table: to tell whether a lookup by some columns already has an index that starts with them. On PostgreSQL the
 * indexes of a partitioned table are its own (which its partitions inherit).
 */
public final class TableIndexes {
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, Map<String, List<String>>> byTable = new HashMap<>();

    public TableIndexes(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The indexes of {@code table}: name to columns in order. */
    public Map<String, List<String>> of(DatabaseTable table) throws SQLException {
        String key = table.toString().toLowerCase(Locale.ROOT);
        Map<String, List<String>> indexes = byTable.get(key);
        if (indexes == null) {
            indexes = read(table);
            byTable.put(key, indexes);
        }
        return indexes;
    }

    /** Whether an index of {@code table} starts with {@code columns} (in any order among themselves). */
    public boolean hasIndexStartingWith(DatabaseTable table, List<String> columns) throws SQLException {
        return hasIndexStartingWith(table, columns, null);
    }

    /** As {@link #hasIndexStartingWith(DatabaseTable, List)}, leaving out the index named {@code except}. */
    public boolean hasIndexStartingWith(DatabaseTable table, List<String> columns, String except)
            throws SQLException {
        Set<String> wanted = lower(columns);
        for (Map.Entry<String, List<String>> e : of(table).entrySet()) {
            List<String> index = e.getValue();
            if (e.getKey().equalsIgnoreCase(except)) {
                continue;
            }
            if (index.size() >= columns.size() && lower(index.subList(0, columns.size())).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> result = new HashSet<>();
        names.forEach(n -> result.add(n.toLowerCase(Locale.ROOT)));
        return result;
    }

    private Map<String, List<String>> read(DatabaseTable table) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return postgres(table);
        }
        if (dialect.isMySqlFamily()) {
            return query(table, "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX");
        }
        return metadata(table);
    }

    private Map<String, List<String>> postgres(DatabaseTable table) throws SQLException {
        String sql = "SELECT ic.relname, ARRAY(SELECT coalesce(a.attname, '') FROM unnest(i.indkey)"
            + " WITH ORDINALITY k(num, pos) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num"
            + " ORDER BY k.pos)::text[] FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ? ORDER BY ic.relname";
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), new ArrayList<>(Arrays.asList((String[]) rs.getArray(2).getArray())));
                }
            }
        }
        return result;
    }

    private Map<String, List<String>> query(DatabaseTable table, String sql) throws SQLException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, table.container());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(2);
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(column == null ? "" : column);
                }
            }
        }
        return result;
    }

    private Map<String, List<String>> metadata(DatabaseTable table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(table.catalog(), table.schema(), table.name(), false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    String column = rs.getString("COLUMN_NAME");
                    result.computeIfAbsent(name, k -> new ArrayList<>()).add(column == null ? "" : column);
                }
            }
        }
        return result;
    }
}
