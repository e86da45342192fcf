package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.config.TableConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cheap pre-filter: does the statement text contain the name of a configured table anywhere (ignoring case,
 * inside comments and strings too)? A statement that does not is sent as it is, unparsed. The test is deliberately
 * loose: a false "yes" only costs a parse.
 */
public final class TableMentionFilter {
    /** The distinct table names, lower case. */
    private final char[][] names;
    /** For an ASCII character in lower case: the names that start with it (empty arrays for none). */
    private final char[][][] byAsciiFirst = new char[128][][];

    public TableMentionFilter(Collection<TableConfig> tables) {
        Set<String> distinct = new LinkedHashSet<>();
        for (TableConfig t : tables) {
            distinct.add(t.name().table().toLowerCase(Locale.ROOT));
        }
        names = new char[distinct.size()][];
        int i = 0;
        for (String n : distinct) {
            names[i++] = n.toCharArray();
        }
        for (int c = 0; c < 128; c++) {
            List<char[]> starting = new ArrayList<>();
            for (char[] name : names) {
                if (name[0] == c) {
                    starting.add(name);
                }
            }
            byAsciiFirst[c] = starting.toArray(new char[0][]);
        }
    }

    /** Whether {@code sql} contains a configured table's name, in any case: one pass over the text. */
    public boolean mentionsConfiguredTable(String sql) {
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = sql.charAt(i);
            // outside ASCII, any name may match: some characters lower-case to ASCII letters (U+212A, Kelvin, to k)
            char[][] candidates = c < 128 ? byAsciiFirst[c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c] : names;
            for (char[] name : candidates) {
                if (i + name.length <= n && matchesAt(sql, i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(String sql, int at, char[] lowerName) {
        for (int k = 0; k < lowerName.length; k++) {
            char c = sql.charAt(at + k);
            char lower = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c);
            if (lower != lowerName[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a MySQL executable comment ({@code /*! ... *}{@code /}) mentions a configured table: MySQL runs its
     * text, while JSqlParser sees only a comment.
     */
    public boolean mentionsInExecutableComment(String sql) {
        int at = sql.indexOf("/*!");
        while (at >= 0) {
            int end = sql.indexOf("*/", at + 3);
            String body = sql.substring(at + 3, end < 0 ? sql.length() : end);
            if (mentionsConfiguredTable(body)) {
                return true;
            }
            at = end < 0 ? -1 : sql.indexOf("/*!", end);
        }
        return false;
    }

    /**
     * Whether a PostgreSQL dollar-quoted string ({@code $$ ... $$}, {@code $tag$ ... $tag$}) mentions a configured
     * table: a {@code DO} block runs its text, while JSqlParser sees a string or an identifier.
     */
    public boolean mentionsInDollarQuotes(String sql) {
        int at = sql.indexOf('$');
        while (at >= 0) {
            int close = sql.indexOf('$', at + 1);
            if (close < 0) {
                return false;
            }
            String tag = sql.substring(at, close + 1);
            if (isDollarTag(tag)) {
                int end = sql.indexOf(tag, close + 1);
                String body = sql.substring(close + 1, end < 0 ? sql.length() : end);
                if (mentionsConfiguredTable(body)) {
                    return true;
                }
                at = end < 0 ? -1 : sql.indexOf('$', end + tag.length());
            } else {
                at = close;
            }
        }
        return false;
    }

    private static boolean isDollarTag(String tag) {
        for (int i = 1; i < tag.length() - 1; i++) {
            char c = tag.charAt(i);
            boolean ok = Character.isLetter(c) || c == '_' || (i > 1 && Character.isDigit(c));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
