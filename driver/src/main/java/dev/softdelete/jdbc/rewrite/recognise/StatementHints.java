package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.Visibility;

/**
 * The comment hints at the start of a statement: {@code /* softdelete:include-deleted *}{@code /},
 * {@code softdelete:only-deleted} and {@code softdelete:hard-delete}. Only comments before the first token count,
 * so text inside a string literal is never a hint.
 */
public final class StatementHints {
    private static final String PREFIX = "softdelete:";

    /** The statement carries no hint. */
    public static final StatementHints NONE = new StatementHints(null, false);

    private final Visibility visibility;
    private final boolean hardDelete;

    private StatementHints(Visibility visibility, boolean hardDelete) {
        this.visibility = visibility;
        this.hardDelete = hardDelete;
    }

    /** The visibility the hint asks for, or null when the statement does not ask. */
    public Visibility visibility() {
        return visibility;
    }

    /** Whether DELETE statements are to remove rows physically. */
    public boolean hardDelete() {
        return hardDelete;
    }

    /**
     * Reads the hints in the leading comments of {@code sql}: a hint is a leading comment whose whole body, blanks
     * aside, is {@code softdelete:<word>}. Reading stops at a comment the dialects read differently: a block comment
     * with another opening inside (PostgreSQL and H2 nest it: {@code /* /* softdelete:hard-delete *}{@code / *}{@code
     * /} is a hint commented out), a line comment ended by a lone carriage return (MySQL reads on to the line feed).
     * A {@code --} line inside a block comment is text of that comment (probes deleted rows physically with each).
     */
    public static StatementHints of(String sql) {
        if (sql.indexOf(PREFIX) < 0) {
            return NONE;
        }
        Visibility visibility = null;
        boolean hardDelete = false;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
                continue;
            }
            int bodyStart;
            int bodyEnd;
            int next;
            if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                int inner = sql.indexOf("/*", i + 2);
                if (close < 0 || inner >= 0 && inner < close) {
                    // unterminated, or another comment opens inside: PostgreSQL and H2 nest it, MySQL ends it at the
                    // first closing; the dialects read on differently, so no hint is taken from here on
                    break;
                }
                bodyStart = i + 2;
                bodyEnd = close;
                next = close + 2;
            } else if (sql.startsWith("--", i) || sql.charAt(i) == '#') {
                int j = i;
                while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
                    j++;
                }
                if (j < n && sql.charAt(j) == '\r' && (j + 1 >= n || sql.charAt(j + 1) != '\n')) {
                    // PostgreSQL and H2 end the line at a lone carriage return, MySQL and MariaDB only at a line
                    // feed: what follows may be inside this comment there
                    break;
                }
                bodyStart = sql.charAt(i) == '#' ? j : i + 2; // MySQL's # comments carry no hint
                bodyEnd = j;
                next = j;
            } else {
                break;
            }
            String body = sql.substring(bodyStart, Math.max(bodyStart, bodyEnd)).strip();
            if (body.startsWith(PREFIX)) {
                String word = word(body, PREFIX.length());
                if (PREFIX.length() + word.length() == body.length()) {
                    if ("hard-delete".equals(word)) {
                        hardDelete = true;
                    } else if (Visibility.fromLabel(word) != null) {
                        visibility = Visibility.fromLabel(word);
                    }
                }
            }
            i = next;
        }
        return visibility == null && !hardDelete ? NONE : new StatementHints(visibility, hardDelete);
    }

    private static String word(String s, int from) {
        int end = from;
        while (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '-')) {
            end++;
        }
        return s.substring(from, end);
    }
}
