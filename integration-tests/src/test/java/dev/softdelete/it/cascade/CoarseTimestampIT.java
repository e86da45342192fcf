package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Files;
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
 * A timestamp column of whole seconds (MariaDB's plain DATETIME, PostgreSQL's TIMESTAMP(0)): the driver's cascade
 * finds the deleted parents by the event's timestamp, which the stored value no longer equals. It soft-deleted the
 * parent and left its children live (a probe on MariaDB and H2). Fixture: customers 1-2 with second-precision
 * timestamps, cascading to orders 10 (of 1) and 20 (of 2), whose timestamps hold microseconds; notes, a leaf with
 * second-precision timestamps.
 */
@OnEachDatabase
class CoarseTimestampIT {
    private static final String C = "sdit_ct_customers";
    private static final String O = "sdit_ct_orders";
    private static final String N = "sdit_ct_notes";

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(db.rawUrl());
        String seconds = db == TestDatabase.POSTGRESQL ? "TIMESTAMP(0)" : "DATETIME";
        String flag = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE";
        Sql.execute(raw, "DROP TABLE IF EXISTS " + O, "DROP TABLE IF EXISTS " + C, "DROP TABLE IF EXISTS " + N,
            "CREATE TABLE " + C + " (id INT PRIMARY KEY, " + flag + ", deleted_at " + seconds + " NULL)",
            "CREATE TABLE " + O + " (id INT PRIMARY KEY, customer_id INT, " + flag + ", deleted_at "
                + db.timestampType() + " NULL)",
            "CREATE TABLE " + N + " (id INT PRIMARY KEY, " + flag + ", deleted_at " + seconds + " NULL)",
            "INSERT INTO " + C + " (id) VALUES (1), (2)", "INSERT INTO " + O + " (id, customer_id) VALUES (10, 1), (20, 2)",
            "INSERT INTO " + N + " (id) VALUES (1), (2)");
        config = ConfigFile.writeRaw(dir, "version: 1\n"
            + "tables:\n"
            + "  " + C + ":\n"
            + "    cascade:\n"
            + "      - { table: " + O + ", column: customer_id }\n"
            + "  " + O + ": {}\n"
            + "  " + N + ": {}\n");
        app = ThroughDriver.connect(db.rawUrl(), config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS " + O, "DROP TABLE IF EXISTS " + C, "DROP TABLE IF EXISTS " + N);
        }
    }

    /**
     * MariaDB reports no precision for a DATE (nor for a BIGINT) column, which the driver did not count as coarse: a
     * probe's cascade found no children by it, silently. Any column of no microseconds is refused alike.
     */
    @Test
    void aCascadeThatWouldFindItsParentsByADateColumnIsRefused() throws Exception {
        Sql.execute(raw, "DROP TABLE " + C, "CREATE TABLE " + C + " (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL"
            + " DEFAULT FALSE, deleted_at DATE NULL)", "INSERT INTO " + C + " (id) VALUES (1), (2)");
        // a configuration of its own: the engine of setUp's read the catalog before the table changed
        Path own = ConfigFile.writeRaw(Files.createTempDirectory(dir, "dated"), Files.readString(config)
            + "# dated\n");
        try (Connection dated = ThroughDriver.connect(db.rawUrl(), own)) {
            assertThatThrownBy(() -> Sql.update(dated, "DELETE FROM " + C + " WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                .hasMessageContaining("holds less than microseconds");
            assertThat(Sql.longs(dated, "SELECT id FROM " + O + " ORDER BY id")).containsExactly(10L, 20L);
        }
        assertThat(Sql.longs(raw, "SELECT id FROM " + C + " WHERE is_deleted = FALSE ORDER BY id"))
            .containsExactly(1L, 2L);
    }

    @Test
    void aCascadeThatWouldFindItsParentsByASecondsTimestampIsRefused() throws Exception {
        assertThatThrownBy(() -> Sql.update(app, "DELETE FROM " + C + " WHERE id = 1"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
            .hasMessageContaining("holds less than microseconds");

        assertThat(Sql.longs(app, "SELECT id FROM " + C + " ORDER BY id")).containsExactly(1L, 2L);
        assertThat(Sql.longs(app, "SELECT id FROM " + O + " ORDER BY id")).containsExactly(10L, 20L);
        // a delete with nothing around it finds no rows by the timestamp: it goes on
        assertThat(Sql.update(app, "DELETE FROM " + N + " WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM " + O + " WHERE id = 20")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM " + N + " ORDER BY id")).as("soft, not removed").containsExactly(1L, 2L);
    }
}
