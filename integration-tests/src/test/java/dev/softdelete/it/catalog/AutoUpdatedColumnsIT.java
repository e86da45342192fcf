package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnMariaDB;
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
 * MySQL/MariaDB update a column declared {@code ON UPDATE CURRENT_TIMESTAMP} on every UPDATE of its row, so the
 * soft delete's UPDATE would change it, and an UNDELETE would bring back a row that changed. The driver sets such
 * columns to themselves, which keeps them: a deleted and restored row is the row it was.
 */
@OnMariaDB
class AutoUpdatedColumnsIT {
    private static final String OLD = "2001-02-03 04:05:06.000000";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_auto_notes, sdit_auto_lines, sdit_auto_orders",
            "CREATE TABLE sdit_auto_orders (id INT PRIMARY KEY, last_update DATETIME(6) NOT NULL"
                + " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL)",
            "CREATE TABLE sdit_auto_lines (id INT PRIMARY KEY, order_id INT, last_update DATETIME(6) NOT NULL"
                + " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL)",
            // a plain table whose key the driver sets to NULL, as InnoDB's own SET NULL would
            "CREATE TABLE sdit_auto_notes (id INT PRIMARY KEY, order_id INT REFERENCES sdit_auto_orders (id)"
                + " ON DELETE SET NULL, last_update DATETIME(6) NOT NULL"
                + " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))",
            "INSERT INTO sdit_auto_orders (id, last_update) VALUES (1, '" + OLD + "'), (2, '" + OLD + "')",
            "INSERT INTO sdit_auto_notes (id, order_id, last_update) VALUES (20, 1, '" + OLD + "')",
            "INSERT INTO sdit_auto_lines (id, order_id, last_update) VALUES (10, 1, '" + OLD + "'),"
                + " (11, 2, '" + OLD + "')");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.writeRaw(dir, "version: 1\n"
            + "tables:\n"
            + "  sdit_auto_orders:\n"
            + "    cascade:\n"
            + "      - { table: sdit_auto_lines, column: order_id }\n"
            + "  sdit_auto_lines: {}\n"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, "DROP TABLE IF EXISTS sdit_auto_notes, sdit_auto_lines, sdit_auto_orders");
        }
    }

    @Test
    void aSoftDeleteAndItsCascadeLeaveTheColumnAlone() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_auto_orders WHERE id = 1")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_auto_orders WHERE is_deleted")).containsExactly(1L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_auto_lines WHERE is_deleted")).containsExactly(10L);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_auto_notes WHERE order_id IS NULL")).containsExactly(1L);
        assertUnchanged();
    }

    @Test
    void aMultiTableSoftDeleteLeavesItAlone() throws SQLException {
        assertThat(Sql.update(app, "DELETE o, l FROM sdit_auto_orders o JOIN sdit_auto_lines l ON l.order_id = o.id"
            + " WHERE o.id = 2")).isEqualTo(2);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_auto_lines WHERE is_deleted")).containsExactly(11L);
        assertUnchanged();
    }

    @Test
    void aRestoredRowIsTheRowItWas() throws SQLException {
        Sql.update(app, "DELETE FROM sdit_auto_orders WHERE id = 1");

        assertThat(Sql.update(app, "UNDELETE FROM sdit_auto_orders WHERE id = 1")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_auto_lines WHERE is_deleted")).isEmpty();
        assertUnchanged();
    }

    private void assertUnchanged() throws SQLException {
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_auto_orders WHERE last_update <> '" + OLD + "'"))
            .containsExactly(0L);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_auto_lines WHERE last_update <> '" + OLD + "'"))
            .containsExactly(0L);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_auto_notes WHERE last_update <> '" + OLD + "'"))
            .as("a SET NULL step leaves the plain child's column as InnoDB's own SET NULL does").containsExactly(0L);
    }
}
