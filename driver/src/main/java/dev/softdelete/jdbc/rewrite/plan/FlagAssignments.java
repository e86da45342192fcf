package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import java.util.List;
import java.util.function.Predicate;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Assignments that mark rows of a configured table deleted: its flag (its timestamp, where it has no flag) set to
 * anything but the live value. Such a write deletes behind the driver's back, without a delete event, cascades or
 * foreign-key checks, its children left live under a parent gone from every query (a probe: Hibernate's
 * {@code @SoftDelete} and the classic {@code @SQLDelete("UPDATE t SET is_deleted = true ...")} send it, an upsert's
 * {@code DO UPDATE SET} as well). Setting the live value ({@code FALSE}, {@code 0}, {@code NULL}) changes nothing on a
 * live row, and with {@code include-deleted} it is the application's explicit restore.
 */
final class FlagAssignments {
    private FlagAssignments() {
    }

    /**
     * The first assignment in {@code sets} that marks a row of {@code table} deleted, as {@code column = value}, or
     * null; {@code ofTable} tells whether an assigned column may be the table's (its qualifier, or none).
     */
    static String deleting(TableConfig table, List<UpdateSet> sets, Predicate<Column> ofTable) {
        if (sets == null) {
            return null;
        }
        String marker = table.flagColumn() != null ? table.flagColumn() : table.timestampColumn();
        for (UpdateSet set : sets) {
            List<Column> columns = set.getColumns();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                if (!ofTable.test(column) || !Identifiers.unquote(column.getColumnName()).equalsIgnoreCase(marker)) {
                    continue;
                }
                // SET (a, b) = (SELECT ...) has one value for several columns: not read, so not live
                Object value = set.getValues() != null && set.getValues().size() == columns.size()
                        ? set.getValues().get(i) : null;
                String written = value == null ? "" : value.toString().trim();
                boolean live = table.flagColumn() != null ? written.equalsIgnoreCase("FALSE") || written.equals("0")
                        : written.equalsIgnoreCase("NULL");
                if (!live) {
                    // a bind parameter is refused whatever it holds: the plan is made once, before any value
                    return marker + " = " + (written.isEmpty() ? "a value"
                            : written.startsWith("?") ? written + ", a bind parameter, whatever its value" : written);
                }
            }
        }
        return null;
    }

    /** The refusal's reason for {@code assignment}, as {@link #deleting} gave it. */
    static String reason(String statement, String assignment) {
        return statement + " that sets its soft-delete column (" + assignment + "): a delete without its event, cascades"
                + " and foreign-key checks; use DELETE, or map the column read-only";
    }
}
