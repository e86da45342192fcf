package dev.softdelete.config;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds {@code softdelete.yml} for the driver's {@code connect()}. The first hit wins:
 * <ol>
 *   <li>the connection property {@value #PROPERTY},</li>
 *   <li>the system property {@value #PROPERTY},</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE},</li>
 *   <li>{@value #FILE_NAME} in the working directory,</li>
 *   <li>{@value #FILE_NAME} on the classpath.</li>
 * </ol>
 * The first three name a file path (relative to the working directory) or {@code classpath:name}; what they name
 * must exist. Loaded configurations are cached; a changed file is read again.
 */
public final class ConfigLocator {
    /** The connection and system property naming the configuration. */
    public static final String PROPERTY = "softdelete.config";
    /** The environment variable naming the configuration. */
    public static final String ENVIRONMENT_VARIABLE = "SOFTDELETE_CONFIG";
    /** The file looked for in the working directory and on the classpath. */
    public static final String FILE_NAME = "softdelete.yml";
    /** The prefix of a location naming a classpath resource. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    private static final ConfigCache CACHE = new ConfigCache();

    private ConfigLocator() {
    }

    /** A configuration with the setting or place that led to it, for the driver's log. */
    public static final class Located {
        private final SoftDeleteConfig config;
        private final String origin;

        Located(SoftDeleteConfig config, String origin) {
            this.config = config;
            this.origin = origin;
        }

        public SoftDeleteConfig config() {
            return config;
        }

        /**
         * How it was found: {@code the connection property softdelete.config}, {@code the working directory},
         * {@code the classpath}, ...
         */
        public String origin() {
            return origin;
        }
    }

    /**
     * Locates the configuration with this JVM's system properties, environment, working directory and context
     * class loader.
     *
     * @param connectionProperty the connection's {@value #PROPERTY} property, or null
     */
    public static SoftDeleteConfig locate(String connectionProperty) throws ConfigException {
        return find(connectionProperty).config();
    }

    /** As {@link #locate(String)}, telling also how the configuration was found. */
    public static Located find(String connectionProperty) throws ConfigException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return find(connectionProperty, System.getProperties(), System.getenv(), Paths.get("").toAbsolutePath(),
                context != null ? context : ConfigLocator.class.getClassLoader());
    }

    /**
     * Locates the configuration in the given surroundings. Blank values count as not set.
     *
     * @param connectionProperty the connection's {@value #PROPERTY} property, or null
     * @throws ConfigException if a named location does not exist, if nothing is found (the message lists every
     *     place looked at, in order), or if the configuration found is invalid
     */
    public static SoftDeleteConfig locate(String connectionProperty, Properties systemProperties,
                                          Map<String, String> environment, Path workingDir,
                                          ClassLoader classLoader) throws ConfigException {
        return find(connectionProperty, systemProperties, environment, workingDir, classLoader).config();
    }

    /** As {@link #locate(String, Properties, Map, Path, ClassLoader)}, telling also how it was found. */
    public static Located find(String connectionProperty, Properties systemProperties,
                               Map<String, String> environment, Path workingDir,
                               ClassLoader classLoader) throws ConfigException {
        Map<String, String> named = new LinkedHashMap<>();
        named.put("connection property " + PROPERTY, connectionProperty);
        named.put("system property " + PROPERTY, systemProperties.getProperty(PROPERTY));
        named.put("environment variable " + ENVIRONMENT_VARIABLE, environment.get(ENVIRONMENT_VARIABLE));
        List<String> looked = new ArrayList<>();
        for (Map.Entry<String, String> origin : named.entrySet()) {
            String location = origin.getValue();
            if (location != null && !location.trim().isEmpty()) {
                return new Located(loadNamed(location.trim(), origin.getKey(), workingDir, classLoader),
                        "the " + origin.getKey());
            }
            looked.add(origin.getKey() + " (not set)");
        }
        Path local = workingDir.resolve(FILE_NAME);
        if (Files.exists(local)) {
            return new Located(CACHE.file(local), FILE_NAME + " in the working directory");
        }
        looked.add(local + " (no such file)");
        URL resource = classLoader.getResource(FILE_NAME);
        if (resource != null) {
            return new Located(CACHE.resource(resource, CLASSPATH_PREFIX + FILE_NAME),
                    FILE_NAME + " on the classpath");
        }
        looked.add(CLASSPATH_PREFIX + FILE_NAME + " (not on the classpath)");
        throw new ConfigException(FILE_NAME, 0, 0, null,
                "no configuration found; looked at, in order: " + String.join("; ", looked));
    }

    private static SoftDeleteConfig loadNamed(String location, String origin, Path workingDir,
                                              ClassLoader classLoader) throws ConfigException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String name = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", "");
            URL resource = classLoader.getResource(name);
            if (resource == null) {
                throw new ConfigException(location, 0, 0, null,
                        "not found on the classpath (named by the " + origin + ")");
            }
            return CACHE.resource(resource, location);
        }
        Path file = workingDir.resolve(location);
        if (!Files.exists(file)) {
            throw new ConfigException(file.toString(), 0, 0, null, "file not found (named by the " + origin + ")");
        }
        return CACHE.file(file);
    }
}
