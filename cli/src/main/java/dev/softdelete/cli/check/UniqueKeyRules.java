package dev.softdelete.cli.check;

import dev.softdelete.cli.migrate.UniqueKeyFix;
import dev.softdelete.cli.migrate.UniqueKeyFixes;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * The unique keys of configured tables: OK when soft-delete-aware; WARN when they still hold the keys of
 * soft-deleted rows, so that inserting the key of a deleted row fails where it would succeed after a hard delete.
 * The warning gives the DDL {@code migrate} runs to fix it ({@link UniqueKeyFixes}), or why it cannot. WARN, not
 * ERROR: every other statement behaves as after a hard delete, and keeping a deleted row's key taken may be meant.
 * PostgreSQL's exclusion constraints, which are no unique keys, keep deleted rows in the same way unless their
 * condition leaves them out; {@code migrate} leaves them to the operator.
 */
final class UniqueKeyRules {
    private final Catalog catalog;
    private final UniqueKeyFixes fixes;
    private final CheckReport report;
    /** The connection, on PostgreSQL (for its exclusion constraints); else null. */
    private final Connection postgres;

    UniqueKeyRules(Catalog catalog, UniqueKeyFixes fixes, CheckReport report, Connection postgres) {
        this.catalog = catalog;
        this.fixes = fixes;
        this.report = report;
        this.postgres = postgres;
    }

    /** @param tableSql per configured table found, its name as DDL writes it */
    void check(Map<TableConfig, DatabaseTable> found, Map<TableConfig, String> tableSql) throws SQLException {
        for (Map.Entry<TableConfig, DatabaseTable> e : found.entrySet()) {
            TableConfig t = e.getKey();
            for (UniqueKey k : catalog.uniqueKeys(t.name())) {
                if (k.exclusion) {
                    continue; // reported below
                }
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
            if (postgres != null) {
                exclusionConstraints(t, e.getValue());
            }
        }
    }

    /** PostgreSQL: WARN for each exclusion constraint of {@code table} whose condition keeps deleted rows in it. */
    private void exclusionConstraints(TableConfig t, DatabaseTable table) throws SQLException {
        String sql = "SELECT con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con"
            + " JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE con.contype = 'x' AND c.relname = ? AND n.nspname = ? ORDER BY con.conname";
        String column = (t.flagColumn() != null ? t.flagColumn() : t.timestampColumn()).toLowerCase(Locale.ROOT);
        try (PreparedStatement ps = postgres.prepareStatement(sql)) {
            ps.setString(1, table.name());
            ps.setString(2, table.container());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String definition = rs.getString(2);
                    int where = definition.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ");
                    String subject = t.name() + " exclusion constraint " + rs.getString(1);
                    if (where >= 0 && definition.toLowerCase(Locale.ROOT).indexOf(column, where) >= 0) {
                        report.ok(subject, definition + " names " + column + " in its condition");
                    } else {
                        report.warn(subject, definition + " still holds soft-deleted rows: a row that conflicts"
                            + " only with a deleted one fails (23P01), where it succeeds after a hard delete; add the"
                            + " live condition (WHERE (" + (t.flagColumn() != null ? "NOT " + column : column
                            + " IS NULL") + ")) by hand; migrate leaves it as it is");
                    }
                }
            }
        }
    }
}
