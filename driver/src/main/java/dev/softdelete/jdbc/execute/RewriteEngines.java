package dev.softdelete.jdbc.execute;

import dev.softdelete.config.ConfigException;
import dev.softdelete.config.ConfigLocator;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.jdbc.SoftDeleteDriver;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * The rewrite engines connections share: one per configuration and dialect, each with its {@link StatementRecorder}.
 * An engine is kept per configuration source and dialect and replaced when the lookup yields a different
 * configuration object for that source, so the map stays as small as the set of sources in use. The statistics
 * are kept per source and outlive the engines; the driver's instance publishes them on JMX. A new engine logs its
 * configuration, and where it came from, at INFO.
 */
public final class RewriteEngines {
    private static final Logger CONFIG_LOGGER = Logger.getLogger("dev.softdelete.jdbc.config");

    /** An engine and the recorder of its statements. */
    public static final class Configured {
        private final RewriteEngine engine;
        private final StatementRecorder recorder;

        Configured(RewriteEngine engine, StatementRecorder recorder) {
            this.engine = engine;
            this.recorder = recorder;
        }

        public RewriteEngine engine() {
            return engine;
        }

        public StatementRecorder recorder() {
            return recorder;
        }
    }

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
    private final ConcurrentHashMap<String, Configured> engines = new ConcurrentHashMap<>();
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
     * Locates the configuration named by {@code configLocation} and returns the engine for it and {@code dialect}.
     *
     * @param configLocation the {@code softdelete.config} setting, or null for the lookup's defaults
     * @throws SQLException (SQLState SD000) with the lookup's message when no valid configuration is found
     */
    public RewriteEngine engineFor(String configLocation, Dialect dialect) throws SQLException {
        return configuredFor(configLocation, dialect).engine();
    }

    /** As {@link #engineFor}, with the recorder of the engine's statements. */
    public Configured configuredFor(String configLocation, Dialect dialect) throws SQLException {
        ConfigLocator.Located located;
        try {
            located = ConfigLocator.find(configLocation);
        } catch (ConfigException e) {
            throw new SQLException("No usable soft-delete configuration: " + e.getMessage(),
                    SoftDeleteDriver.CONFIGURATION_ERROR, e);
        }
        SoftDeleteConfig config = located.config();
        String key = dialect.name() + ' ' + config.source();
        Configured current = engines.get(key);
        if (current != null && current.engine.config() == config) {
            return current;
        }
        Published published = statistics.computeIfAbsent(config.source(), this::publish);
        Configured[] created = new Configured[1];
        Configured result = engines.compute(key, (k, engine) -> {
            if (engine != null && engine.engine.config() == config) {
                return engine;
            }
            created[0] = new Configured(new RewriteEngine(config, dialect, published.statistics),
                    new StatementRecorder(published.statistics, new StatementLog(config.source(), dialect)));
            return created[0];
        });
        if (result == created[0]) {
            CONFIG_LOGGER.info(ConfigurationSummary.of(config, located.origin(), dialect, published.name));
        }
        return result;
    }

    private Published publish(String source) {
        SoftDeleteStatistics s = new SoftDeleteStatistics(source, () -> cachedTexts(source));
        return new Published(s, onJmx ? JmxRegistration.register(s, source) : null);
    }

    /** The texts cached by the engines of {@code source}, whatever their dialect. */
    private long cachedTexts(String source) {
        long texts = 0;
        for (Configured c : engines.values()) {
            if (c.engine.config().source().equals(source)) {
                texts += c.engine.cachedTexts();
            }
        }
        return texts;
    }
}
