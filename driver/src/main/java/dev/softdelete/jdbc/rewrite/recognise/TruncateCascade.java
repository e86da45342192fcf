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

    /** Whether {@code sql} starts with TRUNCATE and holds the word CASCADE (in a comment too: then in doubt). */
    public static boolean matches(String sql) {
        if (!LeadingComments.mayStartWith(sql, 't') || !DynamicSql.word(sql, LeadingComments.end(sql), KEYWORD)) {
            return false;
        }
        return DynamicSql.hasWord(sql, 0, sql.length(), CASCADE);
    }
}
