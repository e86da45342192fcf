package dev.softdelete.cli.check;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * A configured table as found in the database: its exact catalog, schema and name (for further metadata calls),
 * its type and its columns by lower-case name.
 */
public final class DatabaseTable {
    private final String catalog;
    private final String schema;
    private final String name;
    private final String type;
    private final Map<String, Column> columns;

    DatabaseTable(String catalog, String schema, String name, String type, Map<String, Column> columns) {
        this.catalog = catalog;
        this.schema = schema;
        this.name = name;
        this.type = type;
        this.columns = Collections.unmodifiableMap(columns);
    }

    public String catalog() {
        return catalog;
    }

    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** The column named {@code name}, compared case-insensitively, or null. */
    public Column column(String columnName) {
        return columns.get(columnName.toLowerCase(Locale.ROOT));
    }

    /** The columns, in the table's order. */
    public java.util.Collection<Column> columns() {
        return columns.values();
    }

    /** The schema, or the catalog where the product has no schemas (MySQL). */
    public String container() {
        return schema != null ? schema : catalog;
    }

    /** Whether this is the table {@code container.tableName}, compared case-insensitively. */
    public boolean is(String otherContainer, String tableName) {
        return name.equalsIgnoreCase(tableName)
            && (otherContainer == null || container() == null || container().equalsIgnoreCase(otherContainer));
    }

    @Override
    public String toString() {
        return container() == null ? name : container() + "." + name;
    }
}
