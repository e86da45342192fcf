package dev.softdelete.cli;

import dev.softdelete.cli.migrate.MigrationEstimates;
import dev.softdelete.cli.migrate.MigrationPlan;
import dev.softdelete.cli.migrate.MigrationPlanner;
import dev.softdelete.cli.migrate.MigrationRun;
import dev.softdelete.cli.migrate.MigrationScript;
import dev.softdelete.cli.migrate.MigrationStep;
import dev.softdelete.config.ConfigException;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code migrate}: the DDL that makes a database's schema ready for {@code softdelete.yml} ({@link MigrationPlanner}),
 * as a SQL script ({@link MigrationScript}) on standard output or in {@code --out}, and with {@code --apply} run on
 * the database ({@link MigrationRun}). It plans only what is missing: run again, it finds nothing to do.
 */
final class MigrateCommand extends DatabaseCommand {
    static final String NAME = "migrate";
    private static final String OUT = "--out";
    private static final String APPLY = "--apply";
    private static final String ESTIMATE_ROWS = "--estimate-rows";

    MigrateCommand() {
        super(NAME);
    }

    @Override
    String usage() {
        return "usage: java -jar softdelete-cli.jar migrate --url <jdbc url> [--config softdelete.yml] [--out <file>]\n"
            + "                                             [--apply] [--estimate-rows N]\n"
            + "\n"
            + "Writes the DDL that makes the schema ready for the configuration: soft-delete columns added or made\n"
            + "usable, indexes on referencing columns and on the timestamp column of parents, unique keys made\n"
            + "soft-delete-aware, guard triggers and lock indexes. Only what is missing is planned: a second run\n"
            + "finds nothing to do. Without --out and --apply the script goes to standard output.\n"
            + "\n"
            + "  --out <file>            write the script to this file (a migration tool can take it as it is)\n"
            + "  --apply                 run it: on PostgreSQL in one transaction, elsewhere statement by statement\n"
            + "                          (MySQL/MariaDB commit DDL at once), printing each with its time\n"
            + "  --estimate-rows N       tables from N rows on get a size estimate before their steps (default "
            + MigrationEstimates.DEFAULT_ROWS + ")\n"
            + connectionOptionsHelp();
    }

    @Override
    Set<String> ownOptions() {
        return Set.of(OUT, ESTIMATE_ROWS);
    }

    @Override
    Set<String> ownSwitches() {
        return Set.of(APPLY);
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out)
            throws UsageException, CommandFailedException, ConfigException, SQLException {
        args.positionals();
        long estimateRows = args.option(ESTIMATE_ROWS) == null ? MigrationEstimates.DEFAULT_ROWS
            : args.option(ESTIMATE_ROWS).equals("0") ? 0 : args.positiveInt(ESTIMATE_ROWS, 1);
        boolean apply = args.switched(APPLY);
        String outFile = args.option(OUT);
        SoftDeleteConfig config = target.config();
        Dialect dialect = Dialect.fromUrl(target.rawUrl());
        try (Connection connection = target.openRaw()) {
            DatabaseMetaData meta = connection.getMetaData();
            MigrationPlan plan = new MigrationPlanner(connection, config, dialect).plan();
            Map<MigrationStep, List<String>> estimates = MigrationEstimates.of(connection, dialect, plan,
                estimateRows);
            String database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            String script = MigrationScript.render(plan, dialect, List.of(
                "softdelete-cli migrate: " + plan.statementCount() + " statement"
                    + (plan.statementCount() == 1 ? "" : "s") + " for " + database,
                "configuration " + fileName(config.source()) + " (" + config.tables().size() + " table"
                    + (config.tables().size() == 1 ? "" : "s") + ")"), estimates);
            if (outFile != null && !outFile.equals("-")) {
                write(Paths.get(outFile), script);
                out.println("softdelete-cli migrate: " + database + " at " + target.displayUrl());
                out.println((plan.isEmpty() ? "nothing to do: the schema is ready; wrote an empty script to "
                    : "wrote " + plan.statementCount() + " statements to ") + outFile);
            } else if (!apply || outFile != null) {
                out.print(script);
                if (apply) {
                    out.println();
                }
            }
            if (apply) {
                if (plan.isEmpty()) {
                    out.println("nothing to do: the schema is ready for " + config.source());
                } else {
                    out.println("applying " + plan.statementCount() + " statements to " + target.displayUrl()
                        + (plan.transactional ? " in one transaction" : ", each committed at once"));
                    new MigrationRun(connection, out).apply(plan, estimates);
                }
            }
        }
        return ExitStatus.OK;
    }

    /** The file name of a configuration's source (a script goes into a repository: no machine paths in it). */
    private static String fileName(String source) {
        Path name = source.startsWith("classpath:") ? null : Paths.get(source).getFileName();
        return name == null ? source : name.toString();
    }

    private static void write(Path file, String script) throws CommandFailedException {
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
