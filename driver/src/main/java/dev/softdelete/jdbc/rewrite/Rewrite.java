package dev.softdelete.jdbc.rewrite;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The engine's verdict on one SQL string: what to send, and what the driver must run around it. A soft delete is
 * a delete event (the event's timestamp is set first) followed by its cascades and foreign-key checks; a restore
 * runs as its {@link RestorePlan} says. Everything around the statement runs with it, all or nothing.
 */
public final class Rewrite {
    /** The statement goes to the database exactly as written. */
    public static final Rewrite UNCHANGED = new Rewrite(null, false, List.of(), false, List.of(), false, Set.of());
    /**
     * The statement goes as written, and it changes the schema of a configured table (DDL): the driver reads the
     * database's catalog again after it, since it may have added a partition or a foreign key.
     */
    public static final Rewrite SCHEMA_CHANGE = UNCHANGED.changingSchema();

    /**
     * A statement that goes as written and moves the session to other schemas ({@code SET search_path}, {@code USE}):
     * the connection picks the engine for its schemas again after it (see
     * {@link dev.softdelete.jdbc.rewrite.recognise.SessionSchemaStatement}).
     */
    public static final Rewrite SESSION_SCHEMAS = new Rewrite(null, false, List.of(), false, List.of(), false,
            Set.of());

    /**
     * A query that returns a row when the statement must fail: then nothing of the group stays done, and the error
     * is an SQLException with {@link #sqlState}, {@link #vendorCode} and {@link #message} (followed by
     * {@link #detail} with the values of the row's columns, when there is a detail).
     */
    public static final class Guard {
        public final String query;
        public final String message;
        public final String sqlState;
        public final int vendorCode;
        /** A format with one {@code %s} for the values the query returned, joined by commas; or null. */
        public final String detail;
        /**
         * For a guard in two steps (MySQL/MariaDB): the query whose rows are keys, then {@link #byKeys}, run once per
         * chunk of them; both null for a guard in one query, {@link #query}.
         */
        public final String keyQuery;
        public final KeyedStatement byKeys;

        private Guard(String query, String message, String sqlState, int vendorCode, String detail, String keyQuery,
                KeyedStatement byKeys) {
            this.query = query;
            this.message = message;
            this.sqlState = sqlState;
            this.vendorCode = vendorCode;
            this.detail = detail;
            this.keyQuery = keyQuery;
            this.byKeys = byKeys;
        }

        /** A refusal by policy (SQLState SD002) when {@code query} returns a row. */
        public static Guard refusal(String query, String message) {
            return new Guard(query, message, StatementRefusedException.FORBIDDEN, 0, null, null, null);
        }

        /** The error a database constraint would have raised, when {@code query} returns a row. */
        public static Guard violation(String query, String sqlState, int vendorCode, String message, String detail) {
            return new Guard(query, message, sqlState, vendorCode, detail, null, null);
        }

        /**
         * The error a database constraint would have raised, when {@code byKeys}, run with the keys {@code keyQuery}
         * returns, returns a row.
         */
        public static Guard violation(String keyQuery, KeyedStatement byKeys, String sqlState, int vendorCode,
                String message) {
            return new Guard(null, message, sqlState, vendorCode, null, keyQuery, byKeys);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Guard)) {
                return false;
            }
            Guard other = (Guard) o;
            return Objects.equals(other.query, query) && Objects.equals(other.keyQuery, keyQuery)
                    && Objects.equals(other.byKeys, byKeys) && other.message.equals(message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(query, keyQuery, byKeys, message);
        }

        /** The query, or for a guard in two steps the key query and the query by its keys. */
        @Override
        public String toString() {
            return query != null ? query : keyQuery + " -> " + byKeys;
        }
    }

    private final String sql;
    private final boolean deleteEvent;
    /** A delete event timed by the database's clock inside the statement itself: nothing is set before it. */
    private final boolean selfTimed;
    private final List<CascadeStep> after;
    private final boolean afterRepeats;
    private final List<Guard> checks;
    private final boolean changesSchema;
    /** How the UNDELETE this is the rewrite of runs; null for any other statement. */
    private final RestorePlan restorePlan;
    /** Kept rather than derived: read on every execution, it should cost one field of this object. */
    private final boolean grouped;
    /** The tables (names, lower case) whose rows the statements after it change or its checks read. */
    private final Set<String> stepTables;
    /** Of {@link #stepTables}, those whose rows the cascades after it change (cascades, SET NULL). */
    private final Set<String> changedStepTables;
    /** Of {@link #stepTables}, those whose rows its foreign-key checks read (RESTRICT / NO ACTION keys). */
    private final Set<String> checkedStepTables;

    Rewrite(String sql, boolean deleteEvent, List<CascadeStep> after, boolean afterRepeats, List<Guard> checks,
            boolean changesSchema, Set<String> stepTables) {
        this(sql, deleteEvent, after, afterRepeats, checks, changesSchema, stepTables, Set.of(), Set.of());
    }

    Rewrite(String sql, boolean deleteEvent, List<CascadeStep> after, boolean afterRepeats, List<Guard> checks,
            boolean changesSchema, Set<String> stepTables, Set<String> changedStepTables,
            Set<String> checkedStepTables) {
        this(sql, deleteEvent, false, List.copyOf(after), afterRepeats, List.copyOf(checks), changesSchema, null,
                Set.copyOf(stepTables), Set.copyOf(changedStepTables), Set.copyOf(checkedStepTables));
    }

    /** {@code after} and {@code checks} are immutable already ({@link List#copyOf}, {@link List#of}). */
    private Rewrite(String sql, boolean deleteEvent, boolean selfTimed, List<CascadeStep> after,
            boolean afterRepeats, List<Guard> checks, boolean changesSchema, RestorePlan restorePlan,
            Set<String> stepTables, Set<String> changedStepTables, Set<String> checkedStepTables) {
        this.changedStepTables = changedStepTables;
        this.checkedStepTables = checkedStepTables;
        this.sql = sql;
        this.deleteEvent = deleteEvent;
        this.selfTimed = selfTimed;
        this.after = after;
        this.afterRepeats = afterRepeats;
        this.checks = checks;
        this.changesSchema = changesSchema;
        this.restorePlan = restorePlan;
        this.grouped = deleteEvent || restorePlan != null || !after.isEmpty() || !checks.isEmpty() || changesSchema;
        this.stepTables = stepTables;
    }

    /** This rewrite, for a statement that also changes the schema of a configured table. */
    Rewrite changingSchema() {
        return new Rewrite(sql, deleteEvent, selfTimed, after, afterRepeats, checks, true, restorePlan,
                stepTables, changedStepTables, checkedStepTables);
    }

    /** This rewrite with another text to send (the literal-shape path puts the literals back). */
    Rewrite withSql(String text) {
        return new Rewrite(text, deleteEvent, selfTimed, after, afterRepeats, checks, changesSchema, restorePlan,
                stepTables, changedStepTables, checkedStepTables);
    }

    /** Whether the statement changes the schema of a configured table: the catalog is read again after it. */
    public boolean changesSchema() {
        return changesSchema;
    }

    /** An UNDELETE: {@code sql} restores the table's rows; {@code plan} says what runs around it. */
    public static Rewrite restore(String sql, RestorePlan plan) {
        return new Rewrite(sql, false, false, List.of(), false, List.of(), false, plan, Set.of(), Set.of(), Set.of());
    }

    /** A plain replacement of the statement's text, with nothing around it. */
    public static Rewrite replacedBy(String sql) {
        return new Rewrite(sql, false, List.of(), false, List.of(), false, Set.of());
    }

    /** The text to send in place of {@code original}. */
    public String sqlFor(String original) {
        return sql == null ? original : sql;
    }

    public boolean unchanged() {
        return sql == null;
    }

    /** Whether the session finds tables in other schemas after the statement (see {@link #SESSION_SCHEMAS}). */
    public boolean changesSessionSchemas() {
        return this == SESSION_SCHEMAS;
    }

    /**
     * Whether the statement soft-deletes rows (a delete event); unless it is {@link #selfTimed()}, the event's
     * timestamp must be set before it runs.
     */
    public boolean deleteEvent() {
        return deleteEvent;
    }

    /**
     * A soft delete with nothing around it, timed by the database inside {@code sql} itself: one statement, one
     * round trip. Changes the schema when {@code changesSchema} (MySQL's TRUNCATE of a configured table does not).
     */
    static Rewrite selfTimedDelete(String sql, boolean changesSchema) {
        return new Rewrite(sql, true, true, List.of(), false, List.of(), changesSchema, null, Set.of(), Set.of(), Set.of());
    }

    /** Whether the delete event is timed by the database inside the statement (see {@link #selfTimedDelete}). */
    public boolean selfTimed() {
        return selfTimed;
    }

    /** Whether the driver must start the delete event on the session before the statement runs. */
    public boolean setsEventFirst() {
        return deleteEvent && !selfTimed;
    }

    /** Whether this is the rewrite of the driver's own UNDELETE statement. */
    public boolean restore() {
        return restorePlan != null;
    }

    /** How the UNDELETE this is the rewrite of runs, or null. */
    public RestorePlan restorePlan() {
        return restorePlan;
    }

    /** Whether anything runs around the statement (or it is a restore): then the driver runs it as a group. */
    public boolean grouped() {
        return grouped;
    }

    /** Queries that must return no row after the statement and everything after it ran (foreign-key checks). */
    public List<Guard> checks() {
        return checks;
    }

    /**
     * Statements run after it: the cascades that soft-delete, in the same event, the live children of every row the
     * event has deleted, parents before children.
     */
    public List<CascadeStep> after() {
        return after;
    }

    /**
     * The tables (unqualified names, lower case) whose rows the cascades after the statement change or its
     * foreign-key checks read. In a batch those run after its last entry: an entry that names one of these tables
     * after this statement would run before them.
     */
    public Set<String> stepTables() {
        return stepTables;
    }

    /** Of {@link #stepTables()}, those whose rows the cascades after the statement change. */
    public Set<String> changedStepTables() {
        return changedStepTables;
    }

    /** Of {@link #stepTables()}, those whose rows the statement's foreign-key checks read. */
    public Set<String> checkedStepTables() {
        return checkedStepTables;
    }

    /** Whether {@link #after()} repeats until no statement changes a row (a cyclic cascade map). */
    public boolean afterRepeats() {
        return afterRepeats;
    }
}
