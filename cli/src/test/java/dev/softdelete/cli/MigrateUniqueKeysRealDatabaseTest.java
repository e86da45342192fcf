package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code migrate} on MariaDB, unique keys made soft-delete-aware: two keys ending in the same column share one
 * generated column (the plan added it twice, and the second ADD COLUMN failed with 1060), and each key's own
 * columns stay indexed for lookups. A second run has nothing to do.
 */
class MigrateUniqueKeysRealDatabaseTest {
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
}
