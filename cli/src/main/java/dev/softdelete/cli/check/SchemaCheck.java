package dev.softdelete.cli.check;

import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a database against {@code softdelete.yml} on a raw connection: every configured table and its soft-delete
 * columns ({@link ColumnRules}), the cascade map's columns ({@link CascadeRules}), {@code ON DELETE CASCADE} foreign
 * keys ({@link ForeignKeyRules}) and the views, triggers and routines the driver cannot rewrite
 * ({@link DatabaseObjects}). It only reads metadata and catalogs.
 */
public final class SchemaCheck {
    private final SoftDeleteConfig config;

    public SchemaCheck(SoftDeleteConfig config) {
        this.config = config;
    }

    /** Runs every check; the report holds the findings in order, table by table. */
    public CheckReport run(Connection connection) throws SQLException {
        CheckReport report = new CheckReport();
        DatabaseMetaData meta = connection.getMetaData();
        Product product = Product.of(meta);
        TableResolver resolver = new TableResolver(connection, product);
        ColumnRules columns = new ColumnRules(product, report);
        Map<TableConfig, DatabaseTable> found = new LinkedHashMap<>();
        for (TableConfig t : config.tables()) {
            DatabaseTable table = resolve(t, resolver, product, report);
            if (table != null) {
                found.put(t, table);
                columns.check(t, table);
            }
        }
        new CascadeRules(report).check(found);
        new ForeignKeyRules(meta, report).check(found);
        DatabaseObjects.forProduct(product).scan(connection, found, report);
        return report;
    }

    private static DatabaseTable resolve(TableConfig t, TableResolver resolver, Product product,
                                         CheckReport report) throws SQLException {
        String subject = t.name().toString();
        String where = (product.usesCatalogs() ? "database " : "schema ")
            + (t.name().schema() != null ? t.name().schema() : resolver.currentContainer());
        List<DatabaseTable> found = resolver.resolve(t.name());
        if (found.isEmpty()) {
            report.error(subject, "table not found in " + where);
            return null;
        }
        if (found.size() > 1) {
            List<String> names = new ArrayList<>();
            found.forEach(f -> names.add(f.toString()));
            report.error(subject, "not in " + where + ", and found in several others (" + String.join(", ", names)
                + "); qualify it in softdelete.yml");
            return null;
        }
        DatabaseTable table = found.get(0);
        String elsewhere = t.name().schema() == null && table.container() != null
            && !table.container().equalsIgnoreCase(resolver.currentContainer())
            ? " (not in the current " + where + "; the database's search path decides which table SQL reaches)" : "";
        if (table.type() != null && table.type().toUpperCase(Locale.ROOT).contains("VIEW")) {
            report.warn(subject, "found " + table + ", but it is a " + table.type().toLowerCase(Locale.ROOT)
                + "; soft delete needs a table the driver can UPDATE" + elsewhere);
        } else {
            report.ok(subject, "table " + table + elsewhere);
        }
        return table;
    }
}
