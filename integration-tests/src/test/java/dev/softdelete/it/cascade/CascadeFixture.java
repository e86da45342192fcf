package dev.softdelete.it.cascade;

import static dev.softdelete.it.cascade.Hierarchy.EARLIER;
import static dev.softdelete.it.cascade.Hierarchy.EARLIER_STILL;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The fixture of the cascade tests ({@link CascadeIT} on each database, {@link PostgreSqlCascadeIT} and
 * {@link MariaDbCascadeIT} for one database's DELETE syntax), recreated before each test, with a raw connection and
 * one through the driver, whose configuration cascades down the {@link Hierarchy}.
 *
 * <p>Fixture ({@link Hierarchy}): parents 1-6 (regions: 1, 4 north; 2, 5 south; 3, 6 east), two children and two
 * notes each, two grandchildren per child. Deleted by earlier events: parent 6 with everything below it and child 12
 * with its grandchildren at {@link Hierarchy#EARLIER}; grandchild 111 and note 22 at {@link Hierarchy#EARLIER_STILL}.
 */
abstract class CascadeFixture {
    static final String PREFIX = "sdit_casc";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    Connection raw;
    Connection app;
    Hierarchy h;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        String url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        h = new Hierarchy(database, PREFIX).create(raw).fill(raw, 6, 2, 2, 2)
            .markSubtreeDeleted(raw, 6, EARLIER)
            .markChildSubtreeDeleted(raw, 12, EARLIER);
        h.markDeleted(raw, h.grandchildren, EARLIER_STILL, 111)
            .markDeleted(raw, h.notes, EARLIER_STILL, 22);
        String yaml = Hierarchy.yaml(h.yamlTables() + moreTables());
        config = ConfigFile.writeRaw(dir, yaml);
        app = ThroughDriver.connect(url, config);
    }

    /** The softdelete.yml that {@link #app} was opened with. */
    Path configFile() {
        return config;
    }

    /** Further entries of the {@code tables:} map of softdelete.yml, indented like {@link Hierarchy#yamlTables()}. */
    String moreTables() {
        return "";
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    Map<String, Map<Long, StoredRow>> marks() throws SQLException {
        return h.marks(raw);
    }
}
