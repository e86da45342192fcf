package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A statement that moves the session to other schemas, after which unqualified names reach other tables: PostgreSQL's
 * {@code SET [SESSION | LOCAL] search_path}, {@code SET SCHEMA}, {@code SET ROLE} and {@code SET SESSION
 * AUTHORIZATION} (a search path of {@code "$user"} follows them), their {@code RESET} forms, {@code RESET ALL} and
 * {@code DISCARD ALL}; MySQL's {@code USE db}, also inside an executable comment; H2's {@code SET SCHEMA} and
 * {@code SET SCHEMA_SEARCH_PATH}. The driver picks the engine for the session's schemas again after one (their
 * catalog has other foreign keys). Read from the statement's first word, which most texts fail at their first
 * characters.
 */
public final class SessionSchemaStatement {
    private static final Pattern STATEMENT = Pattern.compile("(?is)(?:USE\\s"
            + "|SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?:\"?search_path\"?|schema|schema_search_path|\"?role\"?"
            + "|\"?session_authorization\"?)(?![\\w$])"
            + "|SET\\s+(?:SESSION\\s+|LOCAL\\s+)?SESSION\\s+AUTHORIZATION\\b"
            + "|RESET\\s+(?:\"?search_path\"?|all|\"?role\"?|session\\s+authorization|\"?session_authorization\"?)"
            + "(?![\\w$])|DISCARD\\s+all\\b)");

    private SessionSchemaStatement() {
    }

    /** Whether the statement {@code sql} (its first statement, for a text of several) moves the session. */
    public static boolean matches(String sql, Dialect dialect) {
        if (dialect == Dialect.GENERIC || sql.isEmpty()) {
            return false;
        }
        char first = sql.charAt(0);
        int start = first == '/' || first == '-' || first == '#' || Character.isWhitespace(first)
                ? LeadingComments.end(sql) : 0;
        if (dialect.isMySqlFamily() && (first == '/' || Character.isWhitespace(first))) {
            // MySQL runs the text of an executable comment: /*!USE db*/, /*!50001 USE db */, MariaDB's /*M!USE db*/,
            // also after other comments
            for (Token t : SqlLexer.tokens(sql, dialect)) {
                if (t.kind == Kind.EXECUTABLE_COMMENT) {
                    int at = t.start + (sql.startsWith("/*M!", t.start) ? 4 : 3);
                    while (at < t.end && Character.isDigit(sql.charAt(at))) {
                        at++;
                    }
                    return matchesAt(sql, skipBlanks(sql, at));
                }
                if (t.kind != Kind.COMMENT) {
                    break;
                }
            }
        }
        return matchesAt(sql, start);
    }

    /**
     * Whether a text of several statements holds one that moves the session: the statements after it would be
     * rewritten with the catalog of the schemas before, and the connection must read its schemas again after it.
     */
    public static boolean inSeveral(String sql, Dialect dialect) {
        if (dialect == Dialect.GENERIC || sql.indexOf(';') < 0) {
            return false;
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
                statements++;
                moves |= matchesAt(sql, t.start);
                atStart = false;
            }
        }
        return moves && statements > 1;
    }

    private static boolean matchesAt(String sql, int start) {
        if (start >= sql.length()) {
            return false;
        }
        // the first three letters first: DELETE, SELECT, UPDATE, REPLACE go no further
        if (!(sql.regionMatches(true, start, "SET", 0, 3) || sql.regionMatches(true, start, "USE", 0, 3)
                || sql.regionMatches(true, start, "RES", 0, 3) || sql.regionMatches(true, start, "DIS", 0, 3))) {
            return false;
        }
        return STATEMENT.matcher(sql).region(start, sql.length()).lookingAt();
    }

    private static int skipBlanks(String sql, int from) {
        int at = from;
        while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
            at++;
        }
        return at;
    }
}
