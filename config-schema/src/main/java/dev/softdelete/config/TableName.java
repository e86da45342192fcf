package dev.softdelete.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The name of a configured table as written in {@code softdelete.yml}: an optional schema and the table.
 * Names are kept as written; matching against SQL identifiers is the driver's job.
 */
public final class TableName {
    private final String schema;
    private final String table;

    public TableName(String schema, String table) {
        this.schema = schema;
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Parses a {@code tables:} key: {@code orders} or {@code sales.orders}. */
    public static TableName parse(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? new TableName(null, key) : new TableName(key.substring(0, dot), key.substring(dot + 1));
    }

    /** The schema, or null when the key is unqualified. */
    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** Case-folded key used to compare configured names with each other. */
    public String normalized() {
        return toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableName && ((TableName) o).normalized().equals(normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }
}
