package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.CatalogChange;
import dev.softdelete.jdbc.rewrite.recognise.DynamicSql;
import dev.softdelete.jdbc.rewrite.recognise.InsertOnly;
import dev.softdelete.jdbc.rewrite.recognise.NamedTables;
import dev.softdelete.jdbc.rewrite.recognise.RowFreeDdl;
import dev.softdelete.jdbc.rewrite.recognise.SessionSchemaStatement;
import dev.softdelete.jdbc.rewrite.recognise.SessionStateChange;
import dev.softdelete.jdbc.rewrite.recognise.StatementHints;
import dev.softdelete.jdbc.rewrite.recognise.TransactionControl;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * A statement of a {@link ConnectionWrapper}: SQL text passes the connection's {@link StatementGate}, result sets
 * come back wrapped, and {@link #getConnection()} is the wrapping connection.
 */
public class StatementWrapper extends JdbcWrapper<Statement> implements Statement {
    /** The word of ROLLBACK TO SAVEPOINT, which ends no transaction. */
    private static final Pattern TO = Pattern.compile("(?i)\\bTO\\b");

    private final ConnectionWrapper connection;
    private final StatementGate gate;
    private ResultSetWrapper lastResultSet;
    /** The batched statements that run as a group (soft deletes); null when there are none. */
    private List<Rewrite> batchedGroups;
    /** The tables that the cascades and checks of the soft deletes batched so far change or read; null if none. */
    private Set<String> batchedStepTables;
    /** The tables whose rows the foreign-key checks of the grouped entries batched so far read. */
    private Set<String> batchedCheckedTables;
    /**
     * Finds those tables in a later entry's tokens (a name in a string literal, a comment or a longer identifier is
     * not one); set with them.
     */
    private NamedTables stepTableMentions;
    /** Why the batch must be refused when it runs, or null. */
    private String batchRefusal;
    /** Whether an entry batched so far is DDL on a soft-delete table (the catalog is read again after the batch). */
    private boolean batchedCatalogChange;
    /** The word of the first batched statement that is transaction control (COMMIT, SAVEPOINT, ...), or null. */
    private String batchedTransactionControl;
    /** How many statements are batched. */
    private int batchEntries;
    /** Whether an entry batched so far names the setting that decides how strings read ({@link SessionLexicalMode}). */
    private boolean batchedStringSetting;
    /** Whether an entry batched so far has a backslash and mentions a soft-delete table. */
    private boolean batchedBackslash;
    /**
     * The ordinal of the connection's visibility when the batch's first entry was added; -1 while the batch is empty
     * (a byte, which the object's padding holds: a reference made every statement 8 bytes larger).
     */
    private byte batchVisibility = -1;
    /** Whether an entry batched so far names a configured table (its text may depend on the visibility). */
    private boolean batchedConfigured;
    /** What the gate made of the statement last sent, whose result set the application may hold. */
    private Rewrite lastSent = Rewrite.UNCHANGED;
    /** The text of the statement last sent. */
    private String lastSentText;
    /** The last execution was refused, or its group failed and was undone: no result to show for it. */
    private boolean noResult;
    /**
     * MySQL/MariaDB (else null): the engine of the connection's session when this statement was created (MySQL runs
     * it in the database of that moment); the same engine after it read its catalog again, another after a move to
     * other schemas.
     */
    private final SharedEngine createdWith;

    StatementWrapper(ConnectionWrapper connection, Statement delegate) {
        super(delegate);
        this.connection = connection;
        this.createdWith = connection.dialect().isMySqlFamily() ? connection.engine().current() : null;
        this.gate = connection.gate();
    }

    /** Wraps a result set of this statement; the same result set twice in a row gets the same wrapper. */
    final ResultSet wrap(ResultSet resultSet) {
        if (resultSet == null) {
            return null;
        }
        ResultSetWrapper last = lastResultSet;
        if (last == null || last.delegate != resultSet) {
            last = new ResultSetWrapper(resultSet, this);
            lastResultSet = last;
        }
        return last;
    }

    /**
     * Refuses {@link ResultSet#deleteRow()}, {@link ResultSet#updateRow()} and {@link ResultSet#refreshRow()} on a row
     * of a configured table: the database driver runs a DELETE, UPDATE or SELECT of its own, which never passes the
     * gate. The DELETE would remove the row physically; the UPDATE would change, and the SELECT read back, a row
     * soft-deleted since the result set read it, which the hard delete had removed. In observe mode they go.
     *
     * @param call the method, as the message names it
     * @param why  what the database driver's own statement would do
     */
    final void refuseOwnStatement(ResultSet resultSet, Rewrite sent, String sentText, String call, String why,
            String sqlState) throws SQLException {
        if (gate.observing()) {
            return;
        }
        if (wrapsTables(sent)) {
            throw new SQLException("softdelete-jdbc refused ResultSet." + call + "(): the query reads a soft-delete"
                    + " table through a filtered derived table, (SELECT * FROM t WHERE <live>) alias, whose alias the"
                    + " database driver may take for the table the row is in; use a statement instead", sqlState);
        }
        if (!sent.unchanged() || sentText != null && connection.mentionsConfigured(sentText)) {
            // the query named a configured table (the driver rewrote it): the vendor driver's own statement goes to
            // the table its column definitions hold (orgTable), which getTableName need not name (MariaDB's
            // blankTableNameMeta, Connector/J's useOldAliasMetadataBehavior give "" or the alias; a probe)
            throw new SQLException("softdelete-jdbc refused ResultSet." + call + "(): the query reads a soft-delete"
                    + " table, and the database driver " + why + "; use a statement instead", sqlState);
        }
        ResultSetMetaData meta = resultSet.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String table = meta.getTableName(i);
            if (table != null && !table.isEmpty() && connection.configures(meta.getSchemaName(i), table)) {
                throw new SQLException("softdelete-jdbc refused ResultSet." + call + "(): the row is in soft-delete"
                        + " table " + table + ", and the database driver " + why + "; use a statement instead",
                        sqlState);
            }
        }
    }

    /**
     * What the gate made of the query this statement sent last, and its text: a result set keeps them from its
     * creation ({@link ResultSetWrapper}), since a later execution may leave it open (the MariaDB driver does).
     */
    Rewrite sentRewrite() {
        return lastSent;
    }

    String sentText() {
        return lastSentText;
    }

    /** Whether rewrite {@code r} reads a configured table through a filtered derived table. */
    static boolean wrapsTables(Rewrite r) {
        return !r.unchanged() && r.sqlFor("").contains("(SELECT * FROM ");
    }

    final StatementGroups groups() {
        return connection.groups();
    }

    /** Passes {@code sql} through the gate and sends it with {@code call}, as a group when it needs one. */
    private <T> T send(String sql, SqlSender<T> call) throws SQLException {
        return send(sql, NO_GENERATED_KEYS, call);
    }

    /** As {@link #send(String, SqlSender)}, for a call asking for generated keys as {@code autoGeneratedKeys} says. */
    private <T> T send(String sql, int autoGeneratedKeys, SqlSender<T> call) throws SQLException {
        Rewrite r;
        try {
            r = gate.check(sql);
            connection.refuseGeneratedKeys(r, autoGeneratedKeys);
        } catch (SQLException refused) {
            throw noResult(refused);
        }
        return send(r, sql, call);
    }

    /** As {@link #send(String, SqlSender)}, for a call asking for the generated keys of these columns. */
    private <T> T send(String sql, int[] columnIndexes, SqlSender<T> call) throws SQLException {
        Rewrite r;
        try {
            r = gate.check(sql);
            connection.refuseGeneratedKeys(r, columnIndexes);
        } catch (SQLException refused) {
            throw noResult(refused);
        }
        return send(r, sql, call);
    }

    /** As {@link #send(String, SqlSender)}, for a call asking for the generated keys of these columns. */
    private <T> T send(String sql, String[] columnNames, SqlSender<T> call) throws SQLException {
        Rewrite r;
        try {
            r = gate.check(sql);
            connection.refuseGeneratedKeys(r, sql, columnNames);
        } catch (SQLException refused) {
            throw noResult(refused);
        }
        return send(r, sql, call);
    }

    private <T> T send(Rewrite r, String sql, SqlSender<T> call) throws SQLException {
        ReentrantLock lock = connection.executions();
        lock.lock();
        try {
            return sendLocked(r, sql, call);
        } finally {
            lock.unlock();
        }
    }

    private <T> T sendLocked(Rewrite r, String sql, SqlSender<T> call) throws SQLException {
        if ((r.deleteEvent() || r.restore()) && connection.dialect().isMySqlFamily() && movedSinceCreated()) {
            // Connector/J runs a statement in the database it was created in, MariaDB's driver in the current one
            throw noResult(new SQLException("softdelete-jdbc refused the statement: its Statement was created"
                    + " before the connection moved to another database, and it soft-deletes or restores; create it again",
                    StatementRefusedException.UNREWRITABLE));
        }
        lastSent = r;
        executing();
        String text = r.sqlFor(sql);
        lastSentText = text;
        if (!r.grouped()) {
            T result;
            try {
                result = call.send(delegate, text);
            } catch (SQLException failed) {
                connection.statementFailed(r, failed);
                throw failed;
            }
            afterPlainStatement(r, text, CatalogChange.inAnyStatement(text, connection.dialect()));
            return result;
        }
        try {
            return groups().run(List.of(r), () -> call.send(delegate, text), delegate);
        } catch (SQLException failed) {
            throw groupFailed(failed);
        }
    }

    /**
     * A group that failed was undone: no result to show for it, unless the database ran the statement and the vendor
     * driver only misread its result ({@link StatementGroups#ranThenMisread}), where the group's effects stand and
     * the statement's count is the database's, as with the raw driver.
     */
    final SQLException groupFailed(SQLException failed) {
        return groups().ranThenMisread(failed) ? failed : noResult(failed);
    }

    /**
     * After a statement sent as it is: a move of the session to other schemas, or a transaction end in SQL that may
     * undo one, makes the connection read its schemas again; {@code catalogChange}: the text is DDL that may change
     * the catalog ({@link CatalogChange}).
     */
    final void afterPlainStatement(Rewrite r, String text, boolean catalogChange) throws SQLException {
        if (catalogChange) {
            // DDL that names no configured table (a key into one added or dropped with a plain table) changes the
            // catalog too
            connection.catalogMayHaveChanged();
        }
        if (r.changesSessionSchemas() && TransactionControl.word(text, connection.dialect()) != null
                && !SessionSchemaStatement.matches(text, connection.dialect())) {
            // transaction control let through while the session is unusable: it ran, so it is not reported as
            // failed when the schemas it may have moved back to still refuse the configuration
            connection.sessionSchemasChangedByTransactionControl();
        } else if (r.changesSessionSchemas()) {
            connection.sessionSchemasChanged();
        } else if (connection.transactionEndMatters()) {
            String word = TransactionControl.word(text, connection.dialect());
            if (text.indexOf(';') >= 0 || word != null) {
                // a transaction end, or a string that may hold one; a rollback to a savepoint leaves the
                // transaction's own end still to come
                boolean whole = text.indexOf(';') < 0 && ("COMMIT".equals(word) || "END".equals(word)
                        || "ABORT".equals(word) || "PREPARE".equals(word) || "ROLLBACK".equals(word)
                        && !TO.matcher(text).find());
                connection.transactionEnded(whole);
            }
        }
    }

    /** MySQL/MariaDB: whether the connection's session moved to other schemas since this statement was created. */
    final boolean movedSinceCreated() {
        return connection.engine().current() != createdWith;
    }

    /** The connection of this statement, as the driver wraps it. */
    final ConnectionWrapper connection() {
        return connection;
    }

    /** An execution of the delegate starts: its results are the ones to show. */
    final void executing() {
        noResult = false;
    }

    /**
     * A statement refused before it reached the delegate, or a group that failed and was undone: as after any
     * execution, the statement's previous result set is closed, and it has no result (the delegate still holds the
     * last one, or the undone statement's count).
     */
    final SQLException noResult(SQLException e) {
        noResult = true;
        try {
            ResultSet previous = delegate.getResultSet();
            if (previous != null) {
                previous.close();
            }
        } catch (SQLException closing) {
            e.addSuppressed(closing);
        }
        return e;
    }

    /**
     * Sends SQL text to the delegate, which it takes as an argument: a method reference that captured the delegate
     * would be allocated per execution wherever the JIT does not inline the whole path.
     */
    @FunctionalInterface
    private interface SqlSender<T> {
        T send(Statement target, String sql) throws SQLException;
    }

    /**
     * Remembers a batched statement ({@code text} as sent) that needs a group: the batch then runs as one group, one
     * delete event, whose cascades and foreign-key checks run after its last entry. An entry that names a table those
     * change or read, batched after the soft delete they belong to (the same prepared statement again included),
     * would run before them and see their rows as they were: the batch is refused when it runs.
     */
    final void batched(Rewrite r, String text) {
        batched(r, text, text, false);
    }

    /**
     * As {@link #batched(Rewrite, String)}, {@code written} being the entry's text as the application wrote it, and
     * {@code sameText} whether every entry of the batch has that text (a prepared statement's): whether an entry
     * names a configured table (its text may then depend on the visibility) is then read once per batch.
     */
    final void batched(Rewrite r, String text, String written, boolean sameText) {
        batchEntries++;
        if (batchVisibility < 0) {
            batchVisibility = (byte) connection.gate().visibility().ordinal();
        } else if (batchVisibility != connection.gate().visibility().ordinal() && batchRefusal == null
                && !connection.gate().observing()
                && connection.engine().current().engine().mentionsConfiguredTable(written)) {
            // each entry was rewritten under the visibility of its addBatch: the batch runs under one (a probe's entry
            // added under include-deleted ran in a batch executed under active)
            batchRefusal = "softdelete-jdbc refused the batch: its entries were added under different visibilities;"
                    + " add them again under the visibility they are to run with";
        }
        if (!batchedConfigured && (batchEntries == 1 || !sameText)) {
            batchedConfigured = connection.engine().current().engine().mentionsConfiguredTable(written);
        }
        if (r.changesSessionSchemas() && batchRefusal == null && !connection.gate().observing()) {
            // the entries after it would run with the catalog of the schemas before, and the connection would not
            // read its schemas again
            batchRefusal = "softdelete-jdbc refused the batch: an entry moves the session to other schemas (SET"
                    + " search_path, USE, ...); execute it on its own";
        }
        if (batchedCatalogChange && batchRefusal == null && !RowFreeDdl.matches(text, connection.dialect())
                && !connection.gate().observing()) {
            // rewritten now, with the catalog of before the DDL runs: a table it renamed, or made a partition or an
            // inheriting table, would be reached unfiltered under its new name
            batchRefusal = "softdelete-jdbc refused the batch: an entry after DDL on a soft-delete table, which the"
                    + " driver would rewrite with the catalog of before the DDL; execute the DDL on its own";
        }
        batchedCatalogChange |= r.changesSchema();
        if (batchRefusal == null && !connection.gate().observing()) {
            // each entry was checked when it was batched, before an entry that changes how strings read had run
            // on MySQL/MariaDB SQL text handed to the database (EXECUTE IMMEDIATE, PREPARE ... EXECUTE, an EXECUTE
            // of a statement prepared before the batch) may set the sql_mode without naming it whole:
            // CONCAT('SET sql', '_mode = ...') let a later entry's backslash end its string elsewhere, and a DELETE in
            // it ran unrewritten (probes)
            batchedStringSetting |= SessionLexicalMode.namesSetting(text, connection.dialect())
                    || connection.dialect().isMySqlFamily() && (DynamicSql.find(text, connection.dialect()) != null
                    || SessionLexicalMode.containsIgnoreCase(text, "execute"));
            boolean backslashHere = SessionLexicalMode.sensitive(text, connection.dialect())
                    && connection.engine().current().engine().mentionsConfiguredTable(text);
            batchedBackslash |= backslashHere;
            if (backslashHere && batchEntries > 1 && !connection.dialect().isMySqlFamily()) {
                // an earlier entry may call a function or procedure that turns standard_conforming_strings off
                // (PostgreSQL: set_config inside its body) or SET MODE MSSQLServer (H2: a Java alias) without naming
                // it: this entry was read as the session read strings before the batch ran, and the server would end
                // its strings and comments elsewhere (a probe read soft-deleted rows that way on both, and with
                // pgjdbc's preferQueryMode=simple deleted one physically). MySQL and MariaDB restore the sql_mode
                // when a routine returns.
                batchRefusal = "softdelete-jdbc refused the batch: an entry after the first has a backslash (H2: a"
                        + " square bracket) and mentions a soft-delete table; an earlier entry may change how the"
                        + " server reads it (standard_conforming_strings, H2's mode, also through a function)."
                        + " Execute that entry on its own";
            }
            if (batchRefusal == null && batchedStringSetting && batchedBackslash) {
                batchRefusal = "softdelete-jdbc refused the batch: an entry names the setting that decides how the"
                        + " server reads backslashes in strings (standard_conforming_strings, sql_mode; H2's SET MODE,"
                        + " square brackets), or hands SQL text to the database that may set it, and an entry with one"
                        + " mentions a soft-delete table; the driver reads that entry as the session read it when it"
                        + " was batched. Execute the setting on its own";
            }
        }
        if (batchedTransactionControl == null) {
            batchedTransactionControl = TransactionControl.inAny(text, connection.dialect());
        }
        if (batchedStepTables != null && batchRefusal == null && !connection.gate().observing()
                && SessionStateChange.mayChange(written, connection.dialect())) {
            // the cascades and checks of the soft delete before it run after the batch's last entry, and read the
            // delete event from the session: this entry could change it, or the time zone it is compared in
            batchRefusal = "softdelete-jdbc refused the batch: an entry after a soft delete may change the session"
                    + " state its cascades and foreign-key checks read (SET, RESET, DO, EXECUTE, set_config, a user"
                    + " variable: the delete event's variables or the time zone), and those run after the batch's"
                    + " last entry. Execute that entry on its own, or the soft delete as the batch's last entry";
        }
        if (batchedStepTables != null && batchRefusal == null && !connection.gate().observing() && !r.deleteEvent()
                && !InsertOnly.matches(written, connection.dialect())) {
            // the cascades and checks of the soft delete before it run after the batch's last entry: an entry that
            // changes or removes rows could change what they find without naming a table they read (through a
            // partition, a view, a plain table's ON DELETE CASCADE; transaction control is refused on its own), or,
            // seeing soft-deleted rows, set the event's rows live again by hand (a probe: the cascade left the
            // children live, a RESTRICT check passed)
            if (batchedTransactionControl == null
                    && !connection.engine().current().engine().updatesConfiguredRowsOnly(written)) {
                batchRefusal = "softdelete-jdbc refused the batch: an entry after a soft delete with cascades or"
                        + " foreign-key checks changes or removes rows other than by a soft delete or an UPDATE of one"
                        + " soft-delete table's non-key columns (an UPDATE of a plain table, a DELETE of one, an"
                        + " upsert, a call), and those cascades and checks run after the batch's last entry, so they"
                        + " could find the rows as the entry left them. Execute that entry on its own, or the soft"
                        + " delete as the batch's last entry";
            } else if (seesSoftDeletedRows(written)) {
                batchRefusal = "softdelete-jdbc refused the batch: an entry after a soft delete with cascades or"
                        + " foreign-key checks changes rows under a visibility that includes soft-deleted rows, so it"
                        + " could change the rows of the delete event those cascades and checks find after the"
                        + " batch's last entry. Execute that entry on its own";
            }
        }
        if (batchedStepTables != null && batchRefusal == null) {
            String table = stepTableMentions.first(text);
            if (table != null) {
                batchRefusal = "softdelete-jdbc refused the batch: an entry names " + (NamedTables.UNREADABLE.equals(
                        table) ? "a table it cannot be read to its end for (an unterminated string or comment)"
                        : table) + ", whose rows the"
                        + " cascades or foreign-key checks of a soft delete earlier in the batch change or read;"
                        + " those run after the batch's last entry, so the entry would see the rows as they were."
                        + " Execute that soft delete on its own, or as the batch's last entry";
            }
        }
        if (!r.stepTables().isEmpty()) {
            if (batchedStepTables == null) {
                batchedStepTables = new HashSet<>();
            }
            if (batchedStepTables.addAll(r.stepTables())) {
                stepTableMentions = new NamedTables(batchedStepTables, connection.dialect());
            }
        }
        if (batchedCheckedTables != null && batchRefusal == null && !connection.gate().observing()) {
            for (String changed : r.changedStepTables()) {
                if (batchedCheckedTables.contains(changed)) {
                    // the checks of an earlier entry run after the whole batch: this entry's cascade would take
                    // away a referencing row they must still see (the hard batch fails at that earlier entry)
                    batchRefusal = "softdelete-jdbc refused the batch: an entry's cascade changes " + changed
                            + ", whose rows the foreign-key checks of a soft delete earlier in the batch read; those"
                            + " checks run after the batch's last entry and would no longer see a row the cascade"
                            + " took away. Execute the soft deletes apart";
                    break;
                }
            }
        }
        if (!r.checkedStepTables().isEmpty()) {
            if (batchedCheckedTables == null) {
                batchedCheckedTables = new HashSet<>();
            }
            batchedCheckedTables.addAll(r.checkedStepTables());
        }
        if (r.grouped()) {
            if (batchedGroups == null) {
                batchedGroups = new ArrayList<>();
            }
            batchedGroups.add(r);
        }
    }

    /** Whether {@code written} runs under a visibility that includes soft-deleted rows (the connection's or a hint). */
    private boolean seesSoftDeletedRows(String written) {
        Visibility hinted = StatementHints.of(written).visibility();
        return (hinted != null ? hinted : connection.gate().visibility()) != Visibility.ACTIVE;
    }

    private <T> T runBatch(StatementGroups.SqlCall<T> call) throws SQLException {
        ReentrantLock lock = connection.executions();
        lock.lock();
        try {
            return runBatchLocked(call);
        } finally {
            lock.unlock();
        }
    }

    private <T> T runBatchLocked(StatementGroups.SqlCall<T> call) throws SQLException {
        List<Rewrite> grouped = batchedGroups;
        String refusal = batchRefusal;
        if (refusal == null && batchedConfigured && batchVisibility != connection.gate().visibility().ordinal()
                && !connection.gate().observing()) {
            // as a prepared statement executed under another visibility (a pool's statement cache hands out a
            // statement with the batch an earlier borrower added)
            refusal = "softdelete-jdbc refused the batch: its entries were added while the connection's visibility"
                    + " was " + Visibility.values()[batchVisibility].label() + ", and it is now "
                    + connection.gate().visibility().label() + "; add them again under the visibility they are to run"
                    + " with";
        }
        if (refusal == null && grouped != null && batchedTransactionControl != null) {
            refusal = "softdelete-jdbc refused the batch: it holds transaction control (" + batchedTransactionControl
                    + ") and a statement that runs in a transaction or savepoint of the driver's own (a soft delete"
                    + " with its cascades or checks, or DDL on a soft-delete table, after which the driver reads the"
                    + " catalog again), which that statement would end or nest under; execute the transaction"
                    + " control on its own";
        }
        boolean atomic = batchedStepTables != null;
        boolean endsTransaction = batchedTransactionControl != null;
        int entries = batchEntries;
        boolean restores = grouped != null && grouped.stream().anyMatch(Rewrite::restore);
        forgetBatch();
        if (restores) {
            delegate.clearBatch();
            throw new SQLException("softdelete-jdbc: an UNDELETE cannot run in a batch; execute it on its own",
                    StatementRefusedException.FORBIDDEN);
        }
        if (refusal != null) {
            delegate.clearBatch(); // nothing of the batch reaches the database
            throw new SQLException(refusal, StatementRefusedException.UNREWRITABLE);
        }
        if (grouped == null) {
            T result;
            try {
                result = call.call();
            } catch (SQLException failed) {
                connection.statementFailed(Rewrite.UNCHANGED, failed);
                throw failed;
            }
            if (endsTransaction) {
                connection.transactionEnded(false); // an entry may have undone a move made before the batch
            }
            return result;
        }
        try {
            return groups().run(grouped, call, delegate);
        } catch (SQLException e) {
            throw atomic ? undone(e, entries) : e;
        }
    }

    /**
     * The failure of a batch whose soft deletes have cascades or foreign-key checks: it ran as one group, and the
     * group was undone as a whole, so no entry took effect (where a hard batch may keep the entries before the
     * failure, README). A {@link BatchUpdateException}, as {@code executeBatch} promises, whose counts say so: every
     * entry failed.
     */
    private static BatchUpdateException undone(SQLException e, int entries) {
        int[] counts = new int[entries];
        Arrays.fill(counts, Statement.EXECUTE_FAILED);
        BatchUpdateException undone = new BatchUpdateException("softdelete-jdbc: the batch ran as one group with its"
                + " cascades and checks, and was undone as a whole: " + e.getMessage(), e.getSQLState(),
                e.getErrorCode(), counts, e);
        // as the vendor's BatchUpdateException (pgjdbc: "Call getNextException to see other errors in the batch"),
        // the failing entry's own error is the next exception
        undone.setNextException(e instanceof BatchUpdateException && e.getNextException() != null
                ? e.getNextException() : e);
        return undone;
    }

    private void forgetBatch() {
        batchEntries = 0;
        batchedCatalogChange = false;
        batchedGroups = null;
        batchedStepTables = null;
        batchedCheckedTables = null;
        stepTableMentions = null;
        batchRefusal = null;
        batchedTransactionControl = null;
        batchedStringSetting = false;
        batchedBackslash = false;
        batchVisibility = -1;
        batchedConfigured = false;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return wrap(send(sql, Statement::executeQuery));
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return noResult ? null : wrap(delegate.getResultSet());
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        return wrap(delegate.getGeneratedKeys());
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return send(sql, Statement::execute);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return send(sql, autoGeneratedKeys, (target, text) -> target.execute(text, autoGeneratedKeys));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return send(sql, columnIndexes, (target, text) -> target.execute(text, columnIndexes));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return send(sql, columnNames, (target, text) -> target.execute(text, columnNames));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return send(sql, Statement::executeUpdate);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return send(sql, autoGeneratedKeys, (target, text) -> target.executeUpdate(text, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return send(sql, columnIndexes, (target, text) -> target.executeUpdate(text, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return send(sql, columnNames, (target, text) -> target.executeUpdate(text, columnNames));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return send(sql, Statement::executeLargeUpdate);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return send(sql, autoGeneratedKeys, (target, text) -> target.executeLargeUpdate(text, autoGeneratedKeys));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return send(sql, columnIndexes, (target, text) -> target.executeLargeUpdate(text, columnIndexes));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return send(sql, columnNames, (target, text) -> target.executeLargeUpdate(text, columnNames));
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        Rewrite r = gate.check(sql);
        delegate.addBatch(r.sqlFor(sql));
        batched(r, sql);
    }

    @Override
    public void close() throws SQLException {
        if (connection.dialect() == Dialect.POSTGRESQL) {
            // pgjdbc's close() cancels the statement while it runs (a close from another thread): the statement
            // running may be one of this statement's group, which the delegate's close does not reach
            groups().cancel(delegate);
        }
        delegate.close();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return delegate.getMaxFieldSize();
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        delegate.setMaxFieldSize(max);
    }

    @Override
    public int getMaxRows() throws SQLException {
        return delegate.getMaxRows();
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        delegate.setMaxRows(max);
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        delegate.setEscapeProcessing(enable);
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return delegate.getQueryTimeout();
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        delegate.setQueryTimeout(seconds);
    }

    @Override
    public void cancel() throws SQLException {
        delegate.cancel();
        groups().cancel(delegate); // the cascade or check statement running after this one, if any
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        delegate.setCursorName(name);
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return noResult ? -1 : delegate.getUpdateCount();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return !noResult && delegate.getMoreResults();
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        delegate.setFetchDirection(direction);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        delegate.setFetchSize(rows);
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return delegate.getResultSetConcurrency();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return delegate.getResultSetType();
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        forgetBatch();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return runBatch(delegate::executeBatch);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return !noResult && delegate.getMoreResults(current);
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return delegate.getResultSetHoldability();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        delegate.setPoolable(poolable);
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return delegate.isPoolable();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        delegate.closeOnCompletion();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return delegate.isCloseOnCompletion();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return noResult ? -1 : delegate.getLargeUpdateCount();
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        delegate.setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return delegate.getLargeMaxRows();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return runBatch(delegate::executeLargeBatch);
    }

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        return delegate.enquoteLiteral(val);
    }

    @Override
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        return delegate.enquoteIdentifier(identifier, alwaysQuote);
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        return delegate.isSimpleIdentifier(identifier);
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        return delegate.enquoteNCharLiteral(val);
    }
}
