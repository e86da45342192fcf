package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.TestDatabases;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.RewriteEngine;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-connection counts and how the configuration's statistics add them up. */
class StatementCountsTest {
    @Test
    void theCountsOfOpenAndClosedConnectionsAddUpByMode() {
        SoftDeleteStatistics statistics = new SoftDeleteStatistics("test", () -> 0);
        StatementCounts first = statistics.opened(false);
        StatementCounts second = statistics.opened(false);
        StatementCounts observing = statistics.opened(true);
        first.untouched(false);
        first.untouched(true);
        first.rewritten(false);
        second.rewritten(true);
        observing.untouched(false);
        observing.rewritten(true);

        assertTotals(statistics, 3, 3, 3, 2);

        statistics.closed(first);
        statistics.closed(first);
        assertTotals(statistics, 3, 3, 3, 2);

        first.untouched(false); // a statement on a closed connection is not counted
        second.untouched(false);
        assertTotals(statistics, 4, 3, 3, 2);
    }

    @Test
    void closingOrAbortingAConnectionHandsItsCountsOver() throws Exception {
        SoftDeleteStatistics statistics = new SoftDeleteStatistics("test", () -> 0);
        StatementRecorder recorder = new StatementRecorder(statistics, StatementLog.silent());
        SharedEngine engine = SharedEngine.of(new RewriteEngine(
                RewriteEngines.locate("classpath:softdelete-test.yml"), Dialect.H2));
        for (boolean abort : new boolean[] {false, true}) {
            Connection raw = DriverManager.getConnection(TestDatabases.newH2Url());
            ConnectionWrapper connection = new ConnectionWrapper(raw,
                    new StatementGate(engine, Visibility.ACTIVE, Mode.ENFORCE, recorder), SessionEngine.fixed(engine),
                    null);
            try (Statement st = connection.createStatement()) {
                st.executeQuery("SELECT 1").close();
            }
            assertThat(statistics.openConnections()).isEqualTo(1);
            if (abort) {
                connection.abort(Runnable::run);
            } else {
                connection.close();
            }
            assertThat(statistics.openConnections()).as(abort ? "aborted" : "closed").isZero();
        }
        assertThat(statistics.getStatementsUntouched()).isEqualTo(2);
    }

    private static void assertTotals(SoftDeleteStatistics statistics, long untouched, long rewritten, long cacheHits,
            long observed) {
        assertThat(statistics.getStatementsUntouched()).as("untouched").isEqualTo(untouched);
        assertThat(statistics.getStatementsRewritten()).as("rewritten").isEqualTo(rewritten);
        assertThat(statistics.getCacheHits()).as("cache hits").isEqualTo(cacheHits);
        assertThat(statistics.getStatementsObserved()).as("observed").isEqualTo(observed);
        assertThat(statistics.getStatementsSeen()).as("seen").isEqualTo(untouched + rewritten);
    }

    @Test
    void totalsNeverGoBackWhileConnectionsCountAndClose() throws Exception {
        SoftDeleteStatistics statistics = new SoftDeleteStatistics("test", () -> 0);
        int threads = 4;
        int connections = 50;
        int statements = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int c = 0; c < connections; c++) {
                        StatementCounts counts = statistics.opened(false);
                        for (int i = 0; i < statements; i++) {
                            counts.untouched(i % 2 == 0);
                        }
                        statistics.closed(counts);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        long last = 0;
        long reads = 0;
        while (workers.stream().anyMatch(Thread::isAlive)) {
            long now = statistics.getStatementsUntouched();
            assertThat(now).as("read %d", reads).isGreaterThanOrEqualTo(last);
            last = now;
            reads++;
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(failure.get()).isNull();
        long expected = (long) threads * connections * statements;
        assertThat(statistics.getStatementsUntouched()).isEqualTo(expected);
        assertThat(statistics.getCacheHits()).isEqualTo(expected / 2);
        assertThat(reads).as("reads made while the connections counted").isPositive();
    }
}
