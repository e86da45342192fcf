package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.plan.Refusals;
import dev.softdelete.jdbc.rewrite.recognise.SessionSchemaStatement;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer;
import dev.softdelete.jdbc.rewrite.recognise.TransactionControl;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The engine of one connection: the {@link SharedEngine} of its configuration, database and session schemas (the
 * catalog is read for the schemas the session finds tables in), picked again when the session moves to other
 * schemas ({@code setSchema}, {@code SET search_path}, {@code USE db}, H2's {@code SET SCHEMA}), so that the foreign
 * keys its statements' steps follow are those of the tables they reach.
 */
public final class SessionEngine implements StatementGate.Rewriter {
    /** Finds the shared engine for a connection's session as it is now, reading the catalog if it is new. */
    @FunctionalInterface
    public interface Picker {
        SharedEngine pick(Connection connection) throws SQLException;
    }

    private final Picker picker;
    /** The vendor connection whose session this is; null for a fixed engine. */
    private final Connection delegate;
    private volatile SharedEngine current;
    /**
     * Why the session's current schemas have no engine (their catalog refuses the configuration), or null. Until it
     * moves again, every statement but one that moves it is refused: the engine of the schemas before would follow
     * the wrong keys.
     */
    private volatile SQLException unusable;

    public SessionEngine(SharedEngine first, Picker picker, Connection delegate) {
        this.current = first;
        this.picker = picker;
        this.delegate = delegate;
    }

    /** An engine that stays what it is (tests, tools). */
    public static SessionEngine fixed(SharedEngine engine) {
        return new SessionEngine(engine, connection -> engine, null);
    }

    /**
     * Before a statement: when DDL through another engine's connection may have changed the catalog, the engine of
     * this session's schemas reads it again (the session picked again first, in case it moved unseen). Returns the
     * {@link #version()} then. The path of every statement: the state it reads is this object's and the engine's.
     */
    @Override
    public Object versionBefore(String sql) throws SQLException {
        SharedEngine engine = current;
        if (engine.stale() && delegate != null) {
            engine = catchUp(sql);
        }
        SQLException why = unusable;
        if (why == null && delegate != null && SessionLexicalMode.sensitive(sql, engine.dialect())
                && SessionLexicalMode.readsOtherwise(delegate)) {
            return new Object(); // no rewrite remembered from before the setting changed stands: each is checked
        }
        return why != null ? why : engine.version();
    }

    private SharedEngine catchUp(String sql) throws SQLException {
        try {
            CatalogSnapshot.outsideTransaction(delegate, current.dialect(), () -> {
                current = picker.pick(delegate);
                current.refreshIfStale(delegate);
                return null;
            });
        } catch (SQLException e) {
            if (TransactionControl.word(sql, current.engine().dialect()) == null) {
                throw e;
            }
            // PostgreSQL's aborted transaction answers nothing until it ends: its ROLLBACK needs no catalog, and the
            // next statement catches up
        }
        return current;
    }

    /**
     * DDL in this session's REPEATABLE READ or SERIALIZABLE transaction: an engine read on it, for this session alone
     * until the transaction ends (the shared engines are marked stale: the other sessions read for themselves).
     */
    void aloneInTransaction(Connection delegate) throws SQLException {
        current = current.alone(delegate);
        unusable = null;
    }

    public SharedEngine current() {
        return current;
    }

    /**
     * As {@link #sessionSchemasChanged}, after a statement failed: a failure to read the schemas (PostgreSQL's aborted
     * transaction answers nothing until its ROLLBACK) leaves the engine as it is, where the schemas cannot have
     * changed; the transaction's end reads them again.
     */
    void sessionSchemasMayHaveChanged(Connection delegate) throws SQLException {
        current = picker.pick(delegate);
        unusable = null;
    }

    /**
     * The session's schemas may have changed: the engine for them from now on, unless this connection's character set
     * cannot carry its configuration's character keys (checked at connect for the first engine only).
     */
    void sessionSchemasChanged(Connection delegate) throws SQLException {
        try {
            current = picker.pick(delegate);
            current.refuseLossyCharacterSet(delegate);
            unusable = null;
        } catch (SQLException e) {
            unusable = e;
            throw e;
        }
    }

    @Override
    public Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException {
        SQLException why = unusable;
        if (why != null) {
            return whileUnusable(sql, why);
        }
        refuseMisreadBackslashes(sql);
        return current.rewrite(sql, visibility);
    }

    @Override
    public Rewrite rewriteNew(String sql, Visibility visibility) throws StatementRefusedException {
        SQLException why = unusable;
        if (why != null) {
            return whileUnusable(sql, why);
        }
        refuseMisreadBackslashes(sql);
        return current.rewriteNew(sql, visibility);
    }

    /**
     * Refuses a text with a backslash that mentions a configured table where the session reads backslashes in strings
     * otherwise than the driver ({@link SessionLexicalMode}): its strings could end elsewhere for the server.
     */
    private void refuseMisreadBackslashes(String sql) throws StatementRefusedException {
        RewriteEngine engine = current.engine();
        if (delegate == null || !SessionLexicalMode.sensitive(sql, engine.dialect())) {
            return;
        }
        String why = SessionLexicalMode.refusal(sql, engine.dialect(),
                SessionLexicalMode.readsOtherwise(delegate));
        if (why != null && engine.mentionsConfiguredTable(sql)) {
            throw Refusals.unrewritable(why);
        }
    }

    /**
     * A statement while the session's schemas have no engine: refused, unless it is a move (which may take the session
     * back) or a transaction's end (which may undo the move, and reads no rows).
     */
    private Rewrite whileUnusable(String sql, SQLException why) throws StatementRefusedException {
        Dialect dialect = current.engine().dialect();
        if (!SessionSchemaStatement.matches(sql, dialect) && TransactionControl.word(sql, dialect) == null
                || !oneStatementReadingNoRows(sql, dialect)) {
            throw new StatementRefusedException(why.getSQLState(), "softdelete-jdbc refused the statement: the"
                    + " session moved to schemas whose catalog refuses the configuration (" + why.getMessage()
                    + "); move it back (SET search_path, USE, setSchema) first");
        }
        return Rewrite.SESSION_SCHEMAS;
    }

    /**
     * Whether a move or transaction end may go unrewritten while the session has no engine: one statement, without
     * a parenthesis (a subquery), an executable comment or MariaDB's {@code SET STATEMENT ... FOR}, and {@code BEGIN}
     * only as {@code BEGIN [WORK]}. A probe's {@code COMMIT; DELETE FROM t}, {@code BEGIN NOT ATOMIC DELETE FROM t;
     * END} and {@code SET STATEMENT ... FOR DELETE ...} ran raw and removed soft-deleted rows physically.
     */
    private static boolean oneStatementReadingNoRows(String sql, Dialect dialect) {
        boolean afterBegin = false;
        boolean first = true;
        for (SqlLexer.Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind == SqlLexer.Kind.COMMENT) {
                continue;
            }
            if (t.is(sql, ';') || t.is(sql, '(') || t.kind == SqlLexer.Kind.EXECUTABLE_COMMENT
                    || t.kind == SqlLexer.Kind.UNTERMINATED || t.is(sql, "FOR") || t.is(sql, "STATEMENT")
                    || afterBegin && !t.is(sql, "WORK") && !t.is(sql, "TRANSACTION")) {
                return false;
            }
            afterBegin = first && t.is(sql, "BEGIN");
            first = false;
        }
        return true;
    }

    @Override
    public Object version() {
        SQLException why = unusable;
        return why != null ? why : current.version();
    }
}
