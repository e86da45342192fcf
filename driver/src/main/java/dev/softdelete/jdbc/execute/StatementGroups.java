package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.CascadeStep;
import dev.softdelete.jdbc.rewrite.RestorePlan;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Runs a statement with what its {@link Rewrite} puts around it, on one connection: guards, the statements before
 * it, the delete event's timestamp, the statement, the statements after it (cascades). When anything runs besides
 * the statement and the event timestamp, the group is atomic: in autocommit mode inside a transaction the driver
 * opens and commits, inside the caller's transaction behind a savepoint (MySQL and H2 do not undo the earlier
 * statements of a transaction when a later one fails).
 */
public final class StatementGroups {
    /** A bounded number of cascade rounds for cyclic maps; each round must delete rows to continue. */
    static final int MAX_ROUNDS = 1_000;
    /** Parent keys per UPDATE in a two-step cascade. */
    static final int KEYS_PER_UPDATE = 500;

    /** One JDBC call that may fail. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** The isolation level of a group's own transaction on PostgreSQL (see {@link #readCommittedFor}). */
    private static final String READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

    /**
     * The savepoint a group sets in a transaction the application began in SQL: JDBC's own savepoints need
     * auto-commit off, which it is not then. A name no application would choose: MySQL replaces a savepoint of the
     * same name, and the group's release would then take the application's away.
     */
    private static final String SQL_SAVEPOINT = "softdelete_jdbc_internal_group_savepoint";

    private static final Logger LOG = Logger.getLogger("dev.softdelete.jdbc");

    /** A date-time as MySQL and MariaDB read it back, to the microsecond. */
    private static final DateTimeFormatter MICROSECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Connection connection;
    /** Whether the vendor driver is the MariaDB driver; null until asked. */
    private Boolean mariaDbDriver;
    private final Dialect dialect;
    private final Supplier<String> actor;
    private final SqlCall<?> schemaChanged;
    private final SqlCall<?> characterSetsCarryKeys;
    /** Whether this group's run asked {@link #characterSetsCarryKeys} already. */
    private boolean characterSetsAsked;
    private final StatementRecorder recorder;
    private PreparedStatement setEvent;
    /** The application's statement whose group runs now, or null: its query timeout and cancel reach the group. */
    private volatile Statement owner;
    /** SQLState of a serialization failure: the transaction may succeed when run again. */
    static final String SERIALIZATION_FAILURE = "40001";
    /** The statement of the group running now (an event, cascade or check statement), or null. */
    private volatile Statement running;
    /** The owner's query timeout, given to each statement of its group (0: none). */
    private int queryTimeout;
    /** The event's statement preceded by {@link #READ_COMMITTED} (PostgreSQL), prepared when first needed. */
    private PreparedStatement setEventReadCommitted;

    /**
     * @param actor         who deletes through the connection at the time of each event (may supply null)
     * @param schemaChanged what to do after a statement that changed the schema of a configured table
     * @param characterSetsCarryKeys refuses (SD000) a session whose character sets could not carry the key values a
     *                      group reads and binds again (MySQL/MariaDB character keys, see {@code CharacterKeys}); asked
     *                      once per group, before its first key is read
     * @param recorder      counts the delete events, cascaded rows and restores that ran
     */
    public StatementGroups(Connection connection, Dialect dialect, Supplier<String> actor, SqlCall<?> schemaChanged,
                           SqlCall<?> characterSetsCarryKeys, StatementRecorder recorder) {
        this.connection = connection;
        this.dialect = dialect;
        this.actor = actor;
        this.schemaChanged = schemaChanged;
        this.characterSetsCarryKeys = characterSetsCarryKeys;
        this.recorder = recorder;
    }

    /** Runs {@code main}, which sends the statement {@code rewrite} describes, as one group. */
    public <T> T run(Rewrite rewrite, SqlCall<T> main) throws SQLException {
        return run(List.of(rewrite), main);
    }

    /**
     * As {@link #run(List, SqlCall)}, for the application's statement {@code owner}: its query timeout applies to
     * each statement of the group too, and {@link #cancel} by it cancels the one running.
     */
    public <T> T run(List<Rewrite> rewrites, SqlCall<T> main, Statement owner) throws SQLException {
        queryTimeout = owner.getQueryTimeout();
        this.owner = owner;
        try {
            return run(rewrites, main);
        } finally {
            this.owner = null;
            running = null;
            queryTimeout = 0;
        }
    }

