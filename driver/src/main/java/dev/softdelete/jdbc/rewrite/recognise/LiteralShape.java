package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.Arrays;

/**
 * The shape of a statement: its text with the number and string literals replaced by {@code ?}, found by a lexer
 * pass (no parse). Legacy code that concatenates literals into SQL sends a new text for every value; the shape is
 * the same for all of them, so its rewrite can be cached once and the literals put back into the rewritten shape.
 *
 * <p>The lexer is deliberately narrow, and only SELECT, INSERT, UPDATE, DELETE and WITH statements are shaped.
 * Comments, quoted identifiers and anything it cannot place with certainty stay in the shape as written; a literal
 * becomes a placeholder only where a value stands in an expression (after an operator, a comma, an opening
 * parenthesis or a keyword such as WHERE, AND, LIKE, THEN; an integer after LIMIT or OFFSET), where JSqlParser reads
 * a {@code ?} as it reads the literal (not as a numbered parameter {@code ?1}, nor as the JSON operator), and
 * nothing is glued to it. When the text holds anything whose lexing is in doubt — PostgreSQL and H2 dollar quotes and {@code $n}
 * parameters, backslashes in strings outside MySQL, unterminated quotes or comments, nested comments, MySQL
 * {@code #} comments, {@code //}, JDBC escapes in braces, a number glued to a word, a {@code ?} inside a comment or
 * quotes — {@link #of} returns null and the statement takes the exact path.
 *
 * <p>{@link #reinsert} trusts nothing about the rewrite but this: the engine splices text into the statement and
 * neither removes nor invents a {@code ?} marker (every {@code ?} of a shape is a marker, none hides in a comment
 * the engine might drop). It maps the rewritten shape's {@code ?}s one to one onto the shape's and gives up (null)
 * when their number differs — the engine copied text holding a marker (a MySQL column label, for instance), and the
 * caller must take the exact path.
 */
public final class LiteralShape {
    private final String original;
    private final String shape;
    /** Offsets in {@code original} of each literal: start at 2i, end at 2i + 1. */
    private final int[] literals;
    private final int literalCount;
    /** For each literal, the ordinal of its placeholder among all {@code ?} characters of the shape. */
    private final int[] ordinals;
    /** All {@code ?} characters of the shape: the placeholders and those that were in the text already. */
    private final int marks;
    /** Lexed as MySQL/MariaDB: backslashes escape in strings, '$' opens nothing. */
    private final boolean mysql;

    private LiteralShape(String original, String shape, int[] literals, int literalCount, int[] ordinals,
            int marks, boolean mysql) {
        this.original = original;
        this.shape = shape;
        this.literals = literals;
        this.literalCount = literalCount;
        this.ordinals = ordinals;
        this.marks = marks;
        this.mysql = mysql;
    }

    /** The shape text. */
    public String text() {
        return shape;
    }

    /** How many literals became placeholders. */
    public int literalCount() {
        return literalCount;
    }

    /** The {@code index}-th literal as written in the original text. */
    public String literal(int index) {
        return original.substring(literals[2 * index], literals[2 * index + 1]);
    }

    /**
     * The rewritten shape with the original literals in place of their placeholders: the text the exact path would
     * have produced for the original statement. Null when the rewritten shape does not hold exactly as many
     * {@code ?} characters as the shape.
     */
    public String reinsert(String rewrittenShape) {
        int extra = 0;
        for (int i = 0; i < literalCount; i++) {
            extra += literals[2 * i + 1] - literals[2 * i] - 1;
        }
        StringBuilder out = new StringBuilder(rewrittenShape.length() + extra);
        int copied = 0;
        int mark = 0;
        int next = 0;
        for (int at = rewrittenShape.indexOf('?'); at >= 0; at = rewrittenShape.indexOf('?', at + 1), mark++) {
            if (next < literalCount && ordinals[next] == mark) {
                out.append(rewrittenShape, copied, at).append(original, literals[2 * next], literals[2 * next + 1]);
                copied = at + 1;
                next++;
            }
        }
        if (mark != marks || next != literalCount) {
            return null;
        }
        return out.append(rewrittenShape, copied, rewrittenShape.length()).toString();
    }

