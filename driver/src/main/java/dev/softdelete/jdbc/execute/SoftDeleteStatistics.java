package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.SoftDeleteMXBean;
import dev.softdelete.jdbc.rewrite.RewriteListener;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The counts of one configuration, shared by its engines and connections, and published on JMX. The statements a
 * connection rewrites or lets through are counted in its own {@link StatementCounts} (no lock, no atomic
 * instruction, no cache line shared with other threads); these counts add them up over the connections open now and
 * those closed before. A statement that reaches the engine costs one {@link LongAdder} increment more when the
 * engine's cache answers it; refusals and parse times, which come with an exception or a parse anyway, cost a map
 * lookup or a histogram increment.
 *
 * <p>A connection that is never closed keeps its counts here (a few dozen bytes) for the life of the configuration.
 */
final class SoftDeleteStatistics implements SoftDeleteMXBean, RewriteListener {
    /** The counts of the statements of one mode. */
    private final class Tally {
        final boolean observing;
        /** The counts of the connections closed so far; guarded by the statistics' lock. */
        long closedRewritten;
        long closedUntouched;
        long closedRecent;
        /** Refusals met again, of texts an observing connection had let through before (cache hits). */
        final LongAdder recentRefused = new LongAdder();
        /** Every refusal, by SQLState. */
        final ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();

        Tally(boolean observing) {
            this.observing = observing;
        }

        long rewritten() {
            synchronized (SoftDeleteStatistics.this) {
                return closedRewritten + open(StatementCounts::rewritten);
            }
        }

        long untouched() {
            synchronized (SoftDeleteStatistics.this) {
                return closedUntouched + open(StatementCounts::untouched);
            }
        }

        long recent() {
            synchronized (SoftDeleteStatistics.this) {
                return closedRecent + open(StatementCounts::recent) + recentRefused.sum();
            }
        }

        /**
         * The sum of {@code count} over the open connections of this mode. Called with the statistics' lock held, as
         * is the read of the closed connections' count it is added to: a connection closing in between would be
         * counted in neither.
         */
        private long open(ToLongFunction<StatementCounts> count) {
            long total = 0;
            for (StatementCounts c : open) {
                if (c.observing == observing) {
                    total += count.applyAsLong(c);
                }
            }
            return total;
        }

        long refused() {
            long total = 0;
            for (LongAdder count : refused.values()) {
                total += count.sum();
            }
            return total;
        }

        void refused(String sqlState) {
            refused.computeIfAbsent(String.valueOf(sqlState), state -> new LongAdder()).increment();
        }
    }

    private final String source;
    private final LongSupplier cacheSize;
    private final Tally enforced = new Tally(false);
    private final Tally observed = new Tally(true);
    /** The counts of the connections open now; a connection's counts move into its tally when it closes. */
    private final Set<StatementCounts> open = ConcurrentHashMap.newKeySet();
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

    /** The counts of a new connection, counted from now on. */
    StatementCounts opened(boolean observing) {
        StatementCounts counts = new StatementCounts(observing);
        open.add(counts);
        return counts;
    }

    /** A connection closed: its counts move into the totals; a second call changes nothing. */
    synchronized void closed(StatementCounts counts) {
        if (open.remove(counts)) {
            Tally t = tally(counts.observing);
            t.closedRewritten += counts.rewritten();
            t.closedUntouched += counts.untouched();
            t.closedRecent += counts.recent();
        }
    }

    /** How many connections have counts here that are not closed yet (tests). */
    int openConnections() {
        return open.size();
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
