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
 */
public final class StatementGate {

    /** The rewrite the gate applies: {@code RewriteEngine::rewrite} in the driver, anything in tests. */
    @FunctionalInterface
    public interface Rewriter {
        /** Returns what to send instead of {@code sql}. */
        Rewrite rewrite(String sql, Visibility visibility) throws StatementRefusedException;
    }

    private final Rewriter rewriter;
    private volatile Visibility visibility;

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
        try {
            return rewriter.rewrite(sql, visibility);
        } catch (StatementRefusedException e) {
            throw new SQLException(e.getMessage(), e.sqlState(), e);
        }
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
