package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * PostgreSQL's {@code ON DELETE SET DEFAULT}, against twin tables where deletes are real: after setting the default,
 * PostgreSQL checks the key again, so a DELETE of the parent that the default names fails (23503). The driver's SET
 * DEFAULT step left such a child unchanged, referencing the soft-deleted parent, and the delete succeeded (a probe).
 */
@OnPostgreSQL
class SetDefaultKeyIT {
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
        for (String side : List.of("sdit_sdk_", "sdit_sdkh_")) {
            Sql.execute(raw,
                "CREATE TABLE " + side + "parents (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " deleted_at TIMESTAMP NULL)",
                "CREATE TABLE " + side + "kids (id INT PRIMARY KEY, parent_id INT DEFAULT 0 REFERENCES " + side
                    + "parents (id) ON DELETE SET DEFAULT)",
                "INSERT INTO " + side + "parents (id) VALUES (0), (1)",
                "INSERT INTO " + side + "kids (id, parent_id) VALUES (10, 0), (11, 1)");
        }
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_sdk_parents"));
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
        for (String side : List.of("sdit_sdk_", "sdit_sdkh_")) {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + side + "kids, " + side + "parents");
        }
    }

    @Test
    void aDeleteOfTheParentTheDefaultNamesFailsAsTheHardDeleteDoes() throws SQLException {
        SQLException hard = failure(raw, "DELETE FROM sdit_sdkh_parents WHERE id = 0");
        SQLException soft = failure(app, "DELETE FROM sdit_sdk_parents WHERE id = 0");

        assertThat((Object) hard).as("the hard delete fails").isNotNull();
        assertThat((Object) soft).as("the soft delete fails").isNotNull();
        assertThat(soft.getSQLState()).isEqualTo(hard.getSQLState()).isEqualTo("23503");
        assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_sdk_parents WHERE is_deleted")).containsExactly(0L);
    }

    @Test
    void aDeleteOfAnotherParentSetsTheDefault() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_sdk_parents WHERE id = 1"))
            .isEqualTo(Sql.update(raw, "DELETE FROM sdit_sdkh_parents WHERE id = 1")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT parent_id FROM sdit_sdk_kids ORDER BY id"))
            .isEqualTo(Sql.longs(raw, "SELECT parent_id FROM sdit_sdkh_kids ORDER BY id")).containsExactly(0L, 0L);
    }

    private static SQLException failure(Connection c, String sql) {
        try {
            Sql.execute(c, sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
