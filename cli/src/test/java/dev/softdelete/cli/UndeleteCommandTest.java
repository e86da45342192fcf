package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code undelete} on H2 through the driver. */
class UndeleteCommandTest {
    @TempDir
    Path dir;
    private H2Database db;

    @BeforeEach
    void shop() throws Exception {
        db = Shop.create(dir);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private CliRun undelete(String table, String where) {
        return where == null
            ? CliRun.of("undelete", table, "--url", db.url(), "--config", db.config())
            : CliRun.of("undelete", table, "--where", where, "--url", db.url(), "--config", db.config());
    }

    @Test
    void restoresTheRowAndTheChildrenDeletedWithIt() throws Exception {
        db.throughDriver("DELETE FROM orders WHERE id = 12", "DELETE FROM customers WHERE id = 2");
        CliRun run = undelete("customers", "id = 2");
        assertThat(run.status()).isZero();
        assertThat(run.out())
            .contains("UNDELETE FROM customers WHERE id = 2")
            .contains("restored 1 row of customers")
            .contains("restored 1 child row along the cascade map: orders 1");
        // Order 12 was deleted on its own, before its customer: it stays deleted.
        assertThat(db.query("SELECT id, is_deleted FROM orders WHERE customer_id = 2 ORDER BY id"))
            .containsExactly("11|FALSE", "12|TRUE");
        assertThat(db.query("SELECT is_deleted, deleted_at FROM customers WHERE id = 2")).containsExactly("FALSE|null");
    }

    @Test
    void withoutWhereEveryDeletedRowIsRestored() throws Exception {
        db.throughDriver("DELETE FROM customers WHERE id IN (2, 3)");
        CliRun run = undelete("customers", null);
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("restored 2 rows of customers")
            .contains("restored 3 child rows along the cascade map: orders 3");
        assertThat(db.query("SELECT COUNT(*) FROM orders WHERE is_deleted")).containsExactly("0");
    }

    @Test
    void nothingToRestoreIsNotAFailure() {
        CliRun run = undelete("orders", "id = 10");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("restored 0 rows of orders");
    }

    @Test
    void aChildWhoseParentIsStillDeletedIsRefused() throws Exception {
        db.throughDriver("DELETE FROM customers WHERE id = 3");
        CliRun run = undelete("orders", "id = 13");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("still soft-deleted").contains("SQLState SD002");
        assertThat(db.query("SELECT is_deleted FROM orders WHERE id = 13")).containsExactly("TRUE");
    }
}
