package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The edits that turn a statement into its soft-delete form; empty when it goes to the database as it is. */
public final class RewritePlan {
    private final List<Edit> edits = new ArrayList<>();
    private final List<TableConfig> softDeleted = new ArrayList<>();
    /** For each of {@link #softDeleted}, the index of the statement (of a multi-statement text) that deletes it. */
    private final List<Integer> softDeletedBy = new ArrayList<>();
    /** For each of {@link #softDeleted}, the schema its statement named it in, or null. */
    private final List<String> softDeletedIn = new ArrayList<>();
    /** The statement being planned. */
    private int statement;
    private boolean changesSchema;

    void insert(int at, String text) {
        replace(at, at, text);
    }

    void replace(int start, int end, String text) {
        edits.add(new Edit(start, end, text, edits.size()));
    }

    void softDeletes(TableConfig table, String schema) {
        softDeleted.add(table);
        softDeletedBy.add(statement);
        softDeletedIn.add(schema);
    }

    /** The edits planned from now on are those of statement {@code index} of the text. */
    void statement(int index) {
        statement = index;
    }

    /** The index of the statement that soft-deletes the {@code i}-th of {@link #softDeleted()}. */
    public int softDeletedBy(int i) {
        return softDeletedBy.get(i);
    }

    /** The schema the statement named the {@code i}-th of {@link #softDeleted()} in ({@code s.t}), or null. */
    public String softDeletedIn(int i) {
        return softDeletedIn.get(i);
    }

    void changesSchema() {
        changesSchema = true;
    }

    /** Whether a statement defines or alters a configured table (DDL). */
    public boolean schemaChanged() {
        return changesSchema;
    }

    /** The configured tables whose rows the statement soft-deletes (DELETE or TRUNCATE targets). */
    public List<TableConfig> softDeleted() {
        return Collections.unmodifiableList(softDeleted);
    }

    /** Whether an edit falls strictly inside {@code [start, end)}: the text there is no longer as written. */
    boolean editsInside(int start, int end) {
        for (Edit e : edits) {
            if (e.start > start && e.start < end) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return edits.isEmpty();
    }

    /** The edits sorted by position, then by the order they were planned. */
    public List<Edit> edits() {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start)
                : Integer.compare(a.sequence, b.sequence));
        return Collections.unmodifiableList(sorted);
    }
}
