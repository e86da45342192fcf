package dev.softdelete.jdbc.rewrite;

import java.util.List;

/**
 * The engine's verdict on one SQL string: what to send, and whether sending it soft-deletes rows — in which case the
 * driver first sets the delete event's timestamp and afterwards runs the cascade statements, all or nothing.
 */
public final class Rewrite {
    /** The statement goes to the database exactly as written. */
    public static final Rewrite UNCHANGED = new Rewrite(null, false, List.of(), false);

    private final String sql;
    private final boolean softDeletes;
    private final List<String> cascades;
    private final boolean cascadesCyclic;

    Rewrite(String sql, boolean softDeletes, List<String> cascades, boolean cascadesCyclic) {
        this.sql = sql;
        this.softDeletes = softDeletes;
        this.cascades = List.copyOf(cascades);
        this.cascadesCyclic = cascadesCyclic;
    }

    /** A plain replacement of the statement's text, deleting nothing. */
    public static Rewrite replacedBy(String sql) {
        return new Rewrite(sql, false, List.of(), false);
    }

    /** The text to send in place of {@code original}. */
    public String sqlFor(String original) {
        return sql == null ? original : sql;
    }

    public boolean unchanged() {
        return sql == null;
    }

    /** Whether the statement soft-deletes rows (a DELETE or TRUNCATE turned into an UPDATE). */
    public boolean softDeletes() {
        return softDeletes;
    }

    /**
     * The statements that soft-delete, in the same delete event, the live children of every row the event has
     * deleted, parents before children. Each recognises "deleted by this event" by the event's timestamp.
     */
    public List<String> cascades() {
        return cascades;
    }

    /** Whether the cascade map has a cycle on this path: then the cascades repeat until none changes a row. */
    public boolean cascadesCyclic() {
        return cascadesCyclic;
    }
}
