package dev.softdelete.it.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small lexer for test SQL: where the {@code ?} parameter markers are (outside strings, quoted names, comments
 * and PostgreSQL dollar quotes) and which keyword a statement starts with (after leading comments).
 */
final class SqlText {
    private SqlText() {
    }

    /** Offsets of the parameter markers; {@code mysql} turns on backslash escapes in strings and {@code #} comments. */
    static List<Integer> placeholders(String sql, boolean mysql) {
        List<Integer> found = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c, mysql && c != '`');
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || mysql && c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '$' && !mysql) {
                i = skipDollarQuoted(sql, i);
            } else {
                if (c == '?') {
                    found.add(i);
                }
                i++;
            }
        }
        return found;
    }

    /** The first word of the statement after whitespace and comments, upper case; empty if there is none. */
    static String leadingKeyword(String sql) {
        int i = skipCommentsAndSpace(sql, 0);
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** The comments before the first token, concatenated (where hints live). */
    static String leadingComments(String sql) {
        return sql.substring(0, skipCommentsAndSpace(sql, 0));
    }

    private static int skipCommentsAndSpace(String sql, int from) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int skipDollarQuoted(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$' || i > start + 1 && Character.isDigit(sql.charAt(start + 1))) {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int end = sql.indexOf(tag, i + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
