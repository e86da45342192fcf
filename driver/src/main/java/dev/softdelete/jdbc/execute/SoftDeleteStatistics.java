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
 * The counts of one configuration, shared by its engines and connections, and published on JMX. Every statement
 * costs one or two {@link LongAdder} increments (no lock, little contention between threads); refusals and parse
 * times, which come with a parse or an exception anyway, cost a map lookup or a histogram increment.
 */
final class SoftDeleteStatistics implements SoftDeleteMXBean, RewriteListener {
    private final String source;
    private final LongSupplier cacheSize;
    private final LongAdder rewritten = new LongAdder();
    private final LongAdder untouched = new LongAdder();
    private final LongAdder observed = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();
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

    void rewritten(boolean observing) {
        rewritten.increment();
        if (observing) {
            observed.increment();
        }
    }

    void untouched(boolean observing) {
        untouched.increment();
        if (observing) {
            observed.increment();
        }
    }

    void refused(String sqlState, boolean observing) {
        refused.computeIfAbsent(String.valueOf(sqlState), state -> new LongAdder()).increment();
        if (observing) {
            observed.increment();
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
        return rewritten.sum();
    }

    @Override
    public long getStatementsRefused() {
        long total = 0;
        for (LongAdder count : refused.values()) {
            total += count.sum();
        }
        return total;
    }

    @Override
    public Map<String, Long> getStatementsRefusedBySqlState() {
        Map<String, Long> byState = new TreeMap<>();
        refused.forEach((state, count) -> byState.put(state, count.sum()));
        return byState;
    }

    @Override
    public long getStatementsUntouched() {
        return untouched.sum();
    }

    @Override
    public long getStatementsObserved() {
        return observed.sum();
    }

    @Override
    public long getCacheHits() {
        return cacheHits.sum();
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
