package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.regex.Pattern;

/**
 * A statement that moves the session to other schemas, after which unqualified names reach other tables: PostgreSQL's
 * {@code SET [SESSION | LOCAL] search_path}, {@code SET SCHEMA}, {@code RESET search_path}, {@code RESET ALL} and
 * {@code DISCARD ALL}; MySQL's {@code USE db}; H2's {@code SET SCHEMA} and {@code SET SCHEMA_SEARCH_PATH}. The
 * driver picks the engine for the session's schemas again after one (their catalog has other foreign keys). Read
 * from the statement's first word, which most texts fail at their first characters.
 */
public final class SessionSchemaStatement {
    private static final Pattern STATEMENT = Pattern.compile("(?is)(?:USE\\s"
            + "|SET\\s+(?:SESSION\\s+|LOCAL\\s+)?(?:search_path|schema|schema_search_path)\\b"
            + "|RESET\\s+(?:search_path|all)\\b|DISCARD\\s+all\\b)");

    private SessionSchemaStatement() {
    }

    public static boolean matches(String sql, Dialect dialect) {
        if (dialect == Dialect.GENERIC || sql.isEmpty()) {
            return false;
        }
        char first = sql.charAt(0);
        int start = first == '/' || first == '-' || first == '#' || Character.isWhitespace(first)
                ? LeadingComments.end(sql) : 0;
        if (start >= sql.length()) {
            return false;
        }
        switch (Character.toUpperCase(sql.charAt(start))) {
            case 'S':
                // SET, not SELECT
                if (sql.length() < start + 4 || Character.toUpperCase(sql.charAt(start + 2)) != 'T') {
                    return false;
                }
                break;
            case 'U':
            case 'R':
            case 'D':
                break;
            default:
                return false;
        }
        return STATEMENT.matcher(sql).region(start, sql.length()).lookingAt();
    }
}
