package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Locale;

/**
 * Where JSqlParser would read a comment or a literal otherwise than the database. JSqlParser 5.4 reads {@code --}
 * and {@code //} to the end of the line, which a carriage return ends too, nests block comments, skips {@code /*!}
 * comments, takes {@code #x} for a name, {@code "..."} for an identifier without escapes, ends PostgreSQL's
 * {@code E'\''} at the escaped quote and knows dollar quotes with ASCII tags only. MySQL and MariaDB read {@code --}
 * as a comment only before a space or a control character, end line comments at a line feed only, do not nest block
 * comments, run the text of {@code /*!} (and MariaDB's {@code /*M!}) comments, read {@code #} to the end of the line
 * as a comment and {@code "..."} as a string with backslash escapes; neither they nor PostgreSQL know {@code //}
 * comments. A rewrite spliced by JSqlParser's reading would then land inside a comment or a string, or leave out
 * text the database runs: {@code WHERE id = 1 /*! OR 1=1 *}{@code /} keeps the deleted rows after {@code AND <live>}.
 *
 * <p>Two answers: text the parser cannot be shown as the database reads it is to be refused (code it would take for
 * a comment or a string); a comment or escape string it would read otherwise ({@link #misread}) is masked in the copy
 * it parses ({@link MaskedText}), so that it sees the code the database sees. Executable comments that hold only
 * SELECT modifiers ({@code /*!40001 SQL_NO_CACHE *}{@code /}, as mysqldump writes) are read alike. A PostgreSQL
 * string ending in a backslash is not refused, though with {@code standard_conforming_strings} off the server reads
 * on past its quote: Hibernate writes {@code like ? escape '\'}, and the setting has been on by default since 9.1.
 */
public final class LexicalDisagreement {
    /** Why the text must be refused, or null: what JSqlParser would misread can be masked. */
    public final String refusal;

    private LexicalDisagreement(String refusal) {
        this.refusal = refusal;
    }

    private static final LexicalDisagreement MASK = new LexicalDisagreement(null);