    /** The shape of {@code sql} in {@code dialect}, or null when it has no literal to replace or is in doubt. */
    public static LiteralShape of(String sql, Dialect dialect) {
        return new Lexer(sql, dialect).run();
    }

    /**
     * The shape of {@code other} when it is this shape's statement with other literals: the text between the
     * literals the same character for character, and in each literal's place one literal of the same kind (a string,
     * an integer, or for a number that was not an integer any number). {@code other} is read once against the text
     * this shape was found in instead of being lexed; the answer is the one {@link #of} would give, because the lexer
     * decides about a literal from the tokens before it and the characters after it, which are this shape's own,
     * and from the literal itself, which is read here by the lexer's rules and refused when it holds what made the
     * lexer give up (a backslash or '$' outside MySQL, {@code /*!} in MySQL, '(' in a text long enough for the
     * parenthesis count). Null when {@code other} differs in anything else: the caller lexes it then.
     */
    public LiteralShape match(String other) {
        int n = other.length();
        int[] found = new int[2 * literalCount];
        int at = 0;
        int from = 0;
        for (int i = 0; i < literalCount; i++) {
            int start = literals[2 * i];
            int end = literals[2 * i + 1];
            if (!other.regionMatches(at, original, from, start - from)) {
                return null;
            }
            at += start - from;
            int literalEnd = original.charAt(start) == '\'' ? stringEnd(other, at)
                    : numberEnd(other, at, isInteger(start, end));
            if (literalEnd < 0) {
                return null;
            }
            found[2 * i] = at;
            found[2 * i + 1] = literalEnd;
            at = literalEnd;
            from = end;
        }
        int rest = original.length() - from;
        if (n - at != rest || !other.regionMatches(at, original, from, rest)) {
            return null;
        }
        return new LiteralShape(other, shape, found, literalCount, ordinals, marks, mysql);
    }

