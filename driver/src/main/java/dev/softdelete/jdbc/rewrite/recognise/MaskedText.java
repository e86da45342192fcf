package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A copy of a statement for JSqlParser to parse where it cannot parse the original: spans the parser does not know
 * are replaced by filler of the same length, so every position in the copy is the same position in the original and
 * the engine's edits splice into the original text, which keeps what was masked. Only spans that cannot change which
 * tables the statement reads or deletes, nor where its clauses are, are masked:
 * <ul>
 * <li>MySQL's comments that JSqlParser reads otherwise, {@code # ...} among them (blanks, see
 * {@link LexicalDisagreement});</li>
 * <li>PostgreSQL's escape strings {@code E'...'}, and strings with a backslash (an ordinary string of the same
 * length);</li>
 * <li>PostgreSQL's {@code ONLY} after FROM, JOIN or UPDATE: it keeps a query off the table's inheritance children
 * and partitions, which the engine treats alike (blanks);</li>
 * <li>MySQL's {@code LOCK IN SHARE MODE}, its SELECT modifiers ({@code HIGH_PRIORITY}, {@code SQL_NO_CACHE},
 * ...), the {@code FOR ORDER BY} of an index hint, and the {@code BINARY} operator (blanks);</li>
 * <li>PostgreSQL's {@code NO KEY} and {@code KEY} of a row lock, and every locking clause after the first: they
 * decide which locks are taken, not which rows are read (blanks);</li>
 * <li>column names that JSqlParser 5.4 takes for keywords but the databases do not, such as {@code number}, where
 * they stand in an expression (an identifier of the same length that the text does not hold), never a table's name,
 * alias or qualifier, nor a word that names a configured table or schema;</li>
 * <li>pgjdbc's {@code ??}, {@code ??|} and {@code ??&}, which it sends as PostgreSQL's operators {@code ?},
 * {@code ?|} and {@code ?&}: the operator {@code @>} (another binary operator; JSqlParser could take a {@code ?}
 * for a parameter);</li>
 * <li>the braces of the JDBC escapes {@code {oj ...}} and {@code {escape 'c'}}, which the vendor driver (or
 * MySQL's server) removes before the statement is read, and the word {@code oj} (blanks): what they enclose is
 * read as it is, the outer join or the LIKE's {@code escape 'c'}.</li>
 * </ul>
 */
public final class MaskedText {
    /** Words the databases accept as plain identifiers and JSqlParser 5.4 does not always. */
    private static final Set<String> IDENTIFIER_WORDS = Set.of("NUMBER");
    /**
     * Keywords after which an identifier word stands in an expression (where JSqlParser cannot read it), never as a
     * table's name or alias (which it reads, and which must stay what they are: the engine qualifies its filters with
     * them).
     */
    private static final Set<String> EXPRESSION_KEYWORDS = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "ON", "BY",
            "HAVING", "WHEN", "THEN", "ELSE", "CASE", "SET", "DISTINCT", "ALL", "RETURNING", "IN", "IS", "LIKE",
            "ILIKE", "BETWEEN", "VALUES", "ESCAPE", "DISTINCTROW");
    /** What may stand between SELECT and a MySQL SELECT modifier: other modifiers and these. */
    private static final Set<String> MYSQL_SELECT_OPTIONS = Set.of("ALL", "DISTINCT", "DISTINCTROW", "STRAIGHT_JOIN",
            "SQL_CALC_FOUND_ROWS");
    /** MySQL's SELECT modifiers that change how, not what, a query reads. */
    static final Set<String> MYSQL_SELECT_MODIFIERS = Set.of("HIGH_PRIORITY", "SQL_NO_CACHE", "SQL_CACHE",
            "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT");
    /** Words of a locking clause: {@code FOR UPDATE OF a, b NOWAIT}. */
    private static final Set<String> LOCKING_WORDS = Set.of("FOR", "UPDATE", "SHARE", "NO", "KEY", "OF", "NOWAIT",
            "SKIP", "LOCKED");

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
        List<int[]> escapes = null; // JDBC escapes: {open, end of its word, close, whether it is oj}
        Token previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.UNTERMINATED) {
                return null;
            }
            if (t.is(sql, '{')) {
                int close = closingBrace(sql, tokens, i);
                int word = nextCode(tokens, i + 1);
                if (close >= 0 && word < close && (tokens.get(word).is(sql, "oj")
                        || tokens.get(word).is(sql, "escape"))) {
                    if (escapes == null) {
                        escapes = new ArrayList<>();
                    }
                    escapes.add(new int[] {t.start, tokens.get(word).end, tokens.get(close).start,
                            tokens.get(word).is(sql, "oj") ? 1 : 0});
                }
            }
            if (dialect == Dialect.POSTGRESQL && t.is(sql, '?') && i + 1 < tokens.size()
                    && tokens.get(i + 1).is(sql, '?') && tokens.get(i + 1).start == t.end) {
                if (copy == null) {
                    copy = sql.toCharArray();
                }
                copy[t.start] = '@';
                copy[t.end] = '>';
                previous = tokens.get(++i);
                if (i + 1 < tokens.size() && tokens.get(i + 1).start == previous.end
                        && (tokens.get(i + 1).is(sql, '|') || tokens.get(i + 1).is(sql, '&'))) {
                    previous = tokens.get(++i);
                    copy[previous.start] = ' ';
                }
                continue;
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
        if (escapes != null) {
            if (copy == null) {
                copy = sql.toCharArray();
            }
            for (int[] e : escapes) { // after the tokens, so that an escape character keeps its mask where it moves
                jdbcEscape(e[3] == 1, e[0], e[1], e[2], copy);
            }
        }
        return copy == null ? null : new String(copy);
    }

    /** The filler for token {@code i}, as long as the token (or the phrase it starts), or null to keep it. */
    private static String mask(String sql, Dialect dialect, List<Token> tokens, int i, Token previous,
            Set<String> protectedNames) {
        Token t = tokens.get(i);
        int length = t.end - t.start;
        if (t.kind == Kind.STRING && dialect == Dialect.POSTGRESQL && (sql.charAt(t.start) == 'E'
                || sql.charAt(t.start) == 'e')) {
            return "'" + "x".repeat(length - 2) + "'"; // E'...' as one string token, E included
        }
        if (t.kind == Kind.DOLLAR_QUOTED && dialect == Dialect.POSTGRESQL) {
            return "'" + "x".repeat(length - 2) + "'"; // $q$...$q$: a string JSqlParser reads as one
        }
        if (t.kind == Kind.STRING && LexicalDisagreement.misread(sql, t, dialect.isMySqlFamily())) {
            return "'" + "x".repeat(length - 2) + "'"; // a string with a backslash: one without
        }
        if (dialect.isMySqlFamily() && LexicalDisagreement.misread(sql, t, true)) {
            return " ".repeat(length);
        }
        if (t.kind != Kind.WORD) {
            return null;
        }
        if (dialect == Dialect.POSTGRESQL && t.is(sql, "ONLY") && previous != null
                && (previous.is(sql, "FROM") || previous.is(sql, "JOIN") || previous.is(sql, "UPDATE"))) {
            return " ".repeat(length);
        }
        if (dialect.isMySqlFamily() && t.is(sql, "LOCK") && phrase(sql, tokens, i, "LOCK", "IN", "SHARE", "MODE")) {
            // with its lock option (MariaDB 10.6+, jOOQ's forShare().skipLocked()), which JSqlParser cannot read
            // without the FOR it knows: LOCK IN SHARE MODE SKIP LOCKED / NOWAIT / WAIT n
            int last = i + 3;
            if (phrase(sql, tokens, last + 1, "SKIP", "LOCKED")) {
                last += 2;
            } else if (phrase(sql, tokens, last + 1, "NOWAIT")) {
                last += 1;
            } else if (phrase(sql, tokens, last + 1, "WAIT") && last + 2 < tokens.size()
                    && tokens.get(last + 2).kind == Kind.NUMBER) {
                last += 2;
            }
            return " ".repeat(tokens.get(last).end - t.start);
        }
        if (dialect.isMySqlFamily() && MYSQL_SELECT_MODIFIERS.contains(t.text(sql).toUpperCase(Locale.ROOT))
                && selectModifierPosition(sql, tokens, i)) {
            // only where SELECT's modifiers stand: elsewhere the word is a name (a table's alias sql_cache), which
            // blanked would leave the table unaliased and its filter qualified by its name (a probe)
            return " ".repeat(length);
        }
        if (dialect.isMySqlFamily() && t.is(sql, "FOR") && previous != null
                && (previous.is(sql, "INDEX") || previous.is(sql, "KEY"))) {
            int last = phrase(sql, tokens, i, "FOR", "JOIN") ? i + 1 : phrase(sql, tokens, i, "FOR", "ORDER", "BY")
                    || phrase(sql, tokens, i, "FOR", "GROUP", "BY") ? i + 2 : -1;
            return last < 0 ? null : " ".repeat(tokens.get(last).end - t.start); // USE INDEX FOR ORDER BY (...)
        }
        if (dialect.isMySqlFamily() && t.is(sql, "BINARY") && previous != null && !previous.is(sql, "AS")
                && i + 1 < tokens.size() && (tokens.get(i + 1).kind == Kind.WORD
                        || tokens.get(i + 1).kind == Kind.QUOTED)) {
            return " ".repeat(length); // the BINARY operator: BINARY name = ?
        }
        if (dialect == Dialect.POSTGRESQL && previous != null && previous.is(sql, "FOR")
                && (phrase(sql, tokens, i, "NO", "KEY", "UPDATE") || phrase(sql, tokens, i, "KEY", "SHARE"))) {
            int key = t.is(sql, "NO") ? i + 1 : i;
            return " ".repeat(tokens.get(key).end - t.start); // FOR NO KEY UPDATE, FOR KEY SHARE: row locks
        }
        if (dialect == Dialect.POSTGRESQL && t.is(sql, "FOR") && lockingClauseBefore(sql, tokens, i)) {
            return " ".repeat(endOfLockingClause(sql, tokens, i) - t.start); // a second locking clause
        }
        String upper = t.text(sql).toUpperCase(Locale.ROOT);
        if (IDENTIFIER_WORDS.contains(upper) && !protectedNames.contains(upper.toLowerCase(Locale.ROOT))
                && inExpression(sql, tokens, i, previous)) {
            return filler(sql, length);
        }
        return null;
    }

    /**
     * Masks a JDBC escape in {@code copy} so that it ends where its closing brace does, as a clause the engine appends
     * to must: {@code {oj X}} becomes the parenthesised join {@code (   X)}, {@code {escape 'c'}} becomes
     * {@code escape  'c'} (the escape character moved to end at the brace).
     *
     * @param open where the opening brace is
     * @param wordEnd where {@code oj} or {@code escape} ends
     * @param close where the closing brace is
     */
    private static void jdbcEscape(boolean outerJoin, int open, int wordEnd, int close, char[] copy) {
        if (outerJoin) {
            Arrays.fill(copy, open, wordEnd, ' ');
            copy[open] = '(';
            copy[close] = ')';
            return;
        }
        String character = new String(copy, wordEnd, close - wordEnd).trim();
        Arrays.fill(copy, open, close + 1, ' ');
        "escape".getChars(0, 6, copy, open);
        character.getChars(0, character.length(), copy, close + 1 - character.length());
    }

    /**
     * Whether the word at token {@code i} stands in an expression: after an operator, a comma or an opening
     * parenthesis, or a keyword that an expression follows, and not before a dot. A table's name or alias (after a
     * table, AS, FROM, ...) is left as it is, and so is a qualifier ({@code number.id}): masked, the engine would
     * qualify a filter with the filler, or read the column as another table's (a probe); JSqlParser then fails the
     * statement, which is refused if it names a configured table.
     */
    private static boolean inExpression(String sql, List<Token> tokens, int i, Token previous) {
        int next = nextCode(tokens, i + 1);
        if (previous == null || next < tokens.size() && tokens.get(next).is(sql, '.')) {
            return false;
        }
        if (previous.kind == Kind.WORD) {
            return EXPRESSION_KEYWORDS.contains(previous.text(sql).toUpperCase(Locale.ROOT));
        }
        return previous.kind != Kind.QUOTED && !previous.is(sql, ')');
    }

    /** An identifier of {@code length} letters that {@code sql} does not hold, in any case. */
    private static String filler(String sql, int length) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (long n = 0; ; n++) { // zzzzzz, zzzzzy, ...: the text cannot hold all 26^length of them
            char[] word = "z".repeat(length).toCharArray();
            long rest = n;
            for (int k = length - 1; k >= 0 && rest > 0; k--) {
                word[k] = (char) ('z' - rest % 26);
                rest /= 26;
            }
            String candidate = new String(word);
            if (!lower.contains(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * Whether token {@code i} stands where MySQL's SELECT modifiers do: after SELECT and its other options (in an
     * executable comment too).
     */
    static boolean selectModifierPosition(String sql, List<Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            Token t = tokens.get(j);
            if (t.kind == Kind.COMMENT || t.kind == Kind.EXECUTABLE_COMMENT) {
                continue;
            }
            if (t.kind != Kind.WORD) {
                return false;
            }
            String word = t.text(sql).toUpperCase(Locale.ROOT);
            if (word.equals("SELECT")) {
                return true;
            }
            if (!MYSQL_SELECT_MODIFIERS.contains(word) && !MYSQL_SELECT_OPTIONS.contains(word)) {
                return false;
            }
        }
        return false;
    }

    /** The index of the brace that closes the one at {@code open}, or -1. */
    private static int closingBrace(String sql, List<Token> tokens, int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            if (tokens.get(j).is(sql, '{')) {
                depth++;
            } else if (tokens.get(j).is(sql, '}') && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The index of the first token from {@code from} on that is not a comment (the size when none is). */
    private static int nextCode(List<Token> tokens, int from) {
        int j = from;
        while (j < tokens.size() && tokens.get(j).kind == Kind.COMMENT) {
            j++;
        }
        return j;
    }

    /** Whether a row-locking clause ({@code FOR UPDATE}, {@code FOR SHARE}, ...) starts at token {@code i}. */
    private static boolean lockingClause(String sql, List<Token> tokens, int i) {
        return tokens.get(i).is(sql, "FOR") && i + 1 < tokens.size() && (tokens.get(i + 1).is(sql, "UPDATE")
                || tokens.get(i + 1).is(sql, "SHARE") || tokens.get(i + 1).is(sql, "NO")
                || tokens.get(i + 1).is(sql, "KEY"));
    }

    /** Whether the locking clause at {@code i} follows another one of the same statement. */
    private static boolean lockingClauseBefore(String sql, List<Token> tokens, int i) {
        if (!lockingClause(sql, tokens, i)) {
            return false;
        }
        int depth = 0;
        for (int j = i - 1; j >= 0; j--) {
            Token t = tokens.get(j);
            if (t.is(sql, ')')) {
                depth++;
            } else if (t.is(sql, '(')) {
                if (depth-- == 0) {
                    return false;
                }
            } else if (depth == 0 && t.is(sql, ';')) {
                return false;
            } else if (depth == 0 && lockingClause(sql, tokens, j)) {
                return true;
            } else if (depth == 0 && t.kind == Kind.WORD && !LOCKING_WORDS.contains(t.text(sql)
                    .toUpperCase(Locale.ROOT)) && !(j > 0 && tokens.get(j - 1).is(sql, "OF"))
                    && !(j > 0 && tokens.get(j - 1).is(sql, ','))) {
                return false;
            }
        }
        return false;
    }

    /** Where the locking clause at {@code i} ends: before the next one, a semicolon, or at the end. */
    private static int endOfLockingClause(String sql, List<Token> tokens, int i) {
        int end = tokens.get(i).end;
        for (int j = i + 1; j < tokens.size() && !lockingClause(sql, tokens, j) && !tokens.get(j).is(sql, ';'); j++) {
            if (tokens.get(j).kind != Kind.COMMENT) {
                end = tokens.get(j).end;
            }
        }
        return end;
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
