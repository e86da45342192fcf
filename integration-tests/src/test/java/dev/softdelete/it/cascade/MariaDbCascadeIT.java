package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.Guards;
import dev.softdelete.it.support.OnMariaDB;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cascade from MySQL/MariaDB's DELETE ... ORDER BY ... LIMIT, on the fixture of {@link CascadeFixture}. */
@OnMariaDB
class MariaDbCascadeIT extends CascadeFixture {
    /**
     * DDL through the driver makes the engine read its catalog again. A Statement or PreparedStatement created
     * before it was then taken for one created before a move to another database, and its cascading soft delete was
     * refused; the session has not moved, and the delete runs.
     */
    @Test
    void statementsCreatedBeforeDdlThroughTheDriverStillSoftDelete() throws Exception {
        try (Statement st = app.createStatement();
             PreparedStatement delete = app.prepareStatement("DELETE FROM " + h.parents + " WHERE id = ?")) {
            st.execute("CREATE INDEX sdit_cascade_ddl ON " + h.parents + " (name)");
            assertThat(st.executeUpdate("DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
            delete.setLong(1, 2);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        } finally {
            Sql.execute(raw, "DROP INDEX sdit_cascade_ddl ON " + h.parents);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM " + h.parents + " WHERE is_deleted ORDER BY id"))
            .as("1 and 2 now, 6 before").containsExactly(1L, 2L, 6L);
    }

    /**
     * DDL commits implicitly on MariaDB: in a batch beside a cascading soft delete it committed the parent's update
     * before the cascade ran, and the RESTRICT error that followed "undid" only the rest (found by a probe). Refused
     * like a COMMIT entry; nothing of the batch runs.
     */
    @Test
    void aStatementThatCommitsImplicitlyBesideACascadingDeleteIsRefused() throws Exception {
        var before = marks();
        try (Statement st = app.createStatement()) {
            st.addBatch("DELETE FROM " + h.parents + " WHERE id = 2");
            st.addBatch("CREATE TABLE IF NOT EXISTS sdit_cascade_tmp (i INT)");
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001")).hasMessageContaining("commits implicitly");
        }
        assertThat(marks()).isEqualTo(before);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name ="
            + " 'sdit_cascade_tmp' AND table_schema = DATABASE()")).containsExactly(0L);
    }

    @Test
    void mariadbDeleteOrderByLimit() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " WHERE id > 1 ORDER BY id DESC LIMIT 2");

