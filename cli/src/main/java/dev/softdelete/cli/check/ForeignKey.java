package dev.softdelete.cli.check;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A foreign key as {@link DatabaseMetaData#getImportedKeys}/{@code getExportedKeys} describe it, columns in order. */
final class ForeignKey {
    private final String name;
    private final String parentContainer;
    private final String parentTable;
    private final String childContainer;
    private final String childTable;
    private final List<String> parentColumns = new ArrayList<>();
    private final List<String> childColumns = new ArrayList<>();
    private final int deleteRule;

    private ForeignKey(ResultSet rs) throws SQLException {
        this.name = rs.getString("FK_NAME");
        this.parentContainer = container(rs.getString("PKTABLE_SCHEM"), rs.getString("PKTABLE_CAT"));
        this.parentTable = rs.getString("PKTABLE_NAME");
        this.childContainer = container(rs.getString("FKTABLE_SCHEM"), rs.getString("FKTABLE_CAT"));
        this.childTable = rs.getString("FKTABLE_NAME");
        this.deleteRule = rs.getInt("DELETE_RULE");
    }

    /** The foreign keys whose child is {@code table}. */
    static List<ForeignKey> imported(DatabaseMetaData meta, DatabaseTable table) throws SQLException {
        try (ResultSet rs = meta.getImportedKeys(table.catalog(), table.schema(), table.name())) {
            return read(rs);
        }
    }

    /** The foreign keys whose parent is {@code table}. */
    static List<ForeignKey> exported(DatabaseMetaData meta, DatabaseTable table) throws SQLException {
        try (ResultSet rs = meta.getExportedKeys(table.catalog(), table.schema(), table.name())) {
            return read(rs);
        }
    }

    private static List<ForeignKey> read(ResultSet rs) throws SQLException {
        Map<String, ForeignKey> keys = new LinkedHashMap<>();
        while (rs.next()) {
            ForeignKey row = new ForeignKey(rs);
            ForeignKey key = keys.computeIfAbsent(row.childContainer + "." + row.childTable + "." + row.name
                + "." + row.parentContainer + "." + row.parentTable, k -> row);
            key.parentColumns.add(rs.getString("PKCOLUMN_NAME"));
            key.childColumns.add(rs.getString("FKCOLUMN_NAME"));
        }
        return new ArrayList<>(keys.values());
    }

    private static String container(String schema, String catalog) {
        return schema != null ? schema : catalog;
    }

    boolean cascadesDeletes() {
        return deleteRule == DatabaseMetaData.importedKeyCascade;
    }

    String parentContainer() {
        return parentContainer;
    }

    String parentTable() {
        return parentTable;
    }

    String childContainer() {
        return childContainer;
    }

    String childTable() {
        return childTable;
    }

    List<String> childColumns() {
        return childColumns;
    }

    List<String> parentColumns() {
        return parentColumns;
    }

    /** {@code fk_orders_customer orders(customer_id) -> customers(id) ON DELETE CASCADE}. */
    String describe() {
        return "foreign key " + (name == null ? "" : name + " ") + childTable + "(" + String.join(", ", childColumns)
            + ") -> " + parentTable + "(" + String.join(", ", parentColumns) + ")"
            + (cascadesDeletes() ? " ON DELETE CASCADE" : "");
    }
}
