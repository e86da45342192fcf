package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.SoftDeleteMXBean;
import dev.softdelete.jdbc.rewrite.RewriteListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counts of one configuration, shared by its engines and connections, and published on JMX. A statement that a
 * connection answers from its recent statements costs one {@link LongAdder} increment (no lock, little contention
 * between threads): the counter says both what happened and that it was a cache hit. A statement that reaches the
 * engine costs one more when the engine's cache answers it; refusals and parse times, which come with an exception
 * or a parse anyway, cost a map lookup or a histogram increment.
 */
final class SoftDeleteStatistics implements SoftDeleteMXBean, RewriteListener {
    /** The counts of the statements of one mode. */
    private static final class Tally {
        /** Decided by the engine. */
        final LongAdder rewritten = new LongAdder();
        final LongAdder untouched = new LongAdder();
        /** Answered from a connection's recent statements (cache hits). */
        final LongAdder recentRewritten = new LongAdder();
        final LongAdder recentUntouched = new LongAdder();
        final LongAdder recentRefused = new LongAdder();
        /** Every refusal, by SQLState. */
        final ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();

        long rewritten() {
            return rewritten.sum() + recentRewritten.sum();
        }

        long untouched() {
            return untouched.sum() + recentUntouched.sum();
        }

        long refused() {
            long total = 0;
            for (LongAdder count : refused.values()) {
                total += count.sum();
            }
            return total;
        }

        long recent() {
            return recentRewritten.sum() + recentUntouched.sum() + recentRefused.sum();
        }

        void refused(String sqlState) {
            refused.computeIfAbsent(String.valueOf(sqlState), state -> new LongAdder()).increment();
        }
    }

    private final String source;
    private final LongSupplier cacheSize;
    private final Tally enforced = new Tally();
    private final Tally observed = new Tally();
    /** Answered from the engines' shared cache. */
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final ParseTimes parseTimes = new ParseTimes();
    private final LongAdder deleteEvents = new LongAdder();
    private final LongAdder cascadedRows = new LongAdder();
    private final LongAdder restores = new LongAdder();

    /**
     * @param source    the configuration's source, for the JMX attribute
     * @param cacheSize how many texts the shared caches of the configuration's engines hold, read when asked
     */
    SoftDeleteStatistics(String source, LongSupplier cacheSize) {
        this.source = source;
        this.cacheSize = cacheSize;
    }

    private Tally tally(boolean observing) {
        return observing ? observed : enforced;
    }

    /** A statement the engine rewrote; {@code recent}: the connection knew its rewrite already. */
    void rewritten(boolean observing, boolean recent) {
        Tally t = tally(observing);
        (recent ? t.recentRewritten : t.rewritten).increment();
    }

    /** A statement that needed no rewrite; {@code recent}: the connection knew that already. */
    void untouched(boolean observing, boolean recent) {
        Tally t = tally(observing);
        (recent ? t.recentUntouched : t.untouched).increment();
    }

    /** A refusal; {@code recent}: of a text an observing connection had let through before. */
    void refused(String sqlState, boolean observing, boolean recent) {
        Tally t = tally(observing);
        t.refused(sqlState);
        if (recent) {
            t.recentRefused.increment();
        }
    }

    @Override
    public void cacheHit() {
        cacheHits.increment();
    }

    @Override
    public void parsed(long nanos) {
        cacheMisses.increment();
        parseTimes.record(nanos);
    }

    void deleteEvent(long rowsCascaded) {
        deleteEvents.increment();
        if (rowsCascaded > 0) {
            cascadedRows.add(rowsCascaded);
        }
    }

    void restores(int statements) {
        restores.add(statements);
    }

    @Override
    public String getConfigSource() {
        return source;
    }

    @Override
    public long getStatementsSeen() {
        return getStatementsRewritten() + getStatementsRefused() + getStatementsUntouched();
    }

    @Override
    public long getStatementsRewritten() {
        return enforced.rewritten() + observed.rewritten();
    }

    @Override
    public long getStatementsRefused() {
        return enforced.refused() + observed.refused();
    }

    @Override
    public Map<String, Long> getStatementsRefusedBySqlState() {
        Map<String, Long> byState = new TreeMap<>();
        for (Tally t : new Tally[] {enforced, observed}) {
            t.refused.forEach((state, count) -> byState.merge(state, count.sum(), Long::sum));
        }
        return byState;
    }

    @Override
    public long getStatementsUntouched() {
        return enforced.untouched() + observed.untouched();
    }

    @Override
    public long getStatementsObserved() {
        return observed.rewritten() + observed.untouched() + observed.refused();
    }

    @Override
    public long getCacheHits() {
        return cacheHits.sum() + enforced.recent() + observed.recent();
    }

    @Override
    public long getCacheMisses() {
        return cacheMisses.sum();
    }

    @Override
    public long getCacheSize() {
        return cacheSize.getAsLong();
    }

    @Override
    public long getParseTimeMicrosP50() {
        return micros(parseTimes.quantile(0.5));
    }

    @Override
    public long getParseTimeMicrosP90() {
        return micros(parseTimes.quantile(0.9));
    }

    @Override
    public long getParseTimeMicrosP99() {
        return micros(parseTimes.quantile(0.99));
    }

    @Override
    public long getParseTimeMicrosMax() {
        return micros(parseTimes.max());
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    @Override
    public long getDeleteEvents() {
        return deleteEvents.sum();
    }

    @Override
    public long getCascadedRows() {
        return cascadedRows.sum();
    }

    @Override
    public long getRestores() {
        return restores.sum();
    }
}
