package dev.softdelete.jdbc.rewrite.catalog;

import dev.softdelete.config.TableName;
import java.util.List;

/**
 * A unique index or constraint of a soft-delete table, as the catalog describes it. It is soft-delete-aware when
 * soft-deleted rows do not take part in it: a PostgreSQL partial index on the live rows ({@code WHERE NOT
 * is_deleted}, {@code WHERE deleted_at IS NULL}), or a MySQL/MariaDB index over a generated column that is NULL for
 * deleted rows. A key that is not still holds the keys of soft-deleted rows.
 */
public final class UniqueKey {
    /** The soft-delete table, as the configuration names it. */
    public final TableName table;
    public final String name;
    /** The indexed columns; empty when the index is over expressions. */
    public final List<String> columns;
    public final boolean primary;
    public final boolean softDeleteAware;
    /** The index's predicate as the database prints it (PostgreSQL partial indexes), or null. */
    public final String predicate;
    /**
     * A PostgreSQL exclusion constraint ({@code EXCLUDE USING gist (during WITH &&)}), which an upsert's
     * {@code ON CONFLICT DO NOTHING} takes as an arbiter as it takes unique keys; its columns are left empty, as an
     * index over expressions has none. Not a unique key for {@code check} and {@code migrate}.
     */
    public final boolean exclusion;
    /**
     * A PostgreSQL key checked at the end of the statement or transaction ({@code DEFERRABLE}): a unique index over
     * its columns and more would check it at once.
     */
    public final boolean deferrable;

    public UniqueKey(TableName table, String name, List<String> columns, boolean primary, boolean softDeleteAware,
            String predicate) {
        this(table, name, columns, primary, softDeleteAware, predicate, false);
    }

    public UniqueKey(TableName table, String name, List<String> columns, boolean primary, boolean softDeleteAware,
            String predicate, boolean exclusion) {
        this(table, name, columns, primary, softDeleteAware, predicate, exclusion, false);
    }

    private UniqueKey(TableName table, String name, List<String> columns, boolean primary, boolean softDeleteAware,
            String predicate, boolean exclusion, boolean deferrable) {
        this.deferrable = deferrable;
        this.exclusion = exclusion;
        this.table = table;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primary = primary;
        this.softDeleteAware = softDeleteAware;
        this.predicate = predicate;
    }

    /** This key, {@code DEFERRABLE}. */
    public UniqueKey deferrable() {
        return new UniqueKey(table, name, columns, primary, softDeleteAware, predicate, exclusion, true);
    }

    /** Whether the key is over exactly {@code names}, in any order, ignoring case and quotes. */
    public boolean over(List<String> names) {
        if (names.size() != columns.size()) {
            return false;
        }
        for (String n : names) {
            String bare = n.replace("\"", "").replace("`", "");
            if (columns.stream().noneMatch(c -> c.equalsIgnoreCase(bare))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + " (" + String.join(", ", columns) + ")" + (softDeleteAware ? " soft-delete-aware" : "");
    }
}
