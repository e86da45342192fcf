package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens the way the dialect's server does, for decisions made before (or instead of) a
 * parse: which spans are comments, strings and quoted identifiers, and which are words. It never guesses: a quote
 * or comment that does not end makes the last token {@link Kind#UNTERMINATED}, and a caller that needs certainty
 * treats that as doubt.
 */
public final class SqlLexer {
    /** What a token is. */
    public enum Kind {
        /** A keyword or unquoted identifier. */
        WORD,
        /** A quoted identifier: {@code "x"}, or {@code `x`} on MySQL/MariaDB. */
        QUOTED,
        /** A string literal: {@code '...'}, PostgreSQL's {@code E'...'}. */
        STRING,
        /** A number. */
        NUMBER,
        /** A comment: {@code -- ...}, {@code /* ... *}{@code /}, MySQL's {@code # ...}. */
        COMMENT,
        /** MySQL's {@code /*! ... *}{@code /} and MariaDB's {@code /*M! ... *}{@code /}: code the server runs. */
        EXECUTABLE_COMMENT,
        /** PostgreSQL's {@code $tag$ ... $tag$}. */
        DOLLAR_QUOTED,
        /** Any other character: an operator, a bracket, a comma, a semicolon. */
        SYMBOL,
        /** A quote or comment the text does not close. */
        UNTERMINATED
    }

    /** One token: its kind and where it stands. */
    public static final class Token {
        public final Kind kind;
        public final int start;
        public final int end;

        Token(Kind kind, int start, int end) {
            this.kind = kind;
            this.start = start;
            this.end = end;
        }

        public String text(String sql) {
            return sql.substring(start, end);
        }

        /** The name this token spells: a word, or a quoted name without its quotes; null for any other token. */
        public String name(String sql) {
            return kind == Kind.WORD ? sql.substring(start, end)
                    : kind == Kind.QUOTED ? sql.substring(start + 1, end - 1) : null;
        }

        /**
         * Where the text the server runs of this executable comment starts: after {@code /*!} (MariaDB's
         * {@code /*M!}) and the server version, of six digits at most, as MariaDB reads it (a seventh is text).
         */
        public int executableTextStart(String sql) {
            int at = start + (sql.charAt(start + 2) == 'M' ? 4 : 3);
            for (int digits = 0; digits < 6 && at < end - 2 && Character.isDigit(sql.charAt(at)); digits++) {
                at++;
            }
            return at;
        }

        /** Whether this is the word {@code word}, ignoring case. */
        public boolean is(String sql, String word) {
            return kind == Kind.WORD && end - start == word.length() && sql.regionMatches(true, start, word, 0,
                    word.length());
        }

        /** Whether this is the symbol {@code c}. */
        public boolean is(String sql, char c) {
            return kind == Kind.SYMBOL && sql.charAt(start) == c;
        }

        @Override
        public String toString() {
            return kind + "[" + start + "," + end + ")";
        }
    }

    private final String sql;
    private final boolean mysql;
    private final boolean postgres;
    /** H2 reads `x` as a quoted name, // as a line comment and $$...$$ as a string. */
    private final boolean h2;
    private final int n;

    private SqlLexer(String sql, Dialect dialect) {
        this.sql = sql;
        this.mysql = dialect.isMySqlFamily();
        this.postgres = dialect == Dialect.POSTGRESQL;
        this.h2 = dialect == Dialect.H2;
        this.n = sql.length();
    }

    /** The tokens of {@code sql}, comments included, whitespace left out. */
    public static List<Token> tokens(String sql, Dialect dialect) {
        return new SqlLexer(sql, dialect).all();
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            // PostgreSQL and H2 take characters outside ASCII for parts of a name (PostgreSQL every one: its
            // ident_cont is [A-Za-z\200-\377_0-9$]), not for blanks
            if (h2 ? h2Blank(c) : Character.isWhitespace(c) && (c < 128 || mysql)) {
                i++;
                continue;
            }
            Token t = next(i, c);
            out.add(t);
            if (t.kind == Kind.UNTERMINATED) {
                break;
            }
            i = t.end;
        }
        return out;
    }

    /**
     * Whether PostgreSQL takes {@code c} for a character of a dollar quote's tag ({@code [A-Za-z\200-\377_]}, then
     * digits too): every character outside ASCII, whatever its class ({@code $\u2160$}, {@code $\u00B7$} and
     * {@code $\u0660$} are tags there; a probe hid a DELETE in one that was read as a dollar sign).
     */
    static boolean dollarTagPart(char c, boolean first) {
        return c >= 128 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0'
                && c <= '9');
    }

    /**
     * Whether H2 reads {@code c} as a blank between tokens: its tokenizer skips every character up to the space (control
     * characters too) and every Unicode space separator ({@code U+00A0}, {@code U+3000}, ...).
     */
    static boolean h2Blank(char c) {
        return c <= ' ' || Character.isSpaceChar(c);
    }

    private Token next(int i, char c) {
        char d = i + 1 < n ? sql.charAt(i + 1) : 0;
        if (c == '-' && d == '-' && (!mysql || i + 2 >= n || startsMySqlComment(sql.charAt(i + 2)))) {
            return lineComment(i);
        }
        if (c == '#' && mysql) {
            return lineComment(i);
        }
        if (c == '/' && d == '*') {
            return blockComment(i);
        }
        if (c == '/' && d == '/' && h2) {
            return lineComment(i);
        }
        if (c == '\'') {
            return quoted(i, i, '\'', Kind.STRING, mysql);
        }
        if ((c == 'E' || c == 'e') && d == '\'' && postgres) {
            return quoted(i, i + 1, '\'', Kind.STRING, true);
        }
        if (c == '"') {
            // MySQL reads "..." as a string, with backslash escapes (unless its sql_mode has ANSI_QUOTES)
            return quoted(i, i, '"', Kind.QUOTED, mysql);
        }
        if (c == '`' && (mysql || h2)) {
            return quoted(i, i, '`', Kind.QUOTED, false);
        }
        if (c == '$' && postgres) {
            Token dollar = dollarQuoted(i);
            if (dollar != null) {
                return dollar;
            }
        }
        if (c == '$' && d == '$' && h2) {
            int close = sql.indexOf("$$", i + 2);
            return close < 0 ? new Token(Kind.UNTERMINATED, i, n) : new Token(Kind.STRING, i, close + 2);
        }
        if (Character.isLetter(c) || c == '_' || (c >= 128 && !mysql && !h2)
                || (h2 && c != '$' && Character.isJavaIdentifierStart(sql.codePointAt(i)))) {
            // H2 reads names by code point: a supplementary letter (U+1D49C) is a name part there, its two surrogate
            // chars no name part for isJavaIdentifierPart(char): a probe's a<U+1D49C>$$ was a name and a dollar quote
            int j = i + Character.charCount(sql.codePointAt(i));
            while (j < n && wordPart(sql.codePointAt(j))) {
                j += Character.charCount(sql.codePointAt(j));
            }
            return new Token(Kind.WORD, i, j);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(d))) {
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                j++;
            }
            return new Token(Kind.NUMBER, i, j);
        }
        return new Token(Kind.SYMBOL, i, i + 1);
    }

    /**
     * Whether {@code c} continues a word as the server reads it: PostgreSQL takes any character outside ASCII, H2 any
     * Java identifier part (currency signs among them: {@code a¢$$} is one name there, not a name and a string).
     */
    private boolean wordPart(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || (c >= 128 && !mysql && !h2)
                || (h2 && Character.isJavaIdentifierPart(c));
    }

    /**
     * Whether MySQL reads {@code --} followed by {@code c} as a comment: only before a space or a control character
     * (ASCII), else as two minus signs.
     */
    static boolean startsMySqlComment(char c) {
        return c <= ' ' || c == 0x7F;
    }

    /** A line comment ends before a line feed; outside MySQL (PostgreSQL, H2), before a carriage return too. */
    private Token lineComment(int i) {
        int j = i;
        while (j < n && sql.charAt(j) != '\n' && (mysql || sql.charAt(j) != '\r')) {
            j++;
        }
        return new Token(Kind.COMMENT, i, j);
    }

    /** PostgreSQL and H2 nest block comments; MySQL does not, and runs {@code /*!} ones. */
    private Token blockComment(int i) {
        boolean executable = mysql && i + 2 < n && (sql.charAt(i + 2) == '!'
                || (sql.charAt(i + 2) == 'M' && i + 3 < n && sql.charAt(i + 3) == '!'));
        int depth = 1;
        int j = i + 2;
        while (j + 1 < n) {
            if (sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
                if (--depth == 0) {
                    return new Token(executable ? Kind.EXECUTABLE_COMMENT : Kind.COMMENT, i, j + 2);
                }
                j += 2;
            } else if (!mysql && sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
                depth++;
                j += 2;
            } else {
                j++;
            }
        }
        return new Token(Kind.UNTERMINATED, i, n);
    }

    /** A quoted span from {@code start} whose opening quote is at {@code open}; doubled quotes stay inside. */
    private Token quoted(int start, int open, char quote, Kind kind, boolean backslash) {
        int j = open + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return new Token(kind, start, j + 1);
                }
            } else {
                j++;
            }
        }
        return new Token(Kind.UNTERMINATED, start, n);
    }

    /** {@code $tag$ ... $tag$}; null for a {@code $1} parameter or a lone dollar. */
    private Token dollarQuoted(int i) {
        int j = i + 1;
        while (j < n && dollarTagPart(sql.charAt(j), j == i + 1)) {
            j++;
        }
        if (j >= n || sql.charAt(j) != '$') {
            return null;
        }
        String tag = sql.substring(i, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? new Token(Kind.UNTERMINATED, i, n) : new Token(Kind.DOLLAR_QUOTED, i, close + tag.length());
    }
}
