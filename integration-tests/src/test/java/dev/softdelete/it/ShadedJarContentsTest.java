package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.BuiltJar;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drop-in jar is self-contained without clashing with an application's own JSqlParser, SnakeYAML or Caffeine.
 */
class ShadedJarContentsTest {
    /** Class file major version of Java 11, the oldest runtime the driver supports. */
    private static final int JAVA_11 = 55;

    private JarFile jar;
    private List<String> names;

    @BeforeEach
    void open() throws IOException {
        jar = new JarFile(BuiltJar.DRIVER.path().toFile());
        names = jar.stream().map(ZipEntry::getName).toList();
    }

    @AfterEach
    void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void bundledLibrariesAreNotUnderTheirOwnPackages() {
        assertThat(names).noneMatch(n -> n.startsWith("net/sf/jsqlparser/"));
        assertThat(names).noneMatch(n -> n.startsWith("org/snakeyaml/"));
        assertThat(names).noneMatch(n -> n.startsWith("com/github/benmanes/caffeine/"));
    }

    @Test
    void bundledLibrariesAreRelocatedUnderTheDriver() {
        assertThat(names).anyMatch(n -> n.startsWith("dev/softdelete/jdbc/shaded/jsqlparser/"));
        assertThat(names).anyMatch(n -> n.startsWith("dev/softdelete/jdbc/shaded/snakeyaml/"));
        assertThat(names).anyMatch(n -> n.startsWith("dev/softdelete/jdbc/shaded/caffeine/"));
    }

    @Test
    void registersTheDriverWithDriverManager() throws IOException {
        assertThat(names).contains("dev/softdelete/jdbc/SoftDeleteDriver.class");
        ZipEntry services = jar.getEntry("META-INF/services/java.sql.Driver");
        assertThat(services).as("META-INF/services/java.sql.Driver").isNotNull();
        try (InputStream in = jar.getInputStream(services)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim))
                .contains("dev.softdelete.jdbc.SoftDeleteDriver");
        }
    }

    @Test
    void everyClassRunsOnJava11() throws IOException {
        for (String name : names) {
            if (name.endsWith(".class") && !name.startsWith("META-INF/versions/")) {
                try (DataInputStream in = new DataInputStream(jar.getInputStream(jar.getEntry(name)))) {
                    in.readInt(); // magic
                    in.readUnsignedShort(); // minor
                    assertThat(in.readUnsignedShort()).as("class file version of %s", name).isLessThanOrEqualTo(JAVA_11);
                }
            }
        }
    }
}
