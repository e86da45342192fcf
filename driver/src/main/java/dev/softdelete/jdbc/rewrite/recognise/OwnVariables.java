package dev.softdelete.jdbc.rewrite.recognise;

import java.util.List;
import java.util.Locale;

/**
 * softdelete-jdbc's own session variables: the delete event's timestamp and batch id and the actor, which its
 * statements set ({@code @softdelete_event_at}, PostgreSQL's {@code softdelete.event_at} setting) and its UPDATE,
 * cascades, foreign-key checks and restores read. A statement of the application that names one could clear or forge
 * the event: a probe's {@code DELETE ... AND (@softdelete_event_at := NULL) IS NULL} soft-deleted a parent with no
 * timestamp, so its cascade found no children and its RESTRICT check no referencing rows. The pre-filter looks for
 * these names as it looks for table names; the engine refuses a text that has one.
 */
public final class OwnVariables {
    /** How the variables' names start, folded to lower case: MySQL's and H2's user variables, PostgreSQL's settings. */
    public static final List<String> PREFIXES = List.of("softdelete_event", "softdelete_actor", "softdelete.event",
            "softdelete.actor");

    private OwnVariables() {
    }

    /** The first of the variables' names that {@code sql} holds, anywhere, ignoring case; null when none. */
    public static String named(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String p : PREFIXES) {
            if (lower.contains(p)) {
                return p;
            }
        }
        return null;
    }
}
