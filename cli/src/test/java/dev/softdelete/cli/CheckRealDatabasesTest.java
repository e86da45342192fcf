package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} against the real PostgreSQL and MariaDB of {@code SOFTDELETE_IT_POSTGRES_URL} and
 * {@code SOFTDELETE_IT_MYSQL_URL} (skipped when unset, see {@link RealDatabase}). Each run works on tables of its
 * own, named with a random prefix, and drops them afterwards.
 */
class CheckRealDatabasesTest {
    @TempDir
    Path dir;

    private final String prefix = "sdcli_" + UUID.randomUUID().toString().substring(0, 8) + "_";

    @Test
    void mariaDbDatetimeNeedsFractionalSeconds() throws Exception {
        String url = RealDatabase.MARIADB.url();
        CliRun run = check(url,
            "CREATE TABLE " + prefix + "fine (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at DATETIME(6) NULL, batch_id CHAR(36) NULL)",
            "CREATE TABLE " + prefix + "coarse (id INT PRIMARY KEY, fine_id INT,"
                + " is_deleted TINYINT(1) NOT NULL DEFAULT 0, deleted_at DATETIME NULL,"
                + " FOREIGN KEY (fine_id) REFERENCES " + prefix + "fine(id) ON DELETE CASCADE)",
            "CREATE VIEW " + prefix + "live AS SELECT id FROM " + prefix + "fine WHERE NOT is_deleted");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
            .containsPattern("(?m)^OK     " + prefix + "fine\\.deleted_at: timestamp column DATETIME\\(6\\) NULL$")
            .containsPattern("(?m)^OK     " + prefix + "fine\\.batch_id: batch column CHAR\\(36\\) NULL$")
            .containsPattern("(?m)^ERROR  " + prefix + "coarse\\.deleted_at: timestamp column DATETIME\\(0\\) NULL"
                + " holds 0 fractional-second digits.*DATETIME\\(6\\)$")
            .containsPattern("(?m)^OK     " + prefix + "coarse\\.is_deleted: flag column ")
            .containsPattern("(?m)^OK     " + prefix + "fine: foreign key .*ON DELETE CASCADE: followed as a cascade")
            .containsPattern("(?m)^ERROR  guard trigger softdelete_guard_ins_" + prefix + "coarse on " + prefix
                + "coarse: missing: ")
            .containsPattern("(?m)^ERROR  guard trigger softdelete_guard_upd_" + prefix + "coarse on " + prefix
                + "coarse: missing: ")
            .containsPattern("(?m)^WARN   view \\w+\\." + prefix + "live: reads configured table " + prefix + "fine")
            .containsPattern("(?m)^3 errors, 1 warning, \\d+ ok: problems found$");
    }

    @Test
    void postgresTimestampNeedsMicroseconds() throws Exception {
        String url = RealDatabase.POSTGRESQL.url();
        CliRun run = check(url,
            "CREATE TABLE " + prefix + "fine (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at TIMESTAMP NULL, batch_id CHAR(36) NULL)",
            "CREATE TABLE " + prefix + "coarse (id INT PRIMARY KEY, fine_id INT REFERENCES " + prefix + "fine(id)"
                + " ON DELETE CASCADE, is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP(0) NULL)",
            "CREATE VIEW " + prefix + "live AS SELECT id FROM " + prefix + "fine WHERE NOT is_deleted",
            // a rule on DELETE no longer applies to a soft delete (a probe: DO INSTEAD NOTHING bypassed)
            "CREATE RULE " + prefix + "keep AS ON DELETE TO " + prefix + "fine DO INSTEAD NOTHING");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
            .containsPattern("(?m)^OK     " + prefix + "fine\\.deleted_at: timestamp column TIMESTAMP\\(6\\) NULL$")
            .containsPattern("(?m)^OK     " + prefix + "fine\\.batch_id: batch column BPCHAR\\(36\\) NULL$")
            .containsPattern("(?m)^ERROR  " + prefix + "coarse\\.deleted_at: timestamp column TIMESTAMP\\(0\\) NULL"
                + " holds 0 fractional-second digits")
            .containsPattern("(?m)^OK     " + prefix + "fine: foreign key .*ON DELETE CASCADE: followed as a cascade")
            .containsPattern("(?m)^ERROR  lock index softdelete_lock_" + prefix + "fine_id on " + prefix
                + "fine: missing: ")
            .containsPattern("(?m)^ERROR  guard trigger softdelete_guard_" + prefix + "coarse on " + prefix
                + "coarse: missing: ")
            // a table no key references has one too: its soft delete waits for FOR KEY SHARE as a hard delete does
            .containsPattern("(?m)^ERROR  lock index softdelete_lock_" + prefix + "coarse_id on " + prefix
                + "coarse: missing: .*FOR KEY SHARE")
            .containsPattern("(?m)^WARN   view \\w+\\." + prefix + "live: reads configured table " + prefix + "fine")
            .containsPattern("(?m)^WARN   rule " + prefix + "keep on \\w+\\." + prefix + "fine: applies to DELETE from"
                + " configured table " + prefix + "fine; a DELETE through the driver runs as an UPDATE")
            .containsPattern("(?m)^4 errors, 2 warnings, \\d+ ok: problems found$");
    }

