package dev.softdelete.jdbc.rewrite.catalog;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import java.util.List;

/** A foreign key as the database's catalog describes it: which child columns reference which parent key. */
public final class ForeignKey {
    /** What the database does to referencing rows when a referenced row is deleted. */
    public enum OnDelete {
        CASCADE, RESTRICT, NO_ACTION, SET_NULL, SET_DEFAULT
    }

    public final String name;
    public final TableName child;
    public final List<String> childColumns;
    public final TableName parent;
    public final List<String> parentColumns;
    public final OnDelete onDelete;
    /**
     * The child columns an {@code ON DELETE SET NULL / SET DEFAULT} sets: all of {@link #childColumns}, or the list
     * PostgreSQL 15 lets the key name ({@code SET NULL (col)}).
     */
    public final List<String> setColumns;
    /** The configured table (or descendant of one) the child is, as the configuration names it; null when plain. */
    public final TableName configuredChild;
    /** The configured table (or descendant of one) the parent is, as the configuration names it; null when plain. */
    public final TableName configuredParent;
    /**
     * Whether the key constrains only the child table's own rows though other tables inherit from it (PostgreSQL: a
     * key declared on a plain table with inheriting tables, not on a partitioned one): a step that acts for the key
     * names the child {@code ONLY}.
     */
    public final boolean childRowsOnly;
    /** Likewise for the parent: the key references the parent table's own rows, not those of its inheriting tables. */
    public final boolean parentRowsOnly;
    /**
     * Whether an UPDATE of the referenced key changes the referencing rows ({@code ON UPDATE CASCADE / SET NULL /
     * SET DEFAULT}): then an UPDATE of the parent, even of another column that a generated key column is computed
     * from, can change the child.
     */
    public final boolean actsOnUpdate;

    public ForeignKey(String name, TableName child, List<String> childColumns, TableName parent,
            List<String> parentColumns, OnDelete onDelete) {
        this(name, child, childColumns, parent, parentColumns, onDelete, null, null, childColumns, false, false,
                false);
    }

    private ForeignKey(String name, TableName child, List<String> childColumns, TableName parent,
            List<String> parentColumns, OnDelete onDelete, TableName configuredChild, TableName configuredParent,
            List<String> setColumns, boolean childRowsOnly, boolean parentRowsOnly, boolean actsOnUpdate) {
        if (childColumns.size() != parentColumns.size() || childColumns.isEmpty()) {
            throw new IllegalArgumentException("foreign key " + name + " pairs " + childColumns + " with "
                    + parentColumns);
        }
        this.name = name;
        this.child = child;
        this.childColumns = List.copyOf(childColumns);
        this.parent = parent;
        this.parentColumns = List.copyOf(parentColumns);
        this.onDelete = onDelete;
        this.configuredChild = configuredChild;
        this.configuredParent = configuredParent;
        this.setColumns = List.copyOf(setColumns);
        this.childRowsOnly = childRowsOnly;
        this.parentRowsOnly = parentRowsOnly;
        this.actsOnUpdate = actsOnUpdate;
    }

    /** This foreign key with the configured names of its tables (null for a plain table). */
    public ForeignKey configured(TableName child, TableName parent) {
        return new ForeignKey(name, this.child, childColumns, this.parent, parentColumns, onDelete, child, parent,
                setColumns, childRowsOnly, parentRowsOnly, actsOnUpdate);
    }

    /** This foreign key, declared on a plain table that other tables inherit from (see {@link #childRowsOnly}). */
    public ForeignKey ofChildRowsOnly() {
        return new ForeignKey(name, child, childColumns, parent, parentColumns, onDelete, configuredChild,
                configuredParent, setColumns, true, parentRowsOnly, actsOnUpdate);
    }

    /** This foreign key, into a plain table that other tables inherit from (see {@link #parentRowsOnly}). */
    public ForeignKey ofParentRowsOnly() {
        return new ForeignKey(name, child, childColumns, parent, parentColumns, onDelete, configuredChild,
                configuredParent, setColumns, childRowsOnly, true, actsOnUpdate);
    }

    /** The parent table as a step for this key names it: {@code ONLY parent} where the key references its own rows. */
    public String parentReference() {
        return (parentRowsOnly ? "ONLY " : "") + parent;
    }

    /** The child table as a step for this key names it: {@code ONLY child} where the key holds its own rows only. */
    public String childReference() {
        return (childRowsOnly ? "ONLY " : "") + child;
    }

    /** This foreign key, whose {@code ON DELETE SET NULL / SET DEFAULT} sets only {@code columns} (PostgreSQL 15). */
    public ForeignKey settingOnly(List<String> columns) {
        return new ForeignKey(name, child, childColumns, parent, parentColumns, onDelete, configuredChild,
                configuredParent, columns.isEmpty() ? childColumns : columns, childRowsOnly, parentRowsOnly,
                actsOnUpdate);
    }

    /** This foreign key, whose ON UPDATE action changes the referencing rows or not (see {@link #actsOnUpdate}). */
    public ForeignKey actingOnUpdate(boolean acts) {
        return new ForeignKey(name, child, childColumns, parent, parentColumns, onDelete, configuredChild,
                configuredParent, setColumns, childRowsOnly, parentRowsOnly, acts);
    }

    @Override
    public String toString() {
        return name + ": " + child + childColumns + " -> " + parent + parentColumns + " ON DELETE " + onDelete;
    }

    /**
     * Whether a cascade edge of {@code parent} follows this key: to the same configured child, over the same columns
     * on both sides (compared ignoring case). Its cascade then soft-deletes every row this key makes reference it.
     */
    public boolean followedByCascadeOf(TableConfig parent) {
        if (configuredChild == null) {
            return false;
        }
        for (Cascade edge : parent.cascades()) {
            if (edge.table().equals(configuredChild) && followedBy(edge)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code edge} pairs the same columns as this key, child and parent side (compared ignoring case). */
    public boolean followedBy(Cascade edge) {
        return sameColumns(edge.columns(), childColumns) && sameColumns(edge.references(), parentColumns);
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
