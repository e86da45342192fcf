package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;

/**
 * Statements that hand SQL text, written as a string, to the database to run: {@code PREPARE s FROM '...'} and
 * {@code EXECUTE IMMEDIATE '...'} (MySQL, MariaDB, H2), MySQL's {@code sys.execute_prepared_stmt('...')},
 * PostgreSQL's {@code query_to_xml('...')} and {@code table_to_xml('t')} families and {@code dblink}, H2's
 * {@code CSVWRITE(file, '...')}; and the body of a function or procedure created through the driver, quoted
 * ({@code AS 'DELETE FROM t'}) or not (MySQL's {@code CREATE PROCEDURE p() DELETE FROM t}), which runs at each
 * call. The database runs that text as it is: a DELETE in it removes rows physically, a query in it reads
 * soft-deleted rows. JSqlParser sees a string literal, which names no table, or a body it does not analyse.
 *
 * <p>The engine asks only about statements whose text mentions a configured table (the pre-filter's yes), and
 * refuses the ones found here: a mention anywhere in such a statement is enough, so that the check needs no
 * parse of the string. A statement that takes its SQL text from a variable ({@code PREPARE s FROM @q}) mentions
 * nothing and stays out of the driver's reach, as stored procedures do.
 */
public final class DynamicSql {
    /** Functions that run a query or a table given by name, by dialect; compared ignoring case. */
    private static final List<String> POSTGRESQL_FUNCTIONS = List.of("query_to_xml", "query_to_xmlschema",
            "query_to_xml_and_xmlschema", "table_to_xml", "table_to_xmlschema", "table_to_xml_and_xmlschema",
            "dblink", "dblink_exec", "dblink_open", "dblink_send_query");
    private static final List<String> MYSQL_FUNCTIONS = List.of("execute_prepared_stmt");
    private static final List<String> H2_FUNCTIONS = List.of("csvwrite");

    private DynamicSql() {
    }

    /**
     * What in {@code sql} hands SQL text to the database ({@code "PREPARE ... FROM"}, {@code "query_to_xml(...)"}),
     * or null when nothing does.
     */
    public static String find(String sql, Dialect dialect) {
        int start = LeadingComments.end(sql);
        if (word(sql, start, "CREATE")) {
            // a routine's body, quoted or not, is SQL the database runs at each call: CREATE [OR REPLACE]
            // [DEFINER = ...] FUNCTION | PROCEDURE, the keyword before the parameter list
            int paren = sql.indexOf('(', start);
            int to = paren < 0 ? sql.length() : paren;
            if (hasWord(sql, start, to, "FUNCTION") || hasWord(sql, start, to, "PROCEDURE")) {
                return "CREATE FUNCTION / PROCEDURE, a routine body";
            }
        }
        if (dialect != Dialect.POSTGRESQL) {
            if (word(sql, start, "PREPARE")) {
                return "PREPARE ... FROM";
            }
            if (word(sql, start, "EXECUTE") && word(sql, LeadingComments.end(sql, start + "EXECUTE".length()),
                    "IMMEDIATE")) {
                return "EXECUTE IMMEDIATE";
            }
        }
        List<String> functions = dialect == Dialect.POSTGRESQL ? POSTGRESQL_FUNCTIONS
                : dialect.isMySqlFamily() ? MYSQL_FUNCTIONS : dialect == Dialect.H2 ? H2_FUNCTIONS : List.of();
        for (String f : functions) {
            if (calls(sql, f, dialect.isMySqlFamily())) {
                return f + "(...)";
            }
        }
        return null;
    }

    /** Whether {@code word} stands as a whole word, ignoring case, in {@code sql} from {@code from} to {@code to}. */
    static boolean hasWord(String sql, int from, int to, String word) {
        for (int at = from; at + word.length() <= to; at++) {
            if ((at == 0 || !Character.isJavaIdentifierPart(sql.charAt(at - 1))) && word(sql, at, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code sql} has the word {@code word} at {@code at}, ignoring case. */
    static boolean word(String sql, int at, String word) {
        int end = at + word.length();
        return sql.regionMatches(true, at, word, 0, word.length())
                && (end == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(end)));
    }

    /**
     * Whether {@code sql} calls {@code function}: its name as a whole word outside string literals, then an opening
     * parenthesis. Literals are skipped so that a text and its literal shape (its literals replaced by {@code ?})
     * get the same answer.
     */
    private static boolean calls(String sql, String function, boolean backslashEscapes) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                // the literal's end as the literal-shape lexer reads it; in doubt, read on: at worst a name in a
                // string is taken for a call, and the statement is refused
                int close = LiteralShape.closingQuote(sql, i, backslashEscapes);
                i = close < 0 ? i + 1 : close + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                if (end - i == function.length() && sql.regionMatches(true, i, function, 0, end - i)) {
                    int k = end;
                    while (k < n && Character.isWhitespace(sql.charAt(k))) {
                        k++;
                    }
                    if (k < n && sql.charAt(k) == '(') {
                        return true;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return false;
    }
}
