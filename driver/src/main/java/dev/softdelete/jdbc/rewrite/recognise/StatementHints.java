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
        int end = LeadingComments.end(sql);
        Visibility visibility = null;
        boolean hardDelete = false;
        for (int at = sql.indexOf(PREFIX); at >= 0 && at < end; at = sql.indexOf(PREFIX, at + PREFIX.length())) {
            String word = word(sql, at + PREFIX.length());
            if (!wholeComment(sql, at, at + PREFIX.length() + word.length())) {
                continue; // a comment that mentions the hint (or "nosoftdelete:...") is not one
            }
            if ("hard-delete".equals(word)) {
                hardDelete = true;
            } else if (Visibility.fromLabel(word) != null) {
                visibility = Visibility.fromLabel(word);
            }
        }
        return visibility == null && !hardDelete ? NONE : new StatementHints(visibility, hardDelete);
    }

    /**
     * Whether {@code [start, end)} is all a comment holds, blanks aside: {@code /* softdelete:x *}{@code /} or
     * {@code -- softdelete:x} (a comment that also says something else is no hint:
     * {@code /* do not use softdelete:hard-delete *}{@code /} deleted rows physically).
     */
    private static boolean wholeComment(String sql, int start, int end) {
        int before = start;
        while (before > 0 && Character.isWhitespace(sql.charAt(before - 1))) {
            before--;
        }
        boolean block = before >= 2 && sql.startsWith("/*", before - 2);
        boolean line = before >= 2 && sql.startsWith("--", before - 2);
        if (!block && !line) {
            return false;
        }
        int after = end;
        while (after < sql.length() && Character.isWhitespace(sql.charAt(after))
                && (block || sql.charAt(after) != '\n' && sql.charAt(after) != '\r')) {
            after++;
        }
        return block ? sql.startsWith("*/", after) : after == sql.length() || sql.charAt(after) == '\n'
                || sql.charAt(after) == '\r';
    }

    private static String word(String s, int from) {
        int end = from;
        while (end < s.length() && (Character.isLetter(s.charAt(end)) || s.charAt(end) == '-')) {
            end++;
        }
        return s.substring(from, end);
    }
}
