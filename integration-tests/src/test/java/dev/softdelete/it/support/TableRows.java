package dev.softdelete.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whole-table reads for before/after comparisons. Meant for a raw connection (or the vendor connection behind a
 * driver connection): what is stored, deleted rows included.
 */
public final class TableRows {
    private TableRows() {
    }

    /**
     * Every row of {@code table}, each as {@code "col=value, col=value, ..."} with the values as the JDBC driver
     * renders them as text, sorted: two snapshots are equal exactly when the table holds the same rows.
     */
    public static List<String> snapshot(Connection c, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (i > 1) {
                        row.append(", ");
                    }
                    row.append(meta.getColumnLabel(i).toLowerCase()).append('=').append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }

    /** {@link #snapshot} of each table, keyed by table name in the order given. */
    public static Map<String, List<String>> snapshots(Connection c, String... tables) throws SQLException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String table : tables) {
            all.put(table, snapshot(c, table));
        }
        return all;
    }

    /** {@code is_deleted} and {@code deleted_at} of every row of {@code table}, by its {@code id} column. */
    public static Map<Long, StoredRow> marks(Connection c, String table) throws SQLException {
        Map<Long, StoredRow> marks = new TreeMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, is_deleted, deleted_at FROM " + table)) {
            while (rs.next()) {
                marks.put(rs.getLong(1), new StoredRow(true, rs.getBoolean(2), rs.getObject(3, LocalDateTime.class)));
            }
        }
        return marks;
    }
}
