package dev.softdelete.cli.check;

import dev.softdelete.cli.migrate.UniqueKeyFix;
import dev.softdelete.cli.migrate.UniqueKeyFixes;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.sql.SQLException;
import java.util.Map;

/**
 * The unique keys of configured tables: OK when soft-delete-aware; WARN when they still hold the keys of
 * soft-deleted rows, so that inserting the key of a deleted row fails where it would succeed after a hard delete.
 * The warning gives the DDL {@code migrate} runs to fix it ({@link UniqueKeyFixes}), or why it cannot. WARN, not
 * ERROR: every other statement behaves as after a hard delete, and keeping a deleted row's key taken may be meant.
 */
final class UniqueKeyRules {
    private final Catalog catalog;
    private final UniqueKeyFixes fixes;
    private final CheckReport report;

    UniqueKeyRules(Catalog catalog, UniqueKeyFixes fixes, CheckReport report) {
        this.catalog = catalog;
        this.fixes = fixes;
        this.report = report;
    }

    /** @param tableSql per configured table found, its name as DDL writes it */
    void check(Map<TableConfig, DatabaseTable> found, Map<TableConfig, String> tableSql) throws SQLException {
        for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
            TableConfig t = e.getKey();
            for (UniqueKey k : catalog.uniqueKeys(t.name())) {
                String subject = t.name() + " unique key " + k.name;
                String columns = "(" + String.join(", ", k.columns) + ")";
                if (k.softDeleteAware) {
                    report.ok(subject, columns + " ignores soft-deleted rows");
                } else if (UniqueKeyFixes.unaware(catalog, t).contains(k)) {
                    UniqueKeyFix fix = fixes.fix(t, e.getValue(), tableSql.get(t), k);
                    String message = columns + " still holds the keys of soft-deleted rows: inserting the key of a"
                        + " deleted row fails, where it succeeds after a hard delete; ";
                    report.warn(subject, message + (fix.problem != null ? fix.problem
                        : "migrate makes it soft-delete-aware with: " + fix.sql()));
                }
            }
        }
    }
}
