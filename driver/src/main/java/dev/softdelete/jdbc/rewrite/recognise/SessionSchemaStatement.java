package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement that moves the session to other schemas, after which unqualified names reach other tables: PostgreSQL's
 * {@code SET [SESSION | LOCAL] search_path}, {@code SET SCHEMA}, {@code SET ROLE} and {@code SET SESSION
 * AUTHORIZATION} (a search path of {@code "$user"} follows them), their {@code RESET} forms, {@code RESET ALL} and
 * {@code DISCARD ALL}; MySQL's {@code USE db}, also inside an executable comment; H2's {@code SET SCHEMA} and
 * {@code SET SCHEMA_SEARCH_PATH}; and {@code CREATE}, {@code ALTER} or {@code DROP} of a schema or database, which
 * may change what the search path finds. The driver picks the engine for the session's schemas again after one (their
 * catalog has other foreign keys). Read from the statement's first word, which most texts fail at their first
 * characters.
 */
public final class SessionSchemaStatement {
    /** What follows SET (and SESSION or LOCAL) in a move. */
    private static final Set<String> SET_NAMES = Set.of("search_path", "schema", "schema_search_path", "role",
            "session_authorization");
    /** What follows RESET in a move. */
    private static final Set<String> RESET_NAMES = Set.of("search_path", "all", "role", "session_authorization");
    /** The words read at most: SET SESSION SESSION AUTHORIZATION. */
    private static final int WORDS_READ = 4;

    private SessionSchemaStatement() {
    }

    /** Whether the statement {@code sql} (its first statement, for a text of several) moves the session. */
    public static boolean matches(String sql, Dialect dialect) {
        if (dialect == Dialect.GENERIC || sql.isEmpty()) {
            return false;
        }
        String spelled = spelledOut(sql, dialect);
        if (spelled != sql) {
            return matches(spelled, dialect);
        }
        char first = sql.charAt(0);
        if (dialect.isMySqlFamily() && !Character.isLetter(first)) {
            // MySQL runs the text of an executable comment (/*!USE db*/, /*!50001 USE db */, MariaDB's /*M!USE db*/),
            // or skips it (a version above its own): a move may stand in one, or after one and other comments. A
            // statement after a move in such a comment is no move: the server skips the comment and runs the
            // statement, or fails on both (a probe's "/*!999999 USE db */ DELETE ..." passed as a move, unrewritten)
            boolean moveInComment = false;
            for (Token t : SqlLexer.tokens(sql, dialect)) {
                if (t.kind == Kind.EXECUTABLE_COMMENT) {
                    moveInComment |= matchesAt(sql, skipBlanks(sql, t.executableTextStart(sql)), dialect);
                } else if (t.kind != Kind.COMMENT) {
                    return moveInComment && t.text(sql).equals(";") || matchesAt(sql, t.start, dialect);
                }
            }
            return moveInComment;
        }
        int start = Character.isLetter(first) ? 0 : LeadingComments.end(sql, dialect);
        return matchesAt(sql, start, dialect);
    }