    private boolean isInteger(int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Lexer.isDigit(original.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The end of the string literal at {@code at} in {@code sql}, read as the lexer reads it; -1 when in doubt. */
    private int stringEnd(String sql, int at) {
        if (at >= sql.length() || sql.charAt(at) != '\'') {
            return -1;
        }
        int close = closingQuote(sql, at, mysql);
        if (close < 0) {
            return -1;
        }
        boolean counted = sql.length() > SqlParser.MAX_PAREN_DEPTH;
        for (int i = at + 1; i < close; i++) {
            char c = sql.charAt(i);
            if ((c == '$' && !mysql) || (c == '(' && counted)) {
                return -1; // a dollar quote for the lexer; a parenthesis its count would see
            }
        }
        if (mysql) {
            int comment = sql.indexOf("/*!", at);
            int mariaDb = sql.indexOf("/*M!", at);
            if ((comment >= 0 && comment + 3 <= close + 1) || (mariaDb >= 0 && mariaDb + 4 <= close + 1)) {
                return -1;
            }
        }
        return close + 1;
    }

    /** The end of the number at {@code at} in {@code sql}, read as the lexer reads it; -1 when not one that fits. */
    private static int numberEnd(String sql, int at, boolean integerOnly) {
        if (at >= sql.length() || !Lexer.isDigit(sql.charAt(at))) {
            return -1;
        }
        int end = numberEnd(sql, at);
        return end >= 0 ? end : integerOnly ? -1 : ~end;
    }

    /**
     * The end of the number whose first digit is at {@code at}: digits, a fraction, an exponent. The end itself for
     * an integer; its complement ({@code ~end}, negative) for a number with a fraction or an exponent.
     */
    private static int numberEnd(String sql, int at) {
        int n = sql.length();
        int i = digitsEnd(sql, at);
        boolean integer = true;
        if (i < n && sql.charAt(i) == '.' && i + 1 < n && Lexer.isDigit(sql.charAt(i + 1))) {
            i = digitsEnd(sql, i + 1);
            integer = false;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exp = i + 1;
            if (exp < n && (sql.charAt(exp) == '+' || sql.charAt(exp) == '-')) {
                exp++;
            }
            if (exp < n && Lexer.isDigit(sql.charAt(exp))) {
                i = digitsEnd(sql, exp);
                integer = false;
            }
        }
        return integer ? i : ~i;
    }

    private static int digitsEnd(String sql, int from) {
        int i = from;
        while (i < sql.length() && Lexer.isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The closing quote of the string literal whose opening quote is at {@code start}: {@code ''} stands for a quote,
     * and in MySQL a backslash escapes the next character. -1 when it is unterminated, or holds a backslash outside
     * MySQL ({@code E'..'} strings, or a server without standard_conforming_strings: in doubt).
     */
    static int closingQuote(String sql, int start, boolean mysql) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\') {
                if (!mysql) {
                    return -1;
                }
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** One pass over the text. */
    private static final class Lexer {
        /**
         * Keywords after which a literal stands as a value. All but THEN are reserved in JSqlParser (never an
         * identifier), so a {@code ?} after them cannot be read as an operator; THEN, LIMIT and OFFSET can be column
         * names, and a literal after them becomes a placeholder only when what follows it cannot be an operand.
         */
        private static final String[] VALUE_KEYWORDS = {"SELECT", "WHERE", "AND", "OR", "NOT", "LIKE", "ILIKE",
            "BETWEEN", "WHEN", "ELSE", "HAVING", "XOR", "THEN"};
        /** Words JSqlParser never takes for an identifier (checked against JSqlParser 5.3). */
        private static final String[] RESERVED = {"AND", "OR", "FROM", "WHERE", "ELSE", "WHEN", "NOT", "LIKE",
            "ILIKE", "BETWEEN", "HAVING", "XOR", "AS", "UNION", "INTERSECT", "EXCEPT", "MINUS", "IS", "JOIN", "INNER",
            "OUTER", "FULL", "CROSS", "NATURAL", "FOR", "FETCH", "RETURNING", "WINDOW", "USING", "STRAIGHT_JOIN",
            "SELECT"};
        /** Types whose arguments ({@code VARCHAR(10)}, {@code DECIMAL(10, 2)}) stay as written. */
        private static final String[] TYPE_NAMES = {"CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "CHARACTER", "VARYING",
            "DECIMAL", "NUMERIC", "DEC", "NUMBER", "FLOAT", "DOUBLE", "REAL", "BIT", "BINARY", "VARBINARY", "TIME",
            "TIMESTAMP", "DATETIME", "INTERVAL", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT",
            "TEXT", "BLOB", "VARCHAR2", "RAW", "PRECISION", "TIMESTAMPTZ", "TIMETZ", "ENUM", "SET", "YEAR"};
        private static final String[] DATA_STATEMENTS = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"};

        private static final int ASCII = 128;
        private static final int WHITESPACE = 1;
        private static final int WORD_START = 2;
        private static final int WORD_PART = 4;
        private static final byte[] ASCII_CLASS = asciiClasses();

        /** Kinds of token. */
        private static final int NONE = 0;
        private static final int PUNCT = 1;
        private static final int WORD = 2;
        /** A literal or quoted identifier that stays as written. */
        private static final int OTHER = 3;
        /** A {@code ?}: a placeholder, or a marker of the text. */
        private static final int MARK = 4;

        /** What may become a placeholder after the previous token. */
        private static final int NO_VALUE = 0;
        private static final int ANY_VALUE = 1;
        /** After LIMIT or OFFSET: integers only (JSqlParser takes ? and integers there, not every literal). */
        private static final int INTEGER_VALUE = 2;

        private final String sql;
        private final int n;
        private final boolean mysql;
        /** PostgreSQL, H2 and the rest: '$' may open a dollar quote; backslashes are not escapes. */
        private final boolean standard;

        private StringBuilder shape;
        private int copied;
        private int[] literals = new int[16];
        private int[] ordinals = new int[8];
        private int count;
        private int marks;

        /** The last significant token: its kind, and for a word its extent, for punctuation its character. */
        private int prevKind = NONE;
        private char prevPunct;
        private int prevWordStart;
        private int prevWordEnd;
        /** The last token was a LIMIT/OFFSET value or marker; the last token is the comma after one. */
        private boolean afterLimitValue;
        private boolean commaAfterLimit;

        /** Parenthesis depth, and the depth of a type's arguments ({@code VARCHAR(10)}), or -1. */
        private int depth;
        private int typeArgsDepth = -1;
        private final Dialect dialect;

        Lexer(String sql, Dialect dialect) {
            this.sql = sql;
            this.dialect = dialect;
            this.n = sql.length();
            this.mysql = dialect.isMySqlFamily();
            this.standard = !mysql;
        }

        LiteralShape run() {
            if (!dataStatement()) {
                return null;
            }
            if (dialectOutOfReach()) {
                return null;
            }
            int i = 0;
            while (i < n) {
                char c = sql.charAt(i);
                if (isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    i = lineComment(i);
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    i = blockComment(i);
                } else if (c == '\'') {
                    i = string(i);
                } else if (c == '"' || c == '`') {
                    i = quoted(i, c);
                } else if (isDigit(c)) {
                    i = number(i);
                } else if (c == '?') {
                    i = mark(i);
                } else if (isWordStart(c)) {
                    i = word(i);
                } else {
                    i = punct(i, c);
                }
                if (i < 0) {
                    return null;
                }
            }
            if (count == 0) {
                return null;
            }
            shape.append(sql, copied, n);
            return new LiteralShape(sql, shape.toString(), literals, count, ordinals, marks, mysql);
        }

        /**
         * Whether the statement starts with SELECT, INSERT, UPDATE, DELETE, WITH or a parenthesis: statements whose
         * literals stand in expressions. Elsewhere (SET, DDL table options, CALL, ...) a grammar may take a
         * {@code ?} where it rejects the literal, or the other way round.
         */
        private boolean dataStatement() {
            int at = LeadingComments.end(sql, dialect);
            if (at < n && sql.charAt(at) == '(') {
                return true;
            }
            for (String k : DATA_STATEMENTS) {
                if (sql.regionMatches(true, at, k, 0, k.length())
                        && (at + k.length() == n || !isWordPart(sql.charAt(at + k.length())))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Text the engine examines as a whole, literals included, in ways a placeholder would change: dollar quotes
         * (PostgreSQL), and bracket nesting, which its guard counts with a cruder idea of quotes.
         */
        private boolean dialectOutOfReach() {
            if (standard && sql.indexOf('$') >= 0) {
                return true;
            }
            if (n <= SqlParser.MAX_PAREN_DEPTH) {
                return false; // fewer characters than the guard's limit: not that many parentheses
            }
            int parens = 0;
            for (int at = sql.indexOf('('); at >= 0; at = sql.indexOf('(', at + 1)) {
                if (++parens > SqlParser.MAX_PAREN_DEPTH) {
                    return true;
                }
            }
            return false;
        }

        private int lineComment(int start) {
            if (mysql && (start + 2 >= n || !isWhitespace(sql.charAt(start + 2)))) {
                return -1; // MySQL wants a space after --; JSqlParser does not
            }
            int end = lineCommentEnd(start);
            return hasMark(start, end) ? -1 : end;
        }

        /**
         * The end of the line comment at {@code start}, past the character that ends it: a line feed, and outside
         * MySQL (PostgreSQL, H2) a carriage return too, as the database ends it. Read on to the line feed there,
         * a quote after a lone carriage return would be taken for the start of a literal the database reads as code.
         */
        private int lineCommentEnd(int start) {
            int i = start;
            while (i < n && sql.charAt(i) != '\n' && (mysql || sql.charAt(i) != '\r')) {
                i++;
            }
            return i < n ? i + 1 : n;
        }

        private int blockComment(int start) {
            int close = sql.indexOf("*/", start + 2);
            if (close < 0) {
                return -1;
            }
            int nested = sql.indexOf("/*", start + 2);
            if (nested >= 0 && nested < close) {
                return -1; // PostgreSQL nests comments, JSqlParser does not
            }
            return hasMark(start, close) ? -1 : close + 2;
        }

        /** A '...' literal at {@code start}: its end, or -1 when its lexing is in doubt. */
        private int string(int start) {
            if (prevKind == MARK) {
                return -1; // ? 'a': JSqlParser may read the ? as the JSON operator
            }
            int close = closingQuote(sql, start, mysql);
            if (close < 0) {
                return -1;
            }
            int end = close + 1;
            if (end < n && (sql.charAt(end) == '\'' || isWordPart(sql.charAt(end)))) {
                return -1; // 'a'b: nothing to guess about
            }
            int context = valueContext();
            boolean prefixed = start > 0 && !separatesBefore(sql.charAt(start - 1)); // N'x', E'x', _utf8'x'
            if (!prefixed && context == ANY_VALUE && followerFits(end)) {
                if (mysql && (contains(start, end, "/*!") || contains(start, end, "/*M!"))) {
                    return -1; // the engine looks for executable comments in the whole text, literals included
                }
                literal(start, end);
                prevKind = MARK;
            } else if (hasMark(start, end)) {
                return -1; // a ? in a string that stays in the shape
            } else {
                prevKind = OTHER;
            }
            afterLimitValue = false;
            return end;
        }

        /** A quoted identifier (or a MySQL "string"): its end, or -1 when its lexing is in doubt. */
        private int quoted(int start, char quote) {
            int i = start + 1;
            while (true) {
                int close = sql.indexOf(quote, i);
                if (close < 0) {
                    return -1;
                }
                for (int k = i; k < close; k++) {
                    char c = sql.charAt(k);
                    if ((c == '\\' && mysql) || c == '?') {
                        return -1; // a MySQL "string" with escapes; a ? the engine might take for a marker
                    }
                }
                if (close + 1 < n && sql.charAt(close + 1) == quote) {
                    i = close + 2;
                } else {
                    prevKind = OTHER;
                    afterLimitValue = false;
                    return close + 1;
                }
            }
        }

        /** A number at {@code start}: its end, or -1 when its lexing is in doubt. */
        private int number(int start) {
            if ((start > 0 && sql.charAt(start - 1) == '.') || prevKind == MARK) {
                return -1; // t.1; ? 1, which JSqlParser reads as the numbered parameter ?1
            }
            int scanned = numberEnd(sql, start);
            boolean integer = scanned >= 0;
            int i = integer ? scanned : ~scanned;
            if (i < n) {
                char after = sql.charAt(i);
                if (isWordPart(after) || after == '.' || after == '\'' || after == '"' || after == '`') {
                    return -1; // 0x1F, 1abc (a MySQL identifier), 1.e5, 1.2.3
                }
            }
            boolean inTypeArgs = typeArgsDepth >= 0 && depth >= typeArgsDepth;
            int context = valueContext();
            boolean fits = context == ANY_VALUE || (context == INTEGER_VALUE && integer);
            if (!inTypeArgs && fits && (start == 0 || separatesBefore(sql.charAt(start - 1))) && followerFits(i)) {
                literal(start, i);
                prevKind = MARK;
            } else {
                prevKind = OTHER;
            }
            afterLimitValue = context == INTEGER_VALUE;
            return i;
        }

        private int mark(int at) {
            if (prevKind == MARK) {
                return -1; // ? ?: pgjdbc's escaped ?, or an operator; nothing to guess about
            }
            marks++;
            afterLimitValue = valueContext() == INTEGER_VALUE;
            prevKind = MARK;
            return at + 1;
        }

        private int word(int start) {
            int end = start + 1;
            while (end < n && isWordPart(sql.charAt(end))) {
                end++;
            }
            prevKind = WORD;
            afterLimitValue = false;
            prevWordStart = start;
            prevWordEnd = end;
            return end;
        }

        private int punct(int at, char c) {
            if ((c == '#' && mysql) || c == '{' || c == '}' || c == '\\') {
                return -1; // a MySQL comment, JDBC escapes
            }
            if (c == '/' && at + 1 < n && sql.charAt(at + 1) == '/') {
                return -1; // JSqlParser reads // as a comment
            }
            if (c == '.' && at + 1 < n && isDigit(sql.charAt(at + 1))) {
                return -1; // .5
            }
            if (c == '(') {
                if (prevKind == MARK) {
                    return -1; // ? (...): not a value JSqlParser reads the same way as the literal
                }
                if (prevKind == WORD && typeArgsDepth < 0 && isOneOf(prevWordStart, prevWordEnd, TYPE_NAMES)) {
                    typeArgsDepth = depth + 1;
                }
                depth++;
            } else if (c == ')') {
                if (depth == typeArgsDepth) {
                    typeArgsDepth = -1;
                }
                depth--;
            }
            commaAfterLimit = c == ',' && afterLimitValue;
            afterLimitValue = false;
            prevKind = PUNCT;
            prevPunct = c;
            return at + 1;
        }

        /** Whether a {@code ?} stands in {@code [from, to)}: in a comment or a quoted text it is not a marker. */
        private boolean hasMark(int from, int to) {
            for (int k = from; k < to; k++) {
                if (sql.charAt(k) == '?') {
                    return true;
                }
            }
            return false;
        }

        private boolean contains(int from, int to, String s) {
            for (int k = from; k + s.length() <= to; k++) {
                if (sql.startsWith(s, k)) {
                    return true;
                }
            }
            return false;
        }

        private void literal(int start, int end) {
            if (shape == null) {
                shape = new StringBuilder(n);
            }
            shape.append(sql, copied, start).append('?');
            copied = end;
            if (2 * count + 2 > literals.length) {
                literals = Arrays.copyOf(literals, literals.length * 2);
            }
            if (count + 1 > ordinals.length) {
                ordinals = Arrays.copyOf(ordinals, ordinals.length * 2);
            }
            literals[2 * count] = start;
            literals[2 * count + 1] = end;
            ordinals[count] = marks;
            count++;
            marks++;
        }

        /**
         * What the previous token lets follow as a placeholder: any literal after an operator, a comma, '(' or a
         * keyword that introduces a value; an integer after LIMIT or OFFSET (and after the comma of MySQL's
         * {@code LIMIT 10, 20}).
         */
        private int valueContext() {
            if (prevKind == PUNCT) {
                if (prevPunct == ',' && commaAfterLimit) {
                    return INTEGER_VALUE;
                }
                switch (prevPunct) {
                    // not '*' (SELECT *, count(*)) nor '!' alone: after them an expression may have ended, and
                    // JSqlParser could take the ? for the JSON operator
                    case '(': case ',': case '=': case '<': case '>': case '+': case '-': case '/': case '%':
                    case '|': case '&': case '^': case '~':
                        return ANY_VALUE;
                    default:
                        return NO_VALUE;
                }
            }
            if (prevKind == WORD) {
                if (prevWordIs("LIMIT") || prevWordIs("OFFSET")) {
                    return INTEGER_VALUE;
                }
                return isOneOf(prevWordStart, prevWordEnd, VALUE_KEYWORDS) ? ANY_VALUE : NO_VALUE;
            }
            return NO_VALUE;
        }

        /**
         * Whether what follows a literal ending at {@code end} lets it become a placeholder. Glued to it, only a
         * few characters that cannot form an operator with the {@code ?} ({@code ?|}, {@code ?&}, {@code ?-} are
         * PostgreSQL operators). After a keyword JSqlParser also takes for a column name (THEN, LIMIT, OFFSET), the
         * {@code ?} could be read as the JSON operator between that column and what follows: then only an end, a
         * closing bracket, a comma or a reserved word may follow.
         */
        private boolean followerFits(int end) {
            if (end < n && !separatesAfter(sql.charAt(end))) {
                return false;
            }
            if (prevKind != WORD || isOneOf(prevWordStart, prevWordEnd, RESERVED)) {
                return true;
            }
            int next = nextToken(end);
            if (next < 0) {
                return false;
            }
            if (next == n) {
                return true;
            }
            char c = sql.charAt(next);
            if (c == ')' || c == ',' || c == ';') {
                return true;
            }
            if (!isWordStart(c)) {
                return false;
            }
            int wordEnd = next + 1;
            while (wordEnd < n && isWordPart(sql.charAt(wordEnd))) {
                wordEnd++;
            }
            return isOneOf(next, wordEnd, RESERVED);
        }

        /** The start of the next token at or after {@code from}, past whitespace and comments; n at the end. */
        private int nextToken(int from) {
            int i = from;
            while (i < n) {
                char c = sql.charAt(i);
                if (isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    i = lineCommentEnd(i);
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int close = sql.indexOf("*/", i + 2);
                    if (close < 0) {
                        return -1;
                    }
                    i = close + 2;
                } else {
                    return i;
                }
            }
            return n;
        }

        private boolean prevWordIs(String keyword) {
            return prevWordEnd - prevWordStart == keyword.length()
                    && sql.regionMatches(true, prevWordStart, keyword, 0, keyword.length());
        }

        private boolean isOneOf(int start, int end, String[] words) {
            for (String w : words) {
                if (end - start == w.length() && sql.regionMatches(true, start, w, 0, w.length())) {
                    return true;
                }
            }
            return false;
        }

        /** Characters that may stand right before a literal that becomes a placeholder. */
        private static boolean separatesBefore(char c) {
            switch (c) {
                case '(': case ',': case '=': case '<': case '>': case '+': case '-': case '*': case '/': case '%':
                case '|': case '&': case '^': case '~':
                    return true;
                default:
                    return isWhitespace(c);
            }
        }

        /** Characters that may stand right after a literal that becomes a placeholder. */
        private static boolean separatesAfter(char c) {
            switch (c) {
                case ')': case ',': case ';': case '=': case '<': case '>': case '+': case '*': case '/': case '%':
                case ':':
                    return true;
                default:
                    return isWhitespace(c);
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isWhitespace(char c) {
            return c < ASCII ? (ASCII_CLASS[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
        }

        private static boolean isWordStart(char c) {
            return c < ASCII ? (ASCII_CLASS[c] & WORD_START) != 0 : wordStartByCharacter(c);
        }

        private static boolean isWordPart(char c) {
            return c < ASCII ? (ASCII_CLASS[c] & WORD_PART) != 0 : wordPartByCharacter(c);
        }

        /** What a word may start with, by {@link Character}'s definitions (the table holds the ASCII answers). */
        private static boolean wordStartByCharacter(char c) {
            return Character.isLetter(c) || c == '_' || c == '@' || c == '$';
        }

        /** What a word may go on with, by {@link Character}'s definitions. */
        private static boolean wordPartByCharacter(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '$';
        }

        /**
         * The three predicates above for ASCII, one byte per character: a table lookup instead of a call into
         * {@link Character} for every character of the text. Built from the same definitions, so the answers are
         * those of the definitions.
         */
        private static byte[] asciiClasses() {
            byte[] classes = new byte[ASCII];
            for (char c = 0; c < ASCII; c++) {
                classes[c] = (byte) ((Character.isWhitespace(c) ? WHITESPACE : 0)
                        | (wordStartByCharacter(c) ? WORD_START : 0)
                        | (wordPartByCharacter(c) ? WORD_PART : 0));
            }
            return classes;
        }
    }
}
