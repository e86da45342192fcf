package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
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
 * The catalog the driver reads again after DDL is the database's as it is, not as an application's transaction saw
 * it: PostgreSQL reads its catalog tables with the transaction's snapshot, and a REPEATABLE READ transaction's is as
 * old as its first statement. Also what a transaction with DDL that ends otherwise than by commit leaves behind.
 *
 * <p>Fixture: {@code sdit_cs_events} (configured) partitioned by range of id, with {@code sdit_cs_ev1} (ids 0-99);
 * {@code sdit_cs_parent} and {@code sdit_cs_child} (configured, no key between them); {@code sdit_cs_plain}.
 */
@OnPostgreSQL
class CatalogSnapshotIT {
    private static final String FLAGS = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL";
    private static final String DROP_ALL = "DROP TABLE IF EXISTS sdit_cs_events, sdit_cs_child, sdit_cs_parent,"
        + " sdit_cs_plain, sdit_cs_loose CASCADE";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw,
            DROP_ALL,
            "CREATE TABLE sdit_cs_events (id INT NOT NULL, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_cs_ev1 PARTITION OF sdit_cs_events FOR VALUES FROM (0) TO (100)",
            "INSERT INTO sdit_cs_events (id) VALUES (1), (2)",
            "CREATE TABLE sdit_cs_parent (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_cs_child (id INT PRIMARY KEY, parent_id INT, " + FLAGS + ")",
            "CREATE TABLE sdit_cs_plain (id INT PRIMARY KEY)",
            "INSERT INTO sdit_cs_parent (id) VALUES (1), (2)",
            "INSERT INTO sdit_cs_child (id, parent_id) VALUES (10, 1), (20, 2)");
        config = ConfigFile.write(dir, "sdit_cs_events", "sdit_cs_parent", "sdit_cs_child");
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection r = raw) {
            Sql.execute(r, DROP_ALL);
        }
    }

    private Connection app() throws SQLException {
        return ThroughDriver.connect(database.rawUrl(), config);
    }

    /** A connection through the driver in a REPEATABLE READ transaction that has taken its snapshot. */
    private Connection inRepeatableRead() throws SQLException {
        Connection c = app();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        Sql.longs(c, "SELECT id FROM sdit_cs_plain");
        return c;
    }

    /** Adds, in {@code ddl}'s open transaction, an ON DELETE CASCADE key from the children to the parents. */
    private static void addCascadeKey(Connection ddl) throws SQLException {
        Sql.execute(ddl, "ALTER TABLE sdit_cs_child ADD CONSTRAINT sdit_cs_fk FOREIGN KEY (parent_id)"
            + " REFERENCES sdit_cs_parent (id) ON DELETE CASCADE");
    }

    /** A new connection deletes parent 1 and keeps its child: the cascade key is not in the catalog it reads. */
    private void assertNoCascade() throws SQLException {
        try (Connection app = app()) {
            assertThat(Sql.update(app, "DELETE FROM sdit_cs_parent WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.longs(app, "SELECT id FROM sdit_cs_child ORDER BY id")).as("no key: no cascade")
                .containsExactly(10L, 20L);
        }
    }

    /**
     * A REPEATABLE READ transaction that ran DDL used to read the catalog again with its old snapshot, which lacked a
     * partition created meanwhile, and gave that catalog to the other connections: a DELETE through the partition
     * deleted its row physically. Now the others read the catalog themselves, and the transaction reads its own.
     */
    @Test
    void ddlInARepeatableReadTransactionDoesNotGiveItsOldCatalogToTheOthers() throws Exception {
        try (Connection old = inRepeatableRead(); Connection other = app(); Connection ddl = app()) {
            Sql.execute(ddl, "CREATE TABLE sdit_cs_ev2 PARTITION OF sdit_cs_events FOR VALUES FROM (100) TO (200)",
                "INSERT INTO sdit_cs_events (id) VALUES (101), (102)");

            Sql.execute(old, "CREATE INDEX sdit_cs_plain_ix ON sdit_cs_plain (id)");

            assertThat(Sql.update(other, "DELETE FROM sdit_cs_ev2 WHERE id = 101")).isEqualTo(1);
            assertThat(Sql.longs(raw, "SELECT id FROM sdit_cs_events WHERE is_deleted ORDER BY id"))
                .as("soft-deleted, not removed").containsExactly(101L);
            assertThat(Sql.longs(old, "SELECT id FROM sdit_cs_events ORDER BY id")).as("its snapshot's rows")
                .containsExactly(1L, 2L);
            old.commit();
            assertThat(Sql.update(old, "DELETE FROM sdit_cs_ev2 WHERE id = 102")).isEqualTo(1);
            old.commit();
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_cs_events ORDER BY id")).containsExactly(1L, 2L, 101L, 102L);
    }

    /**
     * A REPEATABLE READ transaction's own DDL is in the catalog it reads, and not yet in the other connections': it
     * reads an engine of its own. With the shared engine read again by another connection (without the uncommitted
     * partition) in between, a DELETE through the partition it attached was physical (a probe).
     */
    @Test
    void ddlInARepeatableReadTransactionIsFollowedByItsOwnStatements() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_cs_loose (id INT NOT NULL, " + FLAGS + ")",
            "INSERT INTO sdit_cs_loose (id) VALUES (150), (151)");
        try (Connection x = inRepeatableRead(); Connection y = app()) {
            Sql.execute(x, "ALTER TABLE sdit_cs_events ATTACH PARTITION sdit_cs_loose FOR VALUES FROM (100) TO (200)");
            Sql.longs(y, "SELECT id FROM sdit_cs_plain");
            Sql.execute(x, "SET search_path TO " + Sql.single(x, "SELECT current_schema()")); // a move, to the same

            assertThat(Sql.update(x, "DELETE FROM sdit_cs_loose WHERE id = 150")).isEqualTo(1);
            assertThat(Sql.longs(x, "SELECT 1")).containsExactly(1L);
            x.commit();
            assertThat(Sql.update(y, "DELETE FROM sdit_cs_loose WHERE id = 151")).isEqualTo(1);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_cs_events WHERE is_deleted ORDER BY id"))
            .as("soft-deleted, not removed").containsExactly(150L, 151L);
    }

    /** The same after a statement that fails without ending the transaction (pgjdbc's 02000 on executeQuery). */
    @Test
    void aFailureThatLeavesTheTransactionGoingKeepsItsOwnEngine() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_cs_loose (id INT NOT NULL, " + FLAGS + ")",
            "INSERT INTO sdit_cs_loose (id) VALUES (150)");
        try (Connection x = inRepeatableRead(); Connection y = app()) {
            Sql.execute(x, "ALTER TABLE sdit_cs_events ATTACH PARTITION sdit_cs_loose FOR VALUES FROM (100) TO (200)");
            try (java.sql.Statement st = x.createStatement()) {
                assertThatThrownBy(() -> st.executeQuery("UPDATE sdit_cs_plain SET id = id WHERE id < 0"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("02000"));
            }
            Sql.longs(y, "SELECT id FROM sdit_cs_plain");

            assertThat(Sql.update(x, "DELETE FROM sdit_cs_loose WHERE id = 150")).isEqualTo(1);
            x.commit();
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_cs_events WHERE is_deleted ORDER BY id"))
            .as("soft-deleted, not removed").containsExactly(150L);
    }

    /** setAutoCommit(false) again inside the transaction is no end of it: its DDL is still undone by the rollback. */
    @Test
    void aRepeatedSetAutoCommitFalseKeepsTheTransactionsDdlToBeReadAgain() throws Exception {
        try (Connection app = app()) {
            app.setAutoCommit(false);
            addCascadeKey(app);
            app.setAutoCommit(false);
            app.rollback();
            app.setAutoCommit(true);
        }
        assertNoCascade();
    }

    /** A REPEATABLE READ transaction that began before another connection's DDL waits for its end to read it. */
    @Test
    void aStaleEngineIsNotReadAgainWithARepeatableReadSnapshot() throws Exception {
        try (Connection old = inRepeatableRead(); Connection ddl = app()) {
            try (Connection elsewhere = ThroughDriver.connect(database.rawUrl(),
                    ConfigFile.write(java.nio.file.Files.createDirectories(dir.resolve("b")), "sdit_cs_events"))) {
                // DDL through another configuration's engine marks this one stale
                Sql.execute(elsewhere, "CREATE TABLE sdit_cs_ev2 PARTITION OF sdit_cs_events FOR VALUES FROM (100)"
                    + " TO (200)", "INSERT INTO sdit_cs_events (id) VALUES (101)");
            }

            assertThatThrownBy(() -> Sql.update(old, "DELETE FROM sdit_cs_ev2 WHERE id = 101"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                .hasMessageContaining("REPEATABLE READ or SERIALIZABLE transaction would read them as of its snapshot");
            old.rollback();
            assertThat(Sql.update(old, "DELETE FROM sdit_cs_ev2 WHERE id = 101")).isEqualTo(1);
            old.commit();
            assertThat(Sql.update(ddl, "DELETE FROM sdit_cs_ev1 WHERE id = 1")).isEqualTo(1);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_cs_events WHERE is_deleted ORDER BY id"))
            .containsExactly(1L, 101L);
    }

    /** Connection.abort rolls the DDL back like close: the catalog read with the transaction's key is read again. */
    @Test
    void abortAfterDdlInATransactionLeavesNoKeyBehind() throws Exception {
        Connection ddl = app();
        ddl.setAutoCommit(false);
        addCascadeKey(ddl);
        ddl.abort(Runnable::run); // not closed (close marked the catalog stale already)
        try {
            assertNoCascade();
        } finally {
            ddl.close();
        }
    }

    /** The same when the server ends the session (the application keeps the dead connection open). */
    @Test
    void aTerminatedSessionAfterDdlInATransactionLeavesNoKeyBehind() throws Exception {
        Connection ddl = app();
        long pid = Sql.longs(ddl, "SELECT pg_backend_pid()").get(0);
        ddl.setAutoCommit(false);
        addCascadeKey(ddl);
        Sql.longs(raw, "SELECT 1 FROM (SELECT pg_terminate_backend(" + pid + ")) t");
        assertThatThrownBy(() -> Sql.longs(ddl, "SELECT 1")).isInstanceOf(SQLException.class);
        try {
            assertNoCascade();
        } finally {
            ddl.close();
        }
    }

    /** DDL, then a failed statement in the transaction: PostgreSQL's 25P02 after it, as without the DDL. */
    @Test
    void aFailureAfterDdlInATransactionLeavesTheTransactionsOwnError() throws Exception {
        try (Connection app = app()) {
            app.setAutoCommit(false);
            Sql.execute(app, "CREATE INDEX sdit_cs_plain_ix ON sdit_cs_plain (id)");
            assertThatThrownBy(() -> Sql.longs(app, "SELECT 1 / 0"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));

            assertThatThrownBy(() -> Sql.longs(app, "SELECT id FROM sdit_cs_parent"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            app.rollback();
            assertThat(Sql.longs(app, "SELECT id FROM sdit_cs_parent ORDER BY id")).containsExactly(1L, 2L);
        }
    }
}
