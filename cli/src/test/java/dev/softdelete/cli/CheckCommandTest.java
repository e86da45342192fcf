package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.cli.check.SchemaCheckTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} through the command line: report, summary, exit status, credentials. */
class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSchemaWithErrorsExitsWithOne() throws Exception {
        try (H2Database db = new H2Database(dir, SchemaCheckTest.yaml()).raw(SchemaCheckTest.ddl())) {
            CliRun run = CliRun.of("check", "--url", db.url(), "--config", db.config());
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).isEmpty();
            assertThat(run.out())
                .contains("softdelete-cli check")
                .contains("database:      H2 ")
                .contains("configuration: " + db.config() + " (6 tables)")
                .containsPattern("(?m)^ERROR  orders\\.deleted_at: timestamp column TIMESTAMP\\(0\\) NULL holds 0")
                .containsPattern("(?m)^WARN   view PUBLIC\\.LIVE_CUSTOMERS: reads configured table customers")
                .containsPattern("(?m)^OK     customers\\.deleted_at: timestamp column TIMESTAMP\\(6\\) NULL$")
                .containsPattern("(?m)^9 errors, 7 warnings, 14 ok: problems found$");
        }
    }

    @Test
    void aGoodSchemaExitsWithZero() throws Exception {
        try (H2Database db = Shop.create(dir)) {
            CliRun run = CliRun.of("check", "--url", "jdbc:softdelete:" + db.url().substring(5), "--config",
                db.config());
            assertThat(run.status()).isZero();
            assertThat(run.out()).doesNotContain("ERROR")
                .containsPattern("(?m)^OK     customers: foreign key \\S+ ORDERS\\(CUSTOMER_ID\\) -> CUSTOMERS\\(ID\\)"
                    + " ON DELETE [A-Z ]+: followed as a cascade")
                .containsPattern("(?m)^WARN   orders: references soft-delete table CUSTOMERS .*this database has no"
                    + " guard triggers")
                .contains("0 errors, 1 warning, 10 ok: usable, read the warnings");
        }
    }

    @Test
    void theConfigurationMayComeFromTheUrl() throws Exception {
        try (H2Database db = Shop.create(dir)) {
            CliRun run = CliRun.of("check", "--url",
                "jdbc:softdelete:" + db.url().substring(5) + ";softdelete.config=" + db.config());
            assertThat(run.status()).isZero();
            assertThat(run.out()).contains("configuration: " + db.config());
        }
    }

    @Test
    void aMissingConfigurationIsAFailure() {
        CliRun run = CliRun.of("check", "--url", "jdbc:h2:mem:none", "--config", dir.resolve("nope.yml").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("nope.yml").contains("file not found");
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNeverPrinted() throws Exception {
        String url = "jdbc:h2:mem:secure-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Properties owner = new Properties();
        owner.setProperty("user", "admin");
        owner.setProperty("password", "s3cret-word");
        try (Connection keep = DriverManager.getConnection(url, owner);
             H2Database config = Shop.create(dir)) {
            assertThat(keep.isValid(1)).isTrue();
            CliRun ok = CliRun.withEnvironment(Map.of("SOFTDELETE_PASSWORD", "s3cret-word"),
                "check", "--url", url, "--user", "admin", "--config", config.config());
            assertThat(ok.out()).contains("ERROR  customers: table not found");
            assertThat(ok.out() + ok.err()).doesNotContain("s3cret-word");

            CliRun wrong = CliRun.withEnvironment(Map.of("SOFTDELETE_PASSWORD", "wrong-secret"),
                "check", "--url", url, "--user", "admin", "--config", config.config());
            assertThat(wrong.status()).isEqualTo(1);
            assertThat(wrong.err()).contains("SQLState 28000");

            CliRun inUrl = CliRun.of("check", "--url", "jdbc:h2:mem:x;USER=admin;PASSWORD=pw-in-url;IFEXISTS=TRUE",
                "--config", config.config());
            assertThat(inUrl.status()).isEqualTo(1);
            assertThat(inUrl.out() + inUrl.err()).doesNotContain("pw-in-url");
        }
    }
}
