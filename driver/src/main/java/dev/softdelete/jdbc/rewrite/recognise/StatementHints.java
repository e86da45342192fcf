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

    /** Reads the hints in the leading comments of {@code sql}. */
    public static StatementHints of(String sql) {
        Visibility visibility = null;
        boolean hardDelete = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end;
            if (sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
            } else {
                break;
            }
            String comment = sql.substring(i, end);
            int at = comment.indexOf(PREFIX);
            while (at >= 0) {
                String word = word(comment, at + PREFIX.length());
                if ("hard-delete".equals(word)) {
                    hardDelete = true;
                } else if (Visibility.fromLabel(word) != null) {
                    visibility = Visibility.fromLabel(word);
                }
                at = comment.indexOf(PREFIX, at + PREFIX.length());
            }
            i = end;
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
