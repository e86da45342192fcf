package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.SideDatabases;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import dev.softdelete.jdbc.SoftDeleteConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Configured names without a schema, next to same-named tables of another schema. The configuration lists
 * {@code sdit_sp} and {@code sdit_sc} (its child, ON DELETE CASCADE) in {@code public}; the schema
 * {@code sdit_arch} holds a copy of {@code sdit_sp} with a plain child whose key sets null. A delete event's steps
 * named the tables unqualified: the archive's key set its live children to null when {@code public}'s parent was
 * deleted, and with the archive first in the search path a DELETE of {@code public.sdit_sp} read the archive's
 * copy for its deleted rows and left the cascade's children live.
 */
@OnPostgreSQL
class SchemasIT {
    private static final String FLAGS = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP SCHEMA IF EXISTS sdit_arch CASCADE", "DROP SCHEMA IF EXISTS sdit_t CASCADE",
            "DROP SCHEMA IF EXISTS sdit_bad CASCADE",
            "DROP TABLE IF EXISTS sdit_sc, sdit_sp", "CREATE TABLE sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_sc (id INT PRIMARY KEY, p INT REFERENCES sdit_sp (id) ON DELETE CASCADE, " + FLAGS + ")",
            "INSERT INTO sdit_sp (id) VALUES (1), (2)", "INSERT INTO sdit_sc (id, p) VALUES (10, 1), (11, 2)",
            "CREATE SCHEMA sdit_arch",
            "CREATE TABLE sdit_arch.sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_arch.sdit_kid (id INT PRIMARY KEY,"
                + " p INT REFERENCES sdit_arch.sdit_sp (id) ON DELETE SET NULL)",
            "INSERT INTO sdit_arch.sdit_sp (id) VALUES (1), (2)", "INSERT INTO sdit_arch.sdit_kid VALUES (100, 1)");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_sp", "sdit_sc"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP SCHEMA IF EXISTS sdit_arch CASCADE", "DROP SCHEMA IF EXISTS sdit_t CASCADE",
                "DROP SCHEMA IF EXISTS sdit_bad CASCADE",
                "DROP TABLE IF EXISTS sdit_sc, sdit_sp");
        }
    }

    @Test
    void aForeignKeyOfAnotherSchemasSameNamedTableDoesNotActOnThisOnesDelete() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_sc WHERE is_deleted")).containsExactly(10L);
        assertThat(Sql.longs(raw, "SELECT p FROM sdit_arch.sdit_kid")).containsExactly(1L);
    }

    @Test
    void aDeleteNamingItsSchemaCascadesInThatSchemaWhateverTheSearchPath() throws SQLException {
        Sql.execute(app, "SET search_path TO sdit_arch, public");

        assertThat(Sql.update(app, "DELETE FROM public.sdit_sp WHERE id = 2")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(11L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_arch.sdit_sp WHERE is_deleted")).isEmpty();
    }

    @Test
    void aDeleteInASchemaWhoseForeignKeysWereNotReadIsRefused() throws SQLException {
        assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_arch.sdit_sp WHERE id = 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
            .hasMessageContaining("in schema sdit_arch, whose foreign keys and partitions the driver did not read");
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_arch.sdit_sp WHERE NOT is_deleted")).containsExactly(1L, 2L);
        assertThat(Sql.longs(raw, "SELECT p FROM sdit_arch.sdit_kid")).containsExactly(1L);
    }

    /**
     * A connection whose search path puts another schema first, where a same-named copy of the child lives: the
     * cascade the database's key implies was sent as UPDATE sdit_sc ..., and the search path made it the copy's.
     * A key's step names the key's tables. The connection's own search path also gives it a catalog of its own: read
     * with the first connection's path, its keys were those of other schemas.
     */
    @Test
    void aKeysCascadeActsOnTheKeysChildWhateverTheSearchPathFindsFirst() throws Exception {
        Sql.execute(raw, "DROP TABLE sdit_arch.sdit_kid, sdit_arch.sdit_sp",
            "CREATE TABLE sdit_arch.sdit_sc (id INT PRIMARY KEY, p INT, " + FLAGS + ")",
            "INSERT INTO sdit_arch.sdit_sc (id, p) VALUES (10, 1)");
        try (Connection c = ThroughDriver.connect(database.rawUrl() + "&currentSchema=sdit_arch,public",
            ConfigFile.write(dir, "sdit_sp", "sdit_sc"))) {
            assertThat(Sql.update(c, "DELETE FROM sdit_sp WHERE id = 1")).isEqualTo(1);
        }

        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(10L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_arch.sdit_sc WHERE is_deleted")).isEmpty();
    }

    /**
     * A connection that moves to a tenant's schema after it opened (SET search_path, or setSchema as a pool's schema
     * setting and Hibernate's schema multi-tenancy do): its statements reach the tenant's tables, whose foreign keys
     * the catalog read at connect did not have. The cascade of the tenant's key was skipped; the connection now
     * picks the engine of its new schemas, and a statement prepared before the move is rewritten again.
     */
    @Test
    void aConnectionMovedToAnotherSchemaFollowsThatSchemasKeys() throws Exception {
        Sql.execute(raw, "CREATE SCHEMA sdit_t", "CREATE TABLE sdit_t.sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_t.sdit_sc (id INT PRIMARY KEY, p INT REFERENCES sdit_t.sdit_sp (id) ON DELETE CASCADE, "
                + FLAGS + ")",
            "INSERT INTO sdit_t.sdit_sp (id) VALUES (1), (2)", "INSERT INTO sdit_t.sdit_sc (id, p) VALUES (20, 1)");

        // prepared before the move: rewritten with the catalog of the schemas it runs in, at each execution
        try (PreparedStatement delete = app.prepareStatement("DELETE FROM sdit_sp WHERE id = ?")) {
            // the move's text names a configured table (a comment): it is a move all the same
            Sql.execute(app, "SET search_path TO sdit_t /* for sdit_sp */");
            delete.setInt(1, 1);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_t.sdit_sc WHERE is_deleted")).containsExactly(20L);

        app.setSchema("public");
        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(11L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_t.sdit_sp WHERE is_deleted")).containsExactly(1L);
    }

    /**
     * PostgreSQL's SET search_path is transactional: a rollback moves the session back. The connection kept the
     * engine of the schemas it had moved to, and skipped the keys of the ones it was back in.
     */
    @Test
    void aRollbackThatUndoesAMoveTakesTheCatalogBack() throws Exception {
        Sql.execute(raw, "CREATE SCHEMA sdit_t", "CREATE TABLE sdit_t.sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")");
        app.setAutoCommit(false);
        // a move that names a configured table (in a comment) is a move too; a rollback to a savepoint leaves the
        // transaction's own rollback still to undo it
        Sql.execute(app, "SET search_path TO sdit_t /* for sdit_sp */", "SAVEPOINT a", "ROLLBACK TO SAVEPOINT a");
        app.rollback();
        app.setAutoCommit(true);

        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(11L);
    }

    /** The schema sdit_t with its own sdit_sp and a cascading child, and a child whose key is checked at commit. */
    private void tenantSchema() throws SQLException {
        Sql.execute(raw, "CREATE SCHEMA sdit_t", "CREATE TABLE sdit_t.sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_t.sdit_sc (id INT PRIMARY KEY, p INT REFERENCES sdit_t.sdit_sp (id) ON DELETE CASCADE, "
                + FLAGS + ")",
            "CREATE TABLE sdit_t.sdit_note (id INT PRIMARY KEY, p INT REFERENCES sdit_t.sdit_sp (id)"
                + " DEFERRABLE INITIALLY DEFERRED)",
            "INSERT INTO sdit_t.sdit_sp (id) VALUES (1), (2)", "INSERT INTO sdit_t.sdit_sc (id, p) VALUES (20, 1)");
    }

    /**
     * A COMMIT that fails (here a deferred key) rolls the transaction back, and with it a SET search_path made in
     * it: the connection kept the engine of the schemas it had moved to, and its next DELETE skipped the keys of the
     * schemas it was back in. The same for COMMIT in SQL, and for PREPARE TRANSACTION, which fails where prepared
     * transactions are off (the default) and rolls back too.
     */
    @Test
    void aFailedCommitThatUndoesAMoveTakesTheCatalogBack() throws Exception {
        tenantSchema();
        String[] ends = {"commit()", "COMMIT", "PREPARE TRANSACTION 'sdit'"};
        long[] parents = {2, 1, 2};
        for (int i = 0; i < ends.length; i++) {
            app.setAutoCommit(false);
            Sql.execute(app, "SET search_path TO sdit_t", "INSERT INTO sdit_note VALUES (1, 999)");
            String end = ends[i];
            assertThatThrownBy(() -> {
                if (end.equals("commit()")) {
                    app.commit();
                } else {
                    Sql.execute(app, end);
                    app.commit(); // PREPARE TRANSACTION may be refused only at the transaction's end
                }
            }).as(end).isInstanceOf(SQLException.class);
            // the next transaction, with nothing else in between
            assertThat(Sql.single(app, "SHOW search_path")).as(end).doesNotContain("sdit_t");
            assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = " + parents[i])).as(end).isEqualTo(1);
            app.commit();
            app.setAutoCommit(true);
            assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted AND p = " + parents[i]))
                .as(end + ": the cascade of public's key").containsExactly(parents[i] == 1 ? 10L : 11L);
            Sql.execute(raw, "UPDATE public.sdit_sp SET is_deleted = FALSE, deleted_at = NULL",
                "UPDATE public.sdit_sc SET is_deleted = FALSE, deleted_at = NULL");
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_t.sdit_sp WHERE is_deleted")).isEmpty();
    }

    /**
     * After a move, a failed statement reads the session's schemas again; in a transaction begun in SQL that the
     * failure aborted, the read itself failed, and the connection refused every statement after it (SD000), its
     * ROLLBACK included. The read waits for the transaction's end now.
     */
    @Test
    void aFailureInATransactionAbortedAfterAMoveLeavesTheConnectionUsable() throws Exception {
        tenantSchema();
        Sql.execute(app, "SET search_path TO sdit_t", "SET search_path TO public", "BEGIN");
        assertThatThrownBy(() -> Sql.execute(app, "SELECT 1 / 0")).isInstanceOf(SQLException.class);
        Sql.execute(app, "ROLLBACK");

        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(11L);
    }

    /**
     * DDL through a connection of another engine marks this one's catalog stale; it is read again before the next
     * statement. In a transaction the application aborted, that read fails: the ROLLBACK goes on without it, and the
     * statement after it reads the catalog, new key included.
     */
    @Test
    void aStaleCatalogInAnAbortedTransactionLetsItsRollbackThrough() throws Exception {
        try (Connection other = ThroughDriver.connect(database.rawUrl() + "&currentSchema=public,sdit_arch",
            ConfigFile.write(dir, "sdit_sp", "sdit_sc"))) {
            Sql.execute(app, "BEGIN");
            assertThatThrownBy(() -> Sql.execute(app, "SELECT 1 / 0")).isInstanceOf(SQLException.class);
            Sql.execute(other, "CREATE TABLE sdit_ref (id INT PRIMARY KEY, p INT REFERENCES sdit_sp (id))",
                "INSERT INTO sdit_ref VALUES (1, 1)");
            Sql.execute(app, "ROLLBACK");

            assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_ref");
        }
    }

    /** A move written with a comment in place of the space between its words is a move all the same. */
    @Test
    void aMoveWithACommentBetweenItsWordsIsFollowed() throws Exception {
        tenantSchema();
        Sql.execute(app, "SET/**/search_path TO sdit_t");

        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_t.sdit_sc WHERE is_deleted")).containsExactly(20L);
        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).isEmpty();
    }

    /**
     * A connection that moved unseen (set_config, documented as not followed) and then read the catalog again
     * (refreshCatalog, or DDL through the driver) replaced the engine of the schemas it had connected with by one
     * read for its new ones: every connection on the first schemas then followed the other schema's keys. It now
     * replaces the engine of the schemas it is in.
     */
    @Test
    void aCatalogReadAfterAnUnseenMoveReplacesTheEngineOfTheSchemasMovedTo() throws Exception {
        tenantSchema();
        Sql.single(app, "SELECT set_config('search_path', 'sdit_t', false)");
        app.unwrap(SoftDeleteConnection.class).refreshCatalog();

        try (Connection other = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_sp", "sdit_sc"))) {
            assertThat(Sql.update(other, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(11L);
        // and the connection that moved follows its new schema's keys from then on
        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_t.sdit_sc WHERE is_deleted")).containsExactly(20L);
    }

    /**
     * DDL through the driver made the connection that ran it read its catalog again, and no other: a connection on
     * other session schemas (another engine) kept its old catalog, and soft-deleted a row the new table's key
     * references, where the hard delete fails. Every engine of the dialect now reads its catalog again before its
     * next statement.
     */
    @Test
    void ddlThroughOneConnectionReachesTheCatalogOfAConnectionOnOtherSchemas() throws Exception {
        try (Connection other = ThroughDriver.connect(database.rawUrl() + "&currentSchema=public,sdit_arch",
            ConfigFile.write(dir, "sdit_sp", "sdit_sc"))) {
            assertThat(Sql.update(other, "DELETE FROM sdit_sc WHERE id = 10")).isEqualTo(1);

            Sql.execute(app, "CREATE TABLE sdit_ref (id INT PRIMARY KEY, p INT REFERENCES sdit_sp (id))",
                "INSERT INTO sdit_ref VALUES (1, 1)");

            assertThatThrownBy(() -> Sql.update(other, "DELETE FROM sdit_sp WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_ref");
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_sp WHERE is_deleted")).isEmpty();
    }

    /**
     * PostgreSQL's DDL is transactional. The catalog was read right after the DDL, inside the transaction: a rollback
     * left the engine with a key that no longer exists (here a SET NULL key in place of the CASCADE one), and a
     * connection of another engine that read its catalog before the commit kept the catalog without the new key.
     * The catalog is read again when the transaction ends.
     */
    @Test
    void ddlInATransactionIsReadAgainWhenTheTransactionEnds() throws Exception {
        app.setAutoCommit(false);
        Sql.execute(app, "ALTER TABLE sdit_sc DROP CONSTRAINT sdit_sc_p_fkey, ADD CONSTRAINT sdit_sc_p_fkey"
            + " FOREIGN KEY (p) REFERENCES sdit_sp (id) ON DELETE SET NULL");
        app.rollback();
        app.setAutoCommit(true);
        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_sc WHERE is_deleted AND p = 1")).as("cascaded, not set null")
            .containsExactly(10L);

        java.nio.file.Path otherDir = java.nio.file.Files.createDirectories(dir.resolve("other"));
        try (Connection other = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(otherDir, "sdit_sp",
            "sdit_sc"))) {
            app.setAutoCommit(false);
            Sql.execute(app, "CREATE TABLE sdit_ref (id INT PRIMARY KEY, p INT REFERENCES sdit_sp (id))",
                "INSERT INTO sdit_ref VALUES (1, 2)");
            assertThat(Sql.longs(other, "SELECT id FROM sdit_sp")).containsExactly(2L);
            app.commit();
            app.setAutoCommit(true);

            assertThatThrownBy(() -> Sql.update(other, "DELETE FROM sdit_sp WHERE id = 2"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_ref");
        }
    }

    /**
     * PostgreSQL's default search path starts with "$user": a schema created with the user's name moves every
     * session of that user into it, unseen by the driver, which went on with the keys of the schemas before. A schema
     * created, renamed (here) or dropped is followed as a move now.
     */
    @Test
    void aSchemaNamedAfterTheUserThroughTheDriverMovesTheSession() throws Exception {
        String user = Sql.single(raw, "SELECT current_user");
        assertThat(Sql.single(app, "SHOW search_path")).contains("$user");
        try {
            Sql.execute(raw, "CREATE SCHEMA sdit_t", "CREATE TABLE sdit_t.sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
                "CREATE TABLE sdit_t.sdit_pay (id INT PRIMARY KEY, p INT REFERENCES sdit_t.sdit_sp (id)"
                    + " ON DELETE RESTRICT)",
                "INSERT INTO sdit_t.sdit_sp (id) VALUES (1)", "INSERT INTO sdit_t.sdit_pay VALUES (1, 1)");
            Sql.execute(app, "ALTER SCHEMA sdit_t RENAME TO \"" + user + "\"");

            assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        } finally {
            Sql.execute(raw, "DROP SCHEMA IF EXISTS \"" + user + "\" CASCADE");
        }
    }

    /**
     * DDL on a plain table names no configured table, and did not make the driver read its catalog: a RESTRICT key
     * into a configured table dropped with it still failed the soft delete. And DDL undone by a rollback to a
     * savepoint left its keys in the catalog (children set to null instead of soft-deleted).
     */
    @Test
    void ddlOnAPlainTableAndDdlUndoneToASavepointAreReadAgain() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_pay (id INT PRIMARY KEY, p INT REFERENCES sdit_sp (id) ON DELETE"
            + " RESTRICT)", "INSERT INTO sdit_pay VALUES (1, 2)");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_sp", "sdit_sc"))) {
            assertThatThrownBy(() -> Sql.update(c, "DELETE FROM sdit_sp WHERE id = 2"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            Sql.execute(c, "ALTER TABLE sdit_pay DROP CONSTRAINT sdit_pay_p_fkey");
            assertThat(Sql.update(c, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);

            c.setAutoCommit(false);
            java.sql.Savepoint before = c.setSavepoint();
            Sql.execute(c, "ALTER TABLE sdit_sc DROP CONSTRAINT sdit_sc_p_fkey, ADD CONSTRAINT sdit_sc_p_fkey"
                + " FOREIGN KEY (p) REFERENCES sdit_sp (id) ON DELETE SET NULL");
            c.rollback(before);
            assertThat(Sql.update(c, "DELETE FROM sdit_sp WHERE id = 1")).isEqualTo(1);
            c.commit();
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_pay");
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_sc WHERE is_deleted AND p = 1")).as("cascaded, not set null")
            .containsExactly(10L);
    }

    /**
     * Two databases reached through one URL with no database in it (pgjdbc's PGDBNAME property names it): the
     * engine was keyed by the URL, and the second database got the first one's catalog, without its RESTRICT key.
     */
    @Test
    void twoDatabasesBehindOneUrlHaveCatalogsOfTheirOwn() throws Exception {
        String otherUrl = SideDatabases.ensure(database, database.rawUrl(), "sdit_schemas_other");
        try (Connection otherRaw = DriverManager.getConnection(otherUrl)) {
            Sql.execute(otherRaw, "DROP TABLE IF EXISTS sdit_pay, sdit_sp",
                "CREATE TABLE sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
                "CREATE TABLE sdit_pay (id INT PRIMARY KEY, p INT REFERENCES sdit_sp (id) ON DELETE RESTRICT)",
                "INSERT INTO sdit_sp (id) VALUES (1)", "INSERT INTO sdit_pay VALUES (1, 1)");
        }
        String noDatabase = ThroughDriver.url(SideDatabases.withDatabase(database.rawUrl(), ""));
        java.util.Properties first = ThroughDriver.properties(ConfigFile.write(dir, "sdit_sp"));
        first.setProperty("PGDBNAME", SideDatabases.databaseOf(database.rawUrl()));
        java.util.Properties second = ThroughDriver.properties(ConfigFile.write(dir, "sdit_sp"));
        second.setProperty("PGDBNAME", "sdit_schemas_other");
        try (Connection a = DriverManager.getConnection(noDatabase, first);
             Connection b = DriverManager.getConnection(noDatabase, second)) {
            assertThat(Sql.update(a, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);
            assertThatThrownBy(() -> Sql.update(b, "DELETE FROM sdit_sp WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        }
    }

    /**
     * A move to schemas whose catalog refuses the configuration (a key column named user) fails, but the SET has
     * run: the connection then refuses every statement until it moves again, where it went on with the catalog of
     * the schemas before.
     */
    @Test
    void aMoveToSchemasWhoseCatalogRefusesTheConfigurationRefusesUntilTheNextMove() throws Exception {
        Sql.execute(raw, "CREATE SCHEMA sdit_bad",
            "CREATE TABLE sdit_bad.sdit_sp (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_bad.sdit_sc (id INT PRIMARY KEY, \"user\" INT REFERENCES sdit_bad.sdit_sp (id)"
                + " ON DELETE CASCADE, " + FLAGS + ")",
            "INSERT INTO sdit_bad.sdit_sp (id) VALUES (1)", "INSERT INTO sdit_bad.sdit_sc VALUES (1, 1)");

        assertThatThrownBy(() -> Sql.execute(app, "SET search_path TO sdit_bad"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
        assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_bad.sdit_sp WHERE is_deleted")).isEmpty();
        // a transaction end or a move passes only on its own: a probe's COMMIT; DELETE ... (and MariaDB's BEGIN NOT
        // ATOMIC ... END, SET STATEMENT ... FOR DELETE ...) ran raw and removed rows physically
        for (String sql : new String[] {"COMMIT; DELETE FROM sdit_sp WHERE id = 1",
            "SET search_path TO sdit_bad; DELETE FROM sdit_sp WHERE id = 1",
            "BEGIN; DELETE FROM sdit_sp WHERE id = 1; COMMIT"}) {
            assertThatThrownBy(() -> Sql.execute(app, sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_bad.sdit_sp")).containsExactly(1L);
        // a transaction end that ran is not reported as failed (a probe's COMMIT threw SD000 after committing); the
        // session stays refused
        Sql.execute(app, "COMMIT");
        Sql.execute(app, "ROLLBACK");
        assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_sp WHERE id = 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));

        Sql.execute(app, "SET search_path TO public");
        assertThat(Sql.update(app, "DELETE FROM sdit_sp WHERE id = 2")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM public.sdit_sc WHERE is_deleted")).containsExactly(11L);
    }
}
