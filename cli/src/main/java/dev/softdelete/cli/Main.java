package dev.softdelete.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code softdelete-cli.jar}: picks the subcommand named by the first argument. With no argument it
 * runs {@code demo}. Exit status: 0 ok, 1 problems found or failure, 2 usage error.
 */
public final class Main {
    /** Held, so that the level set on it stays: java.util.logging keeps loggers only weakly. */
    private static final Logger DRIVER_LOGGER = Logger.getLogger("dev.softdelete.jdbc");
    private Main() {
    }

    public static void main(String[] args) {
        quietDriverLog();
        int status = run(args, System.in, System.out, System.err, System.getenv());
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the subcommand named by {@code args[0]}; returns the process exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err, System.getenv());
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream)}, with standard input (for {@code explain}) and the
     * environment (for the password) given.
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
                   Map<String, String> environment) {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "demo":
                return Demo.runCommand(rest, out, err);
            case ExplainCommand.NAME:
                return new ExplainCommand().run(rest, in, out, err, environment);
            case InitCommand.NAME:
                return new InitCommand().run(rest, out, err, environment);
            case MigrateCommand.NAME:
                return new MigrateCommand().run(rest, out, err, environment);
            case CheckCommand.NAME:
                return new CheckCommand().run(rest, out, err, environment);
            case ListCommand.NAME:
                return new ListCommand().run(rest, out, err, environment);
            case UndeleteCommand.NAME:
                return new UndeleteCommand().run(rest, out, err, environment);
            case PurgeCommand.NAME:
                return new PurgeCommand(System.console() != null).run(rest, out, err, environment);
            case "help":
            case "-h":
            case "--help":
                usage(out);
                return ExitStatus.OK;
            default:
                err.println("softdelete-cli: unknown command '" + command + "'");
                usage(err);
                return ExitStatus.USAGE;
        }
    }

    /**
     * The driver logs its configuration at INFO on first connect, which would only clutter the output of a command;
     * unless java.util.logging is configured (-Djava.util.logging.config.file=...), only warnings are shown.
     */
    private static void quietDriverLog() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            DRIVER_LOGGER.setLevel(Level.WARNING);
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar softdelete-cli.jar [command] [options]");
        out.println();
        out.println("commands:");
        out.println("  init       write a starting softdelete.yml from the database's tables and foreign keys");
        out.println("  migrate    the DDL that makes the schema ready for softdelete.yml (--apply runs it)");
        out.println("  check      check the database's tables, columns, keys, guards, views, triggers and routines");
        out.println("             against softdelete.yml");
        out.println("  list       list the soft-deleted rows of a configured table");
        out.println("  undelete   restore soft-deleted rows (and the children deleted with them)");
        out.println("  purge      hard-delete rows soft-deleted before a cutoff, in batches");
        out.println("  explain    what the driver sends for SQL statements (no database needed)");
        out.println("  demo       a short tour of soft delete on in-memory H2 (the default)");
        out.println("  help       this text");
        out.println();
        out.println("'java -jar softdelete-cli.jar <command> --help' describes a command's options.");
        out.println("Exit status: 0 ok, 1 problems found or failure, 2 usage error.");
        out.println("Database commands take --url <jdbc url> [--config softdelete.yml] [--user u]; the password comes");
        out.println("from --password or the environment variable " + ConnectionTarget.PASSWORD_VARIABLE + ".");
    }
}
