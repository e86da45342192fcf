package dev.softdelete.jdbc.rewrite.recognise;

import java.util.ArrayList;
import java.util.List;

/**
 * Identifiers written with Unicode escapes, {@code U&"d\0061t\+000061"} (PostgreSQL, H2): the database reads the
 * name they spell ({@code data}), while the pre-filter's substring search and JSqlParser see only the escapes. The
 * pre-filter decodes them, so that {@code SELECT * FROM U&"\0069tems"} reaches the engine, which refuses a statement
 * whose escaped identifier names a configured table.
 */
public final class UnicodeIdentifiers {
    private UnicodeIdentifiers() {
    }

    /**
     * The names the {@code U&"..."} identifiers of {@code sql} spell, in order; null for one that cannot be decoded
     * with certainty (another escape character given by {@code UESCAPE}, a malformed escape, no closing quote).
     * With {@code skipStrings}, text inside string literals is not read (the engine, whose answer must not depend on
     * the literals, which the literal shape replaces); without it, every {@code U&"} counts (the pre-filter, for
     * which a false yes only costs a parse).
     */
    public static List<String> names(String sql, boolean skipStrings, boolean backslashEscapes) {
        List<String> names = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' && skipStrings) {
                int close = LiteralShape.closingQuote(sql, i, backslashEscapes);
                i = close < 0 ? i + 1 : close + 1;
            } else if ((c == 'U' || c == 'u') && sql.startsWith("&\"", i + 1)) {
                int close = closingQuote(sql, i + 2);
                names.add(close < 0 ? null : decode(sql, i + 3, close, '"'));
                i = close < 0 ? n : close + 1;
            } else {
                i++;
            }
        }
        return names;
    }

    /**
     * {@code sql} with each {@code U&"..."} identifier outside string literals written as the quoted identifier it
     * spells, for recognisers that read names off the text (DDL: a probe dropped a partition's schema written
     * {@code U&"\0061rch"}); {@code sql} itself when it has none; null when one cannot be decoded with certainty.
     */
    public static String spelledOut(String sql, boolean backslashEscapes) {
        if (sql.indexOf("&\"") < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int close = LiteralShape.closingQuote(sql, i, backslashEscapes);
                i = close < 0 ? i + 1 : close + 1;
            } else if ((c == 'U' || c == 'u') && sql.startsWith("&\"", i + 1)
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                int close = closingQuote(sql, i + 2);
                String name = close < 0 ? null : decode(sql, i + 3, close, '"');
                if (name == null) {
                    return null;
                }
                out.append(sql, copied, i).append('"').append(name.replace("\"", "\"\"")).append('"');
                i = close + 1;
                copied = i;
            } else {
                i++;
            }
        }
        return out.append(sql, copied, n).toString();
    }

    /** The quote that closes the quoted identifier opened at {@code open} ({@code ""} stands for a quote); -1: none. */
    private static int closingQuote(String sql, int open) {
        for (int i = open + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == '"') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The text between {@code from} and {@code to} in {@code sql}, quoted by {@code quote} (a doubled one stands for
     * itself), its escapes decoded; null when in doubt. Also for PostgreSQL's and H2's {@code U&'...'} strings.
     */
    static String decode(String sql, int from, int to, char quote) {
        if (followedByUescape(sql, to + 1)) {
            return null; // another escape character: not worth a second decoder
        }
        StringBuilder name = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = sql.charAt(i);
            if (c == quote) {
                name.append(quote);
                i += 2;
            } else if (c != '\\') {
                name.append(c);
                i++;
            } else if (i + 1 < to && sql.charAt(i + 1) == '\\') {
                name.append('\\');
                i += 2;
            } else {
                boolean six = i + 1 < to && sql.charAt(i + 1) == '+';
                int start = six ? i + 2 : i + 1;
                int end = start + (six ? 6 : 4);
                if (end > to) {
                    return null;
                }
                int code;
                try {
                    code = Integer.parseInt(sql.substring(start, end), 16);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (!Character.isValidCodePoint(code)) {
                    return null;
                }
                name.appendCodePoint(code);
                i = end;
            }
        }
        return name.toString();
    }

    private static boolean followedByUescape(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return sql.regionMatches(true, i, "UESCAPE", 0, "UESCAPE".length());
    }
}
