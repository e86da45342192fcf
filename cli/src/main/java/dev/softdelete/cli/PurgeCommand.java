package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.purge.Purge;
import dev.softdelete.jdbc.purge.PurgeReport;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code purge}: hard-deletes the rows soft-deleted before a cutoff with {@link Purge} (children first, in batches,
 * each batch its own transaction) on a raw connection. It counts the rows to purge first, then shows the progress
 * of each table ({@link PurgeProgress}: in place on a terminal, a line per batch otherwise), then the report.
 */
final class PurgeCommand extends DatabaseCommand {
    static final String NAME = "purge";
    private static final String OLDER_THAN = "--older-than";
    private static final String BEFORE = "--before";
    private static final String BATCH_SIZE = "--batch-size";
    private static final int DEFAULT_BATCH_SIZE = 1_000;

    private final boolean terminal;
    private final LongSupplier nanoTime;

    /** @param terminal whether the output is a terminal ({@code System.console() != null}) */
    PurgeCommand(boolean terminal) {
        this(terminal, System::nanoTime);
    }

    PurgeCommand(boolean terminal, LongSupplier nanoTime) {
        super(NAME);
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    @Override
    String usage() {
        return "usage: java -jar softdelete-cli.jar purge (--older-than <age> | --before <timestamp>) --url <jdbc url>\n"
            + "                                           [--batch-size N] [--config softdelete.yml]\n"
            + "\n"
            + "Hard-deletes the rows of every configured table that were soft-deleted before the cutoff, children\n"
            + "before parents, in batches of N rows (each its own transaction). Live rows are never touched, nor a\n"
            + "parent that a child row still references. Rerunning after an interruption continues. The rows to\n"
            + "purge are counted first; progress is one line per table updated in place on a terminal, a line per\n"
            + "batch otherwise.\n"
            + "\n"
            + "  --older-than <age>      rows soft-deleted longer ago than this: 90d, 12h, 30m, 2w, PT2H, P90D\n"
            + "  --before <timestamp>    rows soft-deleted before this: 2024-01-31T00:00:00Z, or local time\n"
            + "                          (this JVM's zone, as the driver writes timestamps): 2024-01-31T12:00,\n"
            + "                          2024-01-31\n"
            + "  --batch-size N          rows per batch (default " + DEFAULT_BATCH_SIZE + ")\n"
            + connectionOptionsHelp();
    }

    @Override
    Set<String> ownOptions() {
        return Set.of(OLDER_THAN, BEFORE, BATCH_SIZE);
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out)
            throws UsageException, ConfigException, SQLException {
        args.positionals();
        ZoneId zone = ZoneId.systemDefault();
        Instant cutoff = PurgeCutoff.of(args.option(OLDER_THAN), args.option(BEFORE), Instant.now(), zone);
        int batchSize = args.positiveInt(BATCH_SIZE, DEFAULT_BATCH_SIZE);
        SoftDeleteConfig config = target.config();
        out.println("purging rows soft-deleted before " + LocalDateTime.ofInstant(cutoff, zone) + " (" + zone
            + "), batches of " + batchSize + ", configuration " + config.source());
        for (TableConfig t : config.tables()) {
            if (t.timestampColumn() == null) {
                out.println("  " + t.name() + ": skipped, it has no timestamp column");
            }
        }
        Purge purge = new Purge(config, target.rawUrl()).batchSize(batchSize);
        PurgeReport report;
        Map<String, Long> kept;
        try (Connection connection = target.openRaw()) {
            Map<String, Long> estimates = purge.estimate(connection, cutoff);
            out.println("to purge: at most " + estimates.values().stream().mapToLong(Long::longValue).sum()
                + " rows (" + describe(estimates) + ")");
            PurgeProgress progress = new PurgeProgress(out, terminal, estimates, nanoTime);
            report = purge.progress(progress).run(connection, cutoff);
            progress.endLine();
            kept = purge.estimate(connection, cutoff);
        }
        out.println("purged " + report.totalRows() + " row" + (report.totalRows() == 1 ? "" : "s") + " in total");
        for (Map.Entry<String, Long> entry : report.rowsPerTable().entrySet()) {
            out.println("  " + entry.getKey() + ": " + entry.getValue());
        }
        long left = kept.values().stream().mapToLong(Long::longValue).sum();
        if (left > 0) {
            // rows a live row (or one not yet old enough) still references, or rows that reference each other
            out.println("kept " + left + " row" + (left == 1 ? "" : "s") + " soft-deleted before the cutoff, still"
                + " referenced (" + describe(kept) + "): a purge removes a row only when nothing references it");
        }
        return ExitStatus.OK;
    }

    private static String describe(Map<String, Long> estimates) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : estimates.entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        return b.length() == 0 ? "no table with a timestamp column" : b.toString();
    }
}
