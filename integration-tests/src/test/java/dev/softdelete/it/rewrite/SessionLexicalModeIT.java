package dev.softdelete.it.rewrite;

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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A session that reads a backslash in a string otherwise than the driver: PostgreSQL with
 * {@code standard_conforming_strings} off, MySQL/MariaDB with {@code NO_BACKSLASH_ESCAPES}. There a string ends
 * where the driver does not expect it, and a table the driver took for part of a string is read unfiltered: a probe
 * read the soft-deleted rows with such a text. The vendor drivers follow the setting from every response, and the
 * driver asks them: a text with a backslash that mentions a configured table is refused while the session reads it
 * otherwise, a statement prepared before the setting changed included. On MariaDB through both vendor drivers.
 *
 * <p>Fixture: {@code sdit_lx_orders} 1-3, 2 soft-deleted.
 */
@OnEachDatabase
class SessionLexicalModeIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Path config;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_lx_orders", "CREATE TABLE sdit_lx_orders (id INT PRIMARY KEY,"
            + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL)",
            "INSERT INTO sdit_lx_orders (id) VALUES (1), (2), (3)");
        config = ConfigFile.write(dir, "sdit_lx_orders");
        try (Connection app = ThroughDriver.connect(database.rawUrl(), config)) {
            assertThat(Sql.update(app, "DELETE FROM sdit_lx_orders WHERE id = 2")).isEqualTo(1);
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_lx_orders");
        raw.close();
    }

    @Test
    void aBackslashIsRefusedWhileTheSessionReadsItOtherwise() throws Exception {
        for (String url : vendorUrls()) {
            Connection app = open(url);
            String misread = misread();
            PreparedStatement preparedBefore = app.prepareStatement(misread);
            assertThat(Sql.single(app, misread)).as(url).startsWith(database == TestDatabase.POSTGRESQL ? "x\\" : "a'");

            Sql.execute(app, otherMode());

            assertThatThrownBy(() -> Sql.single(app, misread)).as(url).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            assertThatThrownBy(preparedBefore::executeQuery).as("%s, prepared before", url)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            assertThat(Sql.longs(app, "SELECT id FROM sdit_lx_orders WHERE id <> 0 ORDER BY id")).as(url)
                .as("no backslash: read alike").containsExactly(1L, 3L);

            Sql.execute(app, driversMode());
            assertThat(Sql.single(app, misread)).as("%s, mode back", url)
                .startsWith(database == TestDatabase.POSTGRESQL ? "x\\" : "a'");
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_lx_orders ORDER BY id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aTextThatChangesTheModeBeforeABackslashIsRefused() throws Exception {
        for (String url : vendorUrls()) {
            Connection app = open(url);
            String misread = misread();
            try (var batch = app.createStatement()) {
                batch.addBatch(otherMode());
                batch.addBatch(misread);
                assertThatThrownBy(batch::executeBatch).as(url).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            }
        }
    }

    /**
     * A function called by an earlier entry of a batch, or an earlier statement of a text, may change the mode without
     * naming it: a probe's PostgreSQL function turned standard_conforming_strings off with set_config, and the next
     * entry, read by the driver as strings only, counted the soft-deleted row (with preferQueryMode=simple a DELETE
     * in it removed a row physically). On PostgreSQL (and H2) a later entry or statement with a backslash that
     * mentions a configured table is refused; MariaDB restores sql_mode when a routine returns, and reads it alike.
     */
    @Test
    void aModeChangedInsideAFunctionEarlierInABatchOrTextIsNotTrusted() throws Exception {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_lx_log", "CREATE TABLE sdit_lx_log (n INT)");
        Sql.execute(raw, database == TestDatabase.POSTGRESQL
            ? "CREATE OR REPLACE FUNCTION sdit_lx_mode() RETURNS int LANGUAGE sql AS"
                + " $$ SELECT length(set_config('standard_conforming_strings', 'off', false)) * 0 $$"
            : "CREATE OR REPLACE FUNCTION sdit_lx_mode() RETURNS INT NOT DETERMINISTIC BEGIN"
                + " SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES'); RETURN 0; END");
        try {
            String first = "INSERT INTO sdit_lx_log (n) VALUES (sdit_lx_mode())";
            String second = database == TestDatabase.POSTGRESQL
                ? "INSERT INTO sdit_lx_log (n) SELECT 0 * length('a\\' -- ') + (SELECT count(*) FROM sdit_lx_orders)"
                    + " + (0\n)"
                : "INSERT INTO sdit_lx_log (n) SELECT count(*) FROM sdit_lx_orders WHERE 'x\\'' <> ''";
            Connection app = open(database.rawUrl());
            if (database == TestDatabase.POSTGRESQL) {
                try (var batch = app.createStatement()) {
                    batch.addBatch(first);
                    batch.addBatch(second);
                    assertThatThrownBy(batch::executeBatch).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
                }
                assertThatThrownBy(() -> Sql.execute(app, first + "; " + second))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
                assertThat(Sql.longs(raw, "SELECT n FROM sdit_lx_log")).isEmpty();
            } else {
                try (var batch = app.createStatement()) {
                    batch.addBatch(first);
                    batch.addBatch(second);
                    batch.executeBatch();
                }
                assertThat(Sql.longs(raw, "SELECT n FROM sdit_lx_log ORDER BY n")).containsExactly(0L, 2L);
            }
        } finally {
            Sql.execute(raw, "DROP FUNCTION IF EXISTS sdit_lx_mode", "DROP TABLE IF EXISTS sdit_lx_log");
        }
    }

    /** What the driver reads as strings only, and the server in the other mode as a query of the table. */
    private String misread() {
        return database == TestDatabase.POSTGRESQL ? "SELECT 'x\\', ' FROM sdit_lx_orders -- '"
            : "SELECT 'a\\', id FROM sdit_lx_orders -- '";
    }

    private Connection open(String url) throws SQLException {
        Connection c = ThroughDriver.connect(url, config);
        opened.add(c);
        return c;
    }

    private String otherMode() {
        return database == TestDatabase.POSTGRESQL ? "SET standard_conforming_strings = off"
            : "SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')";
    }

    private String driversMode() {
        return database == TestDatabase.POSTGRESQL ? "SET standard_conforming_strings = on"
            : "SET sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')";
    }

    /** The database's URL; for MariaDB also through the MariaDB driver, with the user and password of the URL. */
    private List<String> vendorUrls() {
        String url = database.rawUrl();
        if (database == TestDatabase.POSTGRESQL) {
            return List.of(url);
        }
        int q = url.indexOf('?');
        StringBuilder mariadb = new StringBuilder("jdbc:mariadb:").append(url, "jdbc:mysql:".length(),
            q < 0 ? url.length() : q);
        char sep = '?';
        for (String param : q < 0 ? new String[0] : url.substring(q + 1).split("&")) {
            if (param.startsWith("user=") || param.startsWith("password=")) {
                mariadb.append(sep).append(param);
                sep = '&';
            }
        }
        return List.of(url, mariadb.toString());
    }
}
