package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import org.junit.jupiter.api.Test;

/** The parse budget's watchdog: overruns are interrupted, finished parses forgotten, one thread for all. */
class ParseBudgetTest {

    private static CCJSqlParser parser() {
        return new CCJSqlParser(new StringProvider("SELECT 1"));
    }

    @Test
    void aParsePastItsDeadlineIsInterruptedWithinATick() throws Exception {
        CCJSqlParser slow = parser();
        ParseBudget.Armed armed = ParseBudget.arm(slow, 1);
        try {
            long give = System.nanoTime() + 2_000_000_000L;
            while (!slow.interrupted && System.nanoTime() < give) {
                Thread.sleep(5);
            }
            assertThat(slow.interrupted).as("interrupted within 2 s of a 1 ms budget").isTrue();
        } finally {
            armed.disarm();
        }
    }

    @Test
    void aParseWithinItsBudgetIsLeftAloneAndForgotten() throws Exception {
        CCJSqlParser quick = parser();
        ParseBudget.Armed armed = ParseBudget.arm(quick, 60_000);
        Thread.sleep(3 * ParseBudget.TICK_MILLIS);
        armed.disarm();
        assertThat(quick.interrupted).isFalse();
        assertThat(ParseBudget.inFlight()).isZero();
    }

    @Test
    void anIdleWatchdogEndsAndTheNextParseStartsAnother() throws Exception {
        ParseBudget.arm(parser(), 60_000).disarm();
        long idleEnd = System.nanoTime() + (ParseBudget.IDLE_TICKS + 100) * ParseBudget.TICK_MILLIS * 1_000_000L;
        while (ParseBudget.watching() && System.nanoTime() < idleEnd) {
            Thread.sleep(ParseBudget.TICK_MILLIS);
        }
        assertThat(ParseBudget.watching()).as("the watchdog ends when no parse came for a while").isFalse();

        aParsePastItsDeadlineIsInterruptedWithinATick();
        assertThat(ParseBudget.watching()).isTrue();
    }

    @Test
    void manyThreadsShareOneWatchdogAndLeaveNothingBehind() throws Exception {
        int threads = 4;
        int parses = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < parses; i++) {
                        ParseBudget.arm(parser(), 60_000).disarm();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ParseBudget.inFlight()).isZero();
        assertThat(ParseBudget.watching()).isTrue();
        long watchdogs = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("softdelete-parse-budget"))
                .count();
        assertThat(watchdogs).isEqualTo(1);
    }
}