    /**
     * Whether move {@code sql} holds nothing but names, strings and numbers after its first word (commas, dots and
     * {@code =} between them): such a move reads no table, and the driver sends it as written even where a name in it
     * is a soft-delete table's. H2 takes an expression in {@code SET SCHEMA}, which may read a table (a probe's
     * {@code SET SCHEMA CASE WHEN EXISTS (SELECT ... FROM t ...) ...} told a soft-deleted row apart), and PostgreSQL's
     * {@code CREATE SCHEMA s CREATE VIEW v AS SELECT ...} creates what it lists: those go to the parser.
     */
    public static boolean namesOnly(String sql, Dialect dialect) {
        boolean first = true;
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            switch (t.kind) {
                case COMMENT:
                    continue;
                case WORD:
                    if (!first && (t.is(sql, "CREATE") || t.is(sql, "GRANT"))) {
                        return false; // CREATE SCHEMA s CREATE TABLE ... / GRANT ...: schema elements
                    }
                    break;
                case QUOTED:
                case STRING:
                case NUMBER:
                    break;
                case SYMBOL:
                    if (!(t.is(sql, ',') || t.is(sql, '=') || t.is(sql, '.') || t.is(sql, ';'))) {
                        return false;
                    }
                    break;
                default:
                    return false; // an executable comment, a dollar quote, an unterminated literal
            }
            first = false;
        }
        return true;
    }

    /**
     * Whether a text of several statements holds one that moves the session: the statements after it would be
     * rewritten with the catalog of the schemas before, and the connection must read its schemas again after it.
     */
    public static boolean inSeveral(String sql, Dialect dialect) {
        if (dialect == Dialect.GENERIC || sql.indexOf(';') < 0) {
            return false;
        }
        String spelled = spelledOut(sql, dialect);
        if (spelled != sql) {
            return inSeveral(spelled, dialect);
        }
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        int statements = 0;
        boolean moves = false;
        boolean atStart = true;
        for (Token t : tokens) {
            if (t.kind == Kind.COMMENT) {
                continue;
            }
            if (t.text(sql).equals(";")) {
                atStart = true;
                continue;
            }
            if (atStart) {
                if (t.kind == Kind.EXECUTABLE_COMMENT) {
                    // MySQL runs its text (/*!USE db*/), or skips it (a version above its own): both may be a move
                    if (matchesAt(sql, skipBlanks(sql, t.executableTextStart(sql)), dialect)) {
                        moves = true;
                        statements++;
                        atStart = false;
                    }
                    continue;
                }
                statements++;
                moves |= matchesAt(sql, t.start, dialect);
                atStart = false;
            }
        }
        return moves && statements > 1 || moveAfterAnySemicolon(sql, dialect);
    }

    /**
     * Whether a move starts after any semicolon of {@code sql} where the session may read its quotes otherwise
     * ({@link OtherQuoteReadings}): a probe's {@code SELECT '\'; USE other; SELECT ' -- '} under NO_BACKSLASH_ESCAPES
     * moved the session unseen.
     */
    private static boolean moveAfterAnySemicolon(String sql, Dialect dialect) {
        for (String text : OtherQuoteReadings.afterEverySemicolon(sql)) {
            if (matches(text, dialect)) {
                return true; // also a move in an executable comment there (a probe's '\'; /*!USE db*/; ...)
            }
        }
        return false;
    }

    /**
     * {@code sql} with PostgreSQL's and H2's {@code U&"..."} names written out ({@code SET U&"search\005Fpath" TO s2}
     * moved a probe's session unseen); {@code sql} itself when it has none or one cannot be decoded.
     */
    private static String spelledOut(String sql, Dialect dialect) {
        if (dialect.isMySqlFamily() || sql.indexOf('&') < 0) {
            return sql;
        }
        String spelled = UnicodeIdentifiers.spelledOut(sql, false);
        return spelled == null || spelled.equals(sql) ? sql : spelled;
    }

    private static boolean matchesAt(String sql, int start, Dialect dialect) {
        if (start >= sql.length()) {
            return false;
        }
        // the first three letters first: DELETE, SELECT, UPDATE, REPLACE go no further (this runs for every text)
        char c = (char) (sql.charAt(start) | 0x20);
        if (!sql.regionMatches(true, start, startOf(c), 0, 3)
                && !(c == 'd' && sql.regionMatches(true, start, "DRO", 0, 3))) {
            return false;
        }
        // words as the database reads them: comments between them (SET/**/search_path), quoted names (USE`db`)
        List<String> w = new ArrayList<>(WORDS_READ);
        String rest = sql.substring(start);
        for (Token t : SqlLexer.tokens(rest, dialect)) {
            if (t.kind == Kind.COMMENT) {
                continue;
            }
            String text = t.text(rest);
            w.add(t.kind == Kind.QUOTED ? text.substring(1, text.length() - 1).toLowerCase(Locale.ROOT)
                    : text.toLowerCase(Locale.ROOT));
            if (w.size() == WORDS_READ || t.kind == Kind.SYMBOL && text.equals(";")) {
                break;
            }
        }
        String first = w.get(0);
        if (first.equals("use")) {
            return w.size() > 1 && !w.get(1).equals(";");
        }
        int at = 1;
        if (first.equals("set") && at < w.size() && (w.get(at).equals("session") || w.get(at).equals("local"))
                && at + 1 < w.size() && !w.get(at + 1).equals("authorization")) {
            at++; // SET SESSION search_path, SET LOCAL ROLE (but SET SESSION AUTHORIZATION)
        }
        String name = at < w.size() ? w.get(at) : "";
        String next = at + 1 < w.size() ? w.get(at + 1) : "";
        switch (first) {
            case "set":
                return SET_NAMES.contains(name) || name.equals("session") && next.equals("authorization");
            case "reset":
                return RESET_NAMES.contains(name) || name.equals("session") && next.equals("authorization");
            case "discard":
                return name.equals("all");
            case "create":
            case "alter":
            case "drop":
                // a schema created, renamed or dropped changes what a search path finds (PostgreSQL's "$user", a
                // dropped schema of the path); MySQL's DROP DATABASE of the session's own leaves it none
                return name.equals("schema") || name.equals("database");
            default:
                return false;
        }
    }

    /** The first three letters of a move that starts with lower-case {@code c} (DIS for d; DRO is asked apart). */
    private static String startOf(char c) {
        switch (c) {
            case 's':
                return "SET";
            case 'u':
                return "USE";
            case 'r':
                return "RES";
            case 'd':
                return "DIS";
            case 'c':
                return "CRE";
            case 'a':
                return "ALT";
            default:
                return "";
        }
    }

    private static int skipBlanks(String sql, int from) {
        int at = from;
        while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
            at++;
        }
        return at;
    }
}
