package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * String literals whose text is not what they spell: the database decodes backslash escapes (MySQL's strings,
 * PostgreSQL's {@code E'...'}), Unicode escapes ({@code U&'...'}), hexadecimal and bit literals ({@code 0x6F72...},
 * {@code X'...'}, {@code b'...'}) and joins adjacent literals ({@code 'ord' 'ers'}). Handed to the database as SQL
 * text ({@code EXECUTE IMMEDIATE 'DELETE FROM ord\ers'}, a {@code DO} body), such a literal names a table that the
 * pre-filter's search of the text as written does not find, and the database would run it unrewritten.
 *
 * <p>{@link #spelled} gives what the literals spell, for the pre-filter to search as well; {@link #mayHide} is the
 * cheap look that spares the texts without such a literal (nearly all) the lexing.
 */
public final class EncodedLiterals {
    /** How deep SQL text inside a literal is read for literals of its own ({@code EXECUTE IMMEDIATE '... ''...'' ...'}). */
    private static final int MAX_DEPTH = 4;

    private EncodedLiterals() {
    }

    /**
     * Whether {@code sql} may hold a literal that spells other text than it shows: a backslash, a NUL (MySQL's
     * two-byte charsets), an ampersand ({@code U&'...'}), a hexadecimal or bit literal, or two quotes with only white
     * space between them (adjacent literals). A false yes costs a lexing.
     */
    public static boolean mayHide(String sql) {
        if (sql.indexOf('\\') >= 0 || sql.indexOf('&') >= 0 || sql.indexOf('\0') >= 0) {
            return true;
        }
        // each quote, ' or " (MySQL joins a '...' string with a "..." one), in order: one pass for each kind
        int single = sql.indexOf('\'');
        int dbl = sql.indexOf('"');
        while (single >= 0 || dbl >= 0) {
            int q = single < 0 ? dbl : dbl < 0 ? single : Math.min(single, dbl);
            if (q == single) {
                single = sql.indexOf('\'', q + 1);
            } else {
                dbl = sql.indexOf('"', q + 1);
            }
            if (q > 0 && sql.charAt(q) == '\'' && isBinaryPrefix(sql.charAt(q - 1))) {
                return true; // X'...', B'...' (also the end of a word: a false yes)
            }
            // block comments read both ways: MySQL ends one at the first */, PostgreSQL and H2 nest them
            for (boolean nested : new boolean[] {false, true}) {
                int next = pastBlanksAndComments(sql, q + 1, nested);
                if (next > q + 1 && next < sql.length() && (sql.charAt(next) == '\'' || sql.charAt(next) == '"')) {
                    return true; // adjacent literals, also with comments between them (the databases join those too)
                }
                if (next < sql.length() && sql.startsWith("/*", next)) {
                    return true; // an executable comment, whose text MySQL reads in place, may hold the next literal
                }
            }
        }
        for (int z = sql.indexOf('0'); z >= 0 && z + 1 < sql.length(); z = sql.indexOf('0', z + 1)) {
            if (isBinaryPrefix(sql.charAt(z + 1))) {
                return true; // 0x..., 0b...
            }
        }
        return false;
    }


    /**
     * The offset past the white space and comments ({@code --} and {@code #} to the end of the line, block comments)
     * that start at {@code from}; block comments that do not close run to the end. {@code nested}: read as
     * PostgreSQL and H2 do (block comments nest, {@code //} is a line comment, a carriage return ends one), else as
     * MySQL does.
     */
    private static int pastBlanksAndComments(String sql, int from, boolean nested) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || c == '#' || nested && sql.startsWith("//", i)) {
                // H2 reads // as a line comment too, and joins the literals around it (a probe); outside MySQL a
                // carriage return ends a line comment
                while (i < n && sql.charAt(i) != '\n' && !(nested && sql.charAt(i) == '\r')) {
                    i++;
                }
            } else if (sql.startsWith("/*", i) && !sql.startsWith("/*!", i) && !sql.startsWith("/*M!", i)) {
                // PostgreSQL and H2 nest block comments: '...' /* /* */ */ '...' are adjacent (a probe)
                i = LeadingComments.blockCommentEnd(sql, i, nested);
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * MySQL's executable comments ({@code /*!...*}{@code /}, {@code /*M!...*}{@code /}) with their opening and closing
     * marks blanked: the server reads their text in place, so a literal in one joins the literal before it.
     */
    private static String executableCommentsInPlace(String sql, List<Token> tokens) {
        char[] chars = null;
        for (Token t : tokens) {
            if (t.kind == Kind.EXECUTABLE_COMMENT) {
                if (chars == null) {
                    chars = sql.toCharArray();
                }
                int text = t.executableTextStart(sql);
                for (int k = t.start; k < text; k++) {
                    chars[k] = ' ';
                }
                chars[t.end - 2] = ' ';
                chars[t.end - 1] = ' ';
            }
        }
        return chars == null ? sql : new String(chars);
    }

    private static boolean isBinaryPrefix(char c) {
        return c == 'x' || c == 'X' || c == 'b' || c == 'B';
    }

    /**
     * What the literals of {@code sql} spell as {@code dialect}'s database decodes them, adjacent ones joined, the
     * others apart, each followed by what the literals of the SQL text it holds spell; the bodies of PostgreSQL's
     * dollar quotes and of MySQL's executable comments are read as SQL text too. Null when a literal cannot be
     * decoded with certainty ({@code U&'...' UESCAPE}), which the caller takes as a mention.
     */
    public static String spelled(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder();
        return append(sql, dialect, out, 0) ? out.toString() : null;
    }

    private static boolean append(String sql, Dialect dialect, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        if (dialect.isMySqlFamily()) {
            String inPlace = executableCommentsInPlace(sql, tokens);
            if (inPlace != sql) {
                // read the comments' text where the server reads it, and also as SQL text of its own (below)
                if (!append(inPlace, dialect, out, depth + 1)) {
                    return false;
                }
                out.append(' ');
            }
        }
        int lastLiteralEnd = -1;
        boolean onlyCommentsSince = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.COMMENT) {
                continue; // the databases join literals across comments too
            }
            String inner = null;
            String literal = null;
            if (t.kind == Kind.DOLLAR_QUOTED) {
                int open = sql.indexOf('$', t.start + 1) + 1;
                int close = sql.lastIndexOf('$', t.end - 2);
                inner = sql.substring(open, Math.max(open, close));
            } else if (t.kind == Kind.EXECUTABLE_COMMENT) {
                inner = sql.substring(t.start + 2, t.end - 2);
            } else if (t.kind == Kind.NUMBER && t.end - t.start > 2 && sql.charAt(t.start) == '0'
                    && isBinaryPrefix(sql.charAt(t.start + 1))) {
                literal = binary(sql.substring(t.start + 2, t.end), sql.charAt(t.start + 1));
            } else if (t.kind == Kind.STRING || t.kind == Kind.QUOTED && dialect.isMySqlFamily()
                    && sql.charAt(t.start) == '"') {
                Token before = i > 0 ? tokens.get(i - 1) : null;
                literal = string(sql, t, before, i > 1 ? tokens.get(i - 2) : null, dialect);
                if (literal == null) {
                    return false;
                }
            }
            if (literal != null && literal.indexOf('\0') >= 0) {
                // MySQL's utf16, utf16le, utf32 and ucs2 (_utf16 0x0044..., _utf16le '...\0...') spell ASCII with
                // NUL bytes beside each letter, which the UTF-8 reading keeps: names are ASCII without them (a probe)
                literal = literal.replace("\0", "");
            }
            if (literal != null) {
                boolean adjacent = lastLiteralEnd >= 0 && onlyCommentsSince;
                out.append(adjacent ? "" : " ").append(literal);
                lastLiteralEnd = t.end;
                onlyCommentsSince = true;
                inner = literal;
            } else {
                onlyCommentsSince = false;
            }
            if (inner != null && mayHide(inner)) {
                // SQL text inside: its own literals, joined apart from this one
                StringBuilder nested = new StringBuilder(" ");
                if (!append(inner, dialect, nested, depth + 1)) {
                    return false;
                }
                out.append(nested).append(' ');
                lastLiteralEnd = -1;
            }
        }
        return true;
    }

    /**
     * A string token's contents as the database reads them: {@code X'..'} and {@code B'..'} as the bytes they give,
     * {@code U&'..'} with its escapes decoded (null with another escape character), backslash escapes where the
     * dialect reads them (MySQL's strings, PostgreSQL's {@code E'..'}, which the token includes).
     */
    private static String string(String sql, Token t, Token before, Token twoBefore, Dialect dialect) {
        boolean escapeString = sql.charAt(t.start) != '\'' && sql.charAt(t.start) != '"'; // PostgreSQL's E'...'
        int open = escapeString ? t.start + 1 : t.start;
        char quote = sql.charAt(open);
        String body = sql.substring(open + 1, t.end - 1);
        if (before != null && before.kind == Kind.WORD && before.end == t.start && before.end - before.start == 1
                && isBinaryPrefix(sql.charAt(before.start))) {
            return binary(body, sql.charAt(before.start));
        }
        if (before != null && before.kind == Kind.SYMBOL && sql.charAt(before.start) == '&' && before.end == t.start
                && twoBefore != null && twoBefore.end == before.start && twoBefore.is(sql, "U")) {
            return UnicodeIdentifiers.decode(sql, open + 1, t.end - 1, quote);
        }
        if (body.indexOf('\\') < 0) {
            return undoubled(body, quote);
        }
        return dialect.isMySqlFamily() ? mysqlEscapes(body, quote)
                : escapeString ? postgresEscapes(body, quote)
                : undoubled(body, quote) + " " + postgresEscapes(body, quote); // standard_conforming_strings off
    }

    private static String undoubled(String body, char quote) {
        String q = String.valueOf(quote);
        return body.replace(q + q, q);
    }

    /** MySQL's reading: {@code \0 \b \n \r \t \Z}, any other character after a backslash stands for itself. */
    private static String mysqlEscapes(String body, char quote) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                out.append(e == '0' ? '\0' : e == 'b' ? '\b' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t'
                        : e == 'Z' ? (char) 26 : e);
            } else if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
                out.append(c);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * PostgreSQL's reading of {@code E'...'}: {@code \b \f \n \r \t}, octal {@code \ooo}, hexadecimal {@code \xhh},
     * Unicode (a backslash, then u and four hexadecimal digits or U and eight); any other character after a backslash stands for itself.
     */
    private static String postgresEscapes(String body, char quote) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
                out.append(c);
                i += 2;
            } else if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                i++;
            } else {
                char e = body.charAt(i + 1);
                int digits = e >= '0' && e <= '7' ? digitsOf(body, i + 1, 3, 8)
                        : e == 'x' ? digitsOf(body, i + 2, 2, 16) : e == 'u' ? digitsOf(body, i + 2, 4, 16)
                        : e == 'U' ? digitsOf(body, i + 2, 8, 16) : 0;
                if (digits > 0) {
                    int from = e >= '0' && e <= '7' ? i + 1 : i + 2;
                    int code = Integer.parseInt(body.substring(from, from + digits), e >= '0' && e <= '7' ? 8 : 16);
                    if (Character.isValidCodePoint(code)) {
                        out.appendCodePoint(code);
                    }
                    i = from + digits;
                } else {
                    out.append(e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t'
                            : e);
                    i += 2;
                }
            }
        }
        return out.toString();
    }

    /** How many digits of {@code radix}, at most {@code max}, stand in {@code s} from {@code from}. */
    private static int digitsOf(String s, int from, int max, int radix) {
        int k = 0;
        while (k < max && from + k < s.length() && Character.digit(s.charAt(from + k), radix) >= 0) {
            k++;
        }
        return k;
    }

    /** Hexadecimal ({@code x}) or binary ({@code b}) digits as the bytes they give, read as UTF-8. */
    private static String binary(String digits, char prefix) {
        boolean hex = prefix == 'x' || prefix == 'X';
        int per = hex ? 2 : 8;
        int pad = (per - digits.length() % per) % per;
        String d = "0".repeat(pad) + digits;
        byte[] bytes = new byte[d.length() / per];
        for (int i = 0; i < bytes.length; i++) {
            int value = 0;
            for (int k = 0; k < per; k++) {
                int digit = Character.digit(d.charAt(i * per + k), hex ? 16 : 2);
                if (digit < 0) {
                    return digits; // not a literal after all (a word, a column): as written
                }
                value = value * (hex ? 16 : 2) + digit;
            }
            bytes[i] = (byte) value;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
