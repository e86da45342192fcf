package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} and {@code check} on the keys and guards of real databases: unique keys made soft-delete-aware
 * (MariaDB: one generated column for two keys ending in one column, lookups still indexed, a prefix kept;
 * PostgreSQL: DEFERRABLE, INCLUDE and exclusion constraints), the lock index over a referenced key that a second run
 * must leave as it is, and guard triggers left over when a parent leaves the configuration. A second run has nothing
 * to do.
 */
class MigrateKeysAndGuardsRealDatabasesTest {
    @TempDir
    Path dir;

    @Test
    void twoKeysEndingInOneColumnShareItsGeneratedColumn() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.MARIADB, "softdelete_migrate_uq")) {
            db.execute("CREATE TABLE u (id INT PRIMARY KEY, a INT, b INT, code VARCHAR(10),"
                + " UNIQUE KEY ua (a, code), UNIQUE KEY ub (b, code))");
            Path yml = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  u: {}\n");

            CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString(), "--apply");
            assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
            CliRun again = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString());
            assertThat(again.out()).contains("-- Nothing to do");

            List<String> indexes = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT INDEX_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX)"
                     + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'u'"
                     + " GROUP BY INDEX_NAME ORDER BY INDEX_NAME")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1) + "(" + rs.getString(2) + ")");
                }
            }
            assertThat(indexes).containsExactly("PRIMARY(id)", "ua(a,sd_live_code)", "ua_lookup(a,code)",
                "ub(b,sd_live_code)", "ub_lookup(b,code)");
        }
    }

    /**
     * A prefix key, {@code UNIQUE (name(3))}: the soft-delete-aware key lost the prefix, so 'abcdef' and 'abcxx'
     * no longer collided, where they do on the hard-deleted table.
     */
    @Test
    void aPrefixKeyKeepsItsPrefix() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.MARIADB, "softdelete_migrate_prefix")) {
            db.execute("CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(20), UNIQUE KEY uk_pref (name(3)))");
            Path yml = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  p: {}\n");
            CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString(), "--apply");
            assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
            db.execute("INSERT INTO p (id, name) VALUES (1, 'abcdef')");
            assertThatThrownBy(() -> db.execute("INSERT INTO p (id, name) VALUES (2, 'abcxx')"))
                .isInstanceOfSatisfying(java.sql.SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1062));
            db.execute("UPDATE p SET is_deleted = TRUE WHERE id = 1", "INSERT INTO p (id, name) VALUES (2, 'abcxx')");
        }
    }

    /**
     * A second run took the lock index {@code (code, is_deleted)} over a referenced unique key for a key to make
     * soft-delete-aware and made it partial; a soft delete of a parent then no longer waited for a concurrent insert
     * of a child (a live child under a deleted parent), and {@code check} said the index was installed.
     */
    @Test
    void lockIndexOverAReferencedKeyStaysThroughASecondRun() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.POSTGRESQL, "softdelete_migrate_lock")) {
            db.execute("CREATE TABLE p (id INT PRIMARY KEY, code TEXT UNIQUE NOT NULL)",
                "CREATE TABLE c (id INT PRIMARY KEY, pcode TEXT REFERENCES p (code))");
            Path yml = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  p: {}\n  c: {}\n");

            CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString(), "--apply");
            assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
            CliRun again = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString());
            assertThat(again.out()).as(again.out()).contains("-- Nothing to do");
            assertThat(lockIndex(db)).isEqualTo("CREATE UNIQUE INDEX softdelete_lock_p_code ON public.p USING btree"
                + " (code, is_deleted)");

            db.execute("DROP INDEX softdelete_lock_p_code",
                "CREATE UNIQUE INDEX softdelete_lock_p_code ON p (code, is_deleted) WHERE NOT is_deleted");
            CliRun check = CliRun.of("check", "--url", db.url(), "--config", yml.toString());
            assertThat(check.out()).as(check.out()).contains("ERROR").contains("lock index softdelete_lock_p_code");
            CliRun repair = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString(), "--apply");
            assertThat(repair.status()).as(repair.out() + repair.err()).isZero();
            assertThat(lockIndex(db)).doesNotContain("WHERE");
        }
    }

    /**
     * Keys migrate must not turn into a plain partial unique index, and check must name: a DEFERRABLE constraint
     * (made immediate, {@code UPDATE d SET pos = pos + 1} failed), a key with INCLUDE columns (taken for a key over
     * the primary key, and left out), an exclusion constraint (no unique key at all).
     */
    @Test
    void deferrableIncludeAndExclusionKeysAreNamedNotBroken() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.POSTGRESQL, "softdelete_migrate_keys")) {
            db.execute("CREATE TABLE d (id INT PRIMARY KEY, pos INT, a INT, b INT, lo INT,"
                + " CONSTRAINT d_pos UNIQUE (pos) DEFERRABLE INITIALLY IMMEDIATE,"
                + " CONSTRAINT d_ab UNIQUE (a, b) INCLUDE (id), CONSTRAINT d_lo EXCLUDE USING btree (lo WITH =))",
                "INSERT INTO d (id, pos) VALUES (1, 1), (2, 2), (3, 3)");
            Path yml = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  d: {}\n");

            CliRun check = CliRun.of("check", "--url", db.url(), "--config", yml.toString());
            assertThat(check.out()).as(check.out())
                .containsPattern("(?m)^WARN   d unique key d_pos: .*a DEFERRABLE constraint")
                .containsPattern("(?m)^WARN   d unique key d_ab: \\(a, b\\) still holds")
                .containsPattern("(?m)^WARN   d exclusion constraint d_lo: .*still holds soft-deleted rows");
            CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString(), "--apply");
            assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
            db.execute("UPDATE d SET pos = pos + 1");
            try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'd_ab'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("INCLUDE (id)").contains("WHERE (NOT is_deleted)");
            }
        }
    }

    /**
     * Runs that never converged: on PostgreSQL a lock index over a referenced key that holds the flag already
     * ({@code (x, is_deleted)}) was taken for a key to make partial on every second run; on MariaDB a composite
     * unique key with a whole BLOB column (a HASH index) got a lookup index MariaDB refuses (1071) on every run.
     */
    @Test
    void keysMigrateCannotRebuildConverge() throws Exception {
        try (OwnDatabase db = new OwnDatabase(RealDatabase.POSTGRESQL, "softdelete_migrate_conv")) {
            db.execute("CREATE TABLE fp (id INT PRIMARY KEY, x INT, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at TIMESTAMP, UNIQUE (x, is_deleted))", "CREATE TABLE fc (id INT PRIMARY KEY, fx INT,"
                + " fdel BOOLEAN, FOREIGN KEY (fx, fdel) REFERENCES fp (x, is_deleted))");
            assertConverges(db, "fp");
        }
        try (OwnDatabase db = new OwnDatabase(RealDatabase.MARIADB, "softdelete_migrate_conv")) {
            db.execute("CREATE TABLE w (id INT PRIMARY KEY, c INT, bl BLOB, UNIQUE KEY w_cb (c, bl))");
            assertConverges(db, "w");
        }
        // a unique key of a partitioned table must hold the partitioning column, which the generated column replaced:
        // refused on every run, and every guard planned after it was never installed (a probe)
        try (OwnDatabase db = new OwnDatabase(RealDatabase.MARIADB, "softdelete_migrate_conv")) {
            db.execute("CREATE TABLE sales (id INT NOT NULL, yr INT NOT NULL, code VARCHAR(10) NOT NULL,"
                + " PRIMARY KEY (id, yr), UNIQUE KEY sales_code_yr (code, yr)) PARTITION BY RANGE (yr)"
                + " (PARTITION p24 VALUES LESS THAN (2025), PARTITION p25 VALUES LESS THAN (2026))");
            assertConverges(db, "sales");
        }
    }

    private void assertConverges(OwnDatabase db, String table) throws Exception {
        Path yml = Files.writeString(dir.resolve("converge.yml"), "version: 1\ntables:\n  " + table + ": {}\n");
        CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString(), "--apply");
        assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
        CliRun again = CliRun.of("migrate", "--url", db.url(), "--config", yml.toString());
        assertThat(again.out()).as(again.out()).contains("-- Nothing to do");
    }

    /**
     * A parent taken out of the configuration after migrate: its child's guard trigger stayed, and refused a child of
     * a row the driver now shows again (23503 / 1452), while check and migrate saw nothing to do. Both name it now
     * with the statements that drop it; neither drops it (it may be another configuration's).
     */
    @Test
    void guardTriggersLeftOverAreNamedWithTheirDrop() throws Exception {
        for (RealDatabase server : new RealDatabase[] {RealDatabase.POSTGRESQL, RealDatabase.MARIADB}) {
            try (OwnDatabase db = new OwnDatabase(server, "softdelete_migrate_left")) {
                db.execute("CREATE TABLE p (id INT PRIMARY KEY)",
                    "CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id))");
                Path both = Files.writeString(dir.resolve("both.yml"), "version: 1\ntables:\n  p: {}\n  c: {}\n");
                CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", both.toString(), "--apply");
                assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
                db.execute("INSERT INTO p (id) VALUES (1)", "UPDATE p SET is_deleted = TRUE WHERE id = 1");

                Path childOnly = Files.writeString(dir.resolve("child.yml"), "version: 1\ntables:\n  c: {}\n");
                CliRun check = CliRun.of("check", "--url", db.url(), "--config", childOnly.toString());
                assertThat(check.out()).as(server + ": " + check.out())
                    .containsPattern("(?m)^WARN   guard trigger softdelete_guard\\w* on c: not needed by this"
                        + " configuration.*drop it: DROP TRIGGER IF EXISTS ");
                CliRun plan = CliRun.of("migrate", "--url", db.url(), "--config", childOnly.toString());
                assertThat(plan.out()).as(server + ": " + plan.out())
                    .containsPattern("(?m)^-- .*guard trigger softdelete_guard\\w* on c is not needed");
                java.util.regex.Matcher drops = java.util.regex.Pattern.compile("drop it: ([^\\n]*)")
                    .matcher(check.out());
                while (drops.find()) {
                    db.execute(drops.group(1).split("; "));
                }
                db.execute("INSERT INTO c (id, pid) VALUES (1, 1)");
                assertThat(CliRun.of("check", "--url", db.url(), "--config", childOnly.toString()).out())
                    .doesNotContain("not needed by this configuration");
            }
        }
    }

    private static String lockIndex(OwnDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes"
                 + " WHERE indexname = 'softdelete_lock_p_code'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
