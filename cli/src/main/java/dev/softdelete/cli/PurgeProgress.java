package dev.softdelete.cli;

import dev.softdelete.jdbc.purge.Purge;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress of {@code purge}, per table: rows purged so far against the estimate, and the rate. On a terminal
 * one line per table is rewritten in place after each batch ({@code \r}); otherwise (a pipe, a log file, a cron
 * job's mail) each batch is a line of its own.
 */
final class PurgeProgress implements Purge.Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Long> estimates;
    private final LongSupplier nanoTime;
    private String table;
    private long tableStart;
    /** When the last batch ended (or progress began): the next table's batches start there. */
    private long lastBatchEnd;
    private int lineLength;

    /**
     * @param terminal  whether {@code out} is a terminal (then lines are rewritten in place)
     * @param estimates rows to purge per table, from {@link Purge#estimate}
     * @param nanoTime  the clock ({@link System#nanoTime} but in tests)
     */
    PurgeProgress(PrintStream out, boolean terminal, Map<String, Long> estimates, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.estimates = estimates;
        this.nanoTime = nanoTime;
        this.lastBatchEnd = nanoTime.getAsLong();
    }

    @Override
    public void batchDone(String batchTable, long rowsInBatch, long rowsSoFar) {
        long now = nanoTime.getAsLong();
        if (!batchTable.equals(table)) {
            finishLine();
            table = batchTable;
            tableStart = lastBatchEnd;
        }
        lastBatchEnd = now;
        Long estimate = estimates.get(table);
        long total = estimate == null || estimate <= 0 ? 0 : Math.max(estimate, rowsSoFar);
        String count = rowsSoFar + (total > 0 ? " of ~" + total : "");
        String percent = total > 0 ? " (" + (100 * rowsSoFar / total) + " %)" : "";
        String rate = rate(rowsSoFar, now);
        if (terminal) {
            String line = "  " + table + ": " + count + " rows" + percent + ", " + rate;
            out.print("\r" + line + " ".repeat(Math.max(0, lineLength - line.length())));
            out.flush();
            lineLength = line.length();
        } else {
            out.println("  " + table + ": " + rowsInBatch + " row" + (rowsInBatch == 1 ? "" : "s") + " purged, "
                + count + " so far" + percent + ", " + rate);
        }
    }

    /** Ends the line in progress on a terminal, at the end of a purge. */
    void endLine() {
        finishLine();
        table = null;
    }

    private void finishLine() {
        if (terminal && lineLength > 0) {
            out.println();
            lineLength = 0;
        }
    }

    private String rate(long soFar, long now) {
        long elapsed = Math.max(now - tableStart, 1);
        return (long) (soFar * (double) TimeUnit.SECONDS.toNanos(1) / elapsed) + " rows/s";
    }
}
