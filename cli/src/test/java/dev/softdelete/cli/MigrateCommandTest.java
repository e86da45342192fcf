package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} on H2: columns and indexes added, a second run finds nothing to do, check is clean after. */
class MigrateCommandTest {
    private static final String YAML = String.join("\n",
        "version: 1",
        "tables:",
        "  customers:",
        "    actor-column: deleted_by",
        "    cascade:",
        "      - { table: orders, column: customer_id }",
        "  orders: {}",
        "  notes:",
        "    flag-column: null",
        "    timestamp-column: removed_at",
        "");

    @TempDir
    Path dir;

    @Test
    void readiesTheSchemaOnceAndThenHasNothingToDo() throws Exception {
        try (H2Database db = new H2Database(dir, YAML).raw(
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id))",
                // NOT NULL, it would not be made nullable: its times would read as deleted (InitCommandTest)
                "CREATE TABLE notes (id INT PRIMARY KEY, removed_at TIMESTAMP(0))",
                "INSERT INTO customers (id, name) VALUES (1, 'Ada')",
                "INSERT INTO notes (id, removed_at) VALUES (5, TIMESTAMP '2020-01-01 00:00:00')")) {
            CliRun dry = CliRun.of("migrate", "--url", db.url(), "--config", db.config());
            assertThat(dry.status()).as(dry.err()).isZero();
            assertThat(dry.out())
                .contains("-- H2 commits each DDL statement at once.")
                .contains("ALTER TABLE CUSTOMERS ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN DEFAULT FALSE NOT NULL;")
                .contains("ALTER TABLE CUSTOMERS ADD COLUMN IF NOT EXISTS deleted_at TIMESTAMP(6);")
                .contains("ALTER TABLE CUSTOMERS ADD COLUMN IF NOT EXISTS deleted_by VARCHAR(255) NULL;")
                .contains("ALTER TABLE NOTES ALTER COLUMN REMOVED_AT SET DATA TYPE TIMESTAMP(6);")
                .contains("CREATE INDEX IF NOT EXISTS softdelete_event_customers_deleted_at ON CUSTOMERS (deleted_at);")
                .contains("no guard triggers on this database");
            assertThat(CliRun.of("migrate", "--url", db.url(), "--config", db.config()).out()).isEqualTo(dry.out());

            Path script = dir.resolve("v2__softdelete.sql");
            CliRun apply = CliRun.of("migrate", "--url", db.url(), "--config", db.config(), "--apply", "--out",
                script.toString(), "--estimate-rows", "0");
            assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
            assertThat(Files.readString(script).replaceAll("(?m)^--   estimate: .*\n(--     .*\n)*", "")).isEqualTo(dry.out());
            assertThat(Files.readString(script)).contains("--   estimate: CUSTOMERS holds about 1 rows");
            assertThat(apply.out())
                .containsPattern("(?m)^\\[1/\\d+\\] ALTER TABLE CUSTOMERS ADD COLUMN IF NOT EXISTS is_deleted .* \\d+\\.\\d\\d s$")
                .containsPattern("(?m)^  estimate: CUSTOMERS holds about 1 rows")
                .containsPattern("(?m)^applied \\d+ statements in \\d+\\.\\d\\d s$");

            CliRun again = CliRun.of("migrate", "--url", db.url(), "--config", db.config(), "--apply");
            assertThat(again.out()).isEqualTo("nothing to do: the schema is ready for " + db.config() + "\n");
            assertThat(CliRun.of("migrate", "--url", db.url(), "--config", db.config()).out())
                .contains("-- Nothing to do: the schema is ready for the configuration.").doesNotContain(";");

            CliRun check = CliRun.of("check", "--url", db.url(), "--config", db.config());
            assertThat(check.status()).isZero();
            assertThat(check.out()).doesNotContain("ERROR").contains("0 errors, 1 warning");
        }
    }
}
