package dev.softdelete.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The progress lines of {@code purge}, on a terminal and elsewhere, with a clock that advances a second a batch. */
class PurgeProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private PurgeProgress progress(boolean terminal) {
        return new PurgeProgress(out, terminal, Map.of("orders", 2500L, "customers", 10L), () -> now);
    }

    private void batch(PurgeProgress progress, String table, long rows, long soFar) {
        now += TimeUnit.SECONDS.toNanos(1);
        progress.batchDone(table, rows, soFar);
    }

    @Test
    void onATerminalEachTableIsOneLineRewrittenInPlace() {
        PurgeProgress progress = progress(true);
        batch(progress, "orders", 1000, 1000);
        batch(progress, "orders", 1000, 2000);
        batch(progress, "orders", 500, 2500);
        batch(progress, "customers", 7, 7);
        progress.endLine();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
            "\r  orders: 1000 of ~2500 rows (40 %), 1000 rows/s"
                + "\r  orders: 2000 of ~2500 rows (80 %), 1000 rows/s"
                + "\r  orders: 2500 of ~2500 rows (100 %), 833 rows/s"
                + "\n\r  customers: 7 of ~10 rows (70 %), 7 rows/s\n");
    }

    @Test
    void aShorterLineBlanksTheRestOfTheLongerOne() {
        PurgeProgress progress = new PurgeProgress(out, true, Map.of(), () -> now);
        batch(progress, "orders", 123456, 123456);
        now += TimeUnit.SECONDS.toNanos(99);
        progress.batchDone("orders", 1, 123457);

        String second = bytes.toString(StandardCharsets.UTF_8).split("\r")[2];
        assertThat(second).isEqualTo("  orders: 123457 rows, 1234 rows/s  ");
    }

    @Test
    void elsewhereEachBatchIsALine() {
        PurgeProgress progress = progress(false);
        batch(progress, "orders", 1000, 1000);
        batch(progress, "orders", 1, 3001);
        progress.endLine();
        batch(progress, "notes", 1, 1);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
            "  orders: 1000 rows purged, 1000 of ~2500 so far (40 %), 1000 rows/s\n"
                + "  orders: 1 row purged, 3001 of ~3001 so far (100 %), 1500 rows/s\n"
                + "  notes: 1 row purged, 1 so far, 1 rows/s\n");
    }
}
