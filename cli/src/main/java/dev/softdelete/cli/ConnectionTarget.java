package dev.softdelete.cli;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.Mode;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.execute.SoftDeleteUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The database and configuration a command works on, from {@code --url}, {@code --config}, {@code --user} and
 * {@code --password} (or the environment variable {@value #PASSWORD_VARIABLE}). The URL may be raw
 * ({@code jdbc:postgresql:...}) or the driver's ({@code jdbc:softdelete:postgresql:...}); a {@code softdelete.config}
 * parameter in it counts as {@code --config}.
 */
final class ConnectionTarget {
    /** Environment variable read when {@code --password} is absent. */
    static final String PASSWORD_VARIABLE = "SOFTDELETE_PASSWORD";
    /** The options every database command accepts. */
    static final String URL = "--url";
    static final String CONFIG = "--config";
    static final String USER = "--user";
    static final String PASSWORD = "--password";

    private final String rawUrl;
    private final String configLocation;
    private final String user;
    private final String password;

    private ConnectionTarget(String rawUrl, String configLocation, String user, String password) {
        this.rawUrl = rawUrl;
        this.configLocation = configLocation;
        this.user = user;
        this.password = password;
    }

    /** Reads the target from the command line and the environment. */
    static ConnectionTarget from(Arguments args, Map<String, String> environment) throws UsageException {
        String url = args.required(URL).trim();
        String configLocation = args.option(CONFIG);
        String rawUrl = url;
        if (SoftDeleteUrl.accepts(url)) {
            SoftDeleteUrl parsed;
            try {
                parsed = SoftDeleteUrl.parse(url);
            } catch (SQLException e) {
                throw new UsageException(Redaction.redact(e.getMessage()));
            }
            rawUrl = parsed.delegateUrl();
            if (configLocation == null) {
                configLocation = parsed.parameters().get(SoftDeleteDriver.CONFIG_PROPERTY);
            }
        }
        if (!rawUrl.startsWith("jdbc:")) {
            throw new UsageException("option " + URL + " needs a JDBC URL (jdbc:...), not '"
                + Redaction.redact(url) + "'");
        }
        String password = args.option(PASSWORD);
        if (password == null) {
            password = environment.get(PASSWORD_VARIABLE);
        }
        return new ConnectionTarget(rawUrl, configLocation, args.option(USER), password);
    }

    /** The configuration: {@code --config}, else the driver's own lookup (see {@link ConfigLocator}). */
    SoftDeleteConfig config() throws ConfigException {
        return ConfigLocator.locate(configLocation);
    }

    /** A plain connection to the database, bypassing the soft-delete driver. */
    Connection openRaw() throws SQLException {
        return DriverManager.getConnection(rawUrl, credentials());
    }

    /**
     * A connection through the soft-delete driver, with the given visibility (null: the default), in enforce mode
     * whatever {@code options.mode} says: the commands rely on the rewrites (an observing connection would list
     * live rows too, for instance).
     */
    Connection openThroughDriver(Visibility visibility) throws SQLException {
        Properties properties = credentials();
        properties.setProperty(SoftDeleteDriver.MODE_PROPERTY, Mode.ENFORCE.label());
        if (configLocation != null) {
            properties.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, configLocation);
        }
        if (visibility != null) {
            properties.setProperty(SoftDeleteDriver.VISIBILITY_PROPERTY, visibility.label());
        }
        return DriverManager.getConnection(SoftDeleteUrl.PREFIX + rawUrl.substring("jdbc:".length()), properties);
    }

    /** The raw URL, as the commands pass it to {@code Purge} (it tells the SQL dialect). */
    String rawUrl() {
        return rawUrl;
    }

    /** The raw URL with any password hidden, for messages. */
    String displayUrl() {
        return Redaction.redact(rawUrl);
    }

    /** The text with the password (from the URL or the command line) hidden. */
    String redact(String text) {
        String redacted = Redaction.redact(text);
        if (redacted != null && password != null && password.length() >= 4) {
            redacted = redacted.replace(password, "***");
        }
        return redacted;
    }

    private Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
