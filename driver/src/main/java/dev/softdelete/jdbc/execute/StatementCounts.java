package dev.softdelete.jdbc.execute;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counts of the statements of one connection that needed no refusal: rewritten or untouched, decided by the
 * engine or answered from the connection's recent statements. A connection's statements come one at a time, so each
 * count is a plain field of this object, written without a lock or an atomic instruction: with more threads than
 * cores, a counter shared by the connections (a {@code LongAdder}) is a cache line that every statement takes from
 * the other cores, about a microsecond of CPU a statement on this project's benchmark machine with 8 threads on 2
 * cores. Counts are read and written as opaque longs, so that a reader on another thread (JMX) never sees half of one;
 * two threads using one connection at the same time may lose an increment, never corrupt a count.
 *
 * <p>The {@link SoftDeleteStatistics} of the configuration sums the counts of its open connections with those of the
 * connections closed before.
 */
final class StatementCounts {
    private static final VarHandle REWRITTEN;
    private static final VarHandle RECENT_REWRITTEN;
    private static final VarHandle UNTOUCHED;
    private static final VarHandle RECENT_UNTOUCHED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REWRITTEN = lookup.findVarHandle(StatementCounts.class, "rewritten", long.class);
            RECENT_REWRITTEN = lookup.findVarHandle(StatementCounts.class, "recentRewritten", long.class);
            UNTOUCHED = lookup.findVarHandle(StatementCounts.class, "untouched", long.class);
            RECENT_UNTOUCHED = lookup.findVarHandle(StatementCounts.class, "recentUntouched", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether the connection observes instead of enforcing. */
    final boolean observing;
    /** Decided by the engine. */
    private long rewritten;
    private long untouched;
    /** Answered from the connection's recent statements (cache hits). */
    private long recentRewritten;
    private long recentUntouched;

    StatementCounts(boolean observing) {
        this.observing = observing;
    }

    /** A statement the engine rewrote; {@code recent}: the connection knew its rewrite already. */
    void rewritten(boolean recent) {
        // one constant handle per branch, so that each compiles to a plain load and store
        if (recent) {
            RECENT_REWRITTEN.setOpaque(this, (long) RECENT_REWRITTEN.getOpaque(this) + 1);
        } else {
            REWRITTEN.setOpaque(this, (long) REWRITTEN.getOpaque(this) + 1);
        }
    }

    /** A statement that needed no rewrite; {@code recent}: the connection knew that already. */
    void untouched(boolean recent) {
        if (recent) {
            RECENT_UNTOUCHED.setOpaque(this, (long) RECENT_UNTOUCHED.getOpaque(this) + 1);
        } else {
            UNTOUCHED.setOpaque(this, (long) UNTOUCHED.getOpaque(this) + 1);
        }
    }

    long rewritten() {
        return (long) REWRITTEN.getOpaque(this) + (long) RECENT_REWRITTEN.getOpaque(this);
    }

    long untouched() {
        return (long) UNTOUCHED.getOpaque(this) + (long) RECENT_UNTOUCHED.getOpaque(this);
    }

    /** The statements answered from the connection's recent statements. */
    long recent() {
        return (long) RECENT_REWRITTEN.getOpaque(this) + (long) RECENT_UNTOUCHED.getOpaque(this);
    }
}