        assertThat(count).isEqualTo(2);
        // 6 is already deleted: the two highest live ids are 5 and 4, as after a hard delete.
        h.assertOneEvent(before, marks(), Set.of(4L, 5L));
    }

    /**
     * Through the MariaDB driver (org.mariadb.jdbc), which sets its in-transaction flag after any failed statement
     * until the next response: the driver took that for a transaction the application began in SQL, set an SQL
     * savepoint in autocommit mode, and the group's RELEASE failed with 1305 after the delete had committed. A yes
     * from that flag is now asked of the server; a transaction begun in SQL is still joined.
     */
    @Test
    void throughTheMariaDbDriverAfterAFailedStatement() throws Exception {
        String mariadbUrl = "jdbc:mariadb:" + database.rawUrl().substring("jdbc:mysql:".length()).replaceFirst(
            "[?].*", "") + "?user=root&password=";
        try (Connection other = DriverManager.getConnection(ThroughDriver.url(mariadbUrl),
                ThroughDriver.properties(configFile()))) {
            var before = marks();
            assertThatThrownBy(() -> Sql.execute(other, "SELECT no_such_column FROM " + h.parents))
                .isInstanceOf(SQLException.class);

            assertThat(Sql.update(other, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
            h.assertOneEvent(before, marks(), Set.of(1L));

            var snapshot = h.snapshot(raw);
            Sql.execute(other, "START TRANSACTION");
            assertThat(Sql.update(other, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
            Sql.execute(other, "ROLLBACK");
            assertThat(h.snapshot(raw)).isEqualTo(snapshot);
        }
    }

    /**
     * The MariaDB driver's {@code executeUpdate} of a text whose first result is a result set runs the whole text,
     * then throws (HY000): the hard DELETE in it stands. The group took the error for a failed statement and undid the
     * soft delete and its cascade (a probe); it now stays done, as the hard one does.
     */
    @Test
    void aDeleteThatTheMariaDbDriverRunsAndThenFindsTheWrongKindOfResultForStaysDone() throws Exception {
        String mariadbUrl = "jdbc:mariadb:" + database.rawUrl().substring("jdbc:mysql:".length()).replaceFirst(
            "[?].*", "") + "?user=root&password=&allowMultiQueries=true";
        try (Connection other = DriverManager.getConnection(ThroughDriver.url(mariadbUrl),
                ThroughDriver.properties(configFile())); Statement st = other.createStatement()) {
            var before = marks();
            assertThatThrownBy(() -> st.executeUpdate("SELECT 1; DELETE FROM " + h.parents + " WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"));
            h.assertOneEvent(before, marks(), Set.of(1L));
        }
    }

    /**
     * The session's {@code sql_select_limit} caps every top-level SELECT, the driver's own reads of the keys a
     * cascade follows included: with a limit of 1 the cascade of two parents followed one, and left the other's
     * children live under their deleted parent. The driver's reads now say LIMIT themselves.
     */
    @Test
    void theSessionsSelectLimitDoesNotCutTheCascadeShort() throws Exception {
        var before = marks();
        Sql.execute(app, "SET sql_select_limit = 1");
        try {
            assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id IN (1, 2)")).isEqualTo(2);
        } finally {
            Sql.execute(app, "SET sql_select_limit = DEFAULT");
        }
        h.assertOneEvent(before, marks(), Set.of(1L, 2L));
    }

    /**
     * Autocommit turned off in SQL, which Connector/J's {@code getAutoCommit()} does not see: the statements after it
     * are the application's transaction, and its ROLLBACK undoes the soft delete and its cascade. The group used to
     * commit them as its own transaction, and leave the session in autocommit mode.
     */
    @Test
    void autocommitTurnedOffInSqlLeavesTheTransactionToTheApplication() throws Exception {
        var snapshot = h.snapshot(raw);
        try {
            Sql.execute(app, "SET autocommit = 0");
            assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
            assertThat(Sql.longs(app, "SELECT @@autocommit")).containsExactly(0L);
            Sql.execute(app, "ROLLBACK");
        } finally {
            Sql.execute(app, "SET autocommit = 1");
        }
        assertThat(h.snapshot(raw)).isEqualTo(snapshot);
    }

    /**
     * The other way round: JDBC auto-commit off, then {@code SET autocommit = 1} in SQL, so the server commits each
     * statement. The group opens and commits its own transaction in SQL; it used to set a savepoint the server
     * forgot at once, run its statements one by one, and fail its release (1305) after they had committed (or, on a
     * RESTRICT failure, leave the soft delete committed).
     */
    @Test
    void autocommitTurnedOnInSqlUnderManualCommitRunsTheGroupAtomically() throws Exception {
        var before = marks();
        app.setAutoCommit(false);
        try {
            Sql.execute(app, "SET autocommit = 1");
            // a failed statement clears Connector/J's status flags: the server is asked
            assertThatThrownBy(() -> Sql.execute(app, "SELECT no_such_column FROM " + h.parents))
                .isInstanceOf(SQLException.class);
            assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        } finally {
            app.setAutoCommit(true);
        }
        h.assertOneEvent(before, marks(), Set.of(1L));
    }

    /**
     * A transaction begun in SQL, then a failed statement (after which Connector/J's status flags keep only the
     * in-transaction one), then a cascading soft delete: the group must not take the session for autocommit mode
     * and commit the application's work; its ROLLBACK undoes everything.
     */
    @Test
    void aTransactionBegunInSqlSurvivesAFailedStatementBeforeTheSoftDelete() throws Exception {
        var snapshot = h.snapshot(raw);
        Sql.execute(app, "START TRANSACTION");
        try {
            Sql.execute(app, "UPDATE " + h.parents + " SET name = 'changed' WHERE id = 3");
            assertThatThrownBy(() -> Sql.execute(app, "SELECT no_such_column FROM " + h.parents))
                .isInstanceOf(SQLException.class);
            assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
        } finally {
            Sql.execute(app, "ROLLBACK");
        }
        assertThat(h.snapshot(raw)).isEqualTo(snapshot);
    }

    /**
     * InnoDB lets a foreign key reference a non-unique index. The guard trigger read the flag of any one matching
     * parent row, found the deleted one, and refused a child that a live parent with the same key still allowed (a
     * false 1452). It now refuses only when every matching parent is deleted.
     */
    @Test
    void aChildOfANonUniqueParentKeyIsWrittenWhileALiveParentHasTheKey() throws Exception {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_nc, sdit_nu",
            "CREATE TABLE sdit_nu (id INT PRIMARY KEY, code VARCHAR(10), is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at DATETIME(6) NULL, KEY (code))",
            "CREATE TABLE sdit_nc (id INT PRIMARY KEY, code VARCHAR(10), FOREIGN KEY (code) REFERENCES sdit_nu (code))",
            "INSERT INTO sdit_nu (id, code) VALUES (1, 'x'), (2, 'x'), (3, 'y')");
        try {
            Path config = ConfigFile.write(dir, "sdit_nu");
            Guards.install(raw, database.rawUrl(), config);
            try (Connection c = ThroughDriver.connect(database.rawUrl(), config)) {
                assertThat(Sql.update(c, "DELETE FROM sdit_nu WHERE id = 1")).isEqualTo(1);
                assertThat(Sql.update(c, "INSERT INTO sdit_nc VALUES (3, 'x')")).isEqualTo(1);
                assertThat(Sql.update(c, "DELETE FROM sdit_nu WHERE id = 3")).isEqualTo(1);
                assertThatThrownBy(() -> Sql.update(c, "INSERT INTO sdit_nc VALUES (4, 'y')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1452));
            }
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_nc, sdit_nu");
        }
    }

    /**
     * A key over a FLOAT (or BIT) column: the driver matches children by the values it read from the deleted parents,
     * and 1.1 read back is not the stored FLOAT, so the cascade left the child live (RESTRICT passed, SET NULL did
     * nothing). The connection is refused instead.
     */
    @Test
    void aForeignKeyOverAFloatColumnRefusesTheConnection() throws Exception {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_fc, sdit_fp",
            "CREATE TABLE sdit_fp (k FLOAT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at"
                + " DATETIME(6) NULL)",
            "CREATE TABLE sdit_fc (id INT PRIMARY KEY, k FLOAT, FOREIGN KEY (k) REFERENCES sdit_fp (k)"
                + " ON DELETE CASCADE)");
        try {
            Path config = ConfigFile.write(dir, "sdit_fp");
            assertThatThrownBy(() -> ThroughDriver.connect(database.rawUrl(), config).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"))
                .hasMessageContaining("references column k of type FLOAT");
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_fc, sdit_fp");
        }
    }
}
