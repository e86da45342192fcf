package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The fixture of the statement-kind tests ({@link StatementKindsIT} on each database,
 * {@link PostgreSqlStatementKindsIT} and {@link MariaDbStatementKindsIT} for one database's syntax): the configured
 * {@code skit_sd_*} tables, reached through the driver, and the unconfigured {@code skit_hd_*} tables, where the same
 * rows were really deleted ({@link TwinTables}), recreated before each test; and the checks that a statement acted
 * "as if deleted" (same visible rows as on the hard-delete tables, the rows soft-deleted before kept as they were)
 * or was refused without changing anything.
 */
abstract class StatementKindsFixture {
    private static final String PREFIX = "skit_";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    String url;
    Connection raw;
    Connection app;
    TwinTables twins;
    List<String> deletedBefore;
    private List<String> storedBefore;

    @BeforeEach
    void setUp() throws Exception {
        url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        twins = new TwinTables(database, PREFIX);
        twins.create(raw);
        twins.removeSameRows(raw);
        app = connect(url, "");
        deletedBefore = twins.deletedSoft(raw);
        storedBefore = storedSoft();
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    Connection connect(String rawUrl, String options) throws Exception {
        Path configDir = Files.createTempDirectory(dir, "config");
        return ThroughDriver.connect(rawUrl, ConfigFile.writeRaw(configDir, twins.config(options)));
    }

    static void assertRefused(Connection c, String sql, String state) {
        assertThatThrownBy(() -> Sql.execute(c, sql)).as(sql)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("SQLState of: %s", e.getMessage())
                .isEqualTo(state));
    }

    void assertSameVisibleRows() throws SQLException {
        assertThat(twins.liveSoft(raw)).as("live rows of the soft tables vs. the rows of the hard-delete tables")
            .isEqualTo(twins.allHard(raw));
    }

    void assertDeletedRowsKept() throws SQLException {
        assertThat(twins.deletedSoft(raw)).as("rows soft-deleted before: still there, with their deletion time")
            .containsAll(deletedBefore);
    }

    void assertStoredUnchanged() throws SQLException {
        assertThat(storedSoft()).as("every stored row of the soft tables").isEqualTo(storedBefore);
    }

    private List<String> storedSoft() throws SQLException {
        return List.of(
            String.valueOf(Execution.query(raw, twins.soft("SELECT * FROM {p}customers"))),
            String.valueOf(Execution.query(raw, twins.soft("SELECT * FROM {p}orders"))),
            String.valueOf(Execution.query(raw, twins.soft("SELECT * FROM {p}reviews"))));
    }
}
