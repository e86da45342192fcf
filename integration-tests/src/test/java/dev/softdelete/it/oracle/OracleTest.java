package dev.softdelete.it.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.SideDatabases;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The oracle: two databases with the same rows; in one, reached raw, DELETE really deletes (and foreign keys with
 * ON DELETE CASCADE mirror the cascade map); the other is reached through softdelete-jdbc. A seeded random workload must observe identical results, update counts and visible
 * table contents on both, and no row of a soft-delete table may disappear from the soft database. The seed is
 * printed, and taken from {@code SOFTDELETE_ORACLE_SEED} when set; {@code SOFTDELETE_ORACLE_STATEMENTS} sets the
 * length of the run.
 */
@OnEachDatabase
class OracleTest {
    private static final int CHECK_EVERY = 100;
    /** Reached raw: DELETE really deletes. */
    static final String HARD_DATABASE = "softdelete_oracle_hard";
    /** Reached through softdelete-jdbc. */
    static final String SOFT_DATABASE = "softdelete_oracle_soft";

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private final Map<String, Set<String>> softIdsSeen = new HashMap<>();

    @Test
    void randomWorkloadSeesTheSoftDatabaseAsIfDeletedRowsWereGone() throws Exception {
        String raw = db.rawUrl();
        long seed = seed();
        int statements = Integer.parseInt(System.getenv().getOrDefault("SOFTDELETE_ORACLE_STATEMENTS", "5000"));
        System.out.println("[oracle] " + db + " seed=" + seed + " statements=" + statements
                + " (rerun with SOFTDELETE_ORACLE_SEED=" + seed + ")");
        String hardUrl = SideDatabases.ensure(db, raw, HARD_DATABASE);
        String softUrl = SideDatabases.ensure(db, raw, SOFT_DATABASE);
        Path config = ConfigFile.writeRaw(dir, OracleSchema.config(db));
        try (Connection hard = DriverManager.getConnection(hardUrl);
             Connection softRaw = DriverManager.getConnection(softUrl);
             Connection soft = ThroughDriver.connect(softUrl, config)) {
            OracleSchema.create(hard, db, seed, true);
            OracleSchema.create(softRaw, db, seed, false);
            // the schema was made on another connection, after this one opened: the driver learns its foreign keys
            soft.unwrap(SoftDeleteConnection.class).refreshCatalog();
            Workload workload = new Workload(seed, db);
            int compared = 0;
            for (int i = 1; i <= statements; i++) {
                Step step = workload.next();
                if (step.sql == null) {
                    boundary(step.kind, hard, soft);
                    continue;
                }
                Outcome expected = Outcome.of(hard, step);
                Outcome actual = Outcome.of(soft, step);
                assertThat(actual.sameAs(expected))
                        .as("seed %d, step %d: %s%n  hard delete: %s%n  soft delete: %s", seed, i, step,
                                expected, actual)
                        .isTrue();
                compared++;
                if (expected.failed() && !hard.getAutoCommit()) {
                    boundary(Step.Kind.ROLLBACK, hard, soft);
                    workload.transactionAborted();
                }
                if (i % CHECK_EVERY == 0 && hard.getAutoCommit()) {
                    checkTables(hard, soft, softRaw, seed, i);
                }
            }
            if (!hard.getAutoCommit()) {
                boundary(Step.Kind.COMMIT, hard, soft);
            }
            checkTables(hard, soft, softRaw, seed, statements);
            System.out.println("[oracle] " + db + ": " + compared + " statements compared, seed=" + seed);
            assertThat(compared).isGreaterThan(statements / 2);
        }
    }

    private static long seed() {
        String fixed = System.getenv("SOFTDELETE_ORACLE_SEED");
        return fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.trim()) : System.nanoTime();
    }

    private static void boundary(Step.Kind kind, Connection hard, Connection soft) throws SQLException {
        for (Connection c : List.of(hard, soft)) {
            switch (kind) {
                case BEGIN:
                    c.setAutoCommit(false);
                    break;
                case COMMIT:
                    c.commit();
                    c.setAutoCommit(true);
                    break;
                case ROLLBACK:
                    c.rollback();
                    c.setAutoCommit(true);
                    break;
                default:
                    throw new IllegalArgumentException(kind.name());
            }
        }
    }

    /**
     * Visible contents equal table by table; in the soft database every row of a soft-delete table ever seen is
     * still stored, and the stored rows include every row the hard database still has.
     */
    private void checkTables(Connection hard, Connection soft, Connection softRaw, long seed, int step)
            throws SQLException {
        for (String table : OracleSchema.ALL_TABLES) {
            String all = "SELECT * FROM " + table + " ORDER BY id";
            assertThat(contents(soft, all)).as("seed %d, after step %d: visible rows of %s", seed, step, table)
                    .isEqualTo(contents(hard, all));
        }
        for (String table : OracleSchema.SOFT_TABLES) {
            Set<String> stored = new HashSet<>(contents(softRaw, "SELECT id FROM " + table));
            Set<String> seen = softIdsSeen.computeIfAbsent(table, t -> new HashSet<>());
            assertThat(stored).as("seed %d, after step %d: rows of %s physically removed", seed, step, table)
                    .containsAll(seen)
                    .containsAll(contents(hard, "SELECT id FROM " + table));
            seen.addAll(stored);
        }
    }

    private static List<String> contents(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return Outcome.rows(rs, true).rows;
        }
    }
}
