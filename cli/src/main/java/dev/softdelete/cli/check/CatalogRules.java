package dev.softdelete.cli.check;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What else the driver reads from the catalog and handles, each an OK line: partitions and inheriting tables of
 * configured tables (PostgreSQL), configured with the settings of the table they descend from; columns declared
 * {@code ON UPDATE CURRENT_TIMESTAMP} (MySQL/MariaDB), which soft deletes and restores leave as they were.
 */
final class CatalogRules {
    private final Catalog catalog;
    private final CheckReport report;

    CatalogRules(Catalog catalog, CheckReport report) {
        this.catalog = catalog;
        this.report = report;
    }

    void check(SoftDeleteConfig config) {
        Map<TableName, TableName> sorted = new TreeMap<>(Comparator.comparing(TableName::normalized));
        sorted.putAll(catalog.descendants());
        for (Map.Entry<TableName, TableName> d : sorted.entrySet()) {
            report.ok(d.getKey().toString(), "partition or inheriting table of " + d.getValue() + ": configured"
                + " with its settings (the driver reads it from the catalog)");
        }
        for (TableConfig t : config.tables()) {
            for (String column : catalog.autoUpdatedColumns(t.name())) {
                report.ok(t.name() + "." + column, "ON UPDATE CURRENT_TIMESTAMP: soft deletes and restores keep it"
                    + " as it was");
            }
        }
    }
}
