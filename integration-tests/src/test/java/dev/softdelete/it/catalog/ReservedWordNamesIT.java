package dev.softdelete.it.catalog;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A cascade whose key column is a reserved word ({@code current_user}, created quoted): the driver writes column
 * names unquoted in its own statements, where {@code current_user IN (SELECT current_user FROM …)} is the session's
 * user on both sides, true for every row, and the cascade of one parent soft-deleted every live child. The
 * connection is refused (SD000) naming the column; nothing is sent.
 */
@OnEachDatabase
class ReservedWordNamesIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private String q;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        q = database == TestDatabase.POSTGRESQL ? "\"" : "`";
        String flags = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kw_members", "DROP TABLE IF EXISTS sdit_kw_groups",
            "CREATE TABLE sdit_kw_groups (id INT PRIMARY KEY, " + q + "current_user" + q + " VARCHAR(20) UNIQUE, "
                + flags + ")",
            "CREATE TABLE sdit_kw_members (id INT PRIMARY KEY, " + q + "current_user" + q + " VARCHAR(20), "
                + flags + ")",
            "INSERT INTO sdit_kw_groups (id, " + q + "current_user" + q + ") VALUES (1, 'ada'), (2, 'bob')",
            "INSERT INTO sdit_kw_members (id, " + q + "current_user" + q + ") VALUES (10, 'ada'), (11, 'bob')");
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS sdit_kw_members", "DROP TABLE IF EXISTS sdit_kw_groups");
        }
    }

    @Test
    void aCascadeOnAReservedWordColumnRefusesTheConnection() throws Exception {
        Path config = ConfigFile.writeRaw(dir, "version: 1\ntables:\n  sdit_kw_groups:\n    cascade:\n"
            + "      - { table: sdit_kw_members, column: current_user, references: current_user }\n"
            + "  sdit_kw_members: {}\n");

        assertThatThrownBy(() -> ThroughDriver.connect(database.rawUrl(), config).close())
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"))
            .hasMessageContaining("column current_user of the cascade from sdit_kw_groups to sdit_kw_members")
            .hasMessageContaining("reserved word");
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_kw_members WHERE NOT is_deleted ORDER BY id"))
            .containsExactly(10L, 11L);
    }

    @Test
    void theSameTablesWithoutThatCascadeConnect() throws Exception {
        try (Connection app = ThroughDriver.connect(database.rawUrl(),
                ConfigFile.write(dir, "sdit_kw_groups", "sdit_kw_members"))) {
            assertThat(Sql.update(app, "DELETE FROM sdit_kw_groups WHERE id = 2")).isEqualTo(1);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_kw_groups WHERE is_deleted")).containsExactly(2L);
    }

    /**
     * A table named {@code value} (a name on both databases) written with an alias without AS: JSqlParser reads a
     * VALUES list, and the statement read the deleted row (a probe). Refused; with AS it is filtered.
     */
    @Test
    void aConfiguredTableNamedLikeAKeywordIsFilteredOrRefusedNeverReadWhole() throws Exception {
        String flags = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw, "DROP TABLE IF EXISTS value", "CREATE TABLE value (id INT PRIMARY KEY, " + flags + ")",
            "INSERT INTO " + q + "value" + q + " (id) VALUES (1), (2)");
        try (Connection app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "value"))) {
            assertThat(Sql.update(app, "DELETE FROM value WHERE id = 2")).isEqualTo(1);
            assertThatThrownBy(() -> Sql.single(app, "SELECT count(*) FROM value x"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                .hasMessageContaining("soft-delete table value is written where the parser reads the keyword");
            assertThat(Sql.single(app, "SELECT count(*) FROM value AS x")).isEqualTo("1");
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS value");
        }
    }
}