    /** How JSqlParser's reading of {@code sql} differs from the database's; null when it does not. */
    public static LexicalDisagreement of(String sql, Dialect dialect) {
        if (controlCharacter(sql)) {
            // JSqlParser reads no statement at all from a text that starts with U+0001, where H2 skips it as a blank
            // and runs the statement (a probe: unfiltered reads, physical DELETE and TRUNCATE)
            return new LexicalDisagreement("a control character, which the parser and the database read otherwise");
        }
        boolean mysql = dialect.isMySqlFamily();
        boolean backslash = sql.indexOf('\\') >= 0;
        boolean quoteAfterQ = sql.indexOf("q'") >= 0 || sql.indexOf("Q'") >= 0;
        if (!quoteAfterQ && (mysql ? sql.indexOf('#') < 0 && sql.indexOf("--") < 0 && sql.indexOf("/*") < 0
                && sql.indexOf("//") < 0 && !backslash && sql.indexOf('[') < 0 && sql.indexOf('$') < 0
                : dialect != Dialect.POSTGRESQL || sql.indexOf("//") < 0 && !backslash && sql.indexOf('$') < 0)) {
            return null;
        }
        if (mysql && backslash && backslashAfterNonAscii(sql)) {
            // in GBK, SJIS or BIG5 (SET NAMES gbk) a byte of a non-ASCII character's UTF-8 and the backslash after it
            // are one character: the backslash escapes nothing and the quote after it ends the string (a probe read
            // soft-deleted rows and deleted physically so)
            return new LexicalDisagreement("a backslash after a non-ASCII character, which a multi-byte character set"
                    + " (GBK, SJIS, BIG5) reads as part of that character");
        }
        LexicalDisagreement found = null;
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.UNTERMINATED) {
                break; // the parser fails on it, or reads a quote the database reads too
            }
            // modifiers stand only after SELECT: after a table (FROM orders /*!40001 SQL_NO_CACHE */) MariaDB reads
            // SQL_NO_CACHE as its alias, which the parser, skipping the comment, did not see (a probe's subquery
            // on orders went unfiltered, its filter qualified by the outer orders)
            if (t.kind == Kind.EXECUTABLE_COMMENT
                    && !(onlyModifiers(sql, t) && MaskedText.selectModifierPosition(sql, tokens, i))) {
                return new LexicalDisagreement("a MySQL executable comment (/*! ... */, MariaDB's /*M! ... */), whose"
                        + " text the server runs and the parser skips");
            }
            if (t.kind == Kind.WORD && t.end < sql.length() && sql.charAt(t.end) == '\''
                    && (t.end - t.start == 1 && (sql.charAt(t.start) | 0x20) == 'q'
                    || t.text(sql).equalsIgnoreCase("nq"))) {
                // the parser knows Oracle's alternative quoting, q'[ ... ]', and reads one string to its end, where
                // the database reads a name, a string and code (a probe hid a query of a configured table in one)
                return new LexicalDisagreement("q'...' or nq'...' (a name before a string), which the parser reads as"
                        + " Oracle's alternative quoting, one string");
            }
            if (mysql && t.kind == Kind.SYMBOL && t.is(sql, '$')) {
                // MySQL and MariaDB take $ for a name's first character ($$ is a name), where the parser reads a
                // dollar-quoted string: a probe hid a DELETE between two $$ names
                return new LexicalDisagreement("a name that starts with $, which the parser reads as a dollar-quoted"
                        + " string");
            }
            if (mysql && t.is(sql, '[')) {
                // no MySQL syntax has one, but MariaDB's sql_mode=MSSQL reads [...] as a quoted name, where the parser
                // reads a bracket and then a string: a probe's AS [m'] hid a query of a configured table
                return new LexicalDisagreement("a square bracket, which MariaDB's MSSQL mode reads as a quoted name");
            }
            if (t.kind == Kind.SYMBOL && t.end < sql.length() && sql.charAt(t.end) == sql.charAt(t.start)) {
                if (mysql && t.is(sql, '-')) {
                    return new LexicalDisagreement("-- without a space after it, which MySQL reads as two minus signs"
                            + " and the parser as a comment");
                }
                if (t.is(sql, '/')) {
                    return new LexicalDisagreement("//, which the parser reads as a comment and the database does"
                            + " not");
                }
            }
            String literal = mysql ? misreadMySqlLiteral(sql, t) : misreadPostgresLiteral(sql, t);
            if (literal != null) {
                return new LexicalDisagreement(literal);
            }
            if (misread(sql, t, mysql)) {
                found = MASK;
            }
        }
        return found;
    }

    private static boolean backslashAfterNonAscii(String sql) {
        for (int at = sql.indexOf('\\', 1); at > 0; at = sql.indexOf('\\', at + 1)) {
            if (sql.charAt(at - 1) >= 128) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code sql} has a character below the space other than tab, line feed, form feed, carriage return. */
    private static boolean controlCharacter(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c < ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether executable comment {@code t} holds nothing but SELECT modifiers, which change how a query runs and not
     * what it reads: {@code SELECT /*!40001 SQL_NO_CACHE *}{@code / * FROM t}, as mysqldump writes it; {@code
     * STRAIGHT_JOIN} (the join order) and {@code SQL_CALC_FOUND_ROWS} (what FOUND_ROWS() counts, of the rows the
     * query reads) among them.
     */
    private static boolean onlyModifiers(String sql, Token t) {
        for (String word : sql.substring(t.executableTextStart(sql), t.end - 2).trim().split("\\s+")) {
            String upper = word.toUpperCase(Locale.ROOT);
            if (!word.isEmpty() && !MaskedText.MYSQL_SELECT_MODIFIERS.contains(upper)
                    && !upper.equals("STRAIGHT_JOIN") && !upper.equals("SQL_CALC_FOUND_ROWS")) {
                return false;
            }
        }
        return true;
    }

    /** Why MySQL literal {@code t} reads otherwise for JSqlParser, or null. */
    private static String misreadMySqlLiteral(String sql, Token t) {
        if (t.kind == Kind.QUOTED && sql.charAt(t.start) == '"' && t.text(sql).indexOf('\\') >= 0) {
            return "a double-quoted string with a backslash, which MySQL reads as an escape and the parser does not";
        }
        return null;
    }

    /** Why PostgreSQL literal {@code t} reads otherwise for JSqlParser, or null. */
    private static String misreadPostgresLiteral(String sql, Token t) {
        if (t.kind == Kind.DOLLAR_QUOTED) {
            for (int k = t.start + 1; sql.charAt(k) != '$'; k++) {
                if (sql.charAt(k) >= 128) {
                    return "a dollar quote whose tag has a non-ASCII letter, which the parser does not read as one";
                }
            }
        }
        return null;
    }

    /**
     * Whether token {@code t} would be read otherwise by JSqlParser, and can be masked: a MySQL comment that is a
     * {@code #} comment, a line comment with a carriage return in it, a block comment with {@code /*} inside; a
     * string with a backslash (PostgreSQL's escape strings, {@code E'\''}, among them), which JSqlParser may end
     * elsewhere.
     */
    static boolean misread(String sql, Token t, boolean mysql) {
        if (t.kind == Kind.DOLLAR_QUOTED) {
            // PostgreSQL's $tag$...$tag$: JSqlParser reads a quote, -- or /* inside a tagged one as code, so the
            // text after it (a filter spliced there, a second statement) falls inside a string or a comment
            return !mysql;
        }
        if (t.kind == Kind.STRING) {
            // PostgreSQL's E'\'': JSqlParser ends it at the escaped quote; its 'q\'' (a backslash, then a doubled
            // quote) JSqlParser cannot read. MySQL's 'a''\'--': JSqlParser, though told of backslash escapes, ends it
            // early after a doubled quote
            return t.text(sql).indexOf('\\') >= 0;
        }
        if (!mysql || t.kind != Kind.COMMENT) {
            return false;
        }
        char first = sql.charAt(t.start);
        if (first == '#') {
            return true;
        }
        if (first == '-') {
            return sql.indexOf('\r', t.start) >= 0 && sql.indexOf('\r', t.start) < t.end;
        }
        int inner = sql.indexOf("/*", t.start + 2);
        return inner >= 0 && inner < t.end;
    }
}
