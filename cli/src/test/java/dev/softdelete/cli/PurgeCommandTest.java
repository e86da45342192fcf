package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code purge} on H2. */
class PurgeCommandTest {
    @TempDir
    Path dir;
    private H2Database db;

    @BeforeEach
    void shop() throws Exception {
        db = Shop.create(dir).throughDriver("DELETE FROM customers WHERE id = 2", "DELETE FROM orders WHERE id = 13");
        db.raw("INSERT INTO notes VALUES (1, 'kept', NULL), (2, 'old', TIMESTAMP '2020-01-01 00:00:00')");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void purgesEverySoftDeletedRowBeforeTheCutoffBatchByBatch() throws Exception {
        CliRun run = CliRun.of("purge", "--before", "2999-01-01T00:00:00Z", "--batch-size", "1",
            "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out())
            .contains("batches of 1")
            .contains("  orders: 1 row purged (1 so far)")
            .contains("  orders: 1 row purged (3 so far)")
            .contains("  customers: 1 row purged (1 so far)")
            .contains("  notes: 1 row purged (1 so far)")
            .contains("purged 5 rows in total")
            .containsPattern("(?m)^  orders: 3$")
            .containsPattern("(?m)^  customers: 1$");
        assertThat(db.query("SELECT id FROM customers ORDER BY id")).containsExactly("1", "3");
        assertThat(db.query("SELECT id FROM orders ORDER BY id")).containsExactly("10");
        assertThat(db.query("SELECT id FROM notes")).containsExactly("1");
    }

    @Test
    void olderThanKeepsRecentDeletions() throws Exception {
        CliRun run = CliRun.of("purge", "--older-than", "1h", "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("  notes: 1 row purged (1 so far)").contains("purged 1 row in total");
        assertThat(db.query("SELECT COUNT(*) FROM orders")).containsExactly("4");
        assertThat(db.query("SELECT COUNT(*) FROM customers")).containsExactly("3");
    }

    @Test
    void isoAgesWork() throws Exception {
        CliRun run = CliRun.of("purge", "--older-than", "PT2H", "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("purged 1 row in total");
    }

    @Test
    void nothingToPurgeSaysSo() {
        CliRun run = CliRun.of("purge", "--before", "2000-01-01", "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("purged 0 rows in total");
    }
}
