package dev.softdelete.jdbc.rewrite.catalog;

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

    public ForeignKey(String name, TableName child, List<String> childColumns, TableName parent,
            List<String> parentColumns, OnDelete onDelete) {
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
    }

    @Override
    public String toString() {
        return name + ": " + child + childColumns + " -> " + parent + parentColumns + " ON DELETE " + onDelete;
    }
}
