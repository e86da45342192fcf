package dev.softdelete.jdbc.rewrite.recognise;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements a session that reads quotes otherwise than the driver's lexer may run from a text: MySQL's
 * {@code NO_BACKSLASH_ESCAPES} and {@code ANSI_QUOTES}, PostgreSQL's {@code standard_conforming_strings} off, H2's
 * MSSQLServer mode ({@code [...]} names). Under them {@code SELECT '\'; DROP TRIGGER g; SELECT ' -- '} is three
 * statements, where the lexer reads one with a string: a probe took a guard away, hid a temporary table and moved the
 * session so. Wherever a text holds a backslash, a double quote or a square bracket, every semicolon in it may end a
 * statement; the recognisers of DDL and moves read the text from each of them too.
 */
public final class OtherQuoteReadings {
    private OtherQuoteReadings() {
    }

    /**
     * The texts after each semicolon of {@code sql}, where another reading of its quotes may start a statement: each
     * up to the next semicolon, the statement that reading would run there (so that the recognisers read the text
     * once in all, not once per semicolon to its end), or to the text's end where a block comment opened in it spans
     * the semicolons after it ({@code /*!USE db; *}{@code /}).
     */
    public static List<String> afterEverySemicolon(String sql) {
        if (sql.indexOf(';') < 0 || sql.indexOf('\\') < 0 && sql.indexOf('"') < 0 && sql.indexOf('[') < 0) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int at = sql.indexOf(';'); at >= 0; at = sql.indexOf(';', at + 1)) {
            int next = sql.indexOf(';', at + 1);
            String text = sql.substring(at + 1, next < 0 ? sql.length() : next);
            int open = text.lastIndexOf("/*");
            texts.add(open >= 0 && text.indexOf("*/", open) < 0 ? sql.substring(at + 1) : text);
        }
        return texts;
    }
}
