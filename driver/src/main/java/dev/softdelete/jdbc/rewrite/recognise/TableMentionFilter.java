package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The cheap pre-filter: does the statement text contain the name of a configured table anywhere (ignoring case,
 * inside comments and strings too)? A statement that does not is sent as it is, unparsed. The test is deliberately
 * loose: a false "yes" only costs a parse.
 *
 * <p>Each character of the text and of the names is folded on its own, as {@link String#equalsIgnoreCase} compares
 * it (ASCII directly, anything else upper-cased then lower-cased, so that U+212A, the Kelvin sign, counts as
 * {@code k}), and the folded forms are compared. A name outside the Basic Multilingual Plane makes every text with
 * a surrogate pair a mention.
 *
 * <p>When every name has at least {@link #MIN_SKIP_WINDOW} characters the search skips through the text (Wu and
 * Manber's multi-pattern search, with pairs of characters): it looks at the last two characters of a window as long
 * as the shortest name, and moves the window as far as no name can start inside the skipped part.
 * On a text that mentions no table it reads about one character in {@code (shortest name - 1) / 2}. With a shorter
 * name, or more than {@link #MAX_NON_ASCII} distinct non-ASCII characters in the names, it compares the names that
 * start at each character.
 */
public final class TableMentionFilter {
    /** The shortest name length for which the skipping search is used; below it a skip would gain little. */
    static final int MIN_SKIP_WINDOW = 3;
    /**
     * The most distinct non-ASCII characters the names' windows may have for the skipping search (its table of pairs
     * grows with the square of the characters); with more, the search compares char by char.
     */
    static final int MAX_NON_ASCII = 64;
    /** The largest skip the table records (a byte); longer names skip this far at most. */
    private static final int MAX_SKIP = 127;

    /** The distinct table names, folded (see {@link #fold}). */
    private final char[][] names;
    /**
     * Whether a name has a character outside the Basic Multilingual Plane (a surrogate pair): then any text with a
     * surrogate counts as a mention.
     */
    private final boolean surrogateNames;
    /** For an ASCII character in lower case: the names that start with it, folded (empty arrays for none). */
    private final char[][][] byAsciiFirst = new char[128][][];

    /** Length of the shortest name: the window of the skipping search, or 0 when it is not used. */
    private final int window;
    /**
     * Class of each ASCII character, upper case as lower case: 0 when no name has it in its first {@link #window}
     * characters.
     */
    private final short[] asciiClass = new short[128];
    /** Non-ASCII characters of the names' windows, sorted. */
    private final char[] nonAscii;
    /** The class of {@code nonAscii[0]}; the others follow. */
    private final int firstNonAsciiClass;
    /** The class numbers as {@link #nameClass} gives them, one more than the largest. */
    private final int classes;
    /** For a pair of classes (first * classes + second) ending a window: how far the window may move. */
    private final byte[] skip;
    /**
     * For a pair with skip 0: the names whose first {@link #window} characters end with that pair, grouped by those
     * characters, so that names sharing a prefix compare it once.
     */
    private final WindowGroup[][] endingWith;

    /** Names that begin with the same {@link #window} characters. */
    private static final class WindowGroup {
        final char[] prefix;
        final char[][] names;

        WindowGroup(char[] prefix, char[][] names) {
            this.prefix = prefix;
            this.names = names;
        }
    }

    /** The dialect whose literals are decoded (see {@link EncodedLiterals}); null: only the text as written. */
    private final Dialect dialect;

    /** A filter that searches the text as written only (and its Unicode-escaped identifiers). */
    public TableMentionFilter(Collection<TableName> tables) {
        this(tables, null);
    }

    /**
     * A filter that also searches what the text's literals spell as {@code dialect}'s database decodes them
     * ({@link EncodedLiterals}): SQL text handed to the database in such a literal names a table as well.
     */
    public TableMentionFilter(Collection<TableName> tables, Dialect dialect) {
        this.dialect = dialect;
        Set<String> distinct = new LinkedHashSet<>();
        for (TableName t : tables) {
            distinct.add(folded(t.table()));
        }
        names = new char[distinct.size()][];
        int i = 0;
        int shortest = Integer.MAX_VALUE;
        boolean surrogates = false;
        for (String n : distinct) {
            surrogates |= hasSurrogate(n);
            names[i++] = n.toCharArray();
            shortest = Math.min(shortest, n.length());
        }
        surrogateNames = surrogates;
        for (int c = 0; c < 128; c++) {
            List<char[]> starting = new ArrayList<>();
            for (char[] name : names) {
                if (name[0] == c) {
                    starting.add(name);
                }
            }
            byAsciiFirst[c] = starting.toArray(new char[0][]);
        }
        int w = names.length > 0 && shortest >= MIN_SKIP_WINDOW ? shortest : 0;
        SortedSet<Character> others = new TreeSet<>();
        for (char[] name : names) {
            for (int k = 0; k < w; k++) {
                if (name[k] >= 128) {
                    others.add(name[k]);
                }
            }
        }
        if (others.size() > MAX_NON_ASCII) {
            w = 0; // the pair table would grow with the square of the characters: compare char by char
            others.clear();
        }
        window = w;
        int asciiClasses = 0;
        for (char[] name : names) {
            for (int k = 0; k < window; k++) {
                char c = name[k];
                if (c < 128 && asciiClass[c] == 0) {
                    asciiClass[c] = (short) ++asciiClasses;
                    if (c >= 'a' && c <= 'z') {
                        asciiClass[c - ('a' - 'A')] = asciiClass[c];
                    }
                }
            }
        }
        nonAscii = new char[others.size()];
        int o = 0;
        for (char c : others) {
            nonAscii[o++] = c;
        }
        firstNonAsciiClass = asciiClasses + 1;
        classes = firstNonAsciiClass + nonAscii.length;
        skip = new byte[classes * classes];
        endingWith = new WindowGroup[classes * classes][];
        if (window > 0) {
            Arrays.fill(skip, (byte) Math.min(window - 1, MAX_SKIP));
            Map<String, List<char[]>> byPrefix = new LinkedHashMap<>();
            for (char[] name : names) {
                for (int q = 1; q < window; q++) {
                    int pair = nameClass(name[q - 1]) * classes + nameClass(name[q]);
                    skip[pair] = (byte) Math.min(skip[pair], window - 1 - q);
                }
                byPrefix.computeIfAbsent(new String(name, 0, window), p -> new ArrayList<>()).add(name);
            }
            for (Map.Entry<String, List<char[]>> e : byPrefix.entrySet()) {
                char[] prefix = e.getKey().toCharArray();
                int last = nameClass(prefix[window - 2]) * classes + nameClass(prefix[window - 1]);
                WindowGroup[] before = endingWith[last] == null ? new WindowGroup[0] : endingWith[last];
                WindowGroup[] after = Arrays.copyOf(before, before.length + 1);
                after[before.length] = new WindowGroup(prefix, e.getValue().toArray(new char[0][]));
                endingWith[last] = after;
            }
        }
    }

    /**
     * One character folded as {@link String#equalsIgnoreCase} compares it, which is how the analysis matches a table
     * name: upper case, then lower case, so that every character equal to another ignoring case folds to the same.
     */
    private static char fold(char c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c)
                : Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * A name folded char by char. Not {@link String#toLowerCase}, which maps U+0130 to two characters and a final
     * sigma by its context, where {@code equalsIgnoreCase} compares char by char.
     */
    private static String folded(String name) {
        char[] chars = name.toCharArray();
        for (int k = 0; k < chars.length; k++) {
            chars[k] = fold(chars[k]);
        }
        return new String(chars);
    }

    private static boolean hasSurrogate(CharSequence text) {
        for (int k = 0, n = text.length(); k < n; k++) {
            if (Character.isSurrogate(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** The class of a character of a name (folded already): 0 for one that no name's window has. */
    private int nameClass(char c) {
        if (c < 128) {
            return asciiClass[c];
        }
        int at = Arrays.binarySearch(nonAscii, c);
        return at < 0 ? 0 : firstNonAsciiClass + at;
    }

    /** The class of a character of the text: that of its folded form, as a name would have it. */
    private int textClass(char c) {
        return c < 128 ? asciiClass[c] : nameClass(fold(c));
    }

    /**
     * Whether {@code sql} contains a configured table's name, in any case, also as a Unicode-escaped identifier
     * ({@code U&"\0069tems"}, see {@link UnicodeIdentifiers}) and, with a dialect, as a literal spells it once
     * decoded ({@code 'ord\\ers'}, {@code 'ord' 'ers'}, {@code 0x6F72...}, see {@link EncodedLiterals}).
     */
    public boolean mentionsConfiguredTable(String sql) {
        if (mentionsAsWritten(sql)) {
            return true;
        }
        if (dialect == null || !EncodedLiterals.mayHide(sql)) {
            return false;
        }
        String spelled = EncodedLiterals.spelled(sql, dialect);
        return spelled == null || mentionsAsWritten(spelled);
    }

    private boolean mentionsAsWritten(String sql) {
        if (surrogateNames && hasSurrogate(sql)) {
            return true; // case is compared by code point there, which the char-wise search does not follow
        }
        if (window > 0 ? skipSearch(sql) : charByChar(sql)) {
            return true;
        }
        return sql.indexOf('&') >= 0 && mentionsEscaped(sql);
    }

    /** Whether a Unicode-escaped identifier of {@code sql} spells a configured name, or cannot be decoded. */
    private boolean mentionsEscaped(String sql) {
        for (String name : UnicodeIdentifiers.names(sql, false, false)) {
            if (name == null || mentionsAsWritten(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the search skips (for tests: which of the two searches answers). */
    boolean skips() {
        return window > 0;
    }

    private boolean skipSearch(String sql) {
        int n = sql.length();
        int start = 0;
        while (start + window <= n) {
            int end = start + window - 1;
            int pair = textClass(sql.charAt(end - 1)) * classes + textClass(sql.charAt(end));
            int by = skip[pair];
            if (by == 0) {
                for (WindowGroup group : endingWith[pair]) {
                    if (matchesFrom(sql, start, group.prefix, 0)) {
                        for (char[] name : group.names) {
                            if (start + name.length <= n && matchesFrom(sql, start, name, window)) {
                                return true;
                            }
                        }
                    }
                }
                by = 1;
            }
            start += by;
        }
        return false;
    }

    private boolean charByChar(String sql) {
        for (int i = 0, n = sql.length(); i < n; i++) {
            char c = sql.charAt(i);
            // outside ASCII, any name may match: some characters lower-case to ASCII letters (U+212A, Kelvin, to k)
            char[][] candidates = c < 128 ? byAsciiFirst[c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c] : names;
            for (char[] name : candidates) {
                if (i + name.length <= n && matchesFrom(sql, i, name, 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code sql} has {@code lowerName} at {@code at}, its characters from {@code from} on compared. */
    private static boolean matchesFrom(String sql, int at, char[] lowerName, int from) {
        for (int k = from; k < lowerName.length; k++) {
            if (fold(sql.charAt(at + k)) != lowerName[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a MySQL executable comment ({@code /*! ... *}{@code /}, MariaDB's {@code /*M! ... *}{@code /}) mentions
     * a configured table: the server runs its text, while JSqlParser sees only a comment.
     */
    public boolean mentionsInExecutableComment(String sql) {
        int at = sql.indexOf("/*");
        while (at >= 0) {
            int body = sql.startsWith("!", at + 2) ? at + 3 : sql.startsWith("M!", at + 2) ? at + 4 : -1;
            int end = sql.indexOf("*/", at + 2);
            if (body >= 0 && mentionsConfiguredTable(sql.substring(body, end < 0 ? sql.length() : Math.max(body,
                    end)))) {
                return true;
            }
            at = end < 0 ? -1 : sql.indexOf("/*", end + 2);
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
            if (!SqlLexer.dollarTagPart(tag.charAt(i), i == 1)) {
                return false;
            }
        }
        return true;
    }
}
