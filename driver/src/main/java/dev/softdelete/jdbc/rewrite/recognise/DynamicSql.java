package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;

/**
 * Statements that hand SQL text, written as a string, to the database to run: {@code PREPARE s FROM '...'} and
 * {@code EXECUTE IMMEDIATE '...'} (MySQL, MariaDB, H2), MySQL's {@code sys.execute_prepared_stmt('...')},
 * PostgreSQL's {@code DO '...'}, its {@code query_to_xml('...')} and {@code table_to_xml('t')} families and
 * {@code dblink}, H2's {@code CSVWRITE(file, '...')}, found in any statement of the text, the function names also
 * quoted and whatever follows them; and the body of a function or procedure created through the driver, quoted
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
        return findWord(sql, dialect);
    }

    /**
     * The first word outside string literals that hands SQL text to the database, anywhere in the text (a text may
     * hold several statements): PREPARE, EXECUTE IMMEDIATE, PostgreSQL's DO with a quoted body, or a function of
     * the dialect's list, quoted or not and whatever follows it. Literals are skipped so that a text and its literal
     * shape (its literals replaced by {@code ?}) get the same answer.
     */
    private static String findWord(String sql, Dialect dialect) {
        List<String> functions = dialect == Dialect.POSTGRESQL ? POSTGRESQL_FUNCTIONS
                : dialect.isMySqlFamily() ? MYSQL_FUNCTIONS : dialect == Dialect.H2 ? H2_FUNCTIONS : List.of();
        boolean postgres = dialect == Dialect.POSTGRESQL;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                // the literal's end as the literal-shape lexer reads it; in doubt, read on: at worst a name in a
                // string is taken for a call, and the statement is refused
                int close = LiteralShape.closingQuote(sql, i, dialect.isMySqlFamily());
                i = close < 0 ? i + 1 : close + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                String found = handsOver(sql, i, end, postgres, functions);
                if (found != null) {
                    return found;
                }
                i = end;
            } else {
                i++;
            }
        }
        return null;
    }

    /** What the word at {@code [at, end)} hands to the database to run, or null. */
    private static String handsOver(String sql, int at, int end, boolean postgres, List<String> functions) {
        if (!postgres && word(sql, at, "PREPARE")) {
            return "PREPARE ... FROM";
        }
        if (!postgres && word(sql, at, "EXECUTE") && word(sql, LeadingComments.end(sql, end), "IMMEDIATE")) {
            return "EXECUTE IMMEDIATE";
        }
        if (postgres && word(sql, at, "DO")) {
            // DO 'body', DO $$body$$, DO LANGUAGE l '...'; not ON CONFLICT DO NOTHING / UPDATE
            int next = LeadingComments.end(sql, end);
            if (next < sql.length() && (sql.charAt(next) == '\'' || sql.charAt(next) == '$'
                    || word(sql, next, "LANGUAGE") || ((sql.charAt(next) | 0x20) == 'e' && next + 1 < sql.length()
                            && sql.charAt(next + 1) == '\''))) {
                return "DO";
            }
        }
        for (String f : functions) {
            if (end - at == f.length() && sql.regionMatches(true, at, f, 0, f.length())) {
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
}
