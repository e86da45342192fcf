package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.Guards;
import dev.softdelete.it.support.OnPostgreSQL;
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
 * Which soft-delete tables get a lock index (PostgreSQL) over their primary key and flag, so that their soft delete
 * takes the row lock a hard delete takes: every one with a primary key, in whatever schema, but one whose key is
 * {@code DEFERRABLE}, which a unique index over it would make immediate.
 */
@OnPostgreSQL
class LockIndexesIT {
    private static final String FLAGS = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;

    @BeforeEach
    void setUp() throws SQLException {
        raw = DriverManager.getConnection(database.rawUrl());
        drop();
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection r = raw) {
            drop();
        }
    }

    private void drop() throws SQLException {
        Sql.execute(raw, "DROP SCHEMA IF EXISTS sdit_li_a CASCADE", "DROP SCHEMA IF EXISTS sdit_li_b CASCADE",
            "DROP TABLE IF EXISTS sdit_li_defer");
    }

    /**
     * Two configured tables of one name in two schemas, one referenced by a foreign key: each gets its own (a probe's
     * second one got none, the first one's index taken for it, and check said nothing).
     */
    @Test
    void aTableNamedLikeAReferencedOneInAnotherSchemaGetsItsOwn() throws Exception {
        Sql.execute(raw, "CREATE SCHEMA sdit_li_a", "CREATE SCHEMA sdit_li_b",
            "CREATE TABLE sdit_li_a.dup (id INT PRIMARY KEY" + FLAGS + ")",
            "CREATE TABLE sdit_li_a.child (id INT PRIMARY KEY, dup_id INT REFERENCES sdit_li_a.dup (id))",
            "CREATE TABLE sdit_li_b.dup (id INT PRIMARY KEY" + FLAGS + ")");
        Guards.install(raw, database.rawUrl(), ConfigFile.write(dir, "sdit_li_a.dup", "sdit_li_b.dup"));
        assertThat(Sql.longs(raw, "SELECT CASE schemaname WHEN 'sdit_li_a' THEN 1 WHEN 'sdit_li_b' THEN 2 END"
            + " FROM pg_indexes WHERE indexname = 'softdelete_lock_dup_id' ORDER BY 1")).containsExactly(1L, 2L);
    }

    /**
     * A DEFERRABLE primary key gets none: a probe's {@code UPDATE t SET id = id + 1}, which the deferred key allows,
     * failed with 23505 on the lock index.
     */
    @Test
    void aDeferrablePrimaryKeyGetsNone() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_li_defer (id INT PRIMARY KEY DEFERRABLE" + FLAGS + ")",
            "INSERT INTO sdit_li_defer (id) VALUES (1), (2), (3)");
        Path config = ConfigFile.write(dir, "sdit_li_defer");
        Guards.install(raw, database.rawUrl(), config);
        try (Connection app = ThroughDriver.connect(database.rawUrl(), config)) {
            app.setAutoCommit(false);
            Sql.execute(app, "SET CONSTRAINTS ALL DEFERRED");
            assertThat(Sql.update(app, "UPDATE sdit_li_defer SET id = id + 1")).isEqualTo(3);
            app.commit();
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_li_defer ORDER BY id")).containsExactly(2L, 3L, 4L);
    }
}
