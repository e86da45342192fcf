package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code explain}: what the driver sends, from the configuration and a dialect alone. */
class ExplainCommandTest {
    @TempDir
    Path dir;
    private String config;

    @BeforeEach
    void config() throws Exception {
        config = Files.writeString(dir.resolve("softdelete.yml"), Shop.YAML).toString();
    }

    private CliRun explain(String... sqlAndOptions) {
        String[] args = new String[sqlAndOptions.length + 3];
        args[0] = "explain";
        args[1] = "--config";
        args[2] = config;
        System.arraycopy(sqlAndOptions, 0, args, 3, sqlAndOptions.length);
        return CliRun.of(args);
    }

    @Test
    void aDeleteBecomesADeleteEventTheUpdateAndItsCascades() {
        CliRun run = explain("--dialect", "h2", "DELETE FROM customers WHERE id = 2");

        assertThat(run.status()).isZero();
        assertThat(run.out())
            .startsWith("-- configuration " + config + ", dialect h2, visibility active\n\n")
            .contains("  application  DELETE FROM customers WHERE id = 2\n"
                + "  driver       1. SELECT SET(@softdelete_event_at, ?), SET(@softdelete_event_batch, ?),"
                + " SET(@softdelete_actor, ?)\n"
                + "                  (starts the delete event: its timestamp, id and actor as parameters)\n"
                + "               2. UPDATE customers SET is_deleted = TRUE, deleted_at = "
                + "CAST(@softdelete_event_at AS TIMESTAMP(6)) WHERE (id = 2) AND customers.is_deleted = FALSE\n"
                + "               3. UPDATE orders SET is_deleted = TRUE")
            .contains("                  (cascade)\n"
                + "               all or nothing: in a transaction of their own, or behind a savepoint in the"
                + " application's\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aDeleteWithNothingAroundItIsOneSelfTimedStatement() {
        CliRun run = explain("--dialect", "postgresql", "DELETE FROM orders WHERE id = 2");

        assertThat(run.status()).isZero();
        assertThat(run.out())
            .contains("  application  DELETE FROM orders WHERE id = 2\n"
                + "  driver       UPDATE orders SET is_deleted = TRUE, deleted_at = CAST(statement_timestamp() AS"
                + " TIMESTAMP(5)) WHERE (id = 2) AND orders.is_deleted = FALSE\n"
                + "               (a delete event in one statement: its timestamp is the database's clock at the"
                + " statement's start)\n")
            .doesNotContain("set_config");
    }

    @Test
    void aStatementWithoutConfiguredTablesGoesAsWritten() {
        CliRun run = explain("SELECT * FROM products");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("dialect postgresql")
            .contains("  application  SELECT * FROM products\n  driver       sends it as written, byte for byte\n");
    }

    @Test
    void aRefusalShowsItsStateAndReasonAndExitsWithOne() {
        CliRun run = explain("--dialect", "mysql", "TRUNCATE TABLE orders");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("  driver       refuses it, SQLState SD002:\n               ")
            .contains("TRUNCATE");
    }

    @Test
    void readsStatementsFromStandardInputUpToLinesEndingInASemicolon() {
        CliRun run = CliRun.withInput("SELECT name\n  FROM customers c\n WHERE c.id = 1;\n\n"
                + "/* softdelete:only-deleted */ SELECT id FROM orders;\nUPDATE notes SET body = 'x';\n",
            "explain", "--config", config, "--dialect", "postgresql");

        assertThat(run.status()).isZero();
        assertThat(run.out())
            .contains("-- statement 1, line 1\n  application  SELECT name\n                 FROM customers c\n"
                + "                WHERE c.id = 1\n  driver       SELECT name\n                 FROM customers c\n"
                + "                WHERE (c.id = 1) AND c.is_deleted = FALSE\n")
            .contains("-- statement 2, line 5\n")
            .contains("SELECT id FROM orders WHERE orders.is_deleted = TRUE")
            .contains("-- statement 3, line 6\n  application  UPDATE notes SET body = 'x'\n"
                + "  driver       UPDATE notes SET body = 'x' WHERE notes.deleted_at IS NULL\n");
    }

    @Test
    void onMySqlACascadeReadsTheKeysFirst() {
        CliRun run = explain("--dialect", "mariadb", "DELETE FROM customers WHERE id = 2");

        assertThat(run.out())
            .contains("(cascade, first the keys of the rows the event deleted)")
            .contains("(<those keys>)\n                  (cascade, then their children by key)");
    }

    @Test
    void undeleteRestoresTheRowsThenTheChildrenOfTheirEvents() {
        CliRun run = explain("--dialect", "h2", "UNDELETE FROM customers WHERE id = 2");

        assertThat(run.status()).isZero();
        assertThat(run.out())
            .contains("  driver       1. SELECT customers.id, customers.deleted_at FROM customers WHERE (id = 2)")
            .contains("(capture the rows' keys and events)\n               2. UPDATE customers SET is_deleted = FALSE")
            .contains("(restore the rows)\n               3. UPDATE orders SET is_deleted = FALSE");
    }

    @Test
    void eachArgumentIsOneStatement() {
        CliRun run = explain("SELECT 1; SELECT 2", "SELECT * FROM orders");

        assertThat(run.out()).contains("-- statement 1\n  application  SELECT 1; SELECT 2\n")
            .contains("-- statement 2\n  application  SELECT * FROM orders\n");
    }

    @Test
    void theVisibilityIsTheConnections() {
        CliRun run = explain("--visibility", "include-deleted", "SELECT * FROM orders");

        assertThat(run.out()).contains("visibility include-deleted").contains("sends it as written");
    }

    @Test
    void aUrlReadsTheDatabasesCatalogAndTakesItsDialect() throws Exception {
        try (H2Database db = Shop.create(dir)) {
            CliRun run = explain("--url", "jdbc:softdelete:" + db.url().substring("jdbc:".length()),
                "DELETE FROM customers WHERE id = 2");

            assertThat(run.status()).isZero();
            assertThat(run.out())
                .startsWith("-- configuration " + config + ", dialect h2, visibility active, catalog of " + db.url())
                .contains("2. UPDATE customers SET is_deleted = TRUE")
                .contains("3. UPDATE PUBLIC.ORDERS SET is_deleted = TRUE")
                .as("the cascade follows the foreign key the catalog has: its tables as the catalog names them")
                .contains("IN (SELECT ID FROM PUBLIC.CUSTOMERS WHERE PUBLIC.CUSTOMERS.deleted_at");
        }
    }

    @Test
    void aCatalogThatCannotBeReadIsAFailure() {
        CliRun run = explain("--url", "jdbc:h2:mem:none;IFEXISTS=TRUE", "--user", "sa", "SELECT 1");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("softdelete-cli explain: cannot read the catalog of jdbc:h2:mem:none");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--dialect oracle SELECT_1                 | --dialect must be one of postgresql, mysql, mariadb, h2",
        "--dialect h2 --url jdbc:h2:mem:x SELECT_1 | give --dialect or --url, not both",
        "--url jdbc:oracle:thin:@x SELECT_1        | --url needs a PostgreSQL, MySQL, MariaDB or H2 JDBC URL",
        "--visibility all SELECT_1                 | --visibility must be active, include-deleted or only-deleted",
        "                                          | no statement given",
    })
    void usageErrors(String options, String message) {
        String line = options == null ? "" : options.trim().replace("SELECT_1", "SELECT\u00a01");
        String[] args = line.isEmpty() ? new String[0] : line.split("\\s+");
        CliRun run = explain(args);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("softdelete-cli explain: " + message).contains("usage: java -jar");
    }

    @Test
    void aMissingConfigurationIsAFailure() {
        CliRun run = CliRun.of("explain", "--config", dir.resolve("none.yml").toString(), "SELECT 1");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("none.yml").contains("file not found");
    }
}
