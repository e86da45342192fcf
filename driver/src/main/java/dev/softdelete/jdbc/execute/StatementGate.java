package dev.softdelete.jdbc.execute;

import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.recognise.UndeleteStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The one way SQL text goes from a connection's wrappers to its delegate: every statement passes through the
 * rewrite with the connection's current visibility, and a refused statement becomes an {@link SQLException}
 * before anything reaches the database.
 *
 * <p>Each statement is recorded (counted, and logged when rewritten or refused) by the configuration's
 * {@link StatementRecorder}; the statements it rewrites or lets through are counted in the gate's own
 * {@link StatementCounts}, which the configuration's statistics add up.
 *
 * <p>In {@link Mode#OBSERVE observe mode} the gate decides as in enforce mode, but lets every statement through as
 * written: no rewrite, no refusal, nothing run around it. The one exception is the driver's own {@code UNDELETE},
 * which no database understands: it is rewritten (or refused) as in enforce mode.
 *
 * <p>The gate remembers the last rewrites of its connection by their text, compared by identity: applications and
 * ORMs prepare the same {@code String} object again and again, and that text's rewrite then comes from a slot of
 * this object instead of the engine's shared cache. The rewrite is the same either way (an outcome depends only on the
 * text and the visibility); what differs is the memory a statement touches, which matters after every round trip,
 * when the thread comes back to caches that the database server and other threads have filled: a shared-cache hit
 * then cost about 0.4 µs with one thread and a few microseconds with eight threads on two cores (measured on this
 * project's benchmark machine), against tens of nanoseconds when warm. A text is remembered the second time it
 * misses (a refusal let through in observe mode, the first time): a statement with new literals every time, which
 * would never be met again, then costs no record and no write into this object. The first time, the gate asks for
 * the rewrite through {@link Rewriter#rewriteNew}: the engine then runs its pre-filter before its shared cache, so
 * that a new text that names no configured table touches nothing that other connections share.
 */
public final class StatementGate {
    /** Slots of remembered rewrites: 2 to this power. */
    static final int RECENT_BITS = 5;
    static final int RECENT = 1 << RECENT_BITS;
    /** Longer texts are not remembered: a connection keeps at most {@link #RECENT} texts alive this way. */
    static final int MAX_REMEMBERED_LENGTH = 2_000;

    /**
     * A remembered outcome; immutable, so that a slot read by another thread holds a whole one or none. In observe
     * mode a refusal is remembered too, as the statement that was let through.
     */
    private static final class Recent {
        final String sql;
        final Visibility visibility;
        final Object version;
        /** What the gate returned. */
        final Rewrite sent;
        /** What the engine decided; null for a refusal. */
        final Rewrite decided;
        /** The SQLState of the refusal, or null. */
        final String refusal;

        Recent(String sql, Visibility visibility, Object version, Rewrite sent, Rewrite decided, String refusal) {
            this.sql = sql;
            this.visibility = visibility;
            this.version = version;
            this.sent = sent;
            this.decided = decided;
            this.refusal = refusal;
        }
    }

    /** The rewrite the gate applies: a {@link SharedEngine} in the driver, anything in tests. */
    @FunctionalInterface
    public interface Rewriter {
        /** Returns what to send instead of {@code sql}. */
        Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException;

        /**
         * The same outcome as {@link #rewrite}, for a text the gate has not met recently; a rewriter may find it
         * another way (the engine runs its pre-filter before asking its shared cache).
         */
        default Rewrite rewriteNew(String sql, Visibility visibility) throws StatementRefusedException {
            return rewrite(sql, visibility);
        }

        /** What rewrites come from now: a rewrite remembered under another version no longer stands. */
        default Object version() {
            return this;
        }

        /**
         * Brings the rewriter up to date before statement {@code sql} (a catalog another connection's DDL changed),
         * then returns its {@link #version()}: one call on every statement's path.
         */
        default Object versionBefore(String sql) throws SQLException {
            return version();
        }
    }

    private final Rewriter rewriter;
    private final boolean observing;
    private final StatementRecorder recorder;
    /** This connection's counts of the statements it rewrote or let through. */
    private final StatementCounts counts;
    private volatile Visibility visibility;
    /** Remembered outcomes, by the hash of their text; refusals are remembered only when observing. */
    private final Recent[] recent = new Recent[RECENT];
    /** Per slot, the hash of the last text that missed there and was not remembered. */
    private final int[] missed = new int[RECENT];

    /** A gate in enforce mode that records nowhere. */
    public StatementGate(Rewriter rewriter, Visibility visibility) {
        this(rewriter, visibility, Mode.ENFORCE, StatementRecorder.silent());
    }

    public StatementGate(Rewriter rewriter, Visibility visibility, Mode mode, StatementRecorder recorder) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
        this.observing = Objects.requireNonNull(mode, "mode") == Mode.OBSERVE;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.counts = recorder.opened(observing);
    }

    /**
     * Returns what to send to the delegate instead of {@code sql}; null is left for the delegate to reject.
     *
     * @throws SQLException with the refusal's SQLState when the statement must not reach the database
     */
    public Rewrite check(String sql) throws SQLException {
        if (sql == null) {
            return Rewrite.UNCHANGED;
        }
        Object version = rewriter.versionBefore(sql);
        Visibility v = visibility;
        // the slot comes from the text's hash, which the String keeps once computed, and which the engine needs for
        // any text that names a configured table. An identity hash instead (a write into a new text's object
        // header, no pass over it) measured no different on new texts that name none.
        int hash = sql.hashCode();
        int slot = (hash * 0x9E3779B9) >>> (Integer.SIZE - RECENT_BITS);
        Recent known = recent[slot];
        if (known != null && known.sql == sql && known.visibility == v && known.version == version) {
            if (known.refusal != null) {
                recorder.refusedAgain(known.refusal, observing);
            } else if (known.decided.unchanged()) {
                recorder.untouched(counts, true);
            } else {
                recorder.rewritten(counts, sql, known.decided, true);
            }
            return known.sent;
        }
        // a text met here before (it missed this slot last time) is asked of the rewriter's cache first; a new one
        // most likely has new literals, and goes to the rewriter's pre-filter first
        boolean again = !rememberable(sql) || missedBefore(slot, hash);
        Rewrite decided;
        try {
            decided = again ? rewriter.rewrite(sql, v) : rewriter.rewriteNew(sql, v);
        } catch (StatementRefusedException e) {
            boolean refuse = !observing || UndeleteStatement.mayBe(sql);
            recorder.refused(sql, e, observing, !refuse);
            if (refuse) {
                throw new SQLException(e.getMessage(), e.sqlState(), e);
            }
            if (rememberable(sql)) {
                recent[slot] = new Recent(sql, v, version, Rewrite.UNCHANGED, null, e.sqlState());
            }
            return Rewrite.UNCHANGED;
        }
        Rewrite sent;
        if (decided.unchanged()) {
            recorder.untouched(counts, false);
            sent = decided;
        } else {
            recorder.rewritten(counts, sql, decided, false);
            sent = !observing || decided.restore() ? decided : asWritten(decided);
        }
        if (again && rememberable(sql)) {
            recent[slot] = new Recent(sql, v, version, sent, decided, null);
        }
        return sent;
    }

    /**
     * What an observing gate sends for a rewrite it does not apply: the statement as written, with the catalog read
     * again after it when it changes the schema of a configured table (bookkeeping, not a change of results).
     */
    private static Rewrite asWritten(Rewrite decided) {
        return decided.changesSchema() ? Rewrite.SCHEMA_CHANGE : Rewrite.UNCHANGED;
    }

    private static boolean rememberable(String sql) {
        return sql.length() <= MAX_REMEMBERED_LENGTH;
    }

    /**
     * Whether a text of {@code hash} missed in {@code slot} before; else notes that it did. The texts of a slot
     * compete for one int: one that comes back after another text missed there is noted again.
     */
    private boolean missedBefore(int slot, int hash) {
        if (missed[slot] == hash) {
            return true;
        }
        missed[slot] = hash;
        return false;
    }

    /** The connection closed: its counts join those of the connections closed before; a second call does nothing. */
    public void close() {
        recorder.closed(counts);
    }

    StatementRecorder recorder() {
        return recorder;
    }

    /** Whether statements go through as written, with what would have happened only recorded. */
    public boolean observing() {
        return observing;
    }

    /**
     * What {@code sql} becomes under the connection's visibility now, neither counted nor recorded: a prepared
     * statement's look at whether the visibility it was prepared under still gives the same text.
     */
    public Rewrite underVisibilityNow(String sql) throws StatementRefusedException {
        return rewriter.rewrite(sql, visibility);
    }

    /** The text to send instead of {@code sql}, as one statement (tests, tools). */
    public String rewrite(String sql) throws SQLException {
        return check(sql).sqlFor(sql);
    }

    public Visibility visibility() {
        return visibility;
    }

    public void visibility(Visibility visibility) {
        this.visibility = Objects.requireNonNull(visibility, "visibility");
    }
}
