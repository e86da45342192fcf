package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnMariaDB;
import dev.softdelete.it.support.SideDatabases;
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
 * On MySQL/MariaDB the cascades, RESTRICT checks and SET NULL steps read the keys of the parents an event deleted
 * and match children by those values: a key must come back from the vendor driver as the value it is. A probe's
 * {@code TINYINT(1)} key came back as a Boolean (both vendor drivers read {@code TINYINT(1)} as BIT by default), so
 * 2 was bound again as 1: the children of the live kind 1 were soft-deleted and nulled, kind 2's stayed, and a
 * RESTRICT check failed where the hard delete passes. Each delete here runs on a hard twin too (real keys, rows
 * really deleted), and the visible rows are compared.
 */
@OnMariaDB
class KeyValuesIT {
    private static final String FLAGS = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;

    @BeforeEach
    void setUp() throws SQLException {
        raw = DriverManager.getConnection(database.rawUrl());
        drop();
        for (String side : new String[] {"soft", "hard"}) {
            String flags = side.equals("soft") ? ", " + FLAGS : "";
            Sql.execute(raw, "CREATE TABLE sdit_kv_" + side + "_kinds (id TINYINT(1) PRIMARY KEY" + flags + ")",
                "CREATE TABLE sdit_kv_" + side + "_things (id INT PRIMARY KEY, kind_id TINYINT(1),"
                    + " FOREIGN KEY (kind_id) REFERENCES sdit_kv_" + side + "_kinds (id) ON DELETE CASCADE" + flags
                    + ")",
                "CREATE TABLE sdit_kv_" + side + "_notes (id INT PRIMARY KEY, kind_id TINYINT(1), FOREIGN KEY (kind_id)"
                    + " REFERENCES sdit_kv_" + side + "_kinds (id) ON DELETE SET NULL)",
                "CREATE TABLE sdit_kv_" + side + "_refs (id INT PRIMARY KEY, kind_id TINYINT(1), FOREIGN KEY (kind_id)"
                    + " REFERENCES sdit_kv_" + side + "_kinds (id) ON DELETE RESTRICT)",
                "INSERT INTO sdit_kv_" + side + "_kinds (id) VALUES (0), (1), (2), (3)",
                "INSERT INTO sdit_kv_" + side + "_things (id, kind_id) VALUES (10, 0), (11, 1), (12, 2), (13, 2),"
                    + " (14, 3)",
                "INSERT INTO sdit_kv_" + side + "_notes (id, kind_id) VALUES (200, 1), (201, 2), (202, 0)",
                "INSERT INTO sdit_kv_" + side + "_refs (id, kind_id) VALUES (300, 1), (301, 3)");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection r = raw) {
            drop();
        }
    }

