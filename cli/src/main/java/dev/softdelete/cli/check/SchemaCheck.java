package dev.softdelete.cli.check;

import dev.softdelete.cli.migrate.Ddl;
import dev.softdelete.cli.migrate.TableIndexes;
import dev.softdelete.cli.migrate.UniqueKeyFixes;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
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
 * columns ({@link ColumnRules}), the cascade map's columns ({@link CascadeRules}), and, from the catalog as the
 * driver's {@link CatalogReader} reads it, the foreign keys and what the driver does with them
 * ({@link ForeignKeyRules}), partitions and {@code ON UPDATE} columns ({@link CatalogRules}), unique keys
 * ({@link UniqueKeyRules}) and the guards of foreign keys into configured tables ({@link GuardRules}); then the
 * views, triggers and routines the driver cannot rewrite ({@link DatabaseObjects}). It only reads metadata and
 * catalogs.
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
        Dialect dialect = product.dialect();
        Catalog catalog;
        try {
            catalog = CatalogReader.read(connection, dialect, config);
        } catch (SQLException e) {
            report.error("catalog", "cannot be read as the driver reads it (the driver would refuse to connect): "
                + e.getMessage());
            catalog = null;
        }
        if (catalog != null) {
            try {
                CatalogReader.refuseUnusable(connection, dialect, config, catalog);
            } catch (SQLException e) {
                report.error("configuration", "the driver refuses to connect with it: " + e.getMessage());
            }
            new ForeignKeyRules(config, catalog, report).check();
            new CatalogRules(catalog, report).check(config);
            if (product != Product.OTHER) {
                Ddl ddl = Ddl.of(dialect, connection);
                Map<TableConfig, String> tableSql = new LinkedHashMap<>();
                found.forEach((t, table) -> tableSql.put(t, ddl.table(table, resolver.currentContainer())));
                new UniqueKeyRules(catalog, new UniqueKeyFixes(connection, dialect, ddl, catalog,
                    new TableIndexes(connection, dialect)), report, dialect == Dialect.POSTGRESQL ? connection : null)
                    .check(found, tableSql);
            }
            new GuardRules(connection, dialect, report).check(config, catalog);
        }
        DatabaseObjects.forProduct(product).scan(connection, found, report);
        if (dialect.isMySqlFamily()) {
            isolationLevel(connection, report);
        }
        return report;
    }

    /**
     * MySQL/MariaDB: WARN when the server's default isolation level is READ COMMITTED or READ UNCOMMITTED, where
     * InnoDB reads an UPDATE (a soft delete) semi-consistently and a DELETE does not (see the README).
     */
    private static void isolationLevel(Connection connection, CheckReport report) throws SQLException {
        String level = null;
        for (String variable : new String[] {"@@GLOBAL.transaction_isolation", "@@GLOBAL.tx_isolation"}) {
            try (java.sql.Statement st = connection.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT " + variable)) {
                level = rs.next() ? rs.getString(1) : null;
                break;
            } catch (SQLException unknownVariable) {
                // MySQL 8 has only transaction_isolation, MariaDB before 11.1 only tx_isolation
            }
        }
        if (level == null) {
            return;
        }
        if (level.toUpperCase(Locale.ROOT).startsWith("READ-")) {
            report.warn("isolation level", "the server's default is " + level + ": there a soft delete (an UPDATE)"
                + " skips a row another open transaction is making match its WHERE, where a DELETE waits and deletes"
                + " it, unless the WHERE goes through an index other than the primary key; REPEATABLE-READ does not"
                + " differ");
        } else {
            report.ok("isolation level", "the server's default is " + level);
        }
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