    /**
     * Names the driver refuses at connect (a PostgreSQL table only under a quoted name with capitals, a MariaDB
     * table named by a reserved word): {@code check} said "all good" while every connection failed with SD000.
     */
    @Test
    void namesTheDriverRefusesAreErrors() throws Exception {
        Path config = Files.writeString(dir.resolve("names.yml"), "version: 1\ntables:\n  Orders: {}\n  order: {}\n");
        try (OwnDatabase pg = new OwnDatabase(RealDatabase.POSTGRESQL, "sdcli_names")) {
            pg.execute("CREATE TABLE \"Orders\" (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at TIMESTAMP NULL)", "CREATE TABLE \"order\" (id INT PRIMARY KEY,"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL)");
            CliRun run = CliRun.of("check", "--url", pg.url(), "--config", config.toString());
            assertThat(run.status()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).containsPattern("(?m)^ERROR  configuration: the driver refuses to connect with it:"
                + " soft-delete table Orders exists only under a name that needs quotes");

            // a column so (a probe: check said all good, the driver connected, every statement failed with 42703)
            pg.execute("CREATE TABLE mc (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " \"DeletedAt\" TIMESTAMP)");
            Path columns = Files.writeString(dir.resolve("columns.yml"), "version: 1\ntables:\n  mc:\n"
                + "    timestamp-column: DeletedAt\n");
            CliRun column = CliRun.of("check", "--url", pg.url(), "--config", columns.toString());
            assertThat(column.out()).containsPattern("(?m)^ERROR  configuration: the driver refuses to connect with"
                + " it: column DeletedAt of soft-delete table mc exists only under a name that needs quotes");
        }
        try (OwnDatabase maria = new OwnDatabase(RealDatabase.MARIADB, "sdcli_names")) {
            maria.execute("CREATE TABLE Orders (id INT PRIMARY KEY, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at DATETIME(6) NULL)", "CREATE TABLE `order` (id INT PRIMARY KEY,"
                + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at DATETIME(6) NULL)");
            CliRun run = CliRun.of("check", "--url", maria.url(), "--config", config.toString());
            assertThat(run.status()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).containsPattern("(?m)^ERROR  configuration: the driver refuses to connect with it:"
                + " softdelete-jdbc: the table order .* is a reserved word");
        }
    }

    /**
     * The server's default isolation level on MariaDB: at READ COMMITTED a soft delete skips a row another open
     * transaction is making match (semi-consistent read), where the hard DELETE waits; check says so.
     */
    @Test
    void mariaDbReadCommittedByDefaultIsAWarning() throws Exception {
        String url = RealDatabase.MARIADB.url();
        Path config = Files.writeString(dir.resolve("none.yml"), "version: 1\ntables:\n  " + prefix + "none: {}\n");
        assertThat(CliRun.of("check", "--url", url, "--config", config.toString()).out())
            .containsPattern("(?m)^OK     isolation level: the server's default is REPEATABLE-READ$");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            String before;
            try (java.sql.ResultSet rs = st.executeQuery("SELECT @@GLOBAL.tx_isolation")) {
                rs.next();
                before = rs.getString(1);
            }
            st.execute("SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED");
            try {
                assertThat(CliRun.of("check", "--url", url, "--config", config.toString()).out())
                    .containsPattern("(?m)^WARN   isolation level: the server's default is READ-COMMITTED: there a soft"
                        + " delete");
            } finally {
                st.execute("SET GLOBAL tx_isolation = '" + before + "'");
            }
        }
    }

    /** Creates the tables, checks them with a configuration naming the two tables, drops them again. */
    private CliRun check(String url, String... ddl) throws Exception {
        Path config = Files.writeString(dir.resolve("softdelete.yml"), String.join("\n",
            "version: 1",
            "tables:",
            "  " + prefix + "fine:",
            "    batch-column: batch_id",
            "  " + prefix + "coarse: {}",
            ""));
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            try {
                for (String sql : ddl) {
                    st.execute(sql);
                }
                return CliRun.of("check", "--url", url, "--config", config.toString());
            } finally {
                st.execute("DROP VIEW IF EXISTS " + prefix + "live");
                st.execute("DROP TABLE IF EXISTS " + prefix + "coarse");
                st.execute("DROP TABLE IF EXISTS " + prefix + "fine");
            }
        }
    }
}
