package dev.softdelete.jdbc;

import java.util.Map;

/**
 * What the driver has done with the statements of one configuration, on JMX as
 * {@code dev.softdelete:type=SoftDelete (<configuration source>)} in the platform MBean server (characters that an
 * ObjectName value cannot hold unquoted, {@code , = : " * ?} and line breaks, become {@code _}). Counts run from the
 * first connection with the configuration; they are never reset.
 *
 * <p>A statement is counted each time its text passes the driver: once when it is prepared, and on each
 * {@code execute(sql)}, {@code addBatch(sql)} or {@code nativeSQL(sql)}. In observe mode the statement counts say
 * what the driver would have done; the counts of delete events, cascaded rows and restores are always what ran.
 */
public interface SoftDeleteMXBean {
    /** The configuration: a file path or {@code classpath:name}. */
    String getConfigSource();

    /** Statements seen: rewritten + refused + untouched. */
    long getStatementsSeen();

    /** Statements rewritten (in observe mode: that would have been). */
    long getStatementsRewritten();

    /** Statements refused (in observe mode: that would have been). */
    long getStatementsRefused();

    /** The refusals by SQLState: {@code SD001} (cannot be rewritten with certainty), {@code SD002} (forbidden). */
    Map<String, Long> getStatementsRefusedBySqlState();

    /** Statements sent as written because nothing in them needed a rewrite. */
    long getStatementsUntouched();

    /** Of the statements seen, those seen on connections in observe mode (sent as written, whatever they are). */
    long getStatementsObserved();

    /** Statements answered from a cache (a connection's recent statements, or the shared cache by text or shape). */
    long getCacheHits();

    /**
     * Parses the engine made: a statement with literals may take two (its literal-free shape, then its text when the
     * shape cannot stand for it). A statement that names no configured table is not parsed, and counts as neither
     * hit nor miss until its text is cached.
     */
    long getCacheMisses();

    /** Statement texts in the shared cache. */
    long getCacheSize();

    /** Median time of a parse (a cache miss), in microseconds, within 12.5 %; 0 before the first parse. */
    long getParseTimeMicrosP50();

    /** 90th percentile of the parse times, in microseconds. */
    long getParseTimeMicrosP90();

    /** 99th percentile of the parse times, in microseconds. */
    long getParseTimeMicrosP99();

    /** The longest parse, in microseconds. */
    long getParseTimeMicrosMax();

    /** Soft-deleting statements run (a batch of them is one event); counted when the statement succeeds. */
    long getDeleteEvents();

    /**
     * Rows the statements after a soft delete changed, in all delete events: children soft-deleted by cascades, and
     * references set to NULL or DEFAULT by foreign keys' ON DELETE actions.
     */
    long getCascadedRows();

    /** UNDELETE statements run. */
    long getRestores();
}
