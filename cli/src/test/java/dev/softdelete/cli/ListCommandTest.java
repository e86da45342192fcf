package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list} on H2 through the driver. */
class ListCommandTest {
    @TempDir
    Path dir;
    private H2Database db;

    @BeforeEach
    void shop() throws Exception {
        db = Shop.create(dir).throughDriver("DELETE FROM customers WHERE id = 2", "DELETE FROM orders WHERE id = 13");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private CliRun list(String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "list";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "--url";
        args[extra.length + 2] = db.url();
        args[extra.length + 3] = "--config";
        args[extra.length + 4] = db.config();
        return CliRun.of(args);
    }

    @Test
    void printsOnlyTheSoftDeletedRowsAsATable() {
        CliRun run = list("orders");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
            .contains("soft-deleted rows of orders:")
            .containsPattern("(?m)^ ID \\| CUSTOMER_ID \\| ITEM +\\| IS_DELETED \\| DELETED_AT$")
            .containsPattern("(?m)^ 11 \\| +2 \\| compiler \\| true +\\| \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:")
            .contains(" 12 |").contains(" 13 |")
            .doesNotContain("keyboard")
            .contains("(3 rows)");
    }

    @Test
    void listsOnlyTheSoftDeletedRowsAlsoWhenTheConfigurationObserves() throws Exception {
        java.nio.file.Files.writeString(java.nio.file.Path.of(db.config()), Shop.YAML + "options:\n  mode: observe\n");

        CliRun run = list("orders");

        assertThat(run.status()).isZero();
        assertThat(run.out()).doesNotContain("keyboard").contains("(3 rows)");
    }

    /** migrate adds the soft-delete columns INVISIBLE on MySQL and MariaDB; H2 has invisible columns too. */
    @Test
    void showsSoftDeleteColumnsThatSelectStarLeavesOut() throws Exception {
        db.raw("ALTER TABLE orders ALTER COLUMN deleted_at SET INVISIBLE",
            "ALTER TABLE orders ALTER COLUMN is_deleted SET INVISIBLE");
        CliRun run = list("orders");
        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("(?m)^ ID \\| CUSTOMER_ID \\| ITEM +\\| IS_DELETED \\| DELETED_AT$")
            .contains("(3 rows)");
    }

    @Test
    void newestDeletionComesFirst() {
        String out = list("orders").out();
        assertThat(out.indexOf(" 13 |")).isLessThan(out.indexOf(" 11 |"));
    }

    @Test
    void newestDeletionComesFirstAlsoAfterAConditionEndingInAComment() {
        String out = list("orders", "--where", "id > 0 -- all of them").out();
        assertThat(out).contains("(3 rows)");
        assertThat(out.indexOf(" 13 |")).isLessThan(out.indexOf(" 11 |"));
    }

    @Test
    void whereNarrowsTheRows() {
        CliRun run = list("orders", "--where", "customer_id = 3");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(" 13 |").doesNotContain(" 11 |").contains("(1 row)");
    }

    @Test
    void limitCutsTheListAndSaysThereIsMore() {
        CliRun run = list("orders", "--limit", "1");
        assertThat(run.out()).contains(" 13 |").doesNotContain(" 11 |").doesNotContain(" 12 |")
            .contains("(first 1 row shown; there are more");
    }

    @Test
    void tableNamesMatchCaseInsensitively() {
        assertThat(list("CUSTOMERS").out()).contains(" 2 | Grace").doesNotContain("Ada");
    }

    @Test
    void timestampOnlyTablesAreListedToo() throws Exception {
        db.raw("INSERT INTO notes VALUES (1, 'kept', NULL), (2, 'gone', TIMESTAMP '2020-01-01 00:00:00')");
        assertThat(list("notes").out()).contains("gone").doesNotContain("kept").contains("(1 row)");
    }

    @Test
    void acceptsTheDriversUrl() {
        CliRun run = CliRun.of("list", "customers", "--url", "jdbc:softdelete:" + db.url().substring(5),
            "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Grace");
    }

    @Test
    void anUnconfiguredTableIsAFailure() {
        CliRun run = list("warehouses");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("warehouses is not a configured table").contains("customers, orders, notes");
    }

    @Test
    void aBadConditionIsAFailureWithTheDatabasesMessage() {
        CliRun run = list("orders", "--where", "no_such_column = 1");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("NO_SUCH_COLUMN").contains("SQLState");
    }
}
