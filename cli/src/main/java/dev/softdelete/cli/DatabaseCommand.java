package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand that works on a database: parses its arguments, prints its usage on {@code --help}, and turns
 * failures into exit statuses (a usage error into {@link ExitStatus#USAGE} with the usage text, a database,
 * configuration or command failure into {@link ExitStatus#PROBLEMS}).
 */
abstract class DatabaseCommand {
    private final String name;

    protected DatabaseCommand(String name) {
        this.name = name;
    }

    /** The usage text, starting with the {@code usage:} line. */
    abstract String usage();

    /** The options the command accepts besides {@code --url}, {@code --config}, {@code --user}, {@code --password}. */
    abstract Set<String> ownOptions();

    /** The switches the command accepts, which take no value ({@code --apply}); none by default. */
    Set<String> ownSwitches() {
        return Set.of();
    }

    /** Does the work; returns the exit status. */
    abstract int execute(Arguments args, ConnectionTarget target, PrintStream out)
        throws UsageException, CommandFailedException, ConfigException, SQLException;

    /** Runs the command on the command line {@code args} (after the command's name). */
    final int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        ConnectionTarget target = null;
        try {
            Arguments parsed = Arguments.parse(args, options(), ownSwitches());
            if (parsed.help()) {
                out.print(usage());
                return ExitStatus.OK;
            }
            target = ConnectionTarget.from(parsed, environment);
            return execute(parsed, target, out);
        } catch (UsageException e) {
            err.println("softdelete-cli " + name + ": " + e.getMessage());
            err.println();
            err.print(usage());
            return ExitStatus.USAGE;
        } catch (CommandFailedException | ConfigException e) {
            err.println("softdelete-cli " + name + ": " + redact(target, e.getMessage()));
            return ExitStatus.PROBLEMS;
        } catch (SQLException e) {
            err.println("softdelete-cli " + name + ": " + redact(target, e.getMessage())
                + " (SQLState " + e.getSQLState() + ")");
            return ExitStatus.PROBLEMS;
        }
    }

    private Set<String> options() {
        Set<String> all = new HashSet<>(Arrays.asList(
            ConnectionTarget.URL, ConnectionTarget.CONFIG, ConnectionTarget.USER, ConnectionTarget.PASSWORD));
        all.addAll(ownOptions());
        return all;
    }

    private static String redact(ConnectionTarget target, String message) {
        return target == null ? Redaction.redact(message) : target.redact(message);
    }

    /** The lines describing the options every database command shares, for usage texts. */
    static String connectionOptionsHelp() {
        return "  --url <jdbc url>        the database: jdbc:postgresql:..., jdbc:mysql:..., jdbc:h2:... (a\n"
            + "                          jdbc:softdelete: prefix is accepted and stripped where needed)\n"
            + "  --config <file>         softdelete.yml (a path or classpath:name); default: the driver's lookup\n"
            + "                          (system property softdelete.config, $SOFTDELETE_CONFIG, ./softdelete.yml)\n"
            + "  --user <name>           database user (or in the URL)\n"
            + "  --password <secret>     database password; better: the environment variable "
            + ConnectionTarget.PASSWORD_VARIABLE + "\n";
    }
}
