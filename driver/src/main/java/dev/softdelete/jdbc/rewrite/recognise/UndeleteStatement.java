package dev.softdelete.jdbc.rewrite.recognise;

/**
 * {@code UNDELETE FROM t [WHERE ...]}: the driver's own statement, which restores soft-deleted rows. It is never
 * sent as it is; JSqlParser parses it as the DELETE it resembles, with the keyword masked in place so that every
 * position in the text stays the same.
 */
public final class UndeleteStatement {
    private static final String KEYWORD = "UNDELETE";

    private UndeleteStatement() {
    }

    /** The offset of a leading UNDELETE keyword, or -1 when {@code sql} is not an UNDELETE. */
    public static int keywordAt(String sql) {
        if (!LeadingComments.mayStartWith(sql, 'u')) {
            return -1;
        }
        int at = LeadingComments.end(sql);
        boolean keyword = sql.regionMatches(true, at, KEYWORD, 0, KEYWORD.length())
                && (at + KEYWORD.length() == sql.length()
                || !Character.isJavaIdentifierPart(sql.charAt(at + KEYWORD.length())));
        return keyword ? at : -1;
    }

    /** The text with {@code UNDELETE} at {@code at} replaced by {@code   DELETE}: same length, same positions. */
    public static String asDelete(String sql, int at) {
        return sql.substring(0, at) + "  DELETE" + sql.substring(at + KEYWORD.length());
    }
}
