package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement that may change what a delete event's later steps read from the session: its variables (the event's
 * timestamp and batch id, however their names are spelled or computed) and the time zone they are compared in. A
 * batch runs its soft deletes' cascades and foreign-key checks after its last entry, so such an entry after a soft
 * delete changes what they find: a probe's {@code SET TIME ZONE}, or an UPDATE of a plain table calling
 * {@code set_config('soft' || 'delete.event_at', …)}, left children live and a RESTRICT error unraised. Read from
 * the tokens: the statement's first word ({@code SET}, {@code RESET}, {@code DO}, {@code EXECUTE},
 * {@code PREPARE}, {@code DISCARD}), PostgreSQL's {@code set_config} and {@code pg_settings}, and on MySQL, MariaDB
 * and H2 a user variable ({@code @x}).
 */
public final class SessionStateChange {
    /**
     * Not CALL: a procedure runs out of the driver's sight, as any routine (see the README); after a soft delete with
     * cascades or checks a batch takes only soft deletes, plain INSERTs ({@link InsertOnly}) and UPDATEs of configured
     * tables, so no CALL.
     */
    private static final Set<String> FIRST_WORDS = Set.of("set", "reset", "do", "execute", "exec", "prepare",
            "discard");
    private static final Set<String> NAMES = Set.of("set_config", "pg_settings");

    private SessionStateChange() {
    }

    /**
     * Whether {@code sql} names PostgreSQL's {@code set_config} or {@code pg_settings}, however its names are spelled
     * ({@code U&"..."} included): a soft delete that calls one could change, row by row, the time zone its event is
     * compared in or the search path its cascades find their tables by (a probe's {@code DELETE ... WHERE
     * set_config('search_path', ...) IS NOT NULL} ran its cascade on another schema's table).
     */
    public static boolean namesSettingFunction(String text, Dialect dialect) {
        if (dialect.isMySqlFamily()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.indexOf('&') < 0 && !lower.contains("set_config") && !lower.contains("pg_settings")) {
            return false; // neither a Unicode escape nor either name
        }
        String sql = UnicodeIdentifiers.spelledOut(text, false);
        if (sql == null) {
            return true; // an escape that cannot be decoded with certainty
        }
        List<SqlLexer.Token> tokens = SqlLexer.tokens(sql, dialect);
        for (int i = 0; i < tokens.size(); i++) {
            String written = tokens.get(i).name(sql);
            if (written != null && named(written.toLowerCase(Locale.ROOT), tokens, i, sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the name at {@code i} is pg_settings, or set_config called (followed by an opening parenthesis): a
     * column or table that is only named set_config changes nothing (a probe: {@code DELETE FROM cfg WHERE
     * set_config = 'x'} was refused).
     */
    private static boolean named(String name, List<SqlLexer.Token> tokens, int i, String sql) {
        if (!NAMES.contains(name)) {
            return false;
        }
        if (!name.equals("set_config")) {
            return true;
        }
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind == SqlLexer.Kind.COMMENT) {
                continue;
            }
            return tokens.get(j).is(sql, '(');
        }
        return false;
    }

    /** Whether {@code sql} (any of its statements) may change the session's variables or time zone. */
    public static boolean mayChange(String text, Dialect dialect) {
        // U&"set\005fconfig" is set_config to the database: read the names as it spells them (a probe)
        String sql = dialect.isMySqlFamily() ? text : UnicodeIdentifiers.spelledOut(text, false);
        if (sql == null) {
            return true; // an escape that cannot be decoded with certainty
        }
        List<SqlLexer.Token> tokens = SqlLexer.tokens(sql, dialect);
        boolean statementStart = true;
        for (int i = 0; i < tokens.size(); i++) {
            SqlLexer.Token t = tokens.get(i);
            if (t.kind == SqlLexer.Kind.COMMENT) {
                continue;
            }
            if (t.kind == SqlLexer.Kind.UNTERMINATED || t.kind == SqlLexer.Kind.EXECUTABLE_COMMENT) {
                return true; // what it holds cannot be read here
            }
            String written = t.name(sql);
            String name = written == null ? null : written.toLowerCase(Locale.ROOT);
            if (name != null && (statementStart && FIRST_WORDS.contains(name)
                    || !dialect.isMySqlFamily() && named(name, tokens, i, sql))) {
                return true;
            }
            if (dialect != Dialect.POSTGRESQL && t.is(sql, '@')) {
                return true;
            }
            statementStart = t.is(sql, ';');
        }
        return OwnVariables.named(sql, dialect) != null; // the driver's variables, however spelled
    }
}
