package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A copy of a statement for JSqlParser to parse where it cannot parse the original: spans the parser does not know
 * are replaced by filler of the same length, so every position in the copy is the same position in the original and
 * the engine's edits splice into the original text, which keeps what was masked. Only spans that cannot change which
 * tables the statement reads or deletes, nor where its clauses are, are masked:
 * <ul>
 * <li>MySQL's {@code # ...} comments (blanks);</li>
 * <li>PostgreSQL's escape strings {@code E'...'} (an ordinary string of the same length);</li>
 * <li>PostgreSQL's {@code ONLY} after FROM, JOIN or UPDATE: it keeps a query off the table's inheritance children
 * and partitions, which the engine treats alike (blanks);</li>
 * <li>MySQL's {@code LOCK IN SHARE MODE} (blanks);</li>
 * <li>column names that JSqlParser 5.4 takes for keywords but the databases do not, such as {@code number} (an
 * identifier of the same length), never a word that names a configured table or schema.</li>
 * </ul>
 */
public final class MaskedText {
    /** Words the databases accept as plain identifiers and JSqlParser 5.4 does not always. */
    private static final Set<String> IDENTIFIER_WORDS = Set.of("NUMBER");

    private MaskedText() {
    }

    /**
     * The masked copy of {@code sql}, or null when nothing in it is maskable.
     *
     * @param protectedNames configured table and schema names, lower case: never masked
     */
    public static String of(String sql, Dialect dialect, Set<String> protectedNames) {
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        char[] copy = null;
        Token previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.UNTERMINATED) {
                return null;
            }
            String mask = mask(sql, dialect, tokens, i, previous, protectedNames);
            if (mask != null) {
                if (copy == null) {
                    copy = sql.toCharArray();
                }
                mask.getChars(0, mask.length(), copy, t.start);
            }
            if (t.kind != Kind.COMMENT) {
                previous = t;
            }
        }
        return copy == null ? null : new String(copy);
    }

    /** The filler for token {@code i}, as long as the token (or the phrase it starts), or null to keep it. */
    private static String mask(String sql, Dialect dialect, List<Token> tokens, int i, Token previous,
            Set<String> protectedNames) {
        Token t = tokens.get(i);
        int length = t.end - t.start;
        if (t.kind == Kind.COMMENT && sql.charAt(t.start) == '#') {
            return " ".repeat(length);
        }
        if (t.kind == Kind.STRING && dialect == Dialect.POSTGRESQL && (sql.charAt(t.start) == 'E'
                || sql.charAt(t.start) == 'e')) {
            return " '" + "x".repeat(length - 3) + "'";
        }
        if (t.kind != Kind.WORD) {
            return null;
        }
        if (dialect == Dialect.POSTGRESQL && t.is(sql, "ONLY") && previous != null
                && (previous.is(sql, "FROM") || previous.is(sql, "JOIN") || previous.is(sql, "UPDATE"))) {
            return " ".repeat(length);
        }
        if (dialect.isMySqlFamily() && t.is(sql, "LOCK") && phrase(sql, tokens, i, "LOCK", "IN", "SHARE", "MODE")) {
            return " ".repeat(tokens.get(i + 3).end - t.start);
        }
        String upper = t.text(sql).toUpperCase(Locale.ROOT);
        if (IDENTIFIER_WORDS.contains(upper) && !protectedNames.contains(upper.toLowerCase(Locale.ROOT))) {
            return "z".repeat(length);
        }
        return null;
    }

    /** Whether the words from token {@code i} on are {@code words}, with nothing but blanks between them. */
    private static boolean phrase(String sql, List<Token> tokens, int i, String... words) {
        if (i + words.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if (!tokens.get(i + k).is(sql, words[k])) {
                return false;
            }
        }
        return true;
    }
}
