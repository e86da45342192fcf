package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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
            .contains("to purge: at most 5 rows (orders 3, customers 1, notes 1)")
            .containsPattern("(?m)^  orders: 1 row purged, 1 of ~3 so far \\(33 %\\), \\d+ rows/s$")
            .containsPattern("(?m)^  orders: 1 row purged, 3 of ~3 so far \\(100 %\\), \\d+ rows/s$")
            .containsPattern("(?m)^  customers: 1 row purged, 1 of ~1 so far \\(100 %\\), \\d+ rows/s$")
            .containsPattern("(?m)^  notes: 1 row purged, 1 of ~1 so far")
            .doesNotContain("\r")
            .contains("purged 5 rows in total")
            .containsPattern("(?m)^  orders: 3$")
            .containsPattern("(?m)^  customers: 1$");
        assertThat(db.query("SELECT id FROM customers ORDER BY id")).containsExactly("1", "3");
        assertThat(db.query("SELECT id FROM orders ORDER BY id")).containsExactly("10");
        assertThat(db.query("SELECT id FROM notes")).containsExactly("1");
    }

    @Test
    void onATerminalTheProgressOfATableStaysOnOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] clock = {0}; // half a second a reading: one before the first batch, one after each
        int status = new PurgeCommand(true, () -> clock[0] += 500_000_000L).run(new String[] {"--before",
            "2999-01-01T00:00:00Z", "--batch-size", "1", "--url", db.url(), "--config", db.config()},
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("\r  orders: 1 of ~3 rows (33 %), 2 rows/s\r  orders: 2 of ~3 rows (66 %), 2 rows/s"
                + "\r  orders: 3 of ~3 rows (100 %), 2 rows/s\n")
            .contains("\r  customers: 1 of ~1 rows (100 %), 2 rows/s\n")
            .contains("purged 5 rows in total");
    }

    @Test
    void olderThanKeepsRecentDeletions() throws Exception {
        CliRun run = CliRun.of("purge", "--older-than", "1h", "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("to purge: at most 1 rows (orders 0, customers 0, notes 1)")
            .contains("  notes: 1 row purged, 1 of ~1 so far (100 %)").contains("purged 1 row in total");
        assertThat(db.query("SELECT COUNT(*) FROM orders")).containsExactly("4");
        assertThat(db.query("SELECT COUNT(*) FROM customers")).containsExactly("3");
    }

    @Test
    void isoAgesWork() throws Exception {
        CliRun run = CliRun.of("purge", "--older-than", "PT2H", "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("purged 1 row in total");
    }

    /** A row still referenced stays; the purge says how many stayed, where it said nothing before (a probe). */
    @Test
    void rowsStillReferencedAreReportedAsKept() throws Exception {
        db.raw("INSERT INTO orders (id, customer_id, item) VALUES (99, 2, 'pinned')");
        CliRun run = CliRun.of("purge", "--before", "2999-01-01T00:00:00Z", "--url", db.url(), "--config",
            db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("purged 4 rows in total")
            .contains("kept 1 row soft-deleted before the cutoff, still referenced (orders 0, customers 1, notes 0)");
        assertThat(db.query("SELECT id FROM customers ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void nothingToPurgeSaysSo() {
        CliRun run = CliRun.of("purge", "--before", "2000-01-01", "--url", db.url(), "--config", db.config());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("purged 0 rows in total");
    }
}
