package dev.softdelete.jdbc.execute;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rewrite engines connections share: one per configuration source, dialect and database (what the engine
 * learns from a database's catalog is that database's). An engine is replaced when the lookup yields a different
 * configuration object for its source, so the map stays as small as the set of sources and databases in use.
 */
public final class RewriteEngines {
    private final ConcurrentHashMap<String, SharedEngine> engines = new ConcurrentHashMap<>();

    /**
     * Locates the configuration named by {@code configLocation}.
     *
     * @param configLocation the {@code softdelete.config} setting, or null for the lookup's defaults
     * @throws SQLException (SQLState SD000) with the lookup's message when no valid configuration is found
     */
    public static SoftDeleteConfig locate(String configLocation) throws SQLException {
        try {
            return ConfigLocator.locate(configLocation);
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
        SharedEngine shared = engines.computeIfAbsent(dialect.name() + ' ' + config.source() + ' ' + database,
                key -> new SharedEngine(dialect));
        try {
            shared.use(config, connection);
        } catch (SQLException e) {
            throw new SQLException("softdelete-jdbc could not read the database catalog it needs (partitions,"
                    + " foreign keys) for " + config.source() + ": " + e.getMessage(),
                    SoftDeleteDriver.CONFIGURATION_ERROR, e);
        }
        return shared;
    }
}
