package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Set;

/**
 * The name of the temporary table a {@code CREATE [GLOBAL | LOCAL | ...] TEMP[ORARY] TABLE} statement creates. A
 * temporary table hides the table of its name from the session, on MySQL and MariaDB even where the name is
 * qualified with its database, so the driver's own statements, which name the tables of a cascade, a foreign-key
 * check or a restore, would read and change the temporary table, or the wrong rows through it (a probe soft-deleted
 * the orders of a live customer, and let a RESTRICT key's parent go).
 */
public final class TemporaryTable {
    private static final Set<String> MODIFIERS = Set.of("GLOBAL", "LOCAL", "CACHED", "MEMORY");

    private TemporaryTable() {
    }

    /**
     * The bare name (unquoted, without schema) of the temporary table {@code sql} creates, or null when it creates
     * none. Answered at the first character for any text that does not start with CREATE, comments aside.
     */
    public static String createdName(String sql, Dialect dialect) {
        if (sql.isEmpty()) {
            return null;
        }
        char c = sql.charAt(0);
        if ((c | 0x20) != 'c' && c != '/' && c != '-' && c != '#' && !Character.isWhitespace(c)) {
            return null;
        }
        int start = (c | 0x20) == 'c' ? 0 : LeadingComments.end(sql);
        if (c != '#' && !sql.regionMatches(true, start, "CREATE", 0, 6)) {
            return null; // only a text that starts with CREATE (or MySQL's # comment) is lexed
        }
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        int i = next(tokens, 0);
        if (i >= tokens.size() || !tokens.get(i).is(sql, "CREATE")) {
            return null;
        }
        boolean temporary = false;
        for (i = next(tokens, i + 1); i < tokens.size() && tokens.get(i).kind == Kind.WORD; i = next(tokens, i + 1)) {
            String word = tokens.get(i).text(sql);
            if (word.equalsIgnoreCase("TEMPORARY") || word.equalsIgnoreCase("TEMP")) {
                temporary = true;
            } else if (!MODIFIERS.contains(word.toUpperCase(java.util.Locale.ROOT))) {
                break;
            }
        }
        if (!temporary || i >= tokens.size() || !tokens.get(i).is(sql, "TABLE")) {
            return null;
        }
        i = next(tokens, i + 1);
        if (i + 2 < tokens.size() && tokens.get(i).is(sql, "IF")) {
            i = next(tokens, next(tokens, next(tokens, i + 1) + 1) + 1); // IF NOT EXISTS
        }
        String name = null;
        while (i < tokens.size() && (tokens.get(i).kind == Kind.WORD || tokens.get(i).kind == Kind.QUOTED)) {
            name = Identifiers.unquote(tokens.get(i).text(sql));
            int dot = next(tokens, i + 1);
            if (dot >= tokens.size() || !tokens.get(dot).is(sql, '.')) {
                break;
            }
            i = next(tokens, dot + 1);
        }
        return name;
    }

    /** The first token from {@code from} on that is not a comment. */
    private static int next(List<Token> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).kind == Kind.COMMENT) {
            i++;
        }
        return i;
    }
}
