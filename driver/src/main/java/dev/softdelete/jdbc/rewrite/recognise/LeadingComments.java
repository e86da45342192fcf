package dev.softdelete.jdbc.rewrite.recognise;

/** The whitespace and comments before a statement's first token. */
final class LeadingComments {
    private LeadingComments() {
    }

    /** The offset of the first token of {@code sql}: everything before it is whitespace or comments. */
    static int end(String sql) {
        return end(sql, 0);
    }

    /** The offset of the first token of {@code sql} at or after {@code from}, skipping whitespace and comments. */
    static int end(String sql, int from) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else {
                break;
            }
        }
        return i;
    }
}
