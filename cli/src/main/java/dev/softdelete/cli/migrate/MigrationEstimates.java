package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.DatabaseTable;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the steps of a plan cost the tables they work on, for tables of at least a given number of rows (as the
 * database's statistics estimate them): the table's size and what the step does to it while it runs. These lines
 * go into the script as comments and are printed before a step is applied.
 */
public final class MigrationEstimates {
    /** Tables from this many rows on get an estimate, unless {@code --estimate-rows} says otherwise. */
    public static final long DEFAULT_ROWS = 100_000;

    private MigrationEstimates() {
    }

    /** Per step that works on a table of at least {@code minimumRows} rows, its estimate lines. */
    public static Map<MigrationStep, List<String>> of(Connection connection, Dialect dialect, MigrationPlan plan,
                                                      long minimumRows) throws SQLException {
        Map<String, TableSize> sizes = new HashMap<>();
        Map<MigrationStep, List<String>> result = new LinkedHashMap<>();
        for (MigrationStep step : plan.steps) {
            DatabaseTable table = step.table;
            if (table == null) {
                continue;
            }
            TableSize size = sizes.get(table.toString());
            if (size == null) {
                size = TableSize.of(connection, dialect, table);
                sizes.put(table.toString(), size);
            }
            if (size.rows >= minimumRows) {
                result.put(step, List.of("estimate: " + table.name() + " holds " + size.describe() + "; "
                    + effect(step.cost)));
            }
        }
        return result;
    }

    private static String effect(MigrationStep.Cost cost) {
        switch (cost) {
            case CATALOG:
                return "this changes only the catalog, not the rows (it still waits for the table's lock)";
            case SCAN:
                return "this reads every row (to build an index or verify a constraint), and writes to the table"
                    + " wait until it is done";
            default:
                return "this writes every row again (the table is copied), and the table is locked meanwhile";
        }
    }
}
