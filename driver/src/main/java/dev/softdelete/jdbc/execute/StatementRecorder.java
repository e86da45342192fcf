package dev.softdelete.jdbc.execute;

import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Records what the driver does, or in observe mode would do, with each statement of one configuration: counts it in
 * the configuration's {@link SoftDeleteStatistics} (JMX) and writes it to the {@link StatementLog}. One per
 * configuration and dialect, shared by the connections.
 */
public final class StatementRecorder {
    private static final Logger CONFIG_LOGGER = Logger.getLogger("dev.softdelete.jdbc.config");

    private final SoftDeleteStatistics statistics;
    private final StatementLog log;
    private final AtomicBoolean observingAnnounced = new AtomicBoolean();

    StatementRecorder(SoftDeleteStatistics statistics, StatementLog log) {
        this.statistics = statistics;
        this.log = log;
    }

    /** A recorder that counts into statistics of its own and logs nothing (gates built without a driver). */
    public static StatementRecorder silent() {
        return new StatementRecorder(new SoftDeleteStatistics("", () -> 0), StatementLog.silent());
    }

    /** Says once, at INFO, that connections of this configuration observe instead of enforcing. */
    public void connected(Mode mode) {
        if (mode == Mode.OBSERVE && observingAnnounced.compareAndSet(false, true)) {
            CONFIG_LOGGER.info("softdelete-jdbc: connections with " + statistics.getConfigSource()
                    + " in observe mode send every statement as written (except UNDELETE); what the driver would do"
                    + " is logged by " + StatementLog.NAME + " (refusals at WARNING, rewrites at FINE) and counted"
                    + " on JMX");
        }
    }

    /** The counts of a new connection of this configuration, until it is {@link #closed}. */
    StatementCounts opened(boolean observing) {
        return statistics.opened(observing);
    }

    /** A connection closed: its counts join those of the connections closed before. */
    void closed(StatementCounts counts) {
        statistics.closed(counts);
    }

    /**
     * A statement of the connection of {@code counts} that needed no rewrite; {@code recent}: answered from the
     * connection's recent statements.
     */
    void untouched(StatementCounts counts, boolean recent) {
        counts.untouched(recent);
    }

    /** A rewrite the engine decided, applied unless observing (where only a restore is); logged at FINE. */
    void rewritten(StatementCounts counts, String sql, Rewrite decided, boolean recent) {
        counts.rewritten(recent);
        log.rewritten(sql, decided, counts.observing && !decided.restore());
    }

    /** A refusal; {@code sentAnyway} when observe mode let the statement through. */
    void refused(String sql, StatementRefusedException refusal, boolean observing, boolean sentAnyway) {
        statistics.refused(refusal.sqlState(), observing, false);
        log.refused(sql, refusal, sentAnyway);
    }

    /** A refusal met again, of a text that observe mode let through before: counted, not logged again. */
    void refusedAgain(String sqlState, boolean observing) {
        statistics.refused(sqlState, observing, true);
    }

    /** A soft-deleting statement (or batch) that ran, with the rows its cascades soft-deleted. */
    void deleteEvent(long rowsCascaded) {
        statistics.deleteEvent(rowsCascaded);
    }

    /** UNDELETE statements that ran. */
    void restores(int statements) {
        statistics.restores(statements);
    }

    SoftDeleteStatistics statistics() {
        return statistics;
    }
}