    private void drop() throws SQLException {
        for (String side : new String[] {"soft", "hard"}) {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kv_" + side + "_refs, sdit_kv_" + side + "_notes,"
                + " sdit_kv_" + side + "_things, sdit_kv_" + side + "_kinds");
        }
    }

    @Test
    void aTinyIntOneKeyIsMatchedByItsValueNotAsABoolean() throws Exception {
        Path config = ConfigFile.write(dir, "sdit_kv_soft_kinds", "sdit_kv_soft_things");
        try (Connection app = ThroughDriver.connect(database.rawUrl(), config)) {
            assertThat(Sql.update(app, "DELETE FROM sdit_kv_soft_kinds WHERE id = 2")).isEqualTo(1);
            assertThat(Sql.update(raw, "DELETE FROM sdit_kv_hard_kinds WHERE id = 2")).isEqualTo(1);
            assertSame(app);

            // kind 3 is protected by ref 301 on both sides; once the ref is gone, both deletes pass
            assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_kv_soft_kinds WHERE id = 3"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1451));
            assertThatThrownBy(() -> Sql.update(raw, "DELETE FROM sdit_kv_hard_kinds WHERE id = 3"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1451));
            Sql.execute(raw, "DELETE FROM sdit_kv_soft_refs WHERE id = 301",
                "DELETE FROM sdit_kv_hard_refs WHERE id = 301");
            assertThat(Sql.update(app, "DELETE FROM sdit_kv_soft_kinds WHERE id = 3")).isEqualTo(1);
            assertThat(Sql.update(raw, "DELETE FROM sdit_kv_hard_kinds WHERE id = 3")).isEqualTo(1);
            assertSame(app);
        }
    }

    /**
     * Character keys travel through the connection's character set: with Connector/J's {@code
     * characterEncoding=ISO-8859-1} a probe's keys {@code 'ж'} and {@code '😀'} came back as {@code '?'}, their
     * children stayed live and the child of the live parent {@code '?'} was soft-deleted. Such a connection is
     * refused where the configuration's keys have character columns; in utf8mb4 the cascade finds its children.
     */
    @Test
    void aConnectionWhoseCharacterSetCannotCarryCharacterKeysIsRefused() throws Exception {
        createCodes();
        try {
            Path config = ConfigFile.write(dir, "sdit_kv_codes", "sdit_kv_codes_child");
            // Connector/J's client encoding; the MariaDB driver's session variables (Connector/J sets them back);
            // results as stored, which the MariaDB driver decodes as UTF-8 whatever the column's set (a probe's latin1
            // key 'Ã©' came back as 'é', and the cascade reached the children of the live parent 'é')
            for (String url : new String[] {database.rawUrl() + "&characterEncoding=ISO-8859-1",
                mariaDbDriverUrl() + "&sessionVariables=character_set_connection=latin1",
                mariaDbDriverUrl() + "&sessionVariables=character_set_results=NULL"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(ThroughDriver.url(url),
                    ThroughDriver.properties(config))).as(url)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"))
                    .hasMessageContaining("character set");
            }
            // a connection opened on another database, whose catalog has no such keys, then moved here
            String elsewhere = SideDatabases.ensure(database, database.rawUrl(), "softdelete_it_valid");
            try (Connection moved = ThroughDriver.connect(elsewhere + "&characterEncoding=ISO-8859-1", config)) {
                String use = "USE " + Sql.single(raw, "SELECT DATABASE()");
                assertThatThrownBy(() -> Sql.execute(moved, use))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
                assertThatThrownBy(() -> Sql.update(moved, "DELETE FROM sdit_kv_codes WHERE code <> '?'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
            }
            try (Connection app = ThroughDriver.connect(database.rawUrl(), config)) {
                assertThat(Sql.update(app, "DELETE FROM sdit_kv_codes WHERE code <> '?'")).isEqualTo(1);
            }
            assertThat(Sql.longs(raw, "SELECT id FROM sdit_kv_codes_child WHERE NOT is_deleted")).containsExactly(2L);
            // keys of numbers need no particular character set
            try (Connection app = ThroughDriver.connect(database.rawUrl() + "&characterEncoding=ISO-8859-1",
                    ConfigFile.write(Files.createDirectory(dir.resolve("numbers")), "sdit_kv_soft_kinds",
                        "sdit_kv_soft_things"))) {
                assertThat(Sql.update(app, "DELETE FROM sdit_kv_soft_kinds WHERE id = 0")).isEqualTo(1);
            }
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kv_codes_child, sdit_kv_codes");
        }
    }

    /**
     * The character sets as each delete event finds them: a SET after connect (in a statement, in SQL text handed to
     * the database) is not watched, but a soft delete whose cascade would carry character keys through
     * them asks them before its first key is read. A probe's {@code SET character_set_results = latin1} turned
     * {@code 'ж'} into {@code '?'}, and the cascade soft-deleted the child of the live parent {@code '?'}; its
     * {@code EXECUTE IMMEDIATE 'SET ...'} did the same past a check of SET statements. The DELETE is refused (SD000)
     * with nothing changed; statements that carry no keys go on; back in utf8mb4 the DELETE runs.
     */
    @Test
    void aDeleteEventAsksTheCharacterSetsBeforeItCarriesKeys() throws Exception {
        createCodes();
        try (Connection app = ThroughDriver.connect(database.rawUrl(),
                ConfigFile.write(dir, "sdit_kv_codes", "sdit_kv_codes_child"))) {
            for (String set : new String[] {"SET character_set_results = latin1", "SET NAMES latin1",
                "/*!40101 SET @@session.character_set_client = latin1 */", "SET @a = 1, collation_connection ="
                    + " latin1_swedish_ci", "EXECUTE IMMEDIATE 'SET character_set_results = latin1'"}) {
                Sql.execute(app, set);
                assertThatThrownBy(() -> Sql.update(app, "DELETE FROM sdit_kv_codes WHERE code <> '?'")).as(set)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
                assertThat(Sql.longs(raw, "SELECT id FROM sdit_kv_codes_child WHERE NOT is_deleted")).as(set)
                    .containsExactly(1L, 2L);
                assertThat(Sql.longs(app, "SELECT count(*) FROM sdit_kv_codes")).as(set).containsExactly(2L);
                Sql.execute(app, "SET NAMES utf8mb4");
            }
            assertThat(Sql.update(app, "DELETE FROM sdit_kv_codes WHERE code <> '?'")).isEqualTo(1);
            assertThat(Sql.longs(app, "SELECT id FROM sdit_kv_codes_child")).containsExactly(2L);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kv_codes_child, sdit_kv_codes");
        }
    }

    /**
     * The MariaDB driver reads a zero DATETIME as null (and one with a zero day throws): a probe's parent keyed
     * {@code '0000-00-00 00:00:00'} was soft-deleted and its child stayed live. Such keys are read as stored.
     */
    @Test
    void aZeroDateTimeKeyIsCarriedThroughTheMariaDbDriver() throws Exception {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kv_at_child, sdit_kv_at",
            "CREATE TABLE sdit_kv_at (id INT PRIMARY KEY, k DATETIME, " + FLAGS + ", UNIQUE KEY (k))",
            "CREATE TABLE sdit_kv_at_child (id INT PRIMARY KEY, pk DATETIME, " + FLAGS + ", FOREIGN KEY (pk)"
                + " REFERENCES sdit_kv_at (k) ON DELETE CASCADE)",
            "INSERT INTO sdit_kv_at (id, k) VALUES (1, '0000-00-00 00:00:00'), (2, '2020-01-01')",
            "INSERT INTO sdit_kv_at_child (id, pk) VALUES (10, '0000-00-00 00:00:00'), (20, '2020-01-01')");
        try (Connection app = DriverManager.getConnection(ThroughDriver.url(mariaDbDriverUrl()),
                ThroughDriver.properties(ConfigFile.write(dir, "sdit_kv_at", "sdit_kv_at_child")))) {
            assertThat(Sql.update(app, "DELETE FROM sdit_kv_at WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.longs(app, "SELECT id FROM sdit_kv_at_child")).containsExactly(20L);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kv_at_child, sdit_kv_at");
        }
    }

    /** Parents keyed 'ж' and '?', each with a child. */
    private void createCodes() throws SQLException {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kv_codes_child, sdit_kv_codes",
            "CREATE TABLE sdit_kv_codes (code VARCHAR(10) PRIMARY KEY, " + FLAGS + ") CHARACTER SET utf8mb4",
            "CREATE TABLE sdit_kv_codes_child (id INT PRIMARY KEY, code VARCHAR(10), FOREIGN KEY (code) REFERENCES"
                + " sdit_kv_codes (code) ON DELETE CASCADE, " + FLAGS + ") CHARACTER SET utf8mb4",
            "INSERT INTO sdit_kv_codes (code) VALUES ('\u0436'), ('?')",
            "INSERT INTO sdit_kv_codes_child (id, code) VALUES (1, '\u0436'), (2, '?')");
    }

    /** The test database through the MariaDB driver (org.mariadb.jdbc) rather than Connector/J. */
    private String mariaDbDriverUrl() {
        return "jdbc:mariadb:" + database.rawUrl().substring("jdbc:mysql:".length()).replaceFirst("[?].*", "")
            + "?user=root&password=";
    }

    private void assertSame(Connection app) throws SQLException {
        for (String query : new String[] {"SELECT id FROM sdit_kv_%s_kinds ORDER BY id",
            "SELECT id FROM sdit_kv_%s_things ORDER BY id",
            "SELECT id * 10 + COALESCE(kind_id, 9) FROM sdit_kv_%s_notes ORDER BY id"}) {
            assertThat(Sql.longs(app, String.format(query, "soft"))).as(query)
                .isEqualTo(Sql.longs(raw, String.format(query, "hard")));
        }
    }
}
