package dev.softdelete.cli.check;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.TableConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every {@code cascade:} entry names columns that exist: {@code column} in the child, {@code references} in the parent. */
final class CascadeRules {
    private final CheckReport report;

    CascadeRules(CheckReport report) {
        this.report = report;
    }

    /** @param found the configured tables that exist in the database */
    void check(Map<TableConfig, DatabaseTable> found) {
        for (Map.Entry<TableConfig, DatabaseTable> parent : found.entrySet()) {
            for (Cascade edge : parent.getKey().cascades()) {
                DatabaseTable child = childTable(edge, found);
                String subject = parent.getKey().name() + " cascade " + edge.table();
                if (child == null) {
                    continue; // the child's own "table not found" finding says it
                }
                List<String> missing = new ArrayList<>();
                for (String column : edge.columns()) {
                    if (child.column(column) == null) {
                        missing.add(child + "." + column);
                    }
                }
                for (String column : edge.references()) {
                    if (parent.getValue().column(column) == null) {
                        missing.add(parent.getValue() + "." + column);
                    }
                }
                String pairs = edge.table() + "(" + String.join(", ", edge.columns()) + ") references "
                    + parent.getKey().name() + "(" + String.join(", ", edge.references()) + ")";
                if (missing.isEmpty()) {
                    report.ok(subject, pairs);
                } else {
                    report.error(subject, pairs + ": no such column " + String.join(", ", missing));
                }
            }
        }
    }

    private static DatabaseTable childTable(Cascade edge, Map<TableConfig, DatabaseTable> found) {
        for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
            if (e.getKey().name().equals(edge.table())) {
                return e.getValue();
            }
        }
        return null;
    }
}
