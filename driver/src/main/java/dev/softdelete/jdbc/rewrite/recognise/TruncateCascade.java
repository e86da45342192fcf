package dev.softdelete.jdbc.rewrite.recognise;

/**
 * PostgreSQL's {@code TRUNCATE t CASCADE}, read lexically: it empties every table with a foreign key to {@code t},
 * and every table with one to those, whatever the keys' {@code ON DELETE} says. A configured table can be among them
 * without the statement naming it, so the pre-filter's no does not clear it.
 */
public final class TruncateCascade {
    private static final String KEYWORD = "TRUNCATE";
    private static final String CASCADE = "CASCADE";

    private TruncateCascade() {
    }

    /**
     * Whether {@code sql} may run a TRUNCATE with CASCADE: it holds both words, anywhere (in a comment or a string
     * too: then in doubt), unless it is one statement that starts with another keyword. Where the statement starts
     * is not read past comments: PostgreSQL nests them and ends a line comment at a carriage return, and a text of
     * several statements (pgjdbc sends them all) may truncate in any of them.
     */
    public static boolean matches(String sql) {
        if (LeadingComments.mayStartWith(sql, 't') || sql.indexOf(';') >= 0) {
            return DynamicSql.hasWord(sql, 0, sql.length(), KEYWORD)
                    && DynamicSql.hasWord(sql, 0, sql.length(), CASCADE);
        }
        return false;
    }
}
