package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.config.TableConfig;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The cheap pre-filter: does the statement text contain the name of a configured table anywhere (ignoring case,
 * inside comments and strings too)? A statement that does not is sent as it is, unparsed. The test is deliberately
 * loose: a false "yes" only costs a parse.
 */
public final class TableMentionFilter {
    private final char[][] names;

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
    }

    public boolean mentionsConfiguredTable(String sql) {
        for (char[] name : names) {
            if (contains(sql, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String sql, char[] lowerName) {
        char first = lowerName[0];
        int last = sql.length() - lowerName.length;
        for (int i = 0; i <= last; i++) {
            if (Character.toLowerCase(sql.charAt(i)) == first && matchesAt(sql, i, lowerName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(String sql, int at, char[] lowerName) {
        for (int k = 1; k < lowerName.length; k++) {
            if (Character.toLowerCase(sql.charAt(at + k)) != lowerName[k]) {
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
