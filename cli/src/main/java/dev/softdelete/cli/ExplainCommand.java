package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code explain}: what the driver would send for statements, from the configuration and a dialect, without a
 * database; or, given {@code --url}, from the configuration and the database's catalog, read as the driver reads
 * it. Exit status 0 when no statement is refused, 1 when one is (so a script of an application's statements can
 * guard a build) or the catalog cannot be read, 2 for a usage error.
 */
final class ExplainCommand {
    static final String NAME = "explain";
    private static final String CONFIG = "--config";
    private static final String DIALECT = "--dialect";
    private static final String URL = "--url";
    private static final String VISIBILITY = "--visibility";
    private static final String USER = "--user";
    private static final String PASSWORD = "--password";
    private static final String[] DIALECTS = {"postgresql", "mysql", "mariadb", "h2"};

    String usage() {
        return "usage: java -jar softdelete-cli.jar explain [--config softdelete.yml] [--dialect postgresql|mysql|"
            + "mariadb|h2 | --url <jdbc url>]\n"
            + "                                             [--visibility active|include-deleted|only-deleted]"
            + " [\"SQL\" ...]\n"
            + "\n"
            + "Prints what the driver sends for each statement: the rewritten statement with the delete event and\n"
            + "the cascades around it, or that it goes as written, or the refusal with its SQLState and reason.\n"
            + "No database is needed (but see --url). Without SQL arguments (or with -) the statements are read\n"
            + "from standard input: a statement ends with a line that ends with ';', so a .sql file works as it\n"
            + "is. Each SQL argument is one statement, as an application would pass it to JDBC (put -- before one\n"
            + "that starts with a dash). Exit status: 0 none refused, 1 at least one refused (or the catalog\n"
            + "cannot be read), 2 usage error.\n"
            + "\n"
            + "  --config <file>         softdelete.yml (a path or classpath:name); default: the driver's lookup\n"
            + "  --dialect <name>        postgresql (default), mysql, mariadb or h2\n"
            + "  --url <jdbc url>        instead of --dialect: the database, whose catalog is read as the driver\n"
            + "                          reads it (partitions and inheriting tables of configured tables, foreign\n"
            + "                          keys, MySQL ON UPDATE columns), so the output is what the driver sends there\n"
            + "  --user, --password      for --url; better than --password: the environment variable "
            + ConnectionTarget.PASSWORD_VARIABLE + "\n"
            + "  --visibility <v>        the connection's visibility: active (default), include-deleted,\n"
            + "                          only-deleted\n";
    }

