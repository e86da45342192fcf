package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Unique keys as if deleted rows were gone: on the soft side ({@code sdit_up}, through the driver) the e-mail is
 * unique among live rows only (PostgreSQL: a partial unique index; MySQL/MariaDB: a unique generated column that is
 * NULL for deleted rows); on the hard twin ({@code sdit_uph}) it is plainly unique and deleted rows are gone.
 * Customer 2 ({@code b@x}) is soft-deleted on the soft side and absent on the hard one. Re-inserting its e-mail, and
 * upserts on the e-mail, behave alike on both; an upsert that may conflict on the primary key, which soft-deleted
 * rows still hold, is refused.
 */
@OnEachDatabase
class UpsertIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        EmailTables.create(raw, database, "sdit_up", "sdit_uph");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_up"));
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
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_up, sdit_uph");
    }

    @Test
    void aDeletedRowsKeyCanBeInsertedAgain() throws SQLException {
        same("INSERT INTO % (email, name) VALUES ('b@x', 'B2')");
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_up WHERE email = 'b@x'")).as("the deleted row stays")
            .containsExactly(2L);
    }

    @Test
    void upsertsOnASoftDeleteAwareKeyBehaveAsOnAHardDeletedTable() throws SQLException {
        if (database == TestDatabase.POSTGRESQL) {
            same("INSERT INTO % (email, name) VALUES ('a@x', 'A2') ON CONFLICT (email) DO UPDATE SET name ="
                + " EXCLUDED.name");
            same("INSERT INTO % (email, name) VALUES ('b@x', 'B3') ON CONFLICT (email) DO UPDATE SET name ="
                + " EXCLUDED.name");
            same("INSERT INTO % (email, name) VALUES ('a@x', 'A4') ON CONFLICT DO NOTHING");
            same("INSERT INTO % (id, email, name) VALUES (1, 'seed@x', 'seed') ON CONFLICT DO NOTHING");
        } else {
            same("INSERT INTO % (email, name) VALUES ('a@x', 'A2') ON DUPLICATE KEY UPDATE name = VALUES(name)");
            same("INSERT INTO % (email, name) VALUES ('b@x', 'B3') ON DUPLICATE KEY UPDATE name = VALUES(name)");
            same("INSERT IGNORE INTO % (email, name) VALUES ('a@x', 'A4')");
            same("INSERT IGNORE INTO % (id, email, name) VALUES (1, 'seed@x', 'seed')");
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_up WHERE is_deleted")).as("the deleted row, untouched")
            .containsExactly(2L);
        assertThat(Sql.single(raw, "SELECT name FROM sdit_up WHERE id = 2")).isEqualTo("B");
    }

    @Test
    void anUpsertThatMayConflictOnThePrimaryKeyIsRefused() {
        String upsert = database == TestDatabase.POSTGRESQL
            ? "INSERT INTO sdit_up (id, email, name) VALUES (2, 'c@x', 'C') ON CONFLICT (id) DO UPDATE SET name = 'C'"
            : "INSERT INTO sdit_up (id, email, name) VALUES (2, 'c@x', 'C') ON DUPLICATE KEY UPDATE name = 'C'";
        assertThatThrownBy(() -> Sql.update(app, upsert))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining(database == TestDatabase.POSTGRESQL ? "sdit_up_pkey" : "PRIMARY")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD001"));
    }

    /**
     * Probes: PostgreSQL's {@code ON CONFLICT DO NOTHING} also takes exclusion constraints as arbiters, which still
     * hold the soft-deleted rows (the insert was skipped silently where the hard table takes it); a MySQL/MariaDB
     * unique key over a generated column that holds deleted rows changes with the columns it is computed from (an
     * UPDATE IGNORE of one skipped a row silently). Both are refused now, the table's other statements pass.
     */
    @Test
    void upsertsAndUpdateIgnoreThatKeysOutOfTheDriversSightWouldSkipAreRefused() throws Exception {
        boolean postgres = database == TestDatabase.POSTGRESQL;
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_upx", postgres
            ? "CREATE TABLE sdit_upx (id INT PRIMARY KEY, lo INT, hi INT, email TEXT, is_deleted BOOLEAN NOT NULL"
                + " DEFAULT FALSE, deleted_at TIMESTAMP, EXCLUDE USING gist (int4range(lo, hi) WITH &&))"
            : "CREATE TABLE sdit_upx (id INT PRIMARY KEY, lo INT, hi INT, email VARCHAR(40), email_norm VARCHAR(40)"
                + " AS (LOWER(email)), is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL,"
                + " UNIQUE KEY sdit_upx_norm (email_norm))",
            "INSERT INTO sdit_upx (id, lo, hi, email) VALUES (1, 0, 10, 'a@x'), (2, 20, 30, 'b@x')");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_upx"))) {
            Sql.update(c, "DELETE FROM sdit_upx WHERE id = 1");
            String refused = postgres ? "INSERT INTO sdit_upx (id, lo, hi) VALUES (3, 5, 8) ON CONFLICT DO NOTHING"
                : "UPDATE IGNORE sdit_upx SET email = 'A@X' WHERE id = 2";
            assertThatThrownBy(() -> Sql.update(c, refused))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            assertThat(Sql.update(c, "UPDATE sdit_upx SET hi = 31 WHERE id = 2")).isEqualTo(1);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_upx");
        }
    }

    /** Runs {@code template} ({@code %} for the table) on both sides: same update count and same live rows. */
    private void same(String template) throws SQLException {
        int soft = Sql.update(app, template.replace("%", "sdit_up"));
        int hard = Sql.update(raw, template.replace("%", "sdit_uph"));
        assertThat(soft).as("update count of %s", template).isEqualTo(hard);
        List<String> hardRows = rows(raw, "sdit_uph");
        assertThat(rows(app, "sdit_up")).as("rows after %s", template).isEqualTo(hardRows);
    }

    private static List<String> rows(Connection c, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var st = c.createStatement();
             var rs = st.executeQuery("SELECT id, email, name FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
