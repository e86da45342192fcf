package dev.softdelete.jdbc.execute;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rewrite engines connections share: one per configuration and dialect. An engine is kept per configuration
 * source and dialect and replaced when the lookup yields a different configuration object for that source, so
 * the map stays as small as the set of sources in use.
 */
public final class RewriteEngines {
    private final ConcurrentHashMap<String, RewriteEngine> engines = new ConcurrentHashMap<>();

    /**
     * Locates the configuration named by {@code configLocation} and returns the engine for it and {@code dialect}.
     *
     * @param configLocation the {@code softdelete.config} setting, or null for the lookup's defaults
     * @throws SQLException (SQLState SD000) with the lookup's message when no valid configuration is found
     */
    public RewriteEngine engineFor(String configLocation, Dialect dialect) throws SQLException {
        SoftDeleteConfig config;
        try {
            config = ConfigLocator.locate(configLocation);
        } catch (ConfigException e) {
            throw new SQLException("No usable soft-delete configuration: " + e.getMessage(),
                    SoftDeleteDriver.CONFIGURATION_ERROR, e);
        }
        return engines.compute(dialect.name() + ' ' + config.source(), (key, engine) ->
                engine != null && engine.config() == config ? engine : new RewriteEngine(config, dialect));
    }
}