    int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        String url = null;
        try {
            Arguments parsed = Arguments.parse(args, Set.of(CONFIG, DIALECT, URL, VISIBILITY, USER, PASSWORD));
            if (parsed.help()) {
                out.print(usage());
                return ExitStatus.OK;
            }
            url = parsed.option(URL);
            Dialect dialect = dialect(parsed);
            Visibility visibility = visibility(parsed);
            List<ScriptStatements.Statement> statements = statements(parsed, in);
            SoftDeleteConfig config = ConfigLocator.locate(parsed.option(CONFIG));
            Explainer explainer = url == null ? Explainer.offline(config, dialect, visibility)
                : forDatabase(config, dialect, parsed, environment, visibility);
            out.println("-- configuration " + config.source() + ", dialect " + label(dialect) + ", visibility "
                + visibility.label() + (url == null ? "" : ", catalog of " + Redaction.redact(rawUrl(url))));
            boolean refused = false;
            for (int i = 0; i < statements.size(); i++) {
                ScriptStatements.Statement statement = statements.get(i);
                out.println();
                if (statements.size() > 1) {
                    out.println("-- statement " + (i + 1) + (statement.line > 0 ? ", line " + statement.line : ""));
                }
                Explanation explanation = explainer.explain(statement.sql);
                explanation.print(out);
                refused |= explanation.isRefused();
            }
            return refused ? ExitStatus.PROBLEMS : ExitStatus.OK;
        } catch (UsageException e) {
            err.println("softdelete-cli " + NAME + ": " + e.getMessage());
            err.println();
            err.print(usage());
            return ExitStatus.USAGE;
        } catch (ConfigException e) {
            err.println("softdelete-cli " + NAME + ": " + e.getMessage());
            return ExitStatus.PROBLEMS;
        } catch (IOException e) {
            err.println("softdelete-cli " + NAME + ": cannot read the statements: " + e.getMessage());
            return ExitStatus.PROBLEMS;
        } catch (SQLException e) {
            err.println("softdelete-cli " + NAME + ": cannot read the catalog of " + Redaction.redact(rawUrl(url))
                + ": " + Redaction.redact(e.getMessage()) + " (SQLState " + e.getSQLState() + ")");
            return ExitStatus.PROBLEMS;
        }
    }

    /** Reads the catalog of the database at {@code --url} on a raw connection, then closes it. */
    private static Explainer forDatabase(SoftDeleteConfig config, Dialect dialect, Arguments args,
                                         Map<String, String> environment, Visibility visibility)
            throws SQLException {
        Properties credentials = new Properties();
        if (args.option(USER) != null) {
            credentials.setProperty("user", args.option(USER));
        }
        String password = args.option(PASSWORD) != null ? args.option(PASSWORD)
            : environment.get(ConnectionTarget.PASSWORD_VARIABLE);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(rawUrl(args.option(URL)), credentials)) {
            return Explainer.forDatabase(config, dialect, connection, visibility);
        }
    }

    /** The URL without a {@code jdbc:softdelete:} prefix. */
    private static String rawUrl(String url) {
        return url.trim().replaceFirst("^jdbc:softdelete:", "jdbc:");
    }

    private static Dialect dialect(Arguments args) throws UsageException {
        String name = args.option(DIALECT);
        String url = args.option(URL);
        if (name != null && url != null) {
            throw new UsageException("give " + DIALECT + " or " + URL + ", not both");
        }
        if (url != null) {
            Dialect fromUrl = Dialect.fromUrl(rawUrl(url));
            if (fromUrl == Dialect.GENERIC) {
                throw new UsageException(URL + " needs a PostgreSQL, MySQL, MariaDB or H2 JDBC URL, not '"
                    + Redaction.redact(url) + "'");
            }
            return fromUrl;
        }
        if (name == null) {
            return Dialect.POSTGRESQL;
        }
        for (String known : DIALECTS) {
            if (known.equalsIgnoreCase(name.trim())) {
                return Dialect.valueOf(known.toUpperCase(Locale.ROOT));
            }
        }
        throw new UsageException(DIALECT + " must be one of " + String.join(", ", DIALECTS) + ", not '" + name + "'");
    }

    private static Visibility visibility(Arguments args) throws UsageException {
        String label = args.option(VISIBILITY);
        if (label == null) {
            return Visibility.ACTIVE;
        }
        Visibility v = Visibility.fromLabel(label);
        if (v == null) {
            throw new UsageException(VISIBILITY + " must be active, include-deleted or only-deleted, not '" + label
                + "'");
        }
        return v;
    }

    private static List<ScriptStatements.Statement> statements(Arguments args, InputStream in)
            throws IOException, UsageException {
        List<String> sql = args.positionalValues();
        List<ScriptStatements.Statement> statements = new ArrayList<>();
        if (sql.isEmpty() || sql.equals(List.of("-"))) {
            statements.addAll(ScriptStatements.split(read(in)));
            if (statements.isEmpty()) {
                throw new UsageException("no statement given, neither as an argument nor on standard input");
            }
            return statements;
        }
        for (String s : sql) {
            if (s.trim().isEmpty()) {
                throw new UsageException("an empty statement");
            }
            statements.add(new ScriptStatements.Statement(s, 0));
        }
        return statements;
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String label(Dialect dialect) {
        return dialect.name().toLowerCase(Locale.ROOT);
    }
}
