package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A soft delete does to referencing rows what the database's foreign keys do to a hard delete, compared with the
 * same statements on twin tables where deletes are real. The soft tables ({@code sdit_fk_*}) and the hard twins
 * ({@code sdit_fkh_*}) have the same foreign keys; only the customers, orders and notes of the soft side are
 * soft-delete tables, and the configuration has no {@code cascade:} entry at all:
 * <ul>
 * <li>orders reference customers ON DELETE CASCADE: followed as a cascade;</li>
 * <li>notes (soft-delete) and invoices (plain) reference customers with RESTRICT / NO ACTION: a delete of a
 * customer they reference fails with the database's error;</li>
 * <li>tickets (plain) reference customers ON DELETE SET NULL: the reference is cleared.</li>
 * </ul>
 */
@OnEachDatabase
class ForeignKeyActionsIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        drop();
        for (String side : List.of("sdit_fk_", "sdit_fkh_")) {
            String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType()
                + " NULL";
            Sql.execute(raw,
                "CREATE TABLE " + side + "customers (id INT PRIMARY KEY, name VARCHAR(20)" + flags + ")",
                "CREATE TABLE " + side + "orders (id INT PRIMARY KEY, customer_id INT REFERENCES " + side
                    + "customers (id) ON DELETE CASCADE" + flags + ")",
                "CREATE TABLE " + side + "notes (id INT PRIMARY KEY, customer_id INT REFERENCES " + side
                    + "customers (id)" + flags + ")",
                "CREATE TABLE " + side + "invoices (id INT PRIMARY KEY, customer_id INT REFERENCES " + side
                    + "customers (id) ON DELETE RESTRICT)",
                "CREATE TABLE " + side + "tickets (id INT PRIMARY KEY, customer_id INT REFERENCES " + side
                    + "customers (id) ON DELETE SET NULL)",
                "INSERT INTO " + side + "customers (id, name) VALUES (1, 'free'), (2, 'noted'), (3, 'invoiced'),"
                    + " (4, 'ticketed')",
                "INSERT INTO " + side + "orders (id, customer_id) VALUES (10, 1), (11, 1), (12, 2)",
                "INSERT INTO " + side + "notes (id, customer_id) VALUES (20, 2)",
                "INSERT INTO " + side + "invoices (id, customer_id) VALUES (30, 3)",
                "INSERT INTO " + side + "tickets (id, customer_id) VALUES (40, 4), (41, 4)");
        }
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_fk_customers", "sdit_fk_orders",
            "sdit_fk_notes"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app) {
            drop();
        } finally {
            raw.close();
        }
    }

    private void drop() throws SQLException {
        for (String side : List.of("sdit_fk_", "sdit_fkh_")) {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + side + "tickets, " + side + "invoices, " + side + "notes, "
                + side + "orders, " + side + "customers");
        }
    }

    @Test
    void anOnDeleteCascadeKeyIsFollowedWithoutACascadeEntry() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_fk_customers WHERE id = 1"))
            .isEqualTo(Sql.update(raw, "DELETE FROM sdit_fkh_customers WHERE id = 1"));

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_fk_orders WHERE is_deleted ORDER BY id"))
            .containsExactly(10L, 11L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_fk_orders ORDER BY id"))
            .isEqualTo(Sql.longs(raw, "SELECT id FROM sdit_fkh_orders ORDER BY id"));
    }

    @Test
    void aRestrictKeyFailsTheDeleteWithTheDatabasesError() throws SQLException {
        SQLException hard = failure(raw, "DELETE FROM sdit_fkh_customers WHERE id = 3");
        SQLException soft = failure(app, "DELETE FROM sdit_fk_customers WHERE id = 3");

        assertThat(soft.getSQLState()).isEqualTo(hard.getSQLState());
        assertThat(soft.getErrorCode()).isEqualTo(hard.getErrorCode());
        assertThat(soft.getMessage()).contains("sdit_fk_invoices");
        // of the class kind the vendor's is: Hibernate classified the subclass on PostgreSQL as ConstraintKind.OTHER
        assertThat(soft instanceof SQLIntegrityConstraintViolationException).as(soft.getClass().getName())
            .isEqualTo(hard instanceof SQLIntegrityConstraintViolationException);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_fk_customers WHERE is_deleted")).containsExactly(0L);
    }

    @Test
    void aNoActionKeyFromASoftDeleteTableFailsWhileItsRowIsLive() throws SQLException {
        SQLException hard = failure(raw, "DELETE FROM sdit_fkh_customers WHERE id = 2");
        SQLException soft = failure(app, "DELETE FROM sdit_fk_customers WHERE id = 2");

        assertThat(soft.getSQLState()).isEqualTo(hard.getSQLState());
        assertThat(soft.getErrorCode()).isEqualTo(hard.getErrorCode());
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_fk_orders WHERE is_deleted")).as("nothing changed")
            .containsExactly(0L);

        Sql.update(raw, "DELETE FROM sdit_fkh_notes WHERE id = 20");
        Sql.update(app, "DELETE FROM sdit_fk_notes WHERE id = 20");
        assertThat(Sql.update(app, "DELETE FROM sdit_fk_customers WHERE id = 2"))
            .isEqualTo(Sql.update(raw, "DELETE FROM sdit_fkh_customers WHERE id = 2")).isEqualTo(1);
    }

    @Test
    void aSetNullKeyClearsTheReference() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_fk_customers WHERE id = 4"))
            .isEqualTo(Sql.update(raw, "DELETE FROM sdit_fkh_customers WHERE id = 4"));

        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_fk_tickets WHERE customer_id IS NULL"))
            .isEqualTo(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_fkh_tickets WHERE customer_id IS NULL"))
            .containsExactly(2L);
    }

    /**
     * Inside the application's transaction a DELETE that a RESTRICT key refuses leaves the transaction as the hard
     * delete leaves it: usable on MariaDB (the earlier delete is committed), aborted on PostgreSQL (the next statement
     * fails with 25P02, and COMMIT rolls the earlier delete back).
     */
    @Test
    void insideTheApplicationsTransactionAFailedDeleteLeavesTheTransactionAsTheHardDeleteDoes() throws SQLException {
        app.setAutoCommit(false);
        raw.setAutoCommit(false);
        try {
            Sql.update(app, "DELETE FROM sdit_fk_customers WHERE id = 1");
            Sql.update(raw, "DELETE FROM sdit_fkh_customers WHERE id = 1");
            assertThat(failure(app, "DELETE FROM sdit_fk_customers WHERE id = 3").getSQLState())
                .isEqualTo(failure(raw, "DELETE FROM sdit_fkh_customers WHERE id = 3").getSQLState());
            String next = "SELECT COUNT(*) FROM ";
            assertThat(outcome(app, next + "sdit_fk_invoices")).as("the next statement of the transaction")
                .isEqualTo(outcome(raw, next + "sdit_fkh_invoices"))
                .isEqualTo(database == TestDatabase.POSTGRESQL ? "25P02" : "[1]");
            app.commit();
            raw.commit();
        } finally {
            app.setAutoCommit(true);
            raw.setAutoCommit(true);
        }
        assertThat(Sql.longs(app, "SELECT id FROM sdit_fk_customers ORDER BY id"))
            .isEqualTo(Sql.longs(raw, "SELECT id FROM sdit_fkh_customers ORDER BY id"))
            .startsWith(database == TestDatabase.POSTGRESQL ? 1L : 2L);
    }

    /**
     * A batch of soft deletes with foreign-key checks runs as one group: when an entry fails, the whole batch is
     * undone, and executeBatch says so with a BatchUpdateException whose counts all failed, carrying the key's error.
     * (A hard batch on MySQL/MariaDB keeps the entries before the failure; README.)
     */
    @Test
    void aBatchThatAKeyFailsIsUndoneAsAWholeAndSaysSo() throws SQLException {
        try (PreparedStatement delete = app.prepareStatement("DELETE FROM sdit_fk_customers WHERE id = ?")) {
            for (int id : new int[] {1, 3}) {
                delete.setInt(1, id);
                delete.addBatch();
            }
            assertThatThrownBy(delete::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo(failure(raw, "DELETE FROM sdit_fkh_customers WHERE id = 3")
                    .getSQLState());
                assertThat(e.getUpdateCounts()).containsOnly(Statement.EXECUTE_FAILED);
            });
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_fk_customers WHERE is_deleted")).isEmpty();
    }

    /** The first column of {@code query}'s rows, or the SQLState it fails with. */
    private static String outcome(Connection c, String query) {
        try {
            return String.valueOf(Sql.longs(c, query));
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static SQLException failure(Connection c, String sql) {
        try {
            Sql.update(c, sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected " + sql + " to fail");
    }
}
