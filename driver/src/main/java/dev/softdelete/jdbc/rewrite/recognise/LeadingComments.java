package dev.softdelete.jdbc.rewrite.recognise;

/** The whitespace and comments before a statement's first token. */
final class LeadingComments {
    private LeadingComments() {
    }

    /**
     * False when {@code sql} starts with a letter other than {@code letter} (lower case), in either case: a statement
     * that starts with another keyword, answered at its first character. With a cold processor cache, reading on
     * past leading comments cost a few microseconds (ColdCacheBenchmark), and most statements have none.
     */
    static boolean mayStartWith(String sql, char letter) {
        if (sql.isEmpty()) {
            return true;
        }
        int lower = sql.charAt(0) | 0x20;
        return lower < 'a' || lower > 'z' || lower == letter;
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
