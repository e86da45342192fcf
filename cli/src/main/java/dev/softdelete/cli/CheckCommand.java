package dev.softdelete.cli;

import dev.softdelete.cli.check.CheckReport;
import dev.softdelete.cli.check.SchemaCheck;
import dev.softdelete.config.ConfigException;
import dev.softdelete.config.SoftDeleteConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Set;

/**
 * {@code check}: compares the database with {@code softdelete.yml} on a raw connection (see {@link SchemaCheck})
 * and prints one line per finding and a summary. Exit status 1 when there is an ERROR.
 */
final class CheckCommand extends DatabaseCommand {
    static final String NAME = "check";

    CheckCommand() {
        super(NAME);
    }

    @Override
    String usage() {
        return "usage: java -jar softdelete-cli.jar check --url <jdbc url> [--config softdelete.yml]\n"
            + "                                           [--user <name>] [--password <secret>]\n"
            + "\n"
            + "Checks the database against softdelete.yml, reading metadata only: configured tables and their\n"
            + "flag, timestamp (microseconds), batch and actor columns; cascade columns; the foreign keys into and\n"
            + "out of configured tables and what the driver does with each; partitions and ON UPDATE columns;\n"
            + "unique keys that still count soft-deleted rows (with the DDL that fixes them); guard triggers and\n"
            + "lock indexes (missing: ERROR, migrate installs them); views, triggers and routines the driver\n"
            + "cannot rewrite.\n"
            + "Prints one line per finding (ERROR, WARN, OK) and a summary; exit status 1 if there is an ERROR.\n"
            + "\n"
            + connectionOptionsHelp();
    }

    @Override
    Set<String> ownOptions() {
        return Set.of();
    }

    @Override
    int execute(Arguments args, ConnectionTarget target, PrintStream out)
            throws UsageException, ConfigException, SQLException {
        args.positionals();
        SoftDeleteConfig config = target.config();
        CheckReport report;
        try (Connection connection = target.openRaw()) {
            DatabaseMetaData meta = connection.getMetaData();
            out.println("softdelete-cli check");
            out.println("  database:      " + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()
                + " at " + target.displayUrl());
            out.println("  configuration: " + config.source() + " (" + config.tables().size() + " table"
                + (config.tables().size() == 1 ? "" : "s") + ")");
            out.println();
            report = new SchemaCheck(config).run(connection);
        }
        report.print(out);
        return report.hasErrors() ? ExitStatus.PROBLEMS : ExitStatus.OK;
    }
}
