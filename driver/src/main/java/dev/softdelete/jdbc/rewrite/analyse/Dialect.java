package dev.softdelete.jdbc.rewrite.analyse;

import java.util.Locale;

/** The SQL dialect of the delegate database, read from its JDBC URL. */
public enum Dialect {
    POSTGRESQL("TRUE", "FALSE", "CAST(current_setting('softdelete.event_at') AS TIMESTAMP)",
            "current_setting('softdelete.event_batch')", "NULLIF(current_setting('softdelete.actor'), '')",
            "SELECT set_config('softdelete.event_at', ?, false), set_config('softdelete.event_batch', ?, false),"
                    + " set_config('softdelete.actor', coalesce(?, ''), false)",
            "CAST(statement_timestamp() AS TIMESTAMP(5))", true, false),
    MYSQL("TRUE", "FALSE", "CAST(@softdelete_event_at AS DATETIME(6))", "@softdelete_event_batch",
            "@softdelete_actor", "SET @softdelete_event_at = ?, @softdelete_event_batch = ?, @softdelete_actor = ?",
            "NOW(5)", false, true),
    MARIADB("TRUE", "FALSE", "CAST(@softdelete_event_at AS DATETIME(6))", "@softdelete_event_batch",
            "@softdelete_actor", "SET @softdelete_event_at = ?, @softdelete_event_batch = ?, @softdelete_actor = ?",
            "NOW(5)", false, true),
    /**
     * H2 folds unquoted names to upper case (or to lower case, or ignores case, as its settings say): a quoted
     * {@code "ORDERS"} is the configured {@code orders} by default, so quoted names match configured ones ignoring case.
     */
    H2("TRUE", "FALSE", "CAST(@softdelete_event_at AS TIMESTAMP(6))", "@softdelete_event_batch", "@softdelete_actor",
            "SELECT SET(@softdelete_event_at, ?), SET(@softdelete_event_batch, ?), SET(@softdelete_actor, ?)", null,
            false, true),
    /** Any other database: ANSI literals, case-sensitive quoted identifiers, no delete events. */
    GENERIC("TRUE", "FALSE", "CURRENT_TIMESTAMP", null, null, null, null, false, false);

    private final String trueLiteral;
    private final String falseLiteral;
    private final String eventTimestamp;
    private final String eventBatch;
    private final String eventActor;
    private final String setEvent;
    private final String statementTimestamp;
    private final boolean updateReturning;
    private final boolean quotedNamesIgnoreCase;

    Dialect(String trueLiteral, String falseLiteral, String eventTimestamp, String eventBatch, String eventActor,
            String setEvent, String statementTimestamp, boolean updateReturning, boolean quotedNamesIgnoreCase) {
        this.trueLiteral = trueLiteral;
        this.falseLiteral = falseLiteral;
        this.eventTimestamp = eventTimestamp;
        this.eventBatch = eventBatch;
        this.eventActor = eventActor;
        this.setEvent = setEvent;
        this.statementTimestamp = statementTimestamp;
        this.updateReturning = updateReturning;
        this.quotedNamesIgnoreCase = quotedNamesIgnoreCase;
    }

    /** The dialect of a delegate URL such as {@code jdbc:postgresql://host/db}. */
    public static Dialect fromUrl(String delegateUrl) {
        String u = delegateUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:pgsql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        if (u.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        return GENERIC;
    }

    public String trueLiteral() {
        return trueLiteral;
    }

    public String falseLiteral() {
        return falseLiteral;
    }

    /**
     * The expression written into timestamp columns on delete: the current delete event's timestamp, which the
     * driver sets on the session (with {@link #setEventStatement()}) before each soft-deleting statement, so that
     * one DELETE and its cascades share one value and two DELETEs never do.
     */
    public String eventTimestamp() {
        return eventTimestamp;
    }

    /** The expression written into batch columns: the current delete event's id; null when unsupported. */
    public String eventBatch() {
        return eventBatch;
    }

    /** The expression written into actor columns: the connection's {@code softdelete.actor}; null when unsupported. */
    public String eventActor() {
        return eventActor;
    }

    /**
     * The statement that starts a delete event on the session, with three string parameters: its timestamp, its id
     * and the actor (may be null); null when unsupported.
     */
    public String setEventStatement() {
        return setEvent;
    }

    /**
     * The database's clock at the start of the statement it is written in, at 10-microsecond precision; null where
     * there is none that differs between two statements of one transaction (H2's current timestamp is the
     * transaction's). A soft delete with nothing around it (no cascade, no foreign-key check, no batch or actor
     * column) writes this into its timestamp column instead of {@link #eventTimestamp()}, and so needs no statement
     * before it: one round trip. Its last microsecond digit is always 0, while the driver's own event timestamps
     * ({@code EventClock}) always end in an odd microsecond, so a timestamp the database took never equals one the
     * driver took.
     */
    public String statementTimestamp() {
        return statementTimestamp;
    }

    /** Whether {@code UPDATE ... RETURNING} exists. */
    public boolean supportsUpdateReturning() {
        return updateReturning;
    }

    /** Whether quoted identifiers name tables case-insensitively (MySQL/MariaDB, conservatively). */
    public boolean quotedNamesIgnoreCase() {
        return quotedNamesIgnoreCase;
    }

    public boolean isMySqlFamily() {
        return this == MYSQL || this == MARIADB;
    }

    /**
     * What ends a query of the driver's own that must read every row it finds, before any locking clause: on
     * MySQL/MariaDB an explicit {@code LIMIT} of the largest row count, which overrides the session's
     * {@code sql_select_limit} (an application's {@code SET sql_select_limit = 1} would otherwise cut short the
     * keys a cascade or check reads); elsewhere nothing.
     */
    public String allRows() {
        return isMySqlFamily() ? " LIMIT 18446744073709551615" : "";
    }

    /**
     * What ends a query of the driver's own that needs one row at most, before any locking clause: {@code LIMIT 1},
     * or on H2 the standard {@code FETCH FIRST 1 ROWS ONLY}, which every compatibility mode of H2 reads (its
     * MSSQLServer, Oracle and Derby modes reject {@code LIMIT}).
     */
    public String firstRow() {
        return this == H2 ? " FETCH FIRST 1 ROWS ONLY" : " LIMIT 1";
    }
}
