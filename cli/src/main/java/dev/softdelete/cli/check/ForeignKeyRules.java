package dev.softdelete.cli.check;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;

/**
 * The foreign keys that touch configured tables, as the driver's catalog reader finds them, and what the driver does
 * with each when it soft-deletes a referenced row (see the driver's {@code CascadePlanner}):
 * <ul>
 *   <li>{@code ON DELETE CASCADE} from a plain parent to a configured child: ERROR (a hard delete of the parent
 *       removes configured rows physically);</li>
 *   <li>{@code ON DELETE CASCADE} between configured tables: OK, followed like a {@code cascade:} entry whether the
 *       map has it or not; into a plain child: WARN (a soft delete leaves its rows, a purge removes them);</li>
 *   <li>{@code RESTRICT} / {@code NO ACTION}: OK, the driver checks it and fails like the key; ERROR when the parent
 *       has neither a timestamp nor a batch column to tell the rows of one delete apart (its deletes are refused);
 *       </li>
 *   <li>{@code SET NULL} / {@code SET DEFAULT}: OK, the driver clears the reference in the live referencing rows.</li>
 * </ul>
 */
final class ForeignKeyRules {
    private final SoftDeleteConfig effective;
    private final Catalog catalog;
    private final CheckReport report;

    ForeignKeyRules(SoftDeleteConfig config, Catalog catalog, CheckReport report) {
        this.effective = catalog.effective(config);
        this.catalog = catalog;
        this.report = report;
    }

    void check() {
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (fk.configuredParent == null) {
                if (fk.configuredChild != null && fk.onDelete == ForeignKey.OnDelete.CASCADE) {
                    report.error(fk.configuredChild.toString(), describe(fk) + ": " + fk.parent.table() + " is not"
                        + " configured, so hard-deleting rows of it physically deletes rows of " + fk.configuredChild
                        + "; configure " + fk.parent.table() + " too, or drop ON DELETE CASCADE");
                }
                continue;
            }
            TableConfig parent = table(fk.configuredParent);
            if (parent == null) {
                continue;
            }
            String subject = fk.configuredParent.toString();
            if (fk.onDelete == ForeignKey.OnDelete.CASCADE || coveredByCascade(parent, fk)) {
                if (fk.configuredChild != null) {
                    report.ok(subject, describe(fk) + ": followed as a cascade (soft-deleting a row soft-deletes"
                        + " the rows of " + fk.child.table() + " that reference it)");
                } else {
                    report.warn(subject, describe(fk) + ": " + fk.child.table() + " is not configured; soft-deleting"
                        + " rows of " + subject + " leaves the rows of " + fk.child.table() + " that reference them"
                        + " (a hard delete would remove them), and a purge keeps the rows of " + subject + " they"
                        + " reference");
                }
            } else if (parent.timestampColumn() == null && parent.batchColumn() == null) {
                report.error(subject, describe(fk) + ": the driver refuses deletes from " + subject + ", which has"
                    + " neither a timestamp nor a batch column to tell the rows of one delete apart");
            } else if (fk.onDelete == ForeignKey.OnDelete.SET_NULL
                    || fk.onDelete == ForeignKey.OnDelete.SET_DEFAULT) {
                report.ok(subject, describe(fk) + ": the driver sets " + String.join(", ", fk.childColumns) + " of"
                    + " the live rows that reference a row it soft-deletes to "
                    + (fk.onDelete == ForeignKey.OnDelete.SET_NULL ? "NULL" : "its default") + ", as the key would");
            } else {
                report.ok(subject, describe(fk) + ": checked by the driver: soft-deleting a row that a live row of "
                    + fk.child.table() + " references fails like the key");
            }
        }
    }

    private TableConfig table(TableName name) {
        for (TableConfig t : effective.tables()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static boolean coveredByCascade(TableConfig parent, ForeignKey fk) {
        if (fk.configuredChild == null) {
            return false;
        }
        for (Cascade edge : parent.cascades()) {
            if (edge.table().equals(fk.configuredChild)
                    && String.join(",", edge.columns()).equalsIgnoreCase(String.join(",", fk.childColumns))) {
                return true;
            }
        }
        return false;
    }

    /** {@code foreign key fk_orders_customer orders(customer_id) -> customers(id) ON DELETE CASCADE}. */
    static String describe(ForeignKey fk) {
        return "foreign key " + fk.name + " " + fk.child.table() + "(" + String.join(", ", fk.childColumns) + ") -> "
            + fk.parent.table() + "(" + String.join(", ", fk.parentColumns) + ") ON DELETE "
            + fk.onDelete.name().replace('_', ' ');
    }
}
