package dev.softdelete.jdbc.rewrite.recognise;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Bounds the time one parse may take without a thread per parse: the parse runs on the caller's thread, and one
 * shared daemon timer sets JSqlParser's {@code interrupted} flag on a parser that overruns its budget.
 */
final class ParseBudget {
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private ParseBudget() {
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "softdelete-parse-budget");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Arms the budget for {@code parser}; cancel the returned handle when the parse is over. */
    static ScheduledFuture<?> arm(CCJSqlParser parser, long budgetMillis) {
        return TIMER.schedule(() -> {
            parser.interrupted = true;
        }, budgetMillis, TimeUnit.MILLISECONDS);
    }
}
