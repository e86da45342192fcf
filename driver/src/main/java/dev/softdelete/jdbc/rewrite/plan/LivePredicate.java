package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;

/** The SQL fragments of soft delete for one table: the visibility predicate and the soft-delete assignments. */
public final class LivePredicate {
    private LivePredicate() {
    }

    /**
     * The condition that keeps the rows {@code visibility} lets through, on columns qualified by {@code qualifier};
     * null when every row is visible.
     */
    public static String of(TableConfig table, String qualifier, Visibility visibility, Dialect dialect) {
        if (visibility == Visibility.INCLUDE_DELETED) {
            return null;
        }
        boolean deleted = visibility == Visibility.ONLY_DELETED;
        String prefix = qualifier == null ? "" : qualifier + ".";
        if (table.flagColumn() != null) {
            return prefix + table.flagColumn() + " = " + flagValue(table, deleted, dialect);
        }
        return prefix + table.timestampColumn() + (deleted ? " IS NOT NULL" : " IS NULL");
    }

    /**
     * {@code is_deleted = TRUE, deleted_at = <event timestamp>} (and the event's id and actor where configured),
     * qualified by {@code qualifier} when it is not null (MySQL's multi-table UPDATE), else unqualified: PostgreSQL
     * forbids qualifying.
     */
    public static String softDeleteAssignments(TableConfig table, String qualifier, Dialect dialect) {
        String prefix = qualifier == null ? "" : qualifier + ".";
        StringBuilder b = new StringBuilder();
        if (table.flagColumn() != null) {
            b.append(prefix).append(table.flagColumn()).append(" = ").append(flagValue(table, true, dialect));
        }
        if (table.timestampColumn() != null) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(prefix).append(table.timestampColumn()).append(" = ").append(dialect.eventTimestamp());
        }
        if (table.batchColumn() != null && dialect.eventBatch() != null) {
            b.append(", ").append(prefix).append(table.batchColumn()).append(" = ").append(dialect.eventBatch());
        }
        if (table.actorColumn() != null && dialect.eventActor() != null) {
            b.append(", ").append(prefix).append(table.actorColumn()).append(" = ").append(dialect.eventActor());
        }
        return b.toString();
    }

    private static String flagValue(TableConfig table, boolean deleted, Dialect dialect) {
        if (table.flagType() == FlagType.INTEGER) {
            return deleted ? "1" : "0";
        }
        return deleted ? dialect.trueLiteral() : dialect.falseLiteral();
    }
}
