package dev.softdelete.jdbc.rewrite;

import java.util.List;

/**
 * The engine's verdict on one SQL string: what to send, and what the driver must run around it. A soft delete is
 * a delete event (the event's timestamp is set first) followed by its cascades; a restore is preceded by the
 * restores of the children the same events deleted, and by guards that must find nothing. Everything around the
 * statement runs with it, all or nothing.
 */
public final class Rewrite {
    /** The statement goes to the database exactly as written. */
    public static final Rewrite UNCHANGED = new Rewrite(null, false, List.of(), List.of(), false, List.of());
    /**
     * The statement goes as written, and it changes the schema of a configured table (DDL): the driver reads the
     * database's catalog again after it, since it may have added a partition or a foreign key.
     */
    public static final Rewrite SCHEMA_CHANGE = UNCHANGED.changingSchema();

    /** A query counting rows that make the statement wrong; a count above zero refuses it with the message. */
    public static final class Guard {
        public final String countQuery;
        public final String message;

        public Guard(String countQuery, String message) {
            this.countQuery = countQuery;
            this.message = message;
        }
    }

    private final String sql;
    private final boolean deleteEvent;
    private final List<String> before;
    private final List<CascadeStep> after;
    private final boolean afterRepeats;
    private final List<Guard> guards;
    private final boolean changesSchema;
    /** Kept rather than derived: read on every execution, it should cost one field of this object. */
    private final boolean grouped;

    Rewrite(String sql, boolean deleteEvent, List<String> before, List<CascadeStep> after, boolean afterRepeats,
            List<Guard> guards) {
        this(sql, deleteEvent, before, after, afterRepeats, guards, false);
    }

    private Rewrite(String sql, boolean deleteEvent, List<String> before, List<CascadeStep> after,
            boolean afterRepeats, List<Guard> guards, boolean changesSchema) {
        this.sql = sql;
        this.deleteEvent = deleteEvent;
        this.before = List.copyOf(before);
        this.after = List.copyOf(after);
        this.afterRepeats = afterRepeats;
        this.guards = List.copyOf(guards);
        this.changesSchema = changesSchema;
        this.grouped = deleteEvent || !before.isEmpty() || !after.isEmpty() || !guards.isEmpty() || changesSchema;
    }

    /** This rewrite, for a statement that also changes the schema of a configured table. */
    Rewrite changingSchema() {
        return new Rewrite(sql, deleteEvent, before, after, afterRepeats, guards, true);
    }

    /** Whether the statement changes the schema of a configured table: the catalog is read again after it. */
    public boolean changesSchema() {
        return changesSchema;
    }

    /** A restore: guards first, then the restores of the children (deepest first), then {@code sql}. */
    public static Rewrite restore(String sql, List<String> before, List<Guard> guards) {
        return new Rewrite(sql, false, before, List.of(), false, guards);
    }

    /** A plain replacement of the statement's text, with nothing around it. */
    public static Rewrite replacedBy(String sql) {
        return new Rewrite(sql, false, List.of(), List.of(), false, List.of());
    }

    /** The text to send in place of {@code original}. */
    public String sqlFor(String original) {
        return sql == null ? original : sql;
    }

    public boolean unchanged() {
        return sql == null;
    }

    /** Whether the statement soft-deletes rows: the delete event's timestamp must be set before it runs. */
    public boolean deleteEvent() {
        return deleteEvent;
    }

    /** Whether anything runs around the statement: then the driver runs it as a group. */
    public boolean grouped() {
        return grouped;
    }

    /** Queries that must count zero rows before anything runs. */
    public List<Guard> guards() {
        return guards;
    }

    /** Statements run before the statement itself (restores of children, deepest first). */
    public List<String> before() {
        return before;
    }

    /**
     * Statements run after it: the cascades that soft-delete, in the same event, the live children of every row the
     * event has deleted, parents before children.
     */
    public List<CascadeStep> after() {
        return after;
    }

    /** Whether {@link #after()} repeats until no statement changes a row (a cyclic cascade map). */
    public boolean afterRepeats() {
        return afterRepeats;
    }
}
