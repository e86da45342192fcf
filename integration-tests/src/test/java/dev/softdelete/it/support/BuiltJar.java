package dev.softdelete.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A jar built by another module of this reactor, located through a system property that surefire sets from the
 * Maven build: {@link #DRIVER} is the drop-in driver, {@link #CLI} the runnable CLI.
 */
public enum BuiltJar {
    /** {@code driver/target/softdelete-jdbc-<version>.jar}. */
    DRIVER("softdelete.it.driverJar", "driver"),
    /** {@code cli/target/softdelete-cli.jar}. */
    CLI("softdelete.it.cliJar", "cli");

    private final String property;
    private final String module;

    BuiltJar(String property, String module) {
        this.property = property;
        this.module = module;
    }

    /** The jar's path, or skips/fails the current test when it has not been built. */
    public Path path() {
        String location = System.getProperty(property);
        if (location == null || location.isBlank()) {
            throw Prerequisites.unmet("system property " + property + " is not set: run the tests through Maven");
        }
        Path jar = Path.of(location).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw Prerequisites.unmet("the " + module + " jar " + jar + " has not been built: run ./mvnw -B -pl "
                + module + " -am package");
        }
        return jar;
    }
}
