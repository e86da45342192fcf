package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.Options;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine's memory of the shapes it answered last, on its own and inside the engine. */
class RecentShapesTest {
    private static final String FIRST = "SELECT * FROM orders WHERE id = 1 AND note <> 'a'";
    private static final String NEXT = "SELECT * FROM orders WHERE id = 20 AND note <> 'b''c'";

    private static RecentShapes remembering(String sql, Visibility visibility, Rewrite rewrite, String rewritten) {
        RecentShapes recent = new RecentShapes();
        recent.remember(LiteralShape.of(sql, Dialect.POSTGRESQL), sql, visibility, rewrite, rewritten);
        return recent;
    }

    @Test
    void aStatementOfTheShapeBeforeItGetsThatShapesRewriteWithItsOwnLiterals() {
        String rewritten = "SELECT * FROM orders WHERE (id = ? AND note <> ?) AND orders.is_deleted = FALSE";
        RecentShapes recent = remembering(FIRST, Visibility.ACTIVE, Rewrite.replacedBy(rewritten), rewritten);

        Rewrite r = recent.rewrite(NEXT, Visibility.ACTIVE);

        assertThat(r.sqlFor(NEXT))
                .isEqualTo("SELECT * FROM orders WHERE (id = 20 AND note <> 'b''c') AND orders.is_deleted = FALSE");
        assertThat(recent.rewrite(NEXT, Visibility.INCLUDE_DELETED)).as("another visibility").isNull();
        assertThat(recent.rewrite("SELECT * FROM orders WHERE id = 20 OR note <> 'b'", Visibility.ACTIVE))
                .as("another shape").isNull();
    }

    @Test
    void aShapeThatGoesAsWrittenGivesUnchanged() {
        RecentShapes recent = remembering(FIRST, Visibility.INCLUDE_DELETED, Rewrite.UNCHANGED, null);

        assertThat(recent.rewrite(NEXT, Visibility.INCLUDE_DELETED)).isSameAs(Rewrite.UNCHANGED);
    }

    @Test
    void longStatementsAreNotKept() {
        String longer = FIRST + " AND note <> '" + "x".repeat(RecentShapes.MAX_LENGTH) + "'";
        String rewritten = "SELECT 1";
        RecentShapes recent = remembering(longer, Visibility.ACTIVE, Rewrite.replacedBy(rewritten), rewritten);

        assertThat(recent.rewrite(longer, Visibility.ACTIVE)).isNull();
    }

    @Test
    void threadsRunningShapesThatShareASlotEachGetTheirOwnStatementsRewrite() throws Exception {
        // one slot for all: the same text up to the first literal
        String[] shapes = {"SELECT * FROM orders WHERE id = %d AND note <> '%s'",
            "SELECT * FROM orders WHERE id = %d OR note = '%s'", "SELECT * FROM orders WHERE id = %d",
            "SELECT * FROM orders WHERE id = %d AND note LIKE '%s%%'"};
        RewriteEngine shaped = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, true);
        RewriteEngine exact = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, false);
        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 2_000; i++) {
                        String shape = shapes[random.nextInt(shapes.length)];
                        String sql = String.format(shape, random.nextInt(100_000), "t" + thread + "''" + i);
                        Visibility v = random.nextInt(4) == 0 ? Visibility.INCLUDE_DELETED : Visibility.ACTIVE;
                        try {
                            String got = shaped.rewrite(sql, v).sqlFor(sql);
                            String expected = exact.rewrite(sql, v).sqlFor(sql);
                            if (!got.equals(expected)) {
                                mismatches.add(sql + " -> " + got + " (expected " + expected + ")");
                            }
                        } catch (StatementRefusedException e) {
                            mismatches.add(sql + " refused: " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theEngineAnswersARunOfOneShapeAsItsExactPathDoes() throws StatementRefusedException {
        RewriteEngine shaped = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, true);
        RewriteEngine exact = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, false);
        for (int i = 0; i < 50; i++) {
            String sql = "SELECT c.name FROM customers c WHERE c.id = " + i + " AND c.name <> 'n" + i + "'";
            assertThat(shaped.rewrite(sql, Visibility.ACTIVE).sqlFor(sql))
                    .isEqualTo(exact.rewrite(sql, Visibility.ACTIVE).sqlFor(sql))
                    .contains("c.id = " + i + " AND c.name <> 'n" + i + "'");
        }
    }
}
