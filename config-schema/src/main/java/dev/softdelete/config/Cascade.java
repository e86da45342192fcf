package dev.softdelete.config;

import java.util.List;

/**
 * One {@code cascade:} entry: soft-deleting a parent row soft-deletes the live rows of {@link #table()} whose
 * {@link #columns()} equal the parent's {@link #references()} (pairwise; several for composite keys).
 */
public final class Cascade {
    private final TableName table;
    private final List<String> columns;
    private final List<String> references;

    public Cascade(TableName table, List<String> columns, List<String> references) {
        if (columns.isEmpty() || columns.size() != references.size()) {
            throw new IllegalArgumentException("column and references must be non-empty and of equal length");
        }
        this.table = table;
        this.columns = List.copyOf(columns);
        this.references = List.copyOf(references);
    }

    /** The child table; always a configured table itself. */
    public TableName table() {
        return table;
    }

    /** The foreign-key column(s) in the child. */
    public List<String> columns() {
        return columns;
    }

    /** The referenced key column(s) in the parent, in the order of {@link #columns()}. */
    public List<String> references() {
        return references;
    }
}
