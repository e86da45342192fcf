package dev.softdelete.cli.migrate;

import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.util.List;

/**
 * What turns one unique key of a soft-delete table into a soft-delete-aware one (see {@link UniqueKeyFixes}): the
 * statements, or why there are none.
 */
public final class UniqueKeyFix {
    public final UniqueKey key;
    /** The statements, in order; empty when the key cannot be changed. */
    public final List<String> statements;
    /** Why the key cannot be changed; null when it can. */
    public final String problem;

    UniqueKeyFix(UniqueKey key, List<String> statements, String problem) {
        this.key = key;
        this.statements = List.copyOf(statements);
        this.problem = problem;
    }

    /** The statements as one text, each ending with {@code ;}, for a report. */
    public String sql() {
        StringBuilder text = new StringBuilder();
        for (String s : statements) {
            text.append(text.length() == 0 ? "" : " ").append(s).append(';');
        }
        return text.toString();
    }
}
