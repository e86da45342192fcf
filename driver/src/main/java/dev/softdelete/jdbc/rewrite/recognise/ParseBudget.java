package dev.softdelete.jdbc.rewrite.recognise;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Bounds the time one parse may take without a thread per parse, and without waking another thread per parse: the
 * parse runs on the caller's thread and registers itself in a concurrent set; one shared daemon watchdog looks at
 * the set every {@link #TICK_MILLIS} ms and sets JSqlParser's {@code interrupted} flag on a parser that overran its
 * budget. A parse therefore costs an insertion and a removal in the set; an overrun is noticed up to one tick late.
 * The watchdog ends after {@link #IDLE_TICKS} idle ticks (with the cache warm, parses are rare) and the next parse
 * starts a new one, so that an idle driver holds no thread.
 */
final class ParseBudget {
    static final long TICK_MILLIS = 50;
    static final int IDLE_TICKS = 200;

    private static final Set<Armed> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    private ParseBudget() {
    }

    /** One parse in flight: its parser and the moment its budget runs out. */
    static final class Armed {
        private final CCJSqlParser parser;
        private final long deadline;

        private Armed(CCJSqlParser parser, long deadline) {
            this.parser = parser;
            this.deadline = deadline;
        }

        /** The parse is over: the watchdog forgets it. */
        void disarm() {
            IN_FLIGHT.remove(this);
        }
    }

    /** Arms the budget for {@code parser}; disarm the returned handle when the parse is over. */
    static Armed arm(CCJSqlParser parser, long budgetMillis) {
        Armed armed = new Armed(parser, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis));
        IN_FLIGHT.add(armed);
        if (!WATCHING.get()) {
            startWatchdog();
        }
        return armed;
    }

    /** Parses in flight (tests). */
    static int inFlight() {
        return IN_FLIGHT.size();
    }

    /** Whether a watchdog is running (tests). */
    static boolean watching() {
        return WATCHING.get();
    }

    private static void startWatchdog() {
        if (WATCHING.compareAndSet(false, true)) {
            Thread t = new Thread(ParseBudget::watch, "softdelete-parse-budget");
            t.setDaemon(true);
            t.setContextClassLoader(null); // an application's class loader must not be kept alive by this thread
            t.start();
        }
    }

    private static void watch() {
        int idle = 0;
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                WATCHING.set(false);
                return;
            }
            idle = interruptOverdue() ? 0 : idle + 1;
            if (idle >= IDLE_TICKS) {
                WATCHING.set(false);
                // A parse armed after the last look but before the flag fell saw the flag up and started nobody:
                // look again, and stay if one is there (unless another watchdog has been started meanwhile).
                if (IN_FLIGHT.isEmpty() || !WATCHING.compareAndSet(false, true)) {
                    return;
                }
                idle = 0;
            }
        }
    }

    /** Interrupts every parse past its deadline; whether any parse was in flight. */
    private static boolean interruptOverdue() {
        long now = System.nanoTime();
        boolean any = false;
        for (Armed armed : IN_FLIGHT) {
            any = true;
            if (now - armed.deadline >= 0) {
                armed.parser.interrupted = true;
            }
        }
        return any;
    }
}
