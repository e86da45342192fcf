package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A batch runs its soft deletes' foreign-key checks after its last entry. A probe batched {@code DELETE FROM node
 * WHERE id = ?} with 1, then 2, where a link RESTRICTs node 1 and cascades from node 2: the hard batch fails at the
 * first entry; through the driver the second entry's cascade took the link away before the first entry's check ran,
 * and both nodes were soft-deleted. Such a batch is refused now (SD001), nothing of it run, whatever the order of its
 * parameters (the refusal reads the statements, not their values); the same deletes apart behave as the hard ones.
 */
@OnEachDatabase
class BatchRestrictIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_bl_link", "DROP TABLE IF EXISTS sdit_bl_node",
            "CREATE TABLE sdit_bl_node (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at "
                + database.timestampType() + " NULL)",
            "CREATE TABLE sdit_bl_link (id INT PRIMARY KEY, protects INT, owner INT, is_deleted BOOLEAN NOT NULL"
                + " DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL, FOREIGN KEY (protects)"
                + " REFERENCES sdit_bl_node (id) ON DELETE RESTRICT, FOREIGN KEY (owner) REFERENCES sdit_bl_node (id)"
                + " ON DELETE CASCADE)",
            "INSERT INTO sdit_bl_node (id) VALUES (1), (2)",
            "INSERT INTO sdit_bl_link (id, protects, owner) VALUES (10, 1, 2)");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_bl_node", "sdit_bl_link"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS sdit_bl_link", "DROP TABLE IF EXISTS sdit_bl_node");
        }
    }

    /**
     * The cascades and checks of a batch's soft delete read the delete event from the session after the batch's last
     * entry: a probe's later entry changed the time zone (with zone-aware timestamp columns the cascade then found
     * no children and the RESTRICT check no row), or set the event by a computed name in an UPDATE of a plain table.
     * Such an entry after a soft delete is refused, nothing of the batch run.
     */
    @Test
    void anEntryThatMayChangeTheSessionAfterASoftDeleteIsRefused() throws SQLException {
        String[] later = database == TestDatabase.POSTGRESQL
            ? new String[] {"SET TIME ZONE 'Pacific/Auckland'",
                "UPDATE sdit_bl_other SET v = set_config('soft' || 'delete.event_at', '2001-01-01', true)",
                // set_config spelled with a Unicode escape, in an entry that only inserts (a probe)
                "INSERT INTO sdit_bl_other (v) VALUES (U&\"set\\005fconfig\"('TimeZone', 'Pacific/Auckland', false))"}
            : new String[] {"SET time_zone = '+13:00'", "UPDATE sdit_bl_other SET v = (@x := 1)"};
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_bl_other", "CREATE TABLE sdit_bl_other (v VARCHAR(40))");
        try {
            for (String entry : later) {
                assertRefusedAfterTheSoftDeleteOfNode2(app, entry);
            }
            // an entry that only names a schema or table like the driver's (softdelete_*) is no such entry
            Sql.execute(raw, "DROP TABLE IF EXISTS softdelete_notes", "CREATE TABLE softdelete_notes (v INT)");
            try (Statement st = app.createStatement()) {
                st.addBatch("DELETE FROM sdit_bl_node WHERE id = 2");
                st.addBatch("INSERT INTO softdelete_notes (v) VALUES (1)");
                assertThat(st.executeBatch()).containsExactly(1, 1);
                Sql.execute(raw, "UPDATE sdit_bl_node SET is_deleted = FALSE, deleted_at = NULL",
                    "DROP TABLE softdelete_notes");
            }
            // before the soft delete, the entry is harmless: the event is set when the delete runs
            try (Statement st = app.createStatement()) {
                st.addBatch(later[0]);
                st.addBatch("DELETE FROM sdit_bl_node WHERE id = 2");
                assertThat(st.executeBatch()).containsExactly(0, 1);
            }
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_bl_other");
        }
    }

    /**
     * An entry after a soft delete with foreign-key checks can take away the row a check must still see without
     * naming its table: a probe deleted from a plain table whose {@code ON DELETE CASCADE} took the referencing row,
     * through a view of the referencing table, or (PostgreSQL) from a partition of it, which is such a plain table.
     * The hard batch fails at the soft delete; through the driver the check ran after them and found nothing. Only
     * soft deletes, plain INSERTs and UPDATEs of a configured table's non-key columns may follow a soft delete with
     * cascades or checks in a batch; anything else is refused, nothing of the batch run.
     */
    @Test
    void anEntryThatChangesRowsAfterASoftDeleteWithChecksIsRefusedHoweverItReachesThem() throws Exception {
        Sql.execute(raw, "DROP VIEW IF EXISTS sdit_bl_refview", "DROP TABLE IF EXISTS sdit_bl_plainref",
            "DROP TABLE IF EXISTS sdit_bl_plainparent", "CREATE TABLE sdit_bl_plainparent (id INT PRIMARY KEY)",
            "CREATE TABLE sdit_bl_plainref (id INT PRIMARY KEY, node_id INT REFERENCES sdit_bl_node (id), pp_id INT"
                + " REFERENCES sdit_bl_plainparent (id) ON DELETE CASCADE)",
            "CREATE VIEW sdit_bl_refview AS SELECT id, node_id FROM sdit_bl_plainref",
            "INSERT INTO sdit_bl_plainparent (id) VALUES (7), (8)",
            "INSERT INTO sdit_bl_plainref (id, node_id, pp_id) VALUES (1, 2, 7)");
        // a configuration of its own: its catalog, read at connect, holds the key from the plain table
        Path config = ConfigFile.write(Files.createDirectory(dir.resolve("plainref")), "sdit_bl_node", "sdit_bl_link");
        try (Connection app = ThroughDriver.connect(database.rawUrl(), config)) {
            for (String entry : List.of("DELETE FROM sdit_bl_plainparent WHERE id = 7",
                    "DELETE FROM sdit_bl_refview WHERE id = 1", "UPDATE sdit_bl_plainparent SET id = 9 WHERE id = 8")) {
                assertRefusedAfterTheSoftDeleteOfNode2(app, entry);
                assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_plainref")).containsExactly(1L);
            }
            // a plain INSERT adds rows and takes none away: it may follow; the check then fails as the hard one
            try (Statement st = app.createStatement()) {
                st.addBatch("DELETE FROM sdit_bl_node WHERE id = 2");
                st.addBatch("INSERT INTO sdit_bl_plainparent (id) VALUES (9)");
                assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).startsWith("23"));
            }
            assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_node WHERE is_deleted")).containsExactly(0L);
            Sql.execute(raw, "DELETE FROM sdit_bl_plainref");
            try (Statement st = app.createStatement()) {
                st.addBatch("DELETE FROM sdit_bl_node WHERE id = 2");
                st.addBatch("INSERT INTO sdit_bl_plainparent (id) VALUES (9)");
                assertThat(st.executeBatch()).containsExactly(1, 1);
            }
        } finally {
            Sql.execute(raw, "DROP VIEW IF EXISTS sdit_bl_refview", "DROP TABLE IF EXISTS sdit_bl_plainref",
                "DROP TABLE IF EXISTS sdit_bl_plainparent");
        }
    }

    /**
     * An UPDATE of a configured table's non-key column may follow a soft delete with checks, but not where a key into
     * that table acts on UPDATE: a probe updated {@code note}, from which the stored generated column {@code code} is
     * computed, and the key {@code ON UPDATE CASCADE} into {@code code} moved the link that RESTRICTs the deleted node
     * to another value; the check ran after it and found nothing, where the hard batch fails at the soft delete.
     */
    @Test
    void anUpdateOfATableWhoseKeysActOnUpdateIsRefusedAfterASoftDeleteWithChecks() throws Exception {
        String generated = database == TestDatabase.POSTGRESQL ? "GENERATED ALWAYS AS (note) STORED"
            : "AS (note) STORED";
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_bl_gref", "DROP TABLE IF EXISTS sdit_bl_gen",
            "CREATE TABLE sdit_bl_gen (id INT PRIMARY KEY, note INT, code INT " + generated + ", is_deleted BOOLEAN"
                + " NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL, UNIQUE (code))",
            "CREATE TABLE sdit_bl_gref (id INT PRIMARY KEY, node_id INT, FOREIGN KEY (node_id) REFERENCES"
                + " sdit_bl_node (id), FOREIGN KEY (node_id) REFERENCES sdit_bl_gen (code) ON UPDATE CASCADE)",
            "INSERT INTO sdit_bl_gen (id, note) VALUES (1, 2)", "INSERT INTO sdit_bl_node (id) VALUES (99)",
            "INSERT INTO sdit_bl_gref (id, node_id) VALUES (1, 2)");
        Path config = ConfigFile.write(Files.createDirectory(dir.resolve("generated")), "sdit_bl_node", "sdit_bl_link",
            "sdit_bl_gen");
        try (Connection app = ThroughDriver.connect(database.rawUrl(), config)) {
            assertRefusedAfterTheSoftDeleteOfNode2(app, "UPDATE sdit_bl_gen SET note = 99 WHERE id = 1");
            assertThat(Sql.longs(raw, "SELECT node_id FROM sdit_bl_gref")).containsExactly(2L);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_bl_gref", "DROP TABLE IF EXISTS sdit_bl_gen");
        }
    }

    /**
     * An entry that sees soft-deleted rows could undo the delete event by hand before its cascades and checks run: a
     * probe's {@code include-deleted} UPDATE set node 2 live again after its soft delete, and the cascade, which finds
     * the event's rows by their flag and timestamp after the batch, left link 10 live. Such an entry is refused after
     * a soft delete with steps, and so is a batch whose entries were added under different visibilities (the probe
     * added the UPDATE under include-deleted and ran the batch under active).
     */
    @Test
    void anEntryThatSeesSoftDeletedRowsAfterASoftDeleteWithStepsIsRefused() throws SQLException {
        String undo = "UPDATE sdit_bl_node SET is_deleted = FALSE, deleted_at = NULL WHERE id = 2";
        assertRefusedAfterTheSoftDeleteOfNode2(app, "/* softdelete:include-deleted */ " + undo);
        try (Statement st = app.createStatement()) {
            st.addBatch("DELETE FROM sdit_bl_node WHERE id = 2");
            app.setClientInfo("softdelete.visibility", "include-deleted");
            st.addBatch(undo);
            app.setClientInfo("softdelete.visibility", "active");
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_node WHERE is_deleted")).containsExactly(0L);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_link WHERE is_deleted")).containsExactly(0L);
    }

    /** A batch of the soft delete of node 2 and then {@code entry} is refused (SD001), nothing of it run. */
    private void assertRefusedAfterTheSoftDeleteOfNode2(Connection app, String entry) throws SQLException {
        try (Statement st = app.createStatement()) {
            st.addBatch("DELETE FROM sdit_bl_node WHERE id = 2");
            st.addBatch(entry);
            assertThatThrownBy(st::executeBatch).as(entry).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_node WHERE is_deleted")).containsExactly(0L);
    }

    @Test
    void aLaterEntrysCascadeThatWouldHideAnEarlierEntrysRestrictCheckIsRefused() throws SQLException {
        try (PreparedStatement ps = app.prepareStatement("DELETE FROM sdit_bl_node WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.addBatch();
            ps.setInt(1, 2);
            ps.addBatch();
            assertThatThrownBy(ps::executeBatch)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_node WHERE is_deleted")).containsExactly(0L);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_link WHERE is_deleted")).containsExactly(0L);

        // the refusal goes by the statement, not by its parameters: the other order is refused too (over-refusal)
        try (PreparedStatement ps = app.prepareStatement("DELETE FROM sdit_bl_node WHERE id = ?")) {
            ps.setInt(1, 2);
            ps.addBatch();
            ps.setInt(1, 1);
            ps.addBatch();
            assertThatThrownBy(ps::executeBatch)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        // apart, each behaves as the hard delete: node 1 is protected until node 2's cascade takes the link
        assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_bl_node WHERE id = 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("23"));
        assertThat(Sql.update(app, "DELETE FROM sdit_bl_node WHERE id = 2")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM sdit_bl_node WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_bl_node WHERE is_deleted")).containsExactly(2L);
    }
}
