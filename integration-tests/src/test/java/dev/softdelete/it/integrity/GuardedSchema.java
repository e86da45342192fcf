package dev.softdelete.it.integrity;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.jdbc.execute.CatalogReader;
import dev.softdelete.jdbc.integrity.GuardTriggers;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A parent and its children, twice: {@code <prefix>_*} soft-delete tables reached through the driver, with the
 * guard triggers of {@link GuardTriggers} installed, and {@code <prefix>h_*} twins where deletes are real.
 * {@code customers} (soft-delete) is referenced by {@code orders} (soft-delete, ON DELETE CASCADE, so the cascade
 * follows it), by {@code notes} (soft-delete, NO ACTION) and by {@code invoices} (plain, RESTRICT). Customers 1 to
 * 3 are live; customer 9 is soft-deleted on the soft side and absent on the hard side.
 */
final class GuardedSchema {
    static final List<String> TABLES = List.of("invoices", "notes", "orders", "customers");

    private final TestDatabase database;
    private final String prefix;

    GuardedSchema(TestDatabase database, String prefix) {
        this.database = database;
        this.prefix = prefix;
    }

    String soft(String table) {
        return prefix + "_" + table;
    }

    String hard(String table) {
        return prefix + "h_" + table;
    }

    /** Creates both sides, installs the guards on the soft one, and writes the configuration into {@code dir}. */
    Path create(Connection raw, Path dir) throws Exception {
        drop(raw);
        for (boolean softSide : new boolean[] {true, false}) {
            String p = prefix + (softSide ? "_" : "h_");
            String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType()
                + " NULL";
            Sql.execute(raw,
                "CREATE TABLE " + p + "customers (id INT PRIMARY KEY, name VARCHAR(20)" + flags + ")",
                "CREATE TABLE " + p + "orders (id INT PRIMARY KEY, customer_id INT REFERENCES " + p
                    + "customers (id) ON DELETE CASCADE" + flags + ")",
                "CREATE TABLE " + p + "notes (id INT PRIMARY KEY, customer_id INT REFERENCES " + p + "customers (id)"
                    + flags + ")",
                "CREATE TABLE " + p + "invoices (id INT PRIMARY KEY, customer_id INT REFERENCES " + p
                    + "customers (id) ON DELETE RESTRICT)",
                "INSERT INTO " + p + "customers (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                "INSERT INTO " + p + "orders (id, customer_id) VALUES (10, 1)");
        }
        Sql.execute(raw, "INSERT INTO " + soft("customers") + " (id, name, is_deleted, deleted_at) VALUES"
            + " (9, 'gone', TRUE, '2020-01-01 00:00:00')");
        Path config = ConfigFile.write(dir, soft("customers"), soft("orders"), soft("notes"));
        installGuards(raw, config);
        return config;
    }

    private void installGuards(Connection raw, Path config) throws Exception {
        SoftDeleteConfig loaded = ConfigLoader.load(config);
        Dialect dialect = database == TestDatabase.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.MARIADB;
        GuardTriggers guards = new GuardTriggers(loaded, CatalogReader.read(raw, dialect, loaded), dialect);
        for (String statement : guards.statements()) {
            Sql.execute(raw, statement);
        }
    }

    void drop(Connection raw) throws SQLException {
        for (String side : List.of("_", "h_")) {
            StringBuilder tables = new StringBuilder();
            for (String t : TABLES) {
                tables.append(tables.length() == 0 ? "" : ", ").append(prefix).append(side).append(t);
            }
            Sql.execute(raw, "DROP TABLE IF EXISTS " + tables);
        }
    }
}
