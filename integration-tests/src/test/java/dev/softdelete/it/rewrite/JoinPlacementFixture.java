package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The fixture of the join placement tests ({@link JoinPlacementIT} on each database, {@link PostgreSqlJoinPlacementIT}
 * for syntax only PostgreSQL has) and their check: a query written once, run through the driver against the
 * configured {@code jpit_sd_*} tables and raw against the unconfigured {@code jpit_hd_*} tables, from which the same
 * rows were really deleted (see {@link TwinTables}), must give equal results; run raw on the soft tables it must give
 * a different answer, so the deleted rows do matter to it and the comparison is not vacuous.
 *
 * <p>The tables are created once per database and run: the tests only read them. The rows that make the
 * difference: customer 4 is live and all its orders are deleted; customer 6 never had orders; customers 3 and 8
 * are deleted, 3 with a live order, 8 with a live and a deleted order; order 8 belongs to no customer; reviews 2, 5
 * and 8 are deleted (timestamp-only).
 */
abstract class JoinPlacementFixture {
    private static final String PREFIX = "jpit_";

    /**
     * A query template ({@code {p}} before each table name) and rows its driver result must contain (a guarantee
     * spelled out, on top of the comparison).
     */
    record Query(String name, String template, List<String> mustContain) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    /** The databases whose tables this run has created: every test only reads them. */
    private static final Set<TestDatabase> PREPARED = EnumSet.noneOf(TestDatabase.class);

    Connection raw;
    Connection app;
    TwinTables twins;

    @BeforeEach
    void setUp() throws Exception {
        String url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        twins = new TwinTables(database, PREFIX);
        synchronized (PREPARED) {
            if (PREPARED.add(database)) {
                twins.create(raw);
                twins.removeSameRows(raw);
            }
        }
        app = ThroughDriver.connect(url, ConfigFile.writeRaw(dir, twins.config("")));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    /** The check of each query; see the class comment. */
    void assertSameAnswerAsAHardDelete(Query query) {
        String soft = twins.soft(query.template());

        Execution throughDriver = Execution.run(app, soft, List.of());
        Execution hardDeleted = Execution.run(raw, twins.hard(query.template()), List.of());
        Execution unfiltered = Execution.run(raw, soft, List.of());

        assertThat(hardDeleted.failed()).as("the query raw on the hard-delete tables: %s",
            hardDeleted.describeError()).isFalse();
        assertThat(throughDriver.failed()).as("the query through the driver: %s", throughDriver.describeError())
            .isFalse();
        assertThat(throughDriver.results()).as("through the driver vs. the hard-delete tables: %s", soft)
            .isEqualTo(hardDeleted.results());
        assertThat(unfiltered.results()).as("raw on the soft tables, deleted rows included, the answer differs"
            + " (else this query does not test anything)").isNotEqualTo(hardDeleted.results());
        assertThat(rowsOf(throughDriver)).as("rows through the driver").contains(query.mustContain()
            .toArray(String[]::new));
    }

    private static List<String> rowsOf(Execution e) {
        String only = e.resultsWithoutLabels().get(0);
        String inner = only.substring("rows [".length(), only.length() - 1);
        return inner.isEmpty() ? List.of() : List.of(inner.split(", "));
    }

    static Query q(String name, String template, String... mustContain) {
        return new Query(name, template, List.of(mustContain));
    }
}
