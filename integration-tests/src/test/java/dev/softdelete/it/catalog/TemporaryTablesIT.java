package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import dev.softdelete.jdbc.SoftDeleteConnection;
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
 * A temporary table hides the table of its name from the session, on MariaDB also where the name is qualified with
 * its database: with one named like the child of a RESTRICT key, the driver's check read the empty temporary table
 * and soft-deleted a parent that a live child references (a probe; a cascade reached the orders of a live customer
 * the same way). Creating such a temporary table through the driver is refused; the delete then fails as the hard
 * delete does.
 */
@OnEachDatabase
class TemporaryTablesIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        String flags = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_tmp_child", "DROP TABLE IF EXISTS sdit_tmp_parent",
            "CREATE TABLE sdit_tmp_parent (id INT PRIMARY KEY, " + flags + ")",
            "CREATE TABLE sdit_tmp_child (id INT PRIMARY KEY, parent_id INT REFERENCES sdit_tmp_parent (id)"
                + " ON DELETE RESTRICT)",
            "INSERT INTO sdit_tmp_parent (id) VALUES (1), (2)",
            "INSERT INTO sdit_tmp_child (id, parent_id) VALUES (10, 1)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS sdit_tmp_child", "DROP TABLE IF EXISTS sdit_tmp_parent");
        }
    }

    @Test
    void aTemporaryTableNamedLikeATableTheDriversStepsReadIsRefused() throws Exception {
        try (Connection app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_tmp_parent"))) {
            app.unwrap(SoftDeleteConnection.class).refreshCatalog();
            for (String create : new String[] {"CREATE TEMPORARY TABLE sdit_tmp_child (id INT, parent_id INT)",
                "CREATE TEMPORARY TABLE sdit_tmp_parent (id INT PRIMARY KEY, is_deleted BOOLEAN, deleted_at "
                    + database.timestampType() + ")"}) {
                assertThatThrownBy(() -> Sql.execute(app, create)).as(create)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                    .hasMessageContaining("would hide the table");
            }
            assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_tmp_parent WHERE id = 1"))
                .as("the RESTRICT key's error, as the hard delete raises it")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("23"));
            Sql.execute(app, "CREATE TEMPORARY TABLE sdit_tmp_staging (id INT)");
            assertThat(Sql.update(app, "DELETE FROM sdit_tmp_parent WHERE id = 2")).isEqualTo(1);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_tmp_parent WHERE is_deleted ORDER BY id")).containsExactly(2L);
    }
}
