package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Writing a child that references a soft-deleted parent fails as the foreign key fails for a parent that is gone:
 * every statement runs through the driver on the soft tables (customer 9 soft-deleted, guard triggers installed)
 * and raw on the hard twins (customer 9 absent), and both must end alike: the same update counts and rows, or the
 * same SQLState and vendor code.
 */
@OnEachDatabase
class ChildWriteIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private GuardedSchema schema;
    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        schema = new GuardedSchema(database, "sdit_cw");
        raw = DriverManager.getConnection(database.rawUrl());
        app = ThroughDriver.connect(database.rawUrl(), schema.create(raw, dir));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app) {
            schema.drop(raw);
        } finally {
            raw.close();
        }
    }

    @Test
    void insertsOfEveryFormFailLikeTheForeignKey() throws SQLException {
        sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (20, 9)");
        sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (21, 1), (22, 9)");
        sameOutcome("INSERT INTO %orders (id, customer_id) SELECT 23, 9 FROM %orders WHERE id = 10");
        sameOutcome("INSERT INTO %notes (id, customer_id) VALUES (30, 9)");
        sameOutcome("INSERT INTO %invoices (id, customer_id) VALUES (40, 9)");
        sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (24, 2)");
        sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (25, NULL)");
        assertThat(rows("orders")).isEqualTo(hardRows("orders"));
    }

    @Test
    void updatesThatPointAtADeletedParentFailLikeTheForeignKey() throws SQLException {
        sameOutcome("UPDATE %orders SET customer_id = 9 WHERE id = 10");
        sameOutcome("UPDATE %orders SET customer_id = 2 WHERE id = 10");
        sameOutcome("UPDATE %orders SET customer_id = customer_id WHERE id = 10");
        assertThat(rows("orders")).isEqualTo(hardRows("orders"));
    }

    @Test
    void aBatchFailsWhereTheForeignKeyFails() throws SQLException {
        int[] soft = batch(app, schema.soft(""));
        int[] hard = batch(raw, schema.hard(""));
        assertThat(soft).isEqualTo(hard);
        assertThat(rows("orders")).isEqualTo(hardRows("orders"));
    }

    @Test
    void aRowWrittenAlreadyDeletedMayReferenceADeletedParent() throws SQLException {
        assertThat(Sql.update(app, "INSERT INTO " + schema.soft("orders")
            + " (id, customer_id, is_deleted) VALUES (26, 9, TRUE)")).isEqualTo(1);
    }

    /**
     * Load scripts disable user triggers to skip their own (PostgreSQL's {@code DISABLE TRIGGER USER} keeps the
     * foreign keys, which are system triggers). Through the driver that took the guard with them, and a probe then
     * wrote a child under a soft-deleted parent, where the hard table's key refuses it. DDL that drops or disables a
     * guard is refused (SD002), and the guard still holds after it.
     */
    @Test
    void ddlThatTakesAGuardAwayIsRefused() throws SQLException {
        String guard = Sql.single(raw, database == TestDatabase.POSTGRESQL
            ? "SELECT tgname FROM pg_trigger WHERE tgrelid = '" + schema.soft("invoices") + "'::regclass"
                + " AND tgname LIKE 'softdelete_guard%'"
            : "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()"
                + " AND event_object_table = '" + schema.soft("invoices") + "' AND trigger_name LIKE"
                + " 'softdelete\\_guard%' ORDER BY trigger_name LIMIT 1");
        List<String> ddl = new ArrayList<>(List.of(database == TestDatabase.POSTGRESQL
            ? "DROP TRIGGER " + guard + " ON " + schema.soft("invoices") : "DROP TRIGGER " + guard));
        if (database == TestDatabase.POSTGRESQL) {
            ddl.add("ALTER TABLE " + schema.soft("invoices") + " DISABLE TRIGGER USER");
            ddl.add("ALTER TABLE " + schema.soft("invoices") + " DISABLE TRIGGER " + guard);
        }
        for (String sql : ddl) {
            assertThatThrownBy(() -> Sql.execute(app, sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("guards stand for the foreign keys");
        }
        sameOutcome("INSERT INTO %invoices (id, customer_id) VALUES (41, 9)");
    }

    @Test
    void theGuardHoldsForWritersAroundTheDriverToo() {
        SQLException e = failure(raw, "INSERT INTO " + schema.soft("orders") + " (id, customer_id) VALUES (27, 9)");
        assertThat(e.getSQLState()).isEqualTo(database == TestDatabase.POSTGRESQL ? "23503" : "23000");
    }

    /**
     * The guard runs after the row is written, as the foreign key's check: a duplicate key fails first, as on the hard
     * table (a BEFORE guard reported the foreign key), and a key the application's own BEFORE trigger fills in is
     * checked as stored (a probe's trigger, named after the guard on PostgreSQL and created after it on MariaDB, let
     * a row reference a deleted parent).
     */
    @Test
    void theGuardChecksTheRowAsWrittenAfterTheApplicationsTriggers() throws SQLException {
        sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (10, 9)");
        boolean pg = database == TestDatabase.POSTGRESQL;
        String function = schema.soft("fill_customer");
        try {
            if (pg) {
                Sql.execute(raw, "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.customer_id = 0 THEN NEW.customer_id := 9; END IF; RETURN NEW; END $$");
            }
            for (String table : new String[] {schema.soft("orders"), schema.hard("orders")}) {
                Sql.execute(raw, pg ? "CREATE TRIGGER tr_fill BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE"
                    + " FUNCTION " + function + "()" : "CREATE TRIGGER " + table + "_fill BEFORE INSERT ON " + table
                    + " FOR EACH ROW SET NEW.customer_id = IF(NEW.customer_id = 0, 9, NEW.customer_id)");
            }
            sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (28, 0)");
            sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (29, 1)");
            assertThat(rows("orders")).isEqualTo(hardRows("orders"));
        } finally {
            if (pg) {
                Sql.execute(raw, "DROP FUNCTION IF EXISTS " + function + "() CASCADE");
            }
        }
    }

    /**
     * PostgreSQL: the guard runs as its owner, as the key's own check runs as the table's: a writer of the child that
     * may only read the parent writes as on the hard tables (a probe's writer without UPDATE on the parent got 42501
     * on every write, under live parents too). MariaDB's triggers run as their definer already.
     */
    @Test
    void aWriterWithoutPrivilegesOnTheParentWritesAsOnTheHardTables() throws SQLException {
        if (database != TestDatabase.POSTGRESQL) {
            return;
        }
        String role = "sdit_cw_writer";
        Sql.execute(raw, "DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "GRANT USAGE ON SCHEMA public TO " + role,
            "GRANT SELECT, INSERT, UPDATE ON " + schema.soft("orders") + ", " + schema.hard("orders") + " TO " + role,
            "GRANT SELECT ON " + schema.soft("customers") + ", " + schema.hard("customers") + " TO " + role);
        try {
            Sql.execute(app, "SET ROLE " + role);
            Sql.execute(raw, "SET ROLE " + role);
            sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (61, 1)");
            sameOutcome("UPDATE %orders SET customer_id = 2 WHERE id = 61");
            sameOutcome("INSERT INTO %orders (id, customer_id) VALUES (62, 9)");
        } finally {
            Sql.execute(app, "RESET ROLE");
            Sql.execute(raw, "RESET ROLE");
            Sql.execute(raw, "REVOKE ALL ON " + schema.soft("orders") + ", " + schema.hard("orders") + ", "
                + schema.soft("customers") + ", " + schema.hard("customers") + " FROM " + role,
                "REVOKE USAGE ON SCHEMA public FROM " + role, "DROP ROLE " + role);
        }
        assertThat(rows("orders")).isEqualTo(hardRows("orders"));
    }

    /** Runs {@code template} ({@code %} before each table name) on both sides and compares how it ends. */
    private void sameOutcome(String template) throws SQLException {
        String soft = template.replace("%", schema.soft(""));
        String hard = template.replace("%", schema.hard(""));
        SQLException softError = null;
        SQLException hardError = null;
        int softCount = -1;
        int hardCount = -1;
        try {
            softCount = Sql.update(app, soft);
        } catch (SQLException e) {
            softError = e;
        }
        try {
            hardCount = Sql.update(raw, hard);
        } catch (SQLException e) {
            hardError = e;
        }
        if (hardError == null) {
            assertThat((Object) softError).as("%s through the driver", soft).isNull();
            assertThat(softCount).as("update count of %s", soft).isEqualTo(hardCount);
        } else {
            assertThat((Object) softError).as("%s through the driver must fail as %s does: %s", soft, hard,
                hardError.getMessage()).isNotNull();
            assertThat(softError.getSQLState()).as(softError.getMessage()).isEqualTo(hardError.getSQLState());
            assertThat(softError.getErrorCode()).isEqualTo(hardError.getErrorCode());
        }
    }

    private static int[] batch(Connection c, String prefix) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.addBatch("INSERT INTO " + prefix + "orders (id, customer_id) VALUES (50, 1)");
            st.addBatch("INSERT INTO " + prefix + "orders (id, customer_id) VALUES (51, 9)");
            st.addBatch("INSERT INTO " + prefix + "orders (id, customer_id) VALUES (52, 2)");
            return st.executeBatch();
        } catch (BatchUpdateException e) {
            int[] counts = Arrays.copyOf(e.getUpdateCounts(), e.getUpdateCounts().length + 1);
            counts[counts.length - 1] = -99; // marks the failure
            return counts;
        }
    }

    private List<Long> rows(String table) throws SQLException {
        return Sql.longs(app, "SELECT id FROM " + schema.soft(table) + " ORDER BY id");
    }

    private List<Long> hardRows(String table) throws SQLException {
        return Sql.longs(raw, "SELECT id FROM " + schema.hard(table) + " ORDER BY id");
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
