package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.FlagType;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;

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
     * forbids qualifying. Each of {@code untouched} (columns the database would set on any UPDATE, such as MySQL's
     * {@code ON UPDATE CURRENT_TIMESTAMP}) is set to itself, which keeps its value.
     */
    public static String softDeleteAssignments(TableConfig table, String qualifier, Dialect dialect,
            List<String> untouched) {
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
        appendUntouched(b, prefix, untouched);
        return b.toString();
    }

    /**
     * {@code is_deleted = FALSE, deleted_at = NULL} (and the batch and actor columns cleared): a restored row, with
     * {@code untouched} columns kept as they are.
     */
    public static String restoreAssignments(TableConfig table, Dialect dialect, List<String> untouched) {
        StringBuilder b = new StringBuilder();
        if (table.flagColumn() != null) {
            b.append(table.flagColumn()).append(" = ").append(flagValue(table, false, dialect));
        }
        for (String column : new String[] {table.timestampColumn(), table.batchColumn(), table.actorColumn()}) {
            if (column != null) {
                b.append(b.length() > 0 ? ", " : "").append(column).append(" = NULL");
            }
        }
        appendUntouched(b, "", untouched);
        return b.toString();
    }

    private static void appendUntouched(StringBuilder b, String prefix, List<String> untouched) {
        for (String column : untouched) {
            b.append(", ").append(prefix).append(column).append(" = ").append(prefix).append(column);
        }
    }

    private static String flagValue(TableConfig table, boolean deleted, Dialect dialect) {
        if (table.flagType() == FlagType.INTEGER) {
            return deleted ? "1" : "0";
        }
        return deleted ? dialect.trueLiteral() : dialect.falseLiteral();
    }
}
