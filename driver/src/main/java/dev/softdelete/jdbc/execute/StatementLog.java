package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.CascadeStep;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The statements of one configuration in the driver's log, through java.util.logging (logger {@value #NAME}, a
 * child of the driver's parent logger {@code dev.softdelete.jdbc}): each refusal at WARNING, once per distinct
 * statement shape (its text with the literals replaced by {@code ?}); each rewrite at FINE, with the text the
 * application sent and the text the driver sent. In observe mode the same records say what the driver would have
 * done. Nothing is formatted unless the level is enabled.
 */
final class StatementLog {
    /** The logger's name. */
    static final String NAME = "dev.softdelete.jdbc.statements";
    /** Refused shapes remembered; beyond them further refusals are only counted, and that is logged once. */
    static final int MAX_REFUSED_SHAPES = 10_000;
    private static final Logger LOGGER = Logger.getLogger(NAME);
    private static final String INDENT = "\n    ";

    private final String source;
    private final Dialect dialect;
    private final boolean enabled;
    /** 64-bit hashes of the shapes (and mode) already logged. */
    private final Set<Long> refusedShapes = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean shapesFull = new AtomicBoolean();

    StatementLog(String source, Dialect dialect) {
        this(source, dialect, true);
    }

    private StatementLog(String source, Dialect dialect, boolean enabled) {
        this.source = source;
        this.dialect = dialect;
        this.enabled = enabled;
    }

    /** A log that writes nothing (gates built without a configuration: tests, benchmarks). */
    static StatementLog silent() {
        return new StatementLog("", Dialect.GENERIC, false);
    }

    /**
     * A statement the engine rewrote, at FINE.
     *
     * @param would true when the rewrite was not applied (observe mode)
     */
    void rewritten(String sql, Rewrite rewrite, boolean would) {
        // small, so that it is inlined into the gate's path: the record is built elsewhere
        if (enabled && LOGGER.isLoggable(Level.FINE)) {
            logRewrite(sql, rewrite, would);
        }
    }

    private void logRewrite(String sql, Rewrite rewrite, boolean would) {
        StringBuilder m = new StringBuilder(sql.length() * 3);
        m.append('[').append(source).append("] ")
                .append(would ? "observe mode, sent as written; would rewrite: " : "rewrote: ").append(sql);
        if (rewrite.restore()) {
            for (String[] step : rewrite.restorePlan().steps(rewrite.sqlFor(sql))) {
                m.append(INDENT).append(step[0]).append(": ").append(step[1]);
            }
            LOGGER.log(Level.FINE, m.toString());
            return;
        }
        if (rewrite.setsEventFirst()) {
            m.append(INDENT).append(would ? "would start" : "started").append(" a delete event: ")
                    .append(dialect.setEventStatement());
        }
        m.append(INDENT).append(would ? "would send: " : "sent: ").append(rewrite.sqlFor(sql));
        for (CascadeStep step : rewrite.after()) {
            m.append(INDENT).append("cascade: ").append(step);
        }
        for (Rewrite.Guard check : rewrite.checks()) {
            m.append(INDENT).append("check after (must return no row): ").append(check);
        }
        LOGGER.log(Level.FINE, m.toString());
    }

    /**
     * A refusal, at WARNING, unless a statement of the same shape was logged before.
     *
     * @param would true when the statement was sent all the same (observe mode)
     */
    void refused(String sql, StatementRefusedException refusal, boolean would) {
        if (!enabled || !LOGGER.isLoggable(Level.WARNING)) {
            return;
        }
        LiteralShape shape = LiteralShape.of(sql, dialect);
        String text = shape == null ? sql : shape.text();
        if (!firstOfItsShape(text, would)) {
            return;
        }
        StringBuilder m = new StringBuilder(text.length() + 200);
        m.append('[').append(source).append("] ")
                .append(would ? "observe mode, sent as written; would refuse" : "refused")
                .append(" (SQLState ").append(refusal.sqlState()).append("): ").append(reason(refusal))
                .append(INDENT).append("statement: ").append(text)
                .append(INDENT).append("(logged once per statement shape")
                .append(shape != null && shape.literalCount() > 0 ? ", literals shown as ?)" : ")");
        LOGGER.log(Level.WARNING, m.toString());
    }

    /** The refusal's message without its lead-in, which the record says already. */
    private static String reason(StatementRefusedException refusal) {
        String message = String.valueOf(refusal.getMessage());
        String leadIn = "softdelete-jdbc refused the statement: ";
        return message.startsWith(leadIn) ? message.substring(leadIn.length()) : message;
    }

    private boolean firstOfItsShape(String text, boolean would) {
        long key = hash64(text) ^ (would ? 0x5DEECE66DL : 0);
        if (refusedShapes.contains(key)) {
            return false;
        }
        if (refusedShapes.size() >= MAX_REFUSED_SHAPES) {
            if (shapesFull.compareAndSet(false, true)) {
                LOGGER.warning("[" + source + "] more than " + MAX_REFUSED_SHAPES + " distinct refused statement"
                        + " shapes: further ones are counted on JMX but no longer logged");
            }
            return false;
        }
        return refusedShapes.add(key);
    }

    /** FNV-1a over the characters, 64 bits: collisions between distinct shapes are negligible. */
    static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
