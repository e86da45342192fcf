package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a statement that begins, ends or marks a transaction in SQL: {@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}, {@code ROLLBACK}, {@code SAVEPOINT}, {@code RELEASE}, {@code END}, {@code ABORT},
 * {@code PREPARE TRANSACTION}, {@code XA ...}, and {@code SET} of {@code autocommit}, {@code TRANSACTION} or
 * {@code completion_type}. Beside a soft delete whose group runs in a transaction or savepoint of the driver's own (in
 * one string, or one batch), such a statement would end or nest under it.
 */
public final class TransactionControl {
    private static final Set<String> FIRST_WORDS = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT",
            "RELEASE", "END", "ABORT", "XA");
    private static final Set<String> SETTINGS = Set.of("AUTOCOMMIT", "TRANSACTION", "COMPLETION_TYPE");

    private TransactionControl() {
    }

    /**
     * The word that makes a statement of {@code text} transaction control, or may (as {@link #wordOrCall}), looking
     * at each statement of a text of several; null when none is. A batch entry is such a text: its statements after
     * the first run as well.
     */
    public static String inAny(String text, Dialect dialect) {
        if (text.indexOf(';') < 0) {
            return wordOrCall(text, dialect);
        }
        for (String other : OtherQuoteReadings.afterEverySemicolon(text)) {
            // a statement a session that reads the quotes otherwise runs (a probe hid a COMMIT in a batch entry so)
            String word = wordOrCall(other, dialect);
            if (word != null) {
                return word;
            }
        }
        int start = 0;
        for (Token t : SqlLexer.tokens(text, dialect)) {
            if (t.kind == Kind.SYMBOL && t.is(text, ';')) {
                String word = wordOrCall(text.substring(start, t.start), dialect);
                if (word != null) {
                    return word;
                }
                start = t.end;
            }
        }
        return wordOrCall(text.substring(start), dialect);
    }

    /**
     * As {@link #word}, and also a statement that may end a transaction from inside or around it, on MySQL, MariaDB
     * and H2: a {@code CALL} (also as the JDBC escape {@code {call ...}}), whose procedure can COMMIT (PostgreSQL
     * refuses transaction control in a procedure called inside a transaction block); any statement but the ones
     * that read or change rows, since DDL, {@code LOCK TABLES}, {@code ANALYZE TABLE}, {@code SET PASSWORD} and the
     * like commit implicitly there (PostgreSQL's DDL is transactional); and on MySQL and MariaDB an executable
     * comment anywhere in it, whose code the server runs. Upper case, or null.
     */
    public static String wordOrCall(String sql, Dialect dialect) {
        String word = word(sql, dialect);
        if (word != null || dialect == Dialect.POSTGRESQL) {
            return word;
        }
        boolean executable = dialect.isMySqlFamily() && (sql.contains("/*!") || sql.contains("/*M!"));
        String leading = leadingWord(sql);
        if (!executable && leading != null) {
            // answered without lexing: the statement's first word as written
            return implicitCommit(leading, sql, dialect);
        }
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        for (Token t : tokens) {
            if (t.kind == Kind.EXECUTABLE_COMMENT) {
                return "an executable comment";
            }
        }
        for (Token t : tokens) {
            if (t.kind == Kind.COMMENT || t.kind == Kind.SYMBOL && (t.is(sql, '{') || t.is(sql, '?')
                    || t.is(sql, '='))) {
                continue; // {call p()}, {? = call f()}
            }
            return t.kind == Kind.WORD ? implicitCommit(t.text(sql).toUpperCase(Locale.ROOT), sql, dialect) : null;
        }
        return null;
    }

    /** The statements of MySQL, MariaDB and H2 that neither commit implicitly nor call a procedure that may. */
    private static final Set<String> ROW_STATEMENTS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE",
            "WITH", "VALUES", "TABLE", "SET", "DO", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "HANDLER", "MERGE",
            "UNDELETE");

    /**
     * {@code first} (upper case), the first word of {@code sql}, when its statement may end a transaction. Of the
     * {@code SET} statements, a variable ({@code SET @x}, {@code SET x =}, {@code SET SESSION x}) does not; H2's
     * settings ({@code SET MODE ...}) commit, and so do MariaDB's {@code SET PASSWORD}, {@code SET DEFAULT ROLE} and
     * {@code SET STATEMENT ... FOR}, which runs the statement after FOR.
     */
    private static String implicitCommit(String first, String sql, Dialect dialect) {
        if (first.equals("CALL")) {
            return "CALL";
        }
        if (!ROW_STATEMENTS.contains(first)) {
            return first + ", which commits implicitly";
        }
        if (!first.equals("SET")) {
            return null;
        }
        String second = secondWord(sql, dialect);
        if (dialect == Dialect.H2) {
            return second == null || second.startsWith("@") ? null : "SET " + second + ", which commits implicitly";
        }
        return second != null && (second.equals("PASSWORD") || second.equals("DEFAULT") || second.equals("STATEMENT"))
                ? "SET " + second + ", which commits implicitly" : null;
    }

    /** The word after the first of {@code sql} (upper case), {@code @} included; null when a symbol comes first. */
    private static String secondWord(String sql, Dialect dialect) {
        int at = LeadingComments.end(sql, dialect);
        while (at < sql.length() && Character.isLetter(sql.charAt(at))) {
            at++;
        }
        at = LeadingComments.end(sql, at, dialect);
        int end = at;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                || sql.charAt(end) == '@')) {
            end++;
        }
        return end == at ? null : sql.substring(at, end).toUpperCase(Locale.ROOT);
    }

    /** The first word of {@code sql} (upper case) when it starts with one, blanks aside; else null. */
    private static String leadingWord(String sql) {
        int at = 0;
        while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
            at++;
        }
        int end = at;
        while (end < sql.length() && sql.charAt(end) < 128 && (Character.isLetter(sql.charAt(end))
                || sql.charAt(end) == '_')) {
            end++;
        }
        if (end == at || end < sql.length() && !(Character.isWhitespace(sql.charAt(end)) || sql.charAt(end) == '('
                || sql.charAt(end) == ';' || sql.charAt(end) == '`' || sql.charAt(end) == '"')) {
            return null; // a comment, a symbol, or a word glued to something the lexer must read
        }
        return sql.substring(at, end).toUpperCase(Locale.ROOT);
    }

    /** Token {@code t} upper case, without its quotes (`x`, "x"). */
    private static String unquoted(String sql, Token t) {
        String text = t.text(sql);
        if (t.kind == Kind.QUOTED && text.length() >= 2) {
            text = text.substring(1, text.length() - 1);
        }
        return text.toUpperCase(Locale.ROOT);
    }

    /** The word that makes statement {@code sql} transaction control (upper case), or null. */
    public static String word(String sql, Dialect dialect) {
        char c = sql.isEmpty() ? ' ' : sql.charAt(0);
        if (c < 128 && Character.isLetter(c) && "bscreaxp".indexOf(c | 0x20) < 0) {
            return null; // INSERT, UPDATE, DELETE, ...: answered at the first character
        }
        String first = null;
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind == Kind.COMMENT) {
                continue;
            }
            if (first == null) {
                if (t.kind != Kind.WORD) {
                    return null;
                }
                first = t.text(sql).toUpperCase(Locale.ROOT);
                if (FIRST_WORDS.contains(first)) {
                    return first;
                }
                if (!first.equals("SET") && !first.equals("PREPARE")) {
                    return null;
                }
            } else if (first.equals("PREPARE")) {
                // PostgreSQL's PREPARE TRANSACTION ends the transaction; PREPARE name FROM / AS does not
                return t.is(sql, "TRANSACTION") ? "PREPARE" : null;
            } else if ((t.kind == Kind.WORD || t.kind == Kind.QUOTED) && SETTINGS.contains(unquoted(sql, t))) {
                // SET [SESSION] autocommit / TRANSACTION ...; MariaDB takes SET `autocommit` = 1 and
                // SET @@session.`autocommit` = 1 too (a probe committed a savepoint's soft delete away so)
                return unquoted(sql, t);
            }
        }
        return null;
    }
}
