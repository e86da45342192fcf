package dev.softdelete.cli.check;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.TableConfig;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Foreign keys with {@code ON DELETE CASCADE} that touch configured tables. The database's cascade never fires for a
 * soft delete, and a hard delete of a plain parent still removes configured rows physically:
 * <ul>
 *   <li>plain parent, configured child: ERROR (configured rows are physically deleted);</li>
 *   <li>configured parent and child without a matching {@code cascade:} entry: WARN (soft-deleting the parent leaves
 *       the children live);</li>
 *   <li>configured parent, plain child: WARN (the children stay after a soft delete; purge removes them);</li>
 *   <li>configured parent and child with a matching {@code cascade:} entry: OK.</li>
 * </ul>
 */
final class ForeignKeyRules {
    private final DatabaseMetaData meta;
    private final CheckReport report;

    ForeignKeyRules(DatabaseMetaData meta, CheckReport report) {
        this.meta = meta;
        this.report = report;
    }

    /** @param found the configured tables that exist in the database */
    void check(Map<TableConfig, DatabaseTable> found) throws SQLException {
        for (Map.Entry<TableConfig, DatabaseTable> entry : found.entrySet()) {
            TableConfig table = entry.getKey();
            for (ForeignKey fk : ForeignKey.imported(meta, entry.getValue())) {
                if (fk.cascadesDeletes()) {
                    importedCascade(table, fk, found);
                }
            }
            for (ForeignKey fk : ForeignKey.exported(meta, entry.getValue())) {
                if (fk.cascadesDeletes() && configured(fk.childContainer(), fk.childTable(), found) == null) {
                    report.warn(table.name().toString(), fk.describe() + ": " + fk.childTable() + " is not"
                        + " configured; soft-deleting rows of " + table.name() + " leaves the rows of "
                        + fk.childTable() + " that reference them (a hard delete would remove them), and purging "
                        + table.name() + " deletes them physically");
                }
            }
        }
    }

    private void importedCascade(TableConfig child, ForeignKey fk, Map<TableConfig, DatabaseTable> found) {
        String subject = child.name().toString();
        TableConfig parent = configured(fk.parentContainer(), fk.parentTable(), found);
        if (parent == null) {
            report.error(subject, fk.describe() + ": " + fk.parentTable() + " is not configured, so hard-deleting"
                + " rows of it physically deletes rows of " + child.name() + "; configure " + fk.parentTable()
                + " too, or drop ON DELETE CASCADE");
        } else if (!coveredByCascade(parent, child, fk)) {
            report.warn(subject, fk.describe() + ": soft-deleting rows of " + parent.name() + " leaves the rows of "
                + child.name() + " that reference them live (the database's cascade never fires); add under "
                + parent.name()
                + ": cascade: [{table: " + child.name() + ", column: " + yamlList(fk.childColumns())
                + ", references: " + yamlList(fk.parentColumns()) + "}]");
        } else {
            report.ok(subject, fk.describe() + " is replaced by the cascade map");
        }
    }

    private static boolean coveredByCascade(TableConfig parent, TableConfig child, ForeignKey fk) {
        Set<String> fkColumns = lower(fk.childColumns());
        for (Cascade edge : parent.cascades()) {
            if (edge.table().equals(child.name()) && lower(edge.columns()).equals(fkColumns)) {
                return true;
            }
        }
        return false;
    }

    private static TableConfig configured(String container, String table, Map<TableConfig, DatabaseTable> found) {
        for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
            if (e.getValue().is(container, table)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(HashSet::new));
    }

    private static String yamlList(List<String> names) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toList());
        return lower.size() == 1 ? lower.get(0) : "[" + String.join(", ", lower) + "]";
    }
}
