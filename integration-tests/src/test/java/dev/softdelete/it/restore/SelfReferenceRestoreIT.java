package dev.softdelete.it.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.Guards;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * UNDELETE on a self-referencing table with the guard triggers installed. A row that references itself comes back on
 * both databases. A subtree named whole comes back on PostgreSQL, whose guard sees the statement's rows at its end;
 * on MariaDB the guard checks each row as the one UPDATE writes it, in key order, and failed a child whose parent was
 * named too with 23000 (a probe): there the driver refuses it (SD002), saying to restore the parent first.
 */
@OnEachDatabase
class SelfReferenceRestoreIT {
    private static final String T = "sdit_tree";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP TABLE IF EXISTS " + T,
            "CREATE TABLE " + T + " (id INT PRIMARY KEY, parent_id INT REFERENCES " + T + " (id),"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL)",
            // 9 references itself; 5 is a child of 9; 1 is a root of its own with child 2
            "INSERT INTO " + T + " (id, parent_id) VALUES (9, NULL), (1, NULL)",
            "UPDATE " + T + " SET parent_id = 9 WHERE id = 9",
            "INSERT INTO " + T + " (id, parent_id) VALUES (5, 9), (2, 1)");
        Path config = ConfigFile.writeRaw(dir, "version: 1\ntables:\n  " + T + ":\n    cascade:\n"
            + "      - { table: " + T + ", column: parent_id }\n");
        Guards.install(raw, database.rawUrl(), config);
        app = ThroughDriver.connect(database.rawUrl(), config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS " + T);
        }
    }

    @Test
    void aRowThatReferencesItselfComesBack() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM " + T + " WHERE id = 5")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM " + T + " WHERE id = 9")).isEqualTo(1);

        assertThat(Sql.update(app, "UNDELETE FROM " + T + " WHERE id = 9")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT id FROM " + T + " ORDER BY id")).containsExactly(1L, 2L, 9L);
    }

    /**
     * A chain deeper than any fixed number of levels, deleted by one DELETE, comes back whole (a probe: UNDELETE
     * followed the cycle 8 levels deep and left the rest deleted without an error).
     */
    @Test
    void aDeepChainDeletedInOneEventComesBackWhole() throws SQLException {
        for (int id = 100; id < 130; id++) {
            Sql.execute(raw, "INSERT INTO " + T + " (id, parent_id) VALUES (" + id + ", " + (id == 100 ? "NULL"
                : String.valueOf(id - 1)) + ")");
        }
        assertThat(Sql.update(app, "DELETE FROM " + T + " WHERE id = 100")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM " + T + " WHERE id >= 100 AND is_deleted")).containsExactly(30L);

        assertThat(Sql.update(app, "UNDELETE FROM " + T + " WHERE id = 100")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM " + T + " WHERE id >= 100 AND is_deleted")).containsExactly(0L);
    }

    @Test
    void aSubtreeNamedWholeComesBackWhereTheGuardAllowsIt() throws SQLException {
        // two events: the child first, then its root
        assertThat(Sql.update(app, "DELETE FROM " + T + " WHERE id = 2")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM " + T + " WHERE id = 1")).isEqualTo(1);

        if (database == TestDatabase.POSTGRESQL) {
            assertThat(Sql.update(app, "UNDELETE FROM " + T + " WHERE id IN (1, 2)")).isEqualTo(2);
            assertThat(Sql.longs(app, "SELECT id FROM " + T + " ORDER BY id")).containsExactly(1L, 2L, 5L, 9L);
        } else {
            assertThatThrownBy(() -> Sql.update(app, "UNDELETE FROM " + T + " WHERE id IN (1, 2)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("restore the parent first");
            assertThat(Sql.update(app, "UNDELETE FROM " + T + " WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.update(app, "UNDELETE FROM " + T + " WHERE id = 2")).isEqualTo(1);
            assertThat(Sql.longs(app, "SELECT id FROM " + T + " ORDER BY id")).containsExactly(1L, 2L, 5L, 9L);
        }
    }
}