    /** Cancels the statement of the group that {@code by} owns, if one is running. */
    public void cancel(Statement by) throws SQLException {
        Statement now = running;
        if (now != null && owner == by) {
            try {
                now.cancel();
            } catch (SQLException e) {
                // MySQL's and MariaDB's drivers cancel per connection: the owner's own cancel, just before, may have
                // ended the group's statement already, and the group closed it (a probe saw 42000 thrown to the
                // cancelling thread in a third of its runs); a cancel that came too late is no failure of cancel()
                if (!now.isClosed()) {
                    throw e;
                }
            }
        }
    }

    /** {@code st}, a statement of the running group: with the owner's query timeout, and the one to cancel. */
    private <S extends Statement> S own(S st) throws SQLException {
        // a vendor default row limit (Connector/J's maxRows property) would cut the keys a cascade, restore or
        // check reads
        st.setMaxRows(0);
        if (queryTimeout > 0) {
            st.setQueryTimeout(queryTimeout);
        }
        running = st;
        return st;
    }

    /**
     * Runs {@code main}, which sends a batch of statements, as one group: one delete event, started before the batch,
     * for all of its statements that take the event from the session (a self-timed delete takes the database's clock
     * at its own start).
     */
    public <T> T run(List<Rewrite> rewrites, SqlCall<T> main) throws SQLException {
        characterSetsAsked = false;
        List<CascadeStep> steps = new ArrayList<>();
        Set<Rewrite.Guard> checks = new LinkedHashSet<>();
        RestorePlan restore = null;
        boolean event = false;
        boolean setEventFirst = false;
        boolean repeat = false;
        boolean schema = false;
        for (Rewrite r : rewrites) {
            steps.addAll(r.after());
            checks.addAll(r.checks());
            event |= r.deleteEvent();
            setEventFirst |= r.setsEventFirst();
            repeat |= r.afterRepeats();
            schema |= r.changesSchema();
            if (r.restore()) {
                if (rewrites.size() > 1) {
                    throw new SQLException("softdelete-jdbc: an UNDELETE cannot run in a batch; execute it on its"
                            + " own", StatementRefusedException.FORBIDDEN);
                }
                restore = r.restorePlan();
            }
        }
        List<CascadeStep> after = lastOccurrences(steps);
        if (after.isEmpty() && checks.isEmpty() && restore == null) {
            if (setEventFirst) {
                startEvent();
            }
            T result = main.call();
            ran(event, 0, 0);
            if (schema) {
                schemaChanged.call();
            }
            return result;
        }
        boolean autoCommit = connection.getAutoCommit();
        // a transaction the application began in SQL (BEGIN, or SET autocommit = 0) is the application's, though
        // JDBC auto-commit is on
        boolean sqlTransaction = autoCommit && ServerTransaction.open(connection);
        autoCommit &= !sqlTransaction;
        // the other way round: JDBC auto-commit off, but the server autocommits (SET autocommit = 1 in SQL): the
        // group's own transaction is begun and ended in SQL, the vendor driver's idea of the session left alone
        boolean sqlAutocommit = !autoCommit && !sqlTransaction && ServerTransaction.autocommitting(connection);
        // pgjdbc's autosave off while the group's savepoint lives: with cleanupSavepoints its per-statement release
        // would destroy that savepoint (3B001); put back before the failed group's transaction is aborted, so that
        // the abort behaves as the failed hard DELETE under the application's autosave mode
        Object autosave = autoCommit || sqlAutocommit ? null : Autosave.suspend(connection);
        Savepoint savepoint;
        try {
            savepoint = autoCommit || sqlTransaction || sqlAutocommit ? null : connection.setSavepoint();
            if (sqlTransaction) {
                execute("SAVEPOINT " + SQL_SAVEPOINT);
            } else if (sqlAutocommit) {
                execute("START TRANSACTION");
            }
        } catch (SQLException | RuntimeException e) {
            Autosave.restore(connection, autosave);
            throw e;
        }
        boolean readCommitted = autoCommit && readCommittedFor(after, checks);
        // pgjdbc's autosave runs even the transaction's first statement in a subtransaction, where SET TRANSACTION
        // fails: the session's level is set before the group's transaction then, and set back after it
        int sessionLevel = 0;
        if (readCommitted && Autosave.on(connection)) {
            readCommitted = false;
            int level = connection.getTransactionIsolation();
            if (level != Connection.TRANSACTION_READ_COMMITTED) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                sessionLevel = level;
            }
        }
        boolean writable = autoCommit && readOnlyOnlyInTransactions();
        if (writable) {
            connection.setReadOnly(false);
        }
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        T result = null;
        long cascaded;
        SQLException misread = null;
        try {
            boolean withEvent = setEventFirst && restore == null;
            if (readCommitted && !withEvent) {
                execute(READ_COMMITTED);
            }
            List<Object[]> restoring = restore == null ? null : beforeRestore(restore);
            if (setEventFirst) {
                startEvent(readCommitted && withEvent);
            }
            try {
                result = autoCommit ? withoutCursor(main) : main.call();
            } catch (SQLException e) {
                if (!ranThenMisread(e)) {
                    throw e;
                }
                misread = e;
            }
            cascaded = runAfter(after, repeat);
            if (restore != null) {
                restoredOnlyCaptured(restore, restoring);
                restoreBelow(restore, restoring);
            }
            check(new ArrayList<>(checks));
            if (autoCommit) {
                connection.commit();
            } else if (sqlTransaction) {
                execute("RELEASE SAVEPOINT " + SQL_SAVEPOINT);
            } else if (sqlAutocommit) {
                execute("COMMIT");
            } else {
                connection.releaseSavepoint(savepoint);
            }
            Autosave.restore(connection, autosave);
            autosave = null;
        } catch (SQLException | RuntimeException | Error e) {
            if (!undo(autoCommit, savepoint, sqlTransaction, sqlAutocommit, e, autosave)) {
                closeUndone(e); // nothing of the group may stay to be committed by a later statement
            } else if (autoCommit) {
                autoCommitAgain(writable, sessionLevel, e);
            }
            Autosave.restore(connection, autosave);
            throw e;
        }
        if (autoCommit) {
            autoCommitAgain(writable, sessionLevel, null);
        }
        ran(event, cascaded, restore == null ? 0 : 1);
        if (misread != null) {
            throw misread;
        }
        return result;
    }

    /**
     * Whether the vendor driver ran the statement and then found its result not of the kind the call asked for:
     * pgjdbc's {@code executeQuery} of a DELETE (02000, no result set), {@code executeUpdate} of a DELETE ...
     * RETURNING (0100E, a result set), the MariaDB driver's below. The hard statement's effects stand then, with the
     * error after them: so do the group's.
     */
    boolean ranThenMisread(SQLException e) {
        if (dialect == Dialect.POSTGRESQL) {
            return "02000".equals(e.getSQLState()) || "0100E".equals(e.getSQLState());
        }
        // the MariaDB driver's executeUpdate of a text whose first result is a result set throws after the server ran
        // the whole text (a probe; Connector/J and H2 refuse such a call before sending it)
        return dialect.isMySqlFamily() && "HY000".equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("unexpected ResultSet object");
    }

    /**
     * The steps of a batch's statements, each once, at its last place. Each statement's steps come parents before
     * children, and a statement that has a step has every step below it after it: so a step kept at its last place
     * still follows every step that deletes its parents. (Kept at its first place, the step of a child deleted by an
     * earlier statement of the batch would run before a later statement's cascade deletes more of those children,
     * and miss their own children.)
     */
    static List<CascadeStep> lastOccurrences(List<CascadeStep> steps) {
        Set<CascadeStep> seen = new LinkedHashSet<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            seen.add(steps.get(i));
        }
        List<CascadeStep> ordered = new ArrayList<>(seen);
        Collections.reverse(ordered);
        return ordered;
    }

    /**
     * Before an UNDELETE's own statement: locks the parents of the rows to restore, checks that none is deleted,
     * and returns the keys and events of the rows to restore, read under lock.
     */
    private List<Object[]> beforeRestore(RestorePlan plan) throws SQLException {
        try (Statement st = own(connection.createStatement())) {
            for (String lock : plan.locks) {
                try (ResultSet rs = st.executeQuery(lock)) {
                    while (rs.next()) {
                        // reading the rows is what locks them
                    }
                }
            }
        }
        check(plan.guards);
        if (plan.capture == null) {
            return List.of();
        }
        try (Statement st = own(connection.createStatement())) {
            return keys(st, plan.capture, plan.captured.size());
        }
    }

    /**
     * Refuses an UNDELETE whose own statement restored more rows than its capture read under lock. At READ COMMITTED
     * (PostgreSQL, MariaDB, H2) each statement reads anew: a row that another transaction soft-deleted, committing
     * while the capture waited for a lock, is not among the captured rows (the capture read the snapshot taken before
     * the wait) but the restore's UPDATE finds it. Its children, found by the captured keys and events only, would
     * stay deleted under a restored parent: half an event restored. The whole UNDELETE is undone instead, with a
     * serialization failure ({@code 40001}) the application retries, as it retries any.
     */
    private void restoredOnlyCaptured(RestorePlan plan, List<Object[]> captured) throws SQLException {
        Statement st = owner;
        if (plan.capture == null || st == null) {
            return;
        }
        long restored = st.getUpdateCount();
        if (restored > captured.size()) {
            throw new SQLException("softdelete-jdbc: the UNDELETE found " + restored + " rows to restore where it had"
                    + " locked " + captured.size() + ": rows matching it were soft-deleted by another transaction"
                    + " that committed while it waited for a lock, and their children could not be restored with"
                    + " them; nothing was restored, run the UNDELETE again", SERIALIZATION_FAILURE);
        }
    }

    /**
     * Restores the children deleted by the same events as the rows {@code restored}, stage by stage (see
     * {@link RestorePlan#stages()}): each edge into a stage once, with all the rows its parent table got back, then
     * the edges among the stage's tables level by level, while they restore rows (a cycle of the cascade map ends
     * when a level restores none). Each child's own keys and events are captured first, for the edges below it.
     */
    private void restoreBelow(RestorePlan restore, List<Object[]> restored) throws SQLException {
        Map<String, List<Object[]>> rows = new HashMap<>(); // per table, every row restored so far
        Map<String, List<String>> columns = new HashMap<>(); // per table, the captured columns of those rows
        columns.put(restore.root, restore.captured);
        for (RestorePlan.Stage stage : restore.stages()) {
            Map<String, List<Object[]>> level = new HashMap<>();
            if (stage.entering.isEmpty()) {
                level.put(restore.root, restored); // the restored table's own stage
            }
            for (RestorePlan.Edge edge : stage.entering) {
                List<Object[]> parents = rows.getOrDefault(edge.parent, List.of());
                restoreAlong(edge, parents, columns, level);
            }
            while (!level.isEmpty()) {
                level.forEach((table, added) -> rows.computeIfAbsent(table, k -> new ArrayList<>()).addAll(added));
                Map<String, List<Object[]>> next = new HashMap<>();
                for (RestorePlan.Edge edge : stage.within) {
                    restoreAlong(edge, level.getOrDefault(edge.parent, List.of()), columns, next);
                }
                level = next;
            }
        }
    }

    /** Restores along {@code edge} the children of {@code parents}, adding those restored to {@code into}. */
    private void restoreAlong(RestorePlan.Edge edge, List<Object[]> parents, Map<String, List<String>> columns,
            Map<String, List<Object[]>> into) throws SQLException {
        if (parents.isEmpty()) {
            return;
        }
        List<Object[]> children = restoreChildren(edge, project(parents, columns.get(edge.parent),
                edge.parentColumns));
        if (!children.isEmpty()) {
            columns.put(edge.child, edge.captured);
            into.computeIfAbsent(edge.child, k -> new ArrayList<>()).addAll(children);
        }
    }

    /** Restores the children of {@code parents} along {@code edge}; returns their captured columns. */
    private List<Object[]> restoreChildren(RestorePlan.Edge edge, List<Object[]> parents) throws SQLException {
        List<Object[]> children = new ArrayList<>();
        for (int from = 0; from < parents.size(); from += KEYS_PER_UPDATE) {
            List<Object[]> chunk = parents.subList(from, Math.min(parents.size(), from + KEYS_PER_UPDATE));
            String tuples = tuples(chunk.size(), edge.parentColumns.size());
            for (String check : edge.parentChecks) {
                String[] parts = check.split(Pattern.quote(RestorePlan.TUPLES), -1);
                try (PreparedStatement parent = own(connection.prepareStatement(String.join(tuples, parts)))) {
                    for (int at = 0; at < parts.length - 1; at++) {
                        bind(parent, chunk, at * chunk.size() * edge.parentColumns.size());
                    }
                    try (ResultSet rs = parent.executeQuery()) {
                        if (rs.next()) {
                            throw new SQLException("softdelete-jdbc refused the UNDELETE: a child it would restore"
                                    + " along the cascade has another parent that is still soft-deleted (H2 has no"
                                    + " guard triggers to refuse it); restore that parent first",
                                    StatementRefusedException.FORBIDDEN);
                        }
                    }
                }
            }
            if (edge.captureByParents != null) {
                try (PreparedStatement capture = own(connection.prepareStatement(edge.captureByParents.forKeys(
                        chunk.size())))) {
                    bind(capture, chunk);
                    try (ResultSet rs = capture.executeQuery()) {
                        while (rs.next()) {
                            children.add(row(rs, edge.captured.size()));
                        }
                    }
                }
            }
            try (PreparedStatement update = own(connection.prepareStatement(edge.restoreByParents.forKeys(
                    chunk.size())))) {
                bind(update, chunk);
                update.executeLargeUpdate();
            }
        }
        return children;
    }

    /** The distinct values of {@code wanted} columns in rows whose columns are {@code columns}. */
    private static List<Object[]> project(List<Object[]> rows, List<String> columns, List<String> wanted) {
        int[] at = new int[wanted.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = columns.indexOf(wanted.get(i));
        }
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (Object[] row : rows) {
            List<Object> values = new ArrayList<>();
            for (int i : at) {
                values.add(row[i]);
            }
            seen.add(values);
        }
        List<Object[]> result = new ArrayList<>();
        seen.forEach(v -> result.add(v.toArray()));
        return result;
    }

    /**
     * On PostgreSQL, a delete event the driver runs in a transaction of its own (the application is in autocommit
     * mode) runs at READ COMMITTED, whatever the connection's level: its cascades and foreign-key checks then read
     * the rows committed while its UPDATE waited for a row lock, such as a child inserted by a transaction that held
     * the parent's key-share lock. At REPEATABLE READ they would read the snapshot taken before the wait and miss
     * that child, leaving it live under a deleted parent. The hard delete's own foreign-key triggers see such rows
     * (and raise a serialization failure); READ COMMITTED is how the driver's statements see them.
     *
     * <p>The level is set for the group's transaction only ({@link #READ_COMMITTED}, sent with the event's own
     * statement, no round trip of its own): the session's level, however the application set it (JDBC, or SQL such
     * as {@code SET default_transaction_isolation}), is neither read nor changed. (Read once and cached, a level set
     * in SQL went unseen: the group ran at REPEATABLE READ, and left a child live under its deleted parent.)
     */
    private boolean readCommittedFor(List<CascadeStep> after, Set<Rewrite.Guard> checks) {
        return dialect == Dialect.POSTGRESQL && !(after.isEmpty() && checks.isEmpty());
    }

    private void ran(boolean event, long cascaded, int restores) {
        if (event) {
            recorder.deleteEvent(cascaded);
        }
        if (restores > 0) {
            recorder.restores(restores);
        }
    }

    private void startEvent() throws SQLException {
        startEvent(false);
    }

    /** Sets the event on the session; first, when {@code readCommitted}, the transaction's isolation level. */
    private void startEvent(boolean readCommitted) throws SQLException {
        String sql = dialect.setEventStatement();
        if (sql == null) {
            return;
        }
        PreparedStatement event;
        if (readCommitted) {
            if (setEventReadCommitted == null) {
                setEventReadCommitted = connection.prepareStatement(READ_COMMITTED + "; " + sql);
            }
            event = setEventReadCommitted;
        } else {
            if (setEvent == null) {
                setEvent = connection.prepareStatement(sql);
            }
            event = setEvent;
        }
        event.setString(1, EventClock.next());
        event.setString(2, UUID.randomUUID().toString());
        event.setString(3, actor.get());
        own(event).execute();
    }

    /** Runs each guard's query; the first that returns a row fails the group with the guard's error. */
    private void check(List<Rewrite.Guard> guards) throws SQLException {
        if (guards.isEmpty()) {
            return;
        }
        try (Statement st = own(connection.createStatement())) {
            for (Rewrite.Guard guard : guards) {
                if (guard.keyQuery != null) {
                    checkByKeys(st, guard);
                    continue;
                }
                try (ResultSet rs = st.executeQuery(guard.query)) {
                    if (rs.next()) {
                        throw failure(guard, rs);
                    }
                }
            }
        }
    }

    /** A guard in two steps: its keys first (a plain read), then its query by those keys, in chunks. */
    private void checkByKeys(Statement st, Rewrite.Guard guard) throws SQLException {
        List<Object[]> keys = keys(st, guard.keyQuery, guard.byKeys.width());
        for (int from = 0; from < keys.size(); from += KEYS_PER_UPDATE) {
            List<Object[]> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_UPDATE));
            try (PreparedStatement query = own(connection.prepareStatement(guard.byKeys.forKeys(chunk.size())))) {
                bind(query, chunk);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        throw failure(guard, rs);
                    }
                }
            }
        }
    }

    /**
     * The error of a violated guard: a constraint violation (SQLState class 23) or a refusal. A violation is an
     * {@link SQLIntegrityConstraintViolationException} where the vendor's driver throws one (MySQL's, MariaDB's,
     * H2's), and a plain {@link SQLException} on PostgreSQL, as pgjdbc's {@code PSQLException} is: Hibernate classifies
     * the subclass by its class, as {@code ConstraintKind.OTHER}, and pgjdbc's error by its SQLState, as a foreign key
     * (a probe).
     */
    private SQLException failure(Rewrite.Guard guard, ResultSet row) throws SQLException {
        String message = guard.message;
        if (guard.detail != null) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                values.add(String.valueOf(row.getObject(i)));
            }
            message += "\n  Detail: " + String.format(guard.detail, String.join(", ", values));
        }
        return guard.sqlState.startsWith("23") && dialect != Dialect.POSTGRESQL
                ? new SQLIntegrityConstraintViolationException(message, guard.sqlState, guard.vendorCode)
                : new SQLException(message, guard.sqlState, guard.vendorCode);
    }

    /** Runs the cascades; returns the rows they soft-deleted. */
    private long runAfter(List<CascadeStep> steps, boolean repeat) throws SQLException {
        if (steps.isEmpty()) {
            return 0;
        }
        long total = 0;
        try (Statement st = own(connection.createStatement())) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long changed = 0;
                for (CascadeStep step : steps) {
                    changed += step.statement() != null ? st.executeLargeUpdate(step.statement()) : byKeys(st, step);
                }
                total += changed;
                if (!repeat || changed == 0) {
                    return total;
                }
            }
        }
        throw new SQLException("softdelete-jdbc: the cascade map did not settle after " + MAX_ROUNDS + " rounds;"
                + " the delete event is undone", StatementRefusedException.UNREWRITABLE);
    }

    /** Reads the parent keys (a plain, non-locking read), then updates the children by key, in chunks. */
    private long byKeys(Statement st, CascadeStep step) throws SQLException {
        List<Object[]> keys = keys(st, step.keyQuery(), step.updateByKeys().width());
        long changed = 0;
        for (int from = 0; from < keys.size(); from += KEYS_PER_UPDATE) {
            List<Object[]> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_UPDATE));
            try (PreparedStatement update = own(connection.prepareStatement(step.updateByKeys().forKeys(
                    chunk.size())))) {
                bind(update, chunk);
                changed += update.executeLargeUpdate();
            }
        }
        return changed;
    }

    /**
     * The rows of {@code keyQuery}, {@code width} columns each. The first read of a group asks whether the session's
     * character sets can carry them: a SET of them may have run since the connection was checked, in the
     * application's own statement or text, through EXECUTE IMMEDIATE or a routine (probes' cascades, under a {@code
     * character_set_results = latin1} set so, left the children of a deleted parent live and soft-deleted a live
     * parent's); the group is then undone.
     */
    private List<Object[]> keys(Statement st, String keyQuery, int width) throws SQLException {
        if (!characterSetsAsked) {
            characterSetsCarryKeys.call();
            characterSetsAsked = true;
        }
        List<Object[]> keys = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(keyQuery)) {
            while (rs.next()) {
                keys.add(row(rs, width));
            }
        }
        return keys;
    }

    /**
     * The first {@code width} values of the current row, to bind again. A timestamp without a time zone is read as
     * the {@code LocalDateTime} it is: as a {@code Timestamp} it is placed in the JVM's zone, where a time in the
     * hour a daylight-saving change skips does not exist and comes back an hour later, so that the delete event
     * written at that time was not found (an UNDELETE then restored the parent without its children). On MySQL and
     * MariaDB it is bound again as text: mysql-connector-j binds a {@code LocalDateTime} or {@code Timestamp} without
     * its fraction of a second, and the delete events of a row are told apart by microseconds; Connector/J's own
     * text is exact, the MariaDB driver's is shifted like its {@code Timestamp}.
     */
    private Object[] row(ResultSet rs, int width) throws SQLException {
        Object[] row = new Object[width];
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 0; i < width; i++) {
            int type = meta.getColumnType(i + 1);
            // a date-time is not read with getObject first: Connector/J throws there on a local time the JVM's
            // zone skips (HOUR_OF_DAY: 2 -> 3)
            if (dialect.isMySqlFamily() && (type == Types.BIT || type == Types.BOOLEAN
                    || "YEAR".equalsIgnoreCase(meta.getColumnTypeName(i + 1)))) {
                // a TINYINT(1) key comes back as a Boolean (tinyInt1isBit, both vendor drivers' default): 2 or 3
                // would be bound again as 1, and the cascade, RESTRICT check or SET NULL would act on the children
                // of another parent (BIT keys themselves refuse the connection); YEAR comes back as a date
                // (yearIsDateType), whose text for 0000 matches no YEAR value
                long value = rs.getLong(i + 1);
                row[i] = rs.wasNull() ? null : value;
                continue;
            }
            row[i] = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.DATE
                    || type == Types.TIME ? dateTime(rs, i + 1, meta) : rs.getObject(i + 1);
        }
        return row;
    }

    /** A date-time value of column {@code column} as it is to be bound again (see {@link #row}). */
    private Object dateTime(ResultSet rs, int column, ResultSetMetaData meta) throws SQLException {
        boolean zoneless = meta.getColumnType(column) == Types.TIMESTAMP && meta.getColumnTypeName(column)
                .toLowerCase(Locale.ROOT).matches("(timestamp|datetime)( ?\\(\\d\\))?( without time zone)?");
        if (!dialect.isMySqlFamily()) {
            return zoneless ? rs.getObject(column, LocalDateTime.class) : rs.getObject(column);
        }
        if (!zoneless || !mariaDbDriver()) {
            return rs.getString(column);
        }
        // a zero date ('0000-00-00 00:00:00') comes back from the MariaDB driver as null, and one with a zero day or
        // month throws DateTimeException: both are read as the text stored (a probe: the child of a parent keyed by a
        // zero DATETIME stayed live; one keyed '2020-01-00' failed the DELETE with an unchecked exception)
        LocalDateTime local;
        try {
            local = rs.getObject(column, LocalDateTime.class);
        } catch (DateTimeException e) {
            return rs.getString(column);
        }
        return local == null ? rs.getString(column) : local.format(MICROSECONDS);
    }

    /** Whether the vendor driver is the MariaDB driver (org.mariadb.jdbc), read once. */
    private boolean mariaDbDriver() throws SQLException {
        if (mariaDbDriver == null) {
            mariaDbDriver = connection.getMetaData().getDriverName().toLowerCase(Locale.ROOT).contains("mariadb");
        }
        return mariaDbDriver;
    }

    private static void bind(PreparedStatement statement, List<Object[]> keys) throws SQLException {
        bind(statement, keys, 0);
    }

    /** Binds {@code keys} from the parameter after {@code before}. */
    private static void bind(PreparedStatement statement, List<Object[]> keys, int before) throws SQLException {
        int p = before + 1;
        for (Object[] key : keys) {
            for (Object value : key) {
                statement.setObject(p++, value);
            }
        }
    }

    /** {@code (?, ?, ?)} for single keys, {@code ((?, ?), (?, ?))} for composite ones. */
    private static String tuples(int count, int width) {
        String one = width == 1 ? "?" : "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        return "(" + String.join(", ", Collections.nCopies(count, one)) + ")";
    }

    /**
     * Undoes a group that failed: the driver's own transaction rolled back, or the caller's to the group's savepoint.
     * On PostgreSQL the caller's transaction is then left aborted, as the failed DELETE would have left it: its next
     * statements fail (25P02) and its COMMIT rolls back, instead of committing the work before the failure. Not
     * after the driver's own refusal (SD001, SD002), which changed nothing and leaves the transaction usable.
     */
    private boolean undo(boolean autoCommit, Savepoint savepoint, boolean sqlTransaction, boolean sqlAutocommit,
            Throwable cause, Object autosave) {
        // a cancel (MariaDB's driver sends KILL QUERY) ends the statement it lands on, which may be this rollback:
        // tried twice; a rollback that fails twice leaves the group's changes to be committed by a later statement
        boolean rolledBack = false;
        for (int attempt = 0; attempt < 2 && !rolledBack; attempt++) {
            try {
                if (autoCommit) {
                    connection.rollback();
                } else if (sqlAutocommit) {
                    execute("ROLLBACK");
                } else if (sqlTransaction) {
                    execute("ROLLBACK TO SAVEPOINT " + SQL_SAVEPOINT);
                } else {
                    connection.rollback(savepoint);
                }
                rolledBack = true;
            } catch (SQLException e) {
                cause.addSuppressed(e);
                if (!autoCommit && serverEndedTransaction(cause, e)) {
                    // MySQL/MariaDB roll back the whole transaction of a deadlock victim (40001/1213), and of a
                    // lock wait timeout with innodb_rollback_on_timeout (1205), savepoints included: nothing of the
                    // group is left to undo, and the connection stays usable, as after the hard DELETE's failure
                    return true;
                }
            }
        }
        if (!rolledBack) {
            return false;
        }
        try {
            if (!autoCommit && !sqlAutocommit) {
                if (dialect == Dialect.POSTGRESQL && cause instanceof SQLException && !refusal((SQLException) cause)) {
                    // the savepoint released first: an error inside it would abort only the subtransaction, and
                    // the transaction would keep its locks until the application ends it; the failed hard DELETE
                    // aborts the transaction itself, which releases them at once
                    if (sqlTransaction) {
                        execute("RELEASE SAVEPOINT " + SQL_SAVEPOINT);
                    } else {
                        connection.releaseSavepoint(savepoint);
                    }
                    Autosave.restore(connection, autosave);
                    abortTransaction();
                }
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        return true;
    }

    /**
     * Turns auto-commit back on after the group's own transaction. A cancel that lands on it (MariaDB's KILL QUERY
     * ends the statement in flight) left the session in manual commit, where the application's next writes were
     * never committed: tried twice, and a connection that still refuses is closed, so that nothing runs on it
     * unseen. {@code failure}: the group's own failure, to which these are added; null after its commit, when the
     * delete took effect and is reported as it is, and the closed connection fails the next statement. The session's
     * read-only flag and isolation level ({@code sessionLevel}, 0 when the group left it alone) go back too.
     */
    private void autoCommitAgain(boolean writable, int sessionLevel, Throwable failure) {
        SQLException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                connection.setAutoCommit(true);
                if (writable) {
                    connection.setReadOnly(true);
                }
                if (sessionLevel != 0) {
                    connection.setTransactionIsolation(sessionLevel);
                }
                return;
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
                last = e;
            }
        }
        if (failure == null) {
            LOG.log(Level.WARNING, "softdelete-jdbc closed a connection that would not turn auto-commit back on after"
                    + " a soft delete's own transaction had committed: later statements on it would never commit",
                    last);
        }
        closeUndone(failure != null ? failure : last);
    }

    /**
     * Closes the connection whose group could not be rolled back, or whose auto-commit could not be restored: the
     * database rolls back what is open, and no later statement commits part of a delete event or runs uncommitted.
     */
    private void closeUndone(Throwable failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Whether the server itself rolled back the caller's whole transaction, so that the group's savepoint is gone
     * ({@code 1305 SAVEPOINT does not exist}): on MySQL/MariaDB, a deadlock victim's transaction (1213), or one whose
     * lock wait timed out where {@code innodb_rollback_on_timeout} is on (1205).
     */
    private boolean serverEndedTransaction(Throwable cause, SQLException rollbackFailure) {
        if (dialect == Dialect.H2) {
            // H2 rolls back the whole transaction of a deadlock victim, and of a REPEATABLE READ / SERIALIZABLE
            // transaction that meets a concurrent update (both 40001, "The current transaction was rolled back"):
            // the savepoint is then gone (90063 Savepoint is invalid), and the connection stays usable
            return cause instanceof SQLException && "40001".equals(((SQLException) cause).getSQLState())
                    && rollbackFailure.getErrorCode() == 90063;
        }
        if (!dialect.isMySqlFamily() || !(cause instanceof SQLException) || rollbackFailure.getErrorCode() != 1305) {
            return false;
        }
        int code = ((SQLException) cause).getErrorCode();
        return code == 1213 || code == 1205;
    }

    /** The driver's own refusal (SD001, SD002): nothing was changed, and the transaction goes on. */
    private static boolean refusal(SQLException e) {
        return StatementRefusedException.UNREWRITABLE.equals(e.getSQLState())
                || StatementRefusedException.FORBIDDEN.equals(e.getSQLState());
    }

    /**
     * Runs the application's statement in the group's own transaction with its rows read at once: with a fetch size,
     * pgjdbc reads a result through a cursor whenever auto-commit is off, and the group's commit would close that
     * cursor before the application reads on (34000, portal does not exist), after the delete took effect. With
     * auto-commit on, as the application set it, pgjdbc reads every row at once anyway.
     */
    private <T> T withoutCursor(SqlCall<T> main) throws SQLException {
        Statement st = owner;
        int fetchSize = dialect == Dialect.POSTGRESQL && st != null ? st.getFetchSize() : 0;
        if (fetchSize == 0) {
            return main.call();
        }
        st.setFetchSize(0);
        try {
            return main.call();
        } finally {
            st.setFetchSize(fetchSize);
        }
    }

    /**
     * Whether the connection is read-only for transactions only (pgjdbc's default {@code readOnlyMode=transaction}):
     * a statement in auto-commit mode may write, and so may the group that stands for it, whose own transaction
     * pgjdbc would begin READ ONLY. Asked only of a read-only PostgreSQL connection, whose session default says
     * whether statements in auto-commit mode are read-only too ({@code readOnlyMode=always}).
     */
    private boolean readOnlyOnlyInTransactions() throws SQLException {
        if (dialect != Dialect.POSTGRESQL || !connection.isReadOnly()) {
            return false;
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW transaction_read_only")) {
            return rs.next() && "off".equalsIgnoreCase(rs.getString(1));
        }
    }

    /** Runs one of the group's own statements that returns nothing (a savepoint of a transaction begun in SQL). */
    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Puts the caller's PostgreSQL transaction in the aborted state, by an error raised on purpose. */
    private void abortTransaction() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DO $softdelete$BEGIN RAISE EXCEPTION USING MESSAGE = 'softdelete-jdbc: the transaction is"
                    + " aborted, as the failed statement left it', ERRCODE = '25P02'; END$softdelete$");
        } catch (SQLException expected) {
            if (!"25P02".equals(expected.getSQLState())) {
                throw expected;
            }
        }
    }
}
