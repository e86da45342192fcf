package dev.softdelete.cli.check;

import dev.softdelete.config.TableConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Views, triggers and routines that involve configured tables. They run inside the database, where the driver cannot
 * rewrite them, so each is a warning naming the object. How to find them differs per product.
 */
abstract class DatabaseObjects {
    private final Set<String> reported = new LinkedHashSet<>();
    private CheckReport report;

    /** The scanner for {@code product}. */
    static DatabaseObjects forProduct(Product product) {
        switch (product) {
            case POSTGRESQL:
                return new PostgresObjects();
            case MYSQL:
                return new MySqlObjects();
            case H2:
                return new H2Objects();
            default:
                return new DatabaseObjects() {
                    @Override
                    void scan(Connection connection, Map<TableConfig, DatabaseTable> found) {
                        warn("database objects", "views, triggers and routines are not inspected on this database;"
                            + " check by hand that none reads or deletes from configured tables");
                    }
                };
        }
    }

    /** Reports every view, trigger and routine involving a configured table that exists. */
    final void scan(Connection connection, Map<TableConfig, DatabaseTable> found, CheckReport into)
            throws SQLException {
        this.report = into;
        scan(connection, found);
    }

    abstract void scan(Connection connection, Map<TableConfig, DatabaseTable> found) throws SQLException;

    final void view(String view, TableConfig table) {
        warn("view " + view, "reads configured table " + table.name() + "; a view's body is not rewritten, so it"
            + " also returns soft-deleted rows (and a DELETE through it removes rows physically)");
    }

    /**
     * Whether the object is one of the driver's own guards ({@code softdelete_guard...}, see {@code GuardTriggers}):
     * those are reported by their own rule, as installed or not, not as objects the driver cannot rewrite.
     */
    static boolean isGuard(String object) {
        return object.matches("(?s)(.*[.\\s\"`])?softdelete_guard([_\"`(\\s].*)?");
    }

    final void deleteTrigger(String trigger, TableConfig table) {
        warn("trigger " + trigger, "fires on DELETE from configured table " + table.name() + "; a DELETE through the"
            + " driver runs as an UPDATE, so it no longer fires");
    }

    final void updateTrigger(String trigger, TableConfig table) {
        if (isGuard(trigger)) {
            return;
        }
        warn("trigger " + trigger, "fires on UPDATE of configured table " + table.name() + "; it also fires when a"
            + " row is soft-deleted or restored");
    }

    /** A PostgreSQL rule on DELETE from ({@code onDelete}) or UPDATE of a configured table. */
    final void rule(String rule, boolean onDelete, TableConfig table) {
        warn("rule " + rule, onDelete ? "applies to DELETE from configured table " + table.name() + "; a DELETE"
            + " through the driver runs as an UPDATE, so it no longer applies (a DO INSTEAD NOTHING no longer keeps"
            + " rows)" : "applies to UPDATE of configured table " + table.name() + "; it also applies when a row is"
            + " soft-deleted or restored");
    }

    /** {@code kind} is {@code trigger}, {@code function}, {@code procedure}, ... */
    final void body(String kind, String object, TableConfig table) {
        if (isGuard(object)) {
            return;
        }
        warn(kind + " " + object, "mentions configured table " + table.name() + "; its body is not rewritten, so it"
            + " sees soft-deleted rows and a DELETE in it removes rows physically");
    }

    final void warn(String subject, String message) {
        if (reported.add(subject + "\n" + message)) {
            report.warn(subject, message);
        }
    }
}
