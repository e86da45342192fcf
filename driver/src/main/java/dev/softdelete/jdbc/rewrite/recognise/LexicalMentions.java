package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.config.TableName;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;

/**
 * For statements JSqlParser cannot parse: does any token outside comments and string literals name a configured
 * table? Plain identifiers and keywords (one word) must equal the name (ignoring case); in any other token (quoted
 * identifiers, dollar-quoted text, tokens of several words) containing the name is enough. A statement that mentions
 * none (COPY, vendor DDL, ...) passes through; one whose text cannot even be tokenised counts as mentioning one.
 */
public final class LexicalMentions {
    /** The names to look for: configured tables, and the plain tables their rows are read through. */
    private final List<TableName> tables;
    /** Whether a backslash escapes the next character in a string (MySQL, MariaDB), as the parse reads it too. */
    private final boolean backslashEscapes;

    public LexicalMentions(List<TableName> tables, boolean backslashEscapes) {
        this.tables = List.copyOf(tables);
        this.backslashEscapes = backslashEscapes;
    }

    /**
     * Whether {@code text} contains {@code name} ignoring case: as {@link String#equalsIgnoreCase} compares (char by
     * char, as the analysis compares names), or as lower-cased wholes, which differ outside ASCII (U+0130, a final
     * sigma); either is a mention.
     */
    private static boolean containsIgnoreCase(String text, String name) {
        for (int i = 0; i + name.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, name, 0, name.length())) {
                return true;
            }
        }
        return text.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code image} is one word of letters, digits and underscores (a keyword's token). */
    private static boolean isWord(String image) {
        if (image.isEmpty()) {
            return false;
        }
        for (int i = 0; i < image.length(); i++) {
            char c = image.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** The first configured table named by a token of {@code sql}, or null; "?" when the text cannot be lexed. */
    public String firstMention(String sql) {
        try {
            // strings end where the database ends them: else 'a\'', items, ' hides items in one string
            CCJSqlParser lexer = new CCJSqlParser(new StringProvider(sql)).withBackslashEscapeCharacter(
                    backslashEscapes);
            for (Token t = lexer.getNextToken(); t.kind != CCJSqlParserConstants.EOF; t = lexer.getNextToken()) {
                if (t.kind == CCJSqlParserConstants.S_CHAR_LITERAL) {
                    continue;
                }
                // a plain identifier or a keyword (one word) names the table only as a whole: BEGIN is no mention
                // of a table g, nor SESSION of a table ses
                boolean oneWord = t.kind == CCJSqlParserConstants.S_IDENTIFIER || isWord(t.image);
                for (TableName table : tables) {
                    String name = table.table();
                    if (oneWord ? t.image.equalsIgnoreCase(name) : containsIgnoreCase(t.image, name)) {
                        return table.toString();
                    }
                }
            }
            return null;
        } catch (RuntimeException | Error e) {
            return "?";
        }
    }
}
