package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A cascading DELETE joins the caller's transaction (rollback undoes it with its cascades, commit keeps them, the
 * caller's own savepoints keep working) and, in autocommit mode, commits on its own and leaves autocommit on.
 *
 * <p>Fixture ({@link Hierarchy}): parents 1-4, two children and one note each, two grandchildren per child; parent 4
 * and its subtree deleted earlier.
 */
@OnEachDatabase
class CascadeTransactionIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private String url;
    private Connection raw;
    private Connection app;
    private Hierarchy h;

    @BeforeEach
    void setUp() throws Exception {
        url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        h = new Hierarchy(database, "sdit_cascx").create(raw).fill(raw, 4, 2, 2, 1)
            .markSubtreeDeleted(raw, 4, Hierarchy.EARLIER);
        app = ThroughDriver.connect(url, ConfigFile.writeRaw(dir, h.yaml()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            if (!a.getAutoCommit()) {
                a.rollback();
            }
        }
    }

    @Test
    void rollbackOfTheCallersTransactionUndoesTheDeleteAndItsCascades() throws Exception {
        var snapshot = h.snapshot(raw);
        var before = h.marks(raw);
        app.setAutoCommit(false);

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id IN (1, 2)")).isEqualTo(2);

        assertThat(app.getAutoCommit()).as("still in the caller's transaction").isFalse();
        h.assertOneEvent(before, h.marks(VendorSession.of(app, database)), Set.of(1L, 2L));
        assertThat(h.snapshot(raw)).as("nothing committed yet, as seen from another connection").isEqualTo(snapshot);
        assertThat(Sql.longs(app, "SELECT id FROM " + h.grandchildren + " ORDER BY id"))
            .as("inside the transaction the cascaded rows are gone").containsExactly(311L, 312L, 321L, 322L);

        app.rollback();

        assertThat(h.snapshot(raw)).isEqualTo(snapshot);
        assertThat(h.snapshot(VendorSession.of(app, database))).isEqualTo(snapshot);
        assertThat(Sql.longs(app, "SELECT COUNT(*) FROM " + h.grandchildren)).containsExactly(12L);
    }

    @Test
    void commitOfTheCallersTransactionKeepsTheDeleteAndItsCascades() throws Exception {
        var snapshot = h.snapshot(raw);
        var before = h.marks(raw);
        app.setAutoCommit(false);

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 3")).isEqualTo(1);
        assertThat(h.snapshot(raw)).as("not committed before the caller commits").isEqualTo(snapshot);

        app.commit();

        h.assertOneEvent(before, h.marks(raw), Set.of(3L));
        assertThat(app.getAutoCommit()).isFalse();
    }

    @Test
    void inAutocommitModeTheGroupCommitsAndAutocommitStaysOn() throws Exception {
        var before = h.marks(raw);
        assertThat(app.getAutoCommit()).isTrue();

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id IN (1, 3)")).isEqualTo(2);

        assertThat(app.getAutoCommit()).as("autocommit restored").isTrue();
        try (Connection other = DriverManager.getConnection(url)) {
            h.assertOneEvent(before, h.marks(other), Set.of(1L, 3L));
        }
        // The next statement commits on its own too: autocommit is really back on, not only reported.
        Sql.update(app, "INSERT INTO " + h.notes + " (id, parent_id, body) VALUES (999, 2, 'after')");
        try (Connection other = DriverManager.getConnection(url)) {
            assertThat(Sql.longs(other, "SELECT id FROM " + h.notes + " WHERE id = 999")).containsExactly(999L);
        }
    }

    @Test
    void theCallersOwnSavepointsStillWork() throws Exception {
        var before = h.marks(raw);
        app.setAutoCommit(false);
        Sql.update(app, "INSERT INTO " + h.notes + " (id, parent_id, body) VALUES (999, 2, 'kept')");
        Savepoint mine = app.setSavepoint();

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
        app.rollback(mine);
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 3")).isEqualTo(1);
        app.commit();

        var after = h.marks(raw);
        assertThat(after.get(h.notes).remove(999L)).as("the insert before the savepoint is committed").isNotNull();
        h.assertOneEvent(before, after, Set.of(3L));
        assertThat(Sql.longs(raw, "SELECT parent_id FROM " + h.notes + " WHERE id = 999")).containsExactly(2L);
    }

    @Test
    void twoCascadingDeletesInOneTransactionRollBackTogether() throws Exception {
        Map<String, List<String>> snapshot = h.snapshot(raw);
        app.setAutoCommit(false);

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM " + h.children + " WHERE parent_id = 2")).isEqualTo(2);
        app.rollback();

        assertThat(h.snapshot(raw)).isEqualTo(snapshot);
    }

    /**
     * A transaction the application begins in SQL, with JDBC auto-commit still on: the vendor's driver reports
     * auto-commit, but the transaction is the application's. The group commited it before the application's
     * ROLLBACK (the insert before the DELETE, and the DELETE, stayed); it now joins it, as the hard delete does.
     */
    @Test
    void aTransactionBegunInSqlIsTheCallersThoughAutocommitIsOn() throws Exception {
        Map<String, List<String>> snapshot = h.snapshot(raw);
        Sql.execute(app, "START TRANSACTION",
            "INSERT INTO " + h.notes + " (id, parent_id, body) VALUES (999, 2, 'in the transaction')");

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        assertThat(h.snapshot(raw)).as("nothing committed yet, as seen from another connection").isEqualTo(snapshot);
        Sql.execute(app, "ROLLBACK");

        assertThat(app.getAutoCommit()).isTrue();
        assertThat(h.snapshot(raw)).isEqualTo(snapshot);

        var before = h.marks(raw);
        Sql.execute(app, "START TRANSACTION");
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 3")).isEqualTo(1);
        Sql.execute(app, "COMMIT");
        h.assertOneEvent(before, h.marks(raw), Set.of(3L));
    }
}
