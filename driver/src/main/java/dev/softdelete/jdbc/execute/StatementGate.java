package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The one way SQL text goes from a connection's wrappers to its delegate: every statement passes through the
 * rewrite with the connection's current visibility, and a refused statement becomes an {@link SQLException}
 * before anything reaches the database.
 *
 * <p>The gate remembers the last rewrites of its connection by the identity of their text: applications and ORMs
 * prepare the same {@code String} object again and again, and that text's rewrite then comes from a slot of this
 * object instead of the engine's shared cache. The rewrite is the same either way (an outcome depends only on the
 * text and the visibility); what differs is the memory a statement touches, which matters after every round trip,
 * when the thread comes back to caches that the database server and other threads have filled: a shared-cache hit
 * then cost about 0.4 µs with one thread and a few microseconds with eight threads on two cores (measured on this
 * project's benchmark machine), against tens of nanoseconds when warm.
 */
public final class StatementGate {
    /** Slots of remembered rewrites (a power of two). */
    static final int RECENT = 32;
    /** Longer texts are not remembered: a connection keeps at most {@link #RECENT} texts alive this way. */
    static final int MAX_REMEMBERED_LENGTH = 2_000;

    /** A remembered rewrite; immutable, so that a slot read by another thread holds a whole one or none. */
    private static final class Recent {
        final String sql;
        final Visibility visibility;
        final Object version;
        final Rewrite rewrite;

        Recent(String sql, Visibility visibility, Object version, Rewrite rewrite) {
            this.sql = sql;
            this.visibility = visibility;
            this.version = version;
            this.rewrite = rewrite;
        }
    }

    /** The rewrite the gate applies: a {@link SharedEngine} in the driver, anything in tests. */
    @FunctionalInterface
    public interface Rewriter {
        /** Returns what to send instead of {@code sql}. */
        Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException;

        /** What rewrites come from now: a rewrite remembered under another version no longer stands. */
        default Object version() {
            return this;
        }
    }

    private final Rewriter rewriter;
    private volatile Visibility visibility;
    /** Remembered rewrites, by the identity hash of their text; refusals are not remembered. */
    private final Recent[] recent = new Recent[RECENT];

    public StatementGate(Rewriter rewriter, Visibility visibility) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
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
        Visibility v = visibility;
        Object version = rewriter.version();
        int slot = System.identityHashCode(sql) & (RECENT - 1);
        Recent known = recent[slot];
        if (known != null && known.sql == sql && known.visibility == v && known.version == version) {
            return known.rewrite;
        }
        Rewrite r;
        try {
            r = rewriter.rewrite(sql, v);
        } catch (StatementRefusedException e) {
            throw new SQLException(e.getMessage(), e.sqlState(), e);
        }
        if (sql.length() <= MAX_REMEMBERED_LENGTH) {
            recent[slot] = new Recent(sql, v, version, r);
        }
        return r;
    }

    /** The text to send instead of {@code sql}, for callers that send nothing themselves ({@code nativeSQL}). */
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
