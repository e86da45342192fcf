package dev.softdelete.jdbc;

import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.ConfigLocator.Located;
import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.execute.ConnectionSettings;
import dev.softdelete.jdbc.execute.ConnectionWrapper;
import dev.softdelete.jdbc.execute.RewriteEngines;
import dev.softdelete.jdbc.execute.SessionEngine;
import dev.softdelete.jdbc.execute.SharedEngine;
import dev.softdelete.jdbc.execute.SoftDeleteUrl;
import dev.softdelete.jdbc.execute.StatementGate;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The soft-delete JDBC driver. It accepts {@code jdbc:softdelete:<url>}, opens {@code jdbc:<url>} with whichever
 * registered driver accepts that, and returns a {@link SoftDeleteConnection} whose statements pass the rewrite
 * engine. Connection properties and URL parameters named {@code softdelete.*} are its own; all others reach the
 * database's driver unchanged.
 */
public final class SoftDeleteDriver implements Driver {
    /** Where {@code softdelete.yml} is: a file path or {@code classpath:name}. */
    public static final String CONFIG_PROPERTY = ConfigLocator.PROPERTY;
    /** The initial visibility of a connection, and the client-info property that changes it later. */
    public static final String VISIBILITY_PROPERTY = "softdelete.visibility";
    /** Who deletes through the connection: written into actor columns; also a client-info property. */
    public static final String ACTOR_PROPERTY = "softdelete.actor";
    /**
     * {@code enforce} or {@code observe}: whether the connection rewrites and refuses statements, or sends them as
     * written and only records what it would have done; unset, {@code options.mode} of the configuration decides.
     */
    public static final String MODE_PROPERTY = "softdelete.mode";
    /** SQLState of a connection refused because the driver's own configuration is unusable. */
    public static final String CONFIGURATION_ERROR = "SD000";

    private static final int MAJOR_VERSION = 0;
    private static final int MINOR_VERSION = 1;
    private static final Logger LOGGER = Logger.getLogger("dev.softdelete.jdbc");
    private static final RewriteEngines ENGINES = RewriteEngines.publishedOnJmx();

    static {
        try {
            DriverManager.registerDriver(new SoftDeleteDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return SoftDeleteUrl.accepts(url);
    }

    /**
     * Opens a connection through the database's own driver; null when {@code url} is not a
     * {@code jdbc:softdelete:} URL.
     *
     * @throws SQLException with SQLState SD000 when the configuration or a {@code softdelete.*} setting is unusable
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        SoftDeleteUrl parsed = SoftDeleteUrl.parse(url);
        ConnectionSettings settings = ConnectionSettings.of(parsed, info);
        Driver delegateDriver = delegateDriver(parsed.delegateUrl());
        Located config = RewriteEngines.find(settings.configLocation());
        Connection connection = delegateDriver.connect(parsed.delegateUrl(), settings.delegateProperties());
        if (connection == null) {
            throw new SQLException("The driver " + delegateDriver.getClass().getName() + " did not open "
                    + parsed.delegateUrl(), "08001");
        }
        SharedEngine engine;
        Dialect dialect = Dialect.fromUrl(parsed.delegateUrl());
        try {
            engine = ENGINES.engineFor(config.config(), config.origin(), dialect, parsed.database(), connection);
            engine.refuseLossyCharacterSet(connection);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        Mode mode = settings.mode(config.config().options().mode());
        engine.recorder().connected(mode);
        // the configuration as it is when the session moves: one found again after its file changed, never the one
        // of this connect, which would replace the newer engine other connections share
        SessionEngine session = new SessionEngine(engine, c -> {
            Located now = RewriteEngines.find(settings.configLocation());
            return ENGINES.engineFor(now.config(), now.origin(), dialect, parsed.database(), c);
        }, connection);
        return new ConnectionWrapper(connection,
                new StatementGate(session, settings.visibility(), mode, engine.recorder()), session, settings.actor());
    }

    /** The delegate driver's properties for the delegate URL, followed by this driver's own. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return new DriverPropertyInfo[0];
        }
        SoftDeleteUrl parsed = SoftDeleteUrl.parse(url);
        ConnectionSettings settings = ConnectionSettings.of(parsed, info);
        DriverPropertyInfo[] delegateInfo = delegateDriver(parsed.delegateUrl())
                .getPropertyInfo(parsed.delegateUrl(), settings.delegateProperties());
        DriverPropertyInfo[] own = settings.propertyInfo();
        DriverPropertyInfo[] all = Arrays.copyOf(delegateInfo, delegateInfo.length + own.length);
        System.arraycopy(own, 0, all, delegateInfo.length, own.length);
        return all;
    }

    private static Driver delegateDriver(String delegateUrl) throws SQLException {
        try {
            return DriverManager.getDriver(delegateUrl);
        } catch (SQLException e) {
            throw new SQLException("No registered JDBC driver accepts " + delegateUrl
                    + "; is the database's driver on the classpath?", "08001", e);
        }
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** False: compliance is the delegate driver's, and this driver cannot vouch for it. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return LOGGER;
    }
}
