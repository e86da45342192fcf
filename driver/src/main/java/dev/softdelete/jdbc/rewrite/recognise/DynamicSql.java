package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statements that hand SQL text, written as a string, to the database to run: {@code PREPARE s FROM '...'} and
 * {@code EXECUTE IMMEDIATE '...'} (MySQL, MariaDB, H2), MySQL's {@code sys.execute_prepared_stmt('...')},
 * PostgreSQL's {@code DO '...'}, its {@code query_to_xml('...')} and {@code table_to_xml('t')} families,
 * {@code dblink} and foreign tables, H2's {@code CSVWRITE(file, '...')}, found in any statement of the text, the
 * function names also quoted and whatever follows them; and the body of a function or procedure created through the driver, quoted
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
            "dblink", "dblink_exec", "dblink_open", "dblink_send_query",
            // full-text search: ts_stat(query), ts_rewrite(tsquery, query)
            "ts_stat", "ts_rewrite",
            // contrib tablefunc: crosstab(query[, query]) and its fixed-width forms, connectby(table name, ...)
            "crosstab", "crosstab2", "crosstab3", "crosstab4", "connectby",
            // contrib xml2: xpath_table(key, document, table name, xpaths, condition)
            "xpath_table");
    private static final List<String> MYSQL_FUNCTIONS = List.of("execute_prepared_stmt");
    private static final List<String> H2_FUNCTIONS = List.of("csvwrite");
    /** How deep {@link #handedTexts} reads texts handed on within handed texts. */
    private static final int MAX_HANDED_DEPTH = 4;

    private DynamicSql() {
    }

    /**
     * What in {@code sql} hands SQL text to the database ({@code "PREPARE ... FROM"}, {@code "query_to_xml(...)"}),
     * or null when nothing does.
     */
    public static String find(String sql, Dialect dialect) {
        int start = firstToken(sql, dialect);
        if (dialect == Dialect.POSTGRESQL && foreignTable(sql, start, dialect)) {
            return "CREATE / ALTER FOREIGN TABLE or IMPORT FOREIGN SCHEMA, a table reached through a foreign server";
        }
        if (word(sql, start, "CREATE")) {
            // a routine's body, quoted or not, is SQL the database runs at each call: CREATE [OR REPLACE]
            // [DEFINER = ...] FUNCTION | PROCEDURE, the keyword before the parameter list
            int paren = sql.indexOf('(', start);
            int to = paren < 0 ? sql.length() : paren;
            if (hasWord(sql, start, to, "FUNCTION") || hasWord(sql, start, to, "PROCEDURE")) {
                return "CREATE FUNCTION / PROCEDURE, a routine body";
            }
            if (dialect == Dialect.H2 && hasWord(sql, start, to, "LINKED")) {
                // H2's CREATE [FORCE] LINKED TABLE t(driver, url, user, password, 'table or (query)')
                return "CREATE LINKED TABLE, a table or query named in a string";
            }
            if (dialect == Dialect.H2 && (hasWord(sql, start, to, "ALIAS") || hasWord(sql, start, to, "TRIGGER"))) {
                // H2's CREATE ALIAS f AS $$ <Java source> $$ and CREATE TRIGGER ... AS $$ <Java source> $$: code
                // that runs statements of its own at each call
                return "CREATE ALIAS / TRIGGER, Java source that runs SQL of its own";
            }
            if (dialect == Dialect.H2 && hasWord(sql, start, to, "SYNONYM")) {
                // H2's CREATE SYNONYM s FOR t: statements on s reach t under a name the driver does not resolve
                return "CREATE SYNONYM, another name for a table, under which statements would reach it unrewritten";
            }
        }
        return findWord(sql, dialect);
    }

    /**
     * The SQL texts {@code sql} hands to the database as far as they can be read without running it: what its
     * literals spell, decoded and joined as the database joins them ({@link EncodedLiterals#spelled}), and the body of
     * each dollar quote, and so on within those, a few levels deep ({@code DO $$ BEGIN EXECUTE 'DROP ...'; END $$}: a
     * probe dropped a partition's schema so); for the recognisers of DDL, which a DO block or an EXECUTE IMMEDIATE
     * runs as surely as the text itself. Null when a literal cannot be decoded with certainty, or the texts nest deeper.
     */
    public static List<String> handedTexts(String sql, Dialect dialect) {
        List<String> texts = new ArrayList<>();
        return collectHanded(sql, dialect, texts, 0) ? texts : null;
    }

    private static boolean collectHanded(String sql, Dialect dialect, List<String> into, int depth) {
        String spelled = EncodedLiterals.spelled(sql, dialect);
        if (spelled == null) {
            return false;
        }
        List<String> found = new ArrayList<>(List.of(spelled));
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind == Kind.DOLLAR_QUOTED) {
                int open = sql.indexOf('$', t.start + 1) + 1;
                int close = sql.lastIndexOf('$', t.end - 2);
                found.add(sql.substring(open, Math.max(open, close)));
            }
        }
        for (String text : found) {
            if (text.isBlank() || into.contains(text)) {
                continue;
            }
            into.add(text);
            if (text.indexOf('\'') >= 0 || text.indexOf('$') >= 0 || text.indexOf('"') >= 0) {
                if (depth == MAX_HANDED_DEPTH || !collectHanded(text, dialect, into, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the statement at {@code start} is PostgreSQL's {@code CREATE FOREIGN TABLE}, {@code ALTER FOREIGN
     * TABLE} or {@code IMPORT FOREIGN SCHEMA}: a table of a foreign server (postgres_fdw's, which may be this
     * database), named in an option's string or a schema's list, that statements would reach under another name
     * unrewritten (a probe's foreign table over customers read its soft-deleted rows and deleted rows physically).
     */
    private static boolean foreignTable(String sql, int start, Dialect dialect) {
        if (!word(sql, start, "CREATE") && !word(sql, start, "ALTER") && !word(sql, start, "IMPORT")) {
            return false;
        }
        int words = 0;
        for (Token t : SqlLexer.tokens(sql.substring(start), dialect)) {
            if (t.kind == Kind.COMMENT) {
                continue;
            }
            if (++words == 2) {
                return t.kind == Kind.WORD && word(sql, start + t.start, "FOREIGN");
            }
        }
        return false;
    }

    /**
     * Where the statement's first token stands, comments read as the database reads them (PostgreSQL and H2 nest
     * block comments and end line comments at a carriage return too; MySQL has # comments).
     */
    private static int firstToken(String sql, Dialect dialect) {
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind != Kind.COMMENT) {
                return t.start;
            }
        }
        return sql.length();
    }

    /**
     * The first word that hands SQL text to the database, anywhere in the text (a text may hold several statements):
     * PREPARE, EXECUTE IMMEDIATE, PostgreSQL's DO with a quoted body, or a function of the dialect's list, quoted
     * or not and whatever follows it. The text is read as the database reads it ({@link SqlLexer}): words in string
     * literals and comments are data, so that a text and its literal shape (its literals replaced by {@code ?}) get
     * the same answer, and an apostrophe in a comment or a quoted name does not hide the code after it. What a quote
     * that never closes leaves unread counts if it holds one of the words.
     */
    private static String findWord(String sql, Dialect dialect) {
        List<String> functions = dialect == Dialect.POSTGRESQL ? POSTGRESQL_FUNCTIONS
                : dialect.isMySqlFamily() ? MYSQL_FUNCTIONS : dialect == Dialect.H2 ? H2_FUNCTIONS : List.of();
        boolean postgres = dialect == Dialect.POSTGRESQL;
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String found = null;
            if (t.kind == Kind.WORD) {
                found = handsOver(sql, tokens, i, postgres, functions);
            } else if (t.kind == Kind.QUOTED) {
                found = function(sql.substring(t.start + 1, t.end - 1), functions);
            } else if (t.kind == Kind.UNTERMINATED) {
                found = mentionedIn(sql.substring(t.start), postgres, functions);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * What in {@code sql} hands the database SQL text that a bind parameter may give ({@code EXECUTE IMMEDIATE ?},
     * {@code query_to_xml(?, ...)}, also through a CTE or a variable: {@code WITH p(q) AS (SELECT ?) SELECT
     * query_to_xml(q, ...)}, {@code SET @q = ?; EXECUTE IMMEDIATE @q}): text the driver cannot read before the
     * database runs it, whatever it mentions (probes deleted physically and read deleted rows so); null when nothing
     * does. A text with a parameter anywhere and such a construct anywhere counts. PostgreSQL's three-argument
     * {@code ts_rewrite(query, target, substitute)} runs no SQL and does not.
     */
    public static String fromParameter(String sql, Dialect dialect) {
        if (sql.indexOf('?') < 0) {
            return null;
        }
        List<String> functions = dialect == Dialect.POSTGRESQL ? POSTGRESQL_FUNCTIONS
                : dialect.isMySqlFamily() ? MYSQL_FUNCTIONS : dialect == Dialect.H2 ? H2_FUNCTIONS : List.of();
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        String found = null;
        boolean parameter = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String construct = t.kind == Kind.WORD ? handsOver(sql, tokens, i, dialect == Dialect.POSTGRESQL, functions)
                    : t.kind == Kind.QUOTED ? function(sql.substring(t.start + 1, t.end - 1), functions) : null;
            if (construct != null && !(construct.startsWith("ts_rewrite") && arguments(sql, tokens, i) == 3)) {
                found = found == null ? construct : found;
            }
            parameter |= t.is(sql, '?');
        }
        return parameter ? found : null;
    }

    /** How many arguments the call whose name is token {@code i} has (top-level commas + 1); 0 if no call follows. */
    private static int arguments(String sql, List<Token> tokens, int i) {
        int j = i + 1;
        while (j < tokens.size() && tokens.get(j).kind == Kind.COMMENT) {
            j++;
        }
        if (j >= tokens.size() || !tokens.get(j).is(sql, '(')) {
            return 0;
        }
        int depth = 0;
        int count = 1;
        for (; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.is(sql, '(')) {
                depth++;
            } else if (t.is(sql, ')') && --depth == 0) {
                return count;
            } else if (depth == 1 && t.is(sql, ',')) {
                count++;
            }
        }
        return count;
    }

    /** What the word token {@code i} hands to the database to run, or null. */
    private static String handsOver(String sql, List<Token> tokens, int i, boolean postgres, List<String> functions) {
        Token t = tokens.get(i);
        Token next = null;
        for (int j = i + 1; j < tokens.size() && next == null; j++) {
            next = tokens.get(j).kind == Kind.COMMENT ? null : tokens.get(j);
        }
        if (!postgres && t.is(sql, "PREPARE")) {
            return "PREPARE ... FROM";
        }
        if (!postgres && t.is(sql, "EXECUTE") && next != null && next.is(sql, "IMMEDIATE")) {
            return "EXECUTE IMMEDIATE";
        }
        // DO 'body', DO $$body$$, DO E'...', DO U&'...', DO LANGUAGE l '...'; not ON CONFLICT DO NOTHING / UPDATE
        if (postgres && t.is(sql, "DO") && next != null && (next.kind == Kind.STRING
                || next.kind == Kind.DOLLAR_QUOTED || next.is(sql, "LANGUAGE") || next.is(sql, "U"))) {
            return "DO";
        }
        return function(t.text(sql), functions);
    }

    private static String function(String name, List<String> functions) {
        for (String f : functions) {
            if (name.equalsIgnoreCase(f)) {
                return f + "(...)";
            }
        }
        return null;
    }

    /** In doubt, for text the lexer could not read to its end: whether it holds one of the words, anywhere. */
    private static String mentionedIn(String text, boolean postgres, List<String> functions) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String f : functions) {
            if (lower.contains(f)) {
                return f + "(...)";
            }
        }
        if (!postgres && (lower.contains("prepare") || lower.contains("execute"))) {
            return "PREPARE or EXECUTE, in text whose quoting cannot be read with certainty";
        }
        return postgres && lower.contains("do") ? "DO, in text whose quoting cannot be read with certainty" : null;
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
