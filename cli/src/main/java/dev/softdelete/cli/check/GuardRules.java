package dev.softdelete.cli.check;

import dev.softdelete.cli.migrate.InstalledGuards;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.integrity.GuardObject;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The guards of {@link GuardTriggers} for the foreign keys into configured tables: a guard trigger on each
 * referencing table and, on PostgreSQL, a lock index on each referenced one. A missing or out-of-date guard is an
 * ERROR: a foreign key only knows that the parent row exists, and a soft-deleted one still does, so without the guard
 * a row can be inserted under a soft-deleted parent (and a soft delete can race a foreign-key check), which no hard
 * delete allows. {@code migrate} installs them. On H2, which has no guards (its triggers are Java classes), each
 * referencing table is a WARN.
 */
final class GuardRules {
    private final Connection connection;
    private final Dialect dialect;
    private final CheckReport report;

    GuardRules(Connection connection, Dialect dialect, CheckReport report) {
        this.connection = connection;
        this.dialect = dialect;
        this.report = report;
    }

    void check(SoftDeleteConfig config, Catalog catalog) throws SQLException {
        GuardTriggers guards = new GuardTriggers(config, catalog, dialect);
        for (InstalledGuards.LeftOver left : new InstalledGuards(connection, dialect)
                .leftOver(guards.objects(), InstalledGuards.scope(config, catalog))) {
            report.warn("guard trigger " + left.name + " on " + left.table, "not needed by this configuration (left"
                + " over, or another configuration's): it still refuses a row whose parent is soft-deleted, though"
                + " this configuration shows that parent; unless another configuration soft-deletes its parents,"
                + " drop it: " + String.join("; ", left.drop));
        }
        if (guards.objects().isEmpty()) {
            Set<TableName> children = new LinkedHashSet<>();
            for (ForeignKey fk : guards.guarded()) {
                if (children.add(fk.child)) {
                    report.warn(fk.configuredChild != null ? fk.configuredChild.toString() : fk.child.table(),
                        "references soft-delete table " + fk.parent.table() + " ("
                        + ForeignKeyRules.describe(fk) + "), and this database has no guard triggers: a row"
                        + " referencing a soft-deleted row can be written, where the foreign key fails after a hard"
                        + " delete");
                }
            }
            return;
        }
        InstalledGuards installed = new InstalledGuards(connection, dialect);
        for (GuardObject o : guards.objects()) {
            InstalledGuards.State state = installed.state(o);
            boolean index = o.kind == GuardObject.Kind.LOCK_INDEX;
            String subject = (index ? "lock index " : "guard trigger ") + o.name + " on " + o.table.table();
            if (state == InstalledGuards.State.CURRENT) {
                report.ok(subject, index ? "installed" : "installed" + (o.event == null ? "" : " (" + o.event + ")"));
                continue;
            }
            String what = index ? "a soft delete of a row of " + o.table.table() + " takes a weaker row lock than a"
                + " hard delete: the foreign-key check of a concurrent insert that references it, or a SELECT ... FOR"
                + " KEY SHARE of it, does not wait for it (they wait for a hard delete)"
                : "a row of " + o.table.table() + " can be written that references a soft-deleted row, which the"
                + " foreign key lets through (the row is still there)";
            report.error(subject, (state == InstalledGuards.State.MISSING ? "missing: "
                : "differs from what migrate installs now (the configuration or the foreign keys changed): ") + what
                + "; migrate installs it");
        }
    }
}
