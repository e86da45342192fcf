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
 * A PostgreSQL table whose name needs quotes ({@code "Sdit_Quoted"}): the driver writes table names unquoted in its
 * own statements and read the catalog by folded names, so such a table was half configured (its cascades not
 * followed, its foreign-key checks failing). The connection is refused instead; a configured name in capitals for a
 * table created without quotes is that table, as before.
 */
@OnPostgreSQL
class QuotedNamesIT {
    private static final String FLAGS = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP TABLE IF EXISTS \"Sdit_Quoted\", sdit_folded",
            "CREATE TABLE \"Sdit_Quoted\" (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_folded (id INT PRIMARY KEY, " + FLAGS + ")",
            "INSERT INTO sdit_folded (id) VALUES (1), (2)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS \"Sdit_Quoted\", sdit_folded");
        }
    }

    @Test
    void aTableWhoseNameNeedsQuotesRefusesTheConnection() throws Exception {
        Path config = ConfigFile.write(dir, "Sdit_Quoted", "sdit_folded");

        assertThatThrownBy(() -> ThroughDriver.connect(database.rawUrl(), config).close())
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"))
            .hasMessageContaining("soft-delete table Sdit_Quoted exists only under a name that needs quotes")
            .hasMessageContaining("RENAME TO sdit_quoted");
    }

    @Test
    void aNameInCapitalsForAnUnquotedTableIsThatTable() throws Exception {
        try (Connection app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "SDIT_FOLDED"))) {
            assertThat(Sql.update(app, "DELETE FROM sdit_folded WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.longs(app, "SELECT id FROM sdit_folded")).containsExactly(2L);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_folded WHERE is_deleted")).containsExactly(1L);
    }
}
