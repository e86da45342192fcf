package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;

/**
 * {@code UNDELETE FROM t [WHERE ...]}: the driver's own statement, which restores soft-deleted rows. It is never
 * sent as it is; JSqlParser parses it as the DELETE it resembles, with the keyword masked in place so that every
 * position in the text stays the same.
 */
public final class UndeleteStatement {
    private static final String KEYWORD = "UNDELETE";

    private UndeleteStatement() {
    }

    /**
     * The offset of a leading UNDELETE keyword, or -1 when {@code sql} is not an UNDELETE: its leading comments read
     * as {@code dialect} reads them, so that no text the database runs as another statement is taken for one.
     */
    public static int keywordAt(String sql, Dialect dialect) {
        if (!LeadingComments.mayStartWith(sql, 'u')) {
            return -1;
        }
        int at = LeadingComments.end(sql, dialect);
        boolean keyword = sql.regionMatches(true, at, KEYWORD, 0, KEYWORD.length())
                && (at + KEYWORD.length() == sql.length()
                || !Character.isJavaIdentifierPart(sql.charAt(at + KEYWORD.length())));
        return keyword ? at : -1;
    }

    /**
     * Whether {@code sql} may be an UNDELETE in some dialect's reading of its leading comments: for a caller that
     * does not know the dialect and must not let one through unrewritten (observe mode).
     */
    public static boolean mayBe(String sql) {
        for (Dialect d : Dialect.values()) {
            if (keywordAt(sql, d) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The text with {@code UNDELETE} at {@code at} replaced by {@code   DELETE}: same length, same positions. */
    public static String asDelete(String sql, int at) {
        return sql.substring(0, at) + "  DELETE" + sql.substring(at + KEYWORD.length());
    }
}
