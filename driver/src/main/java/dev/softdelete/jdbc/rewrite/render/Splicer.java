package dev.softdelete.jdbc.rewrite.render;

import dev.softdelete.jdbc.rewrite.plan.Edit;
import dev.softdelete.jdbc.rewrite.plan.RewritePlan;

/**
 * Applies a plan to the original text: everything outside the edited ranges (comments, hints, spacing, case,
 * dialect syntax, parameter markers) is copied as the author wrote it.
 */
public final class Splicer {
    private Splicer() {
    }

    public static String splice(String sql, RewritePlan plan) {
        return splice(sql, plan, null, null);
    }

    /**
     * As {@link #splice(String, RewritePlan)}, with every {@code expression} in the planned texts (not in the
     * author's) replaced by {@code replacement}; no replacement when {@code expression} is null.
     */
    public static String splice(String sql, RewritePlan plan, String expression, String replacement) {
        if (plan.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int copied = 0;
        for (Edit e : plan.edits()) {
            if (e.start < copied) {
                throw new IllegalStateException("overlapping edits at " + e.start);
            }
            out.append(sql, copied, e.start).append(expression == null ? e.text
                    : e.text.replace(expression, replacement));
            copied = e.end;
        }
        return out.append(sql, copied, sql.length()).toString();
    }
}
