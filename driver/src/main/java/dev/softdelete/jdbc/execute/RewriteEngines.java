package dev.softdelete.jdbc.execute;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * The rewrite engines connections share: one per configuration source, dialect and database (what the engine
 * learns from a database's catalog is that database's). An engine is replaced when the lookup yields a different
 * configuration object for its source, so the map stays as small as the set of sources and databases in use.
 * Each engine has the {@link StatementRecorder} of its statements; the statistics are kept per configuration
 * source and outlive the engines, and the driver's instance publishes them on JMX. An engine built for a
 * configuration it did not have before logs the configuration, and where it came from, at INFO.
 */
public final class RewriteEngines {
    private static final Logger CONFIG_LOGGER = Logger.getLogger("dev.softdelete.jdbc.config");

    /** The statistics of a source and their JMX name (null when not published). */
    private static final class Published {
        final SoftDeleteStatistics statistics;
        final ObjectName name;

        Published(SoftDeleteStatistics statistics, ObjectName name) {
            this.statistics = statistics;
            this.name = name;
        }
    }

    private final boolean onJmx;
    private final ConcurrentHashMap<String, SharedEngine> engines = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Published> statistics = new ConcurrentHashMap<>();

    /** Engines whose statistics are not published (tests, benchmarks). */
    public RewriteEngines() {
        this(false);
    }

    private RewriteEngines(boolean onJmx) {
        this.onJmx = onJmx;
    }

    /** The driver's engines: the statistics of each configuration are published on JMX. */
    public static RewriteEngines publishedOnJmx() {
        return new RewriteEngines(true);
    }

    /**
     * Locates the configuration named by {@code configLocation}.
     *
     * @param configLocation the {@code softdelete.config} setting, or null for the lookup's defaults
     * @throws SQLException (SQLState SD000) with the lookup's message when no valid configuration is found
     */
    public static SoftDeleteConfig locate(String configLocation) throws SQLException {
        return find(configLocation).config();
    }

    /** As {@link #locate}, telling also how the configuration was found (for the log). */
    public static ConfigLocator.Located find(String configLocation) throws SQLException {
        try {
            return ConfigLocator.find(configLocation);
        } catch (ConfigException e) {
            throw new SQLException("No usable soft-delete configuration: " + e.getMessage(),
                    SoftDeleteDriver.CONFIGURATION_ERROR, e);
        }
    }

    /**
     * The engine for {@code config} on the database {@code database} (its URL without parameters); the first
     * connection to it reads the catalog.
     *
     * @throws SQLException (SQLState SD000) when the catalog cannot be read: without it the driver cannot know
     *                      which tables are partitions of configured ones, and does not guess
     */
    public SharedEngine engineFor(SoftDeleteConfig config, Dialect dialect, String database, Connection connection)
            throws SQLException {
        return engineFor(config, null, dialect, database, connection);
    }

    /**
     * As {@link #engineFor(SoftDeleteConfig, Dialect, String, Connection)}, with how the configuration was found
     * (see {@link ConfigLocator.Located#origin()}; null when unknown), for the INFO record of a new configuration.
     */
    public SharedEngine engineFor(SoftDeleteConfig config, String origin, Dialect dialect, String database,
                                  Connection connection) throws SQLException {
        Published published = statistics.computeIfAbsent(config.source(), this::publish);
        // the catalog is read for the session's schemas (search path, default database): a connection whose
        // schemas differ (another currentSchema, a role's own search_path) gets an engine of its own
        List<String> schemas;
        try {
            schemas = CatalogReader.sessionSchemas(connection, dialect);
        } catch (SQLException e) {
            throw new SQLException("softdelete-jdbc could not read the session's schemas (search path, default"
                    + " database) for " + config.source() + ": " + e.getMessage(),
                    SoftDeleteDriver.CONFIGURATION_ERROR, e);
        }
        // H2's unnamed in-memory database is the connection's own: its catalog is no other connection's
        boolean own = dialect == Dialect.H2 && "jdbc:h2:mem:".equalsIgnoreCase(database);
        String key = dialect.name() + ' ' + config.source() + ' ' + database + (schemas == null ? "" : " " + schemas);
        SharedEngine shared = own ? newEngine(config, dialect, published)
                : engines.computeIfAbsent(key, k -> newEngine(config, dialect, published));
        try {
            shared.refreshIfStale(connection);
            if (shared.use(config, connection)) {
                CONFIG_LOGGER.info(ConfigurationSummary.of(config, origin == null ? "an unnamed lookup" : origin,
                        dialect, published.name));
            }
        } catch (SQLException e) {
            if (SoftDeleteDriver.CONFIGURATION_ERROR.equals(e.getSQLState())
                    || StatementRefusedException.UNREWRITABLE.equals(e.getSQLState())) {
                // the catalog was read, and refuses the configuration; or it cannot be read now (CatalogSnapshot)
                throw e;
            }
            throw new SQLException("softdelete-jdbc could not read the database catalog it needs (partitions,"
                    + " foreign keys) for " + config.source() + ": " + e.getMessage(),
                    SoftDeleteDriver.CONFIGURATION_ERROR, e);
        }
        return shared;
    }

    private SharedEngine newEngine(SoftDeleteConfig config, Dialect dialect, Published published) {
        return new SharedEngine(dialect, published.statistics,
                new StatementRecorder(published.statistics, new StatementLog(config.source(), dialect)),
                this::refreshed);
    }

    /**
     * An engine read its catalog again after DDL through the driver. The other engines of the dialect may be of the
     * same database (another configuration path, other session schemas, another spelling of the host): each reads
     * its catalog again before its connections' next statement.
     */
    private void refreshed(SharedEngine source) {
        for (SharedEngine e : engines.values()) {
            if (e != source && e.dialect() == source.dialect()) {
                e.markStale();
            }
        }
    }

    private Published publish(String source) {
        SoftDeleteStatistics s = new SoftDeleteStatistics(source, () -> cachedTexts(source));
        return new Published(s, onJmx ? JmxRegistration.register(s, source) : null);
    }

    /** The texts cached by the engines of {@code source}, whatever their dialect and database. */
    private long cachedTexts(String source) {
        long texts = 0;
        for (SharedEngine shared : engines.values()) {
            RewriteEngine engine = shared.engine();
            if (engine != null && engine.config().source().equals(source)) {
                texts += engine.cachedTexts();
            }
        }
        return texts;
    }
}
