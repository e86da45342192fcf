package dev.softdelete.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup order, its messages and the cache, with explicit surroundings instead of the real environment. */
class ConfigLocatorTest {
    @TempDir
    Path dir;

    private Path workingDir;
    private Path classpathDir;
    private final Properties systemProperties = new Properties();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        workingDir = Files.createDirectory(dir.resolve("work"));
        classpathDir = Files.createDirectory(dir.resolve("classes"));
    }

    /** Writes a valid configuration whose only table is {@code table}. */
    private static Path write(Path file, String table) throws IOException {
        return Files.writeString(file, "version: 1\ntables:\n  " + table + ": {}\n");
    }

    private SoftDeleteConfig locate(String connectionProperty) throws Exception {
        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, null)) {
            return ConfigLocator.locate(connectionProperty, systemProperties, environment, workingDir, classLoader);
        }
    }

    private String origin(String connectionProperty) throws Exception {
        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, null)) {
            return ConfigLocator.find(connectionProperty, systemProperties, environment, workingDir, classLoader)
                    .origin();
        }
    }

    private ConfigException locateFails(String connectionProperty) throws Exception {
        try {
            locate(connectionProperty);
        } catch (ConfigException e) {
            return e;
        }
        return fail("expected a ConfigException");
    }

    private static String onlyTable(SoftDeleteConfig config) {
        assertThat(config.tables()).hasSize(1);
        return config.tables().get(0).name().toString();
    }

    /** Puts a different table in each of the five places: from_connection, from_system, and so on. */
    private void fillEveryPlace() throws IOException {
        write(dir.resolve("connection.yml"), "from_connection");
        Path system = write(dir.resolve("system.yml"), "from_system");
        systemProperties.setProperty(ConfigLocator.PROPERTY, system.toString());
        environment.put(ConfigLocator.ENVIRONMENT_VARIABLE, write(dir.resolve("env.yml"), "from_env").toString());
        write(workingDir.resolve("softdelete.yml"), "from_cwd");
        write(classpathDir.resolve("softdelete.yml"), "from_classpath");
    }

    @Test
    void firstHitWinsInOrder() throws Exception {
        fillEveryPlace();
        assertThat(onlyTable(locate(dir.resolve("connection.yml").toString()))).isEqualTo("from_connection");
        assertThat(onlyTable(locate(null))).isEqualTo("from_system");
        systemProperties.clear();
        assertThat(onlyTable(locate(null))).isEqualTo("from_env");
        environment.clear();
        assertThat(onlyTable(locate(null))).isEqualTo("from_cwd");
        Files.delete(workingDir.resolve("softdelete.yml"));
        SoftDeleteConfig fromClasspath = locate(null);
        assertThat(onlyTable(fromClasspath)).isEqualTo("from_classpath");
        assertThat(fromClasspath.source()).isEqualTo("classpath:softdelete.yml");
    }

    @Test
    void eachPlaceIsNamedAsTheOrigin() throws Exception {
        fillEveryPlace();
        assertThat(origin(dir.resolve("connection.yml").toString()))
                .isEqualTo("the connection property softdelete.config");
        assertThat(origin(null)).isEqualTo("the system property softdelete.config");
        systemProperties.clear();
        assertThat(origin(null)).isEqualTo("the environment variable SOFTDELETE_CONFIG");
        environment.clear();
        assertThat(origin(null)).isEqualTo("softdelete.yml in the working directory");
        Files.delete(workingDir.resolve("softdelete.yml"));
        assertThat(origin(null)).isEqualTo("softdelete.yml on the classpath");
    }

    @Test
    void blankValuesCountAsNotSet() throws Exception {
        fillEveryPlace();
        systemProperties.setProperty(ConfigLocator.PROPERTY, " ");
        environment.put(ConfigLocator.ENVIRONMENT_VARIABLE, "");
        assertThat(onlyTable(locate(""))).isEqualTo("from_cwd");
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() throws Exception {
        Path file = write(Files.createDirectory(workingDir.resolve("conf")).resolve("sd.yml"), "relative");
        SoftDeleteConfig config = locate("conf/sd.yml");
        assertThat(onlyTable(config)).isEqualTo("relative");
        assertThat(config.source()).isEqualTo(file.toString());
    }

    @Test
    void classpathLocations() throws Exception {
        write(Files.createDirectory(classpathDir.resolve("conf")).resolve("app.yml"), "on_classpath");
        assertThat(onlyTable(locate("classpath:conf/app.yml"))).isEqualTo("on_classpath");
        environment.put(ConfigLocator.ENVIRONMENT_VARIABLE, "classpath:/conf/app.yml");
        SoftDeleteConfig config = locate(null);
        assertThat(onlyTable(config)).isEqualTo("on_classpath");
        assertThat(config.source()).isEqualTo("classpath:/conf/app.yml");
    }

    @Test
    void namedFileMustExist() throws Exception {
        fillEveryPlace();
        Path missing = dir.resolve("missing.yml");
        assertThat(locateFails(missing.toString()).getMessage())
                .isEqualTo(missing + ": file not found (named by the connection property softdelete.config)");
        systemProperties.setProperty(ConfigLocator.PROPERTY, missing.toString());
        assertThat(locateFails(null).getMessage())
                .isEqualTo(missing + ": file not found (named by the system property softdelete.config)");
        systemProperties.clear();
        environment.put(ConfigLocator.ENVIRONMENT_VARIABLE, "classpath:missing.yml");
        assertThat(locateFails(null).getMessage()).isEqualTo("classpath:missing.yml: not found on the classpath"
                + " (named by the environment variable SOFTDELETE_CONFIG)");
    }

    @Test
    void nothingFoundListsEveryPlaceInOrder() throws Exception {
        ConfigException e = locateFails(null);
        assertThat(e.getMessage()).isEqualTo("softdelete.yml: no configuration found; looked at, in order: "
                + "connection property softdelete.config (not set); "
                + "system property softdelete.config (not set); "
                + "environment variable SOFTDELETE_CONFIG (not set); "
                + workingDir.resolve("softdelete.yml") + " (no such file); "
                + "classpath:softdelete.yml (not on the classpath)");
    }

    @Test
    void invalidConfigurationFoundIsReported() throws Exception {
        Path file = Files.writeString(workingDir.resolve("softdelete.yml"), "version: 1\ntables: {}\n");
        ConfigException e = locateFails(null);
        assertThat(e.getMessage()).isEqualTo(file + ":2:9: tables: must list at least one table");
    }

    @Test
    void cachesUntilTheFileChanges() throws Exception {
        Path file = write(workingDir.resolve("softdelete.yml"), "first");
        SoftDeleteConfig first = locate(null);
        assertThat(locate(null)).isSameAs(first);
        assertThat(locate(file.toString())).as("same file, named explicitly").isSameAs(first);

        write(file, "second_version");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        SoftDeleteConfig second = locate(null);
        assertThat(onlyTable(second)).isEqualTo("second_version");
        assertThat(locate(null)).isSameAs(second);
    }

    @Test
    void cachesClasspathResources() throws Exception {
        write(classpathDir.resolve("softdelete.yml"), "cached");
        assertThat(locate(null)).isSameAs(locate(null));
    }

    @Test
    void convenienceOverloadUsesTheConnectionPropertyFirst() throws Exception {
        Path file = write(dir.resolve("explicit.yml"), "explicit");
        assertThat(onlyTable(ConfigLocator.locate(file.toString()))).isEqualTo("explicit");
    }
}
