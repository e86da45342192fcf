package dev.softdelete.clients.support;

import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What one side of a comparison observed: a value, or a failure. Two failures are the same when their
 * {@link SQLException}s (anywhere in the cause chain) have the same SQLState, or, without one, when the exceptions
 * have the same class: the contract promises the same errors, not the same messages.
 */
public final class Outcome<T> {
    private final T value;
    private final Throwable failure;

    private Outcome(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    /** Runs {@code action}, catching what it throws. */
    public static <T> Outcome<T> of(Callable<T> action) {
        try {
            return new Outcome<>(action.call(), null);
        } catch (Exception | AssertionError e) {
            if (e instanceof AssertionError) {
                throw (AssertionError) e;
            }
            return new Outcome<>(null, e);
        }
    }

    public boolean failed() {
        return failure != null;
    }

    public T value() {
        return value;
    }

    public Throwable failure() {
        return failure;
    }

    /** The innermost {@link SQLException} of the failure, if any. */
    public SQLException sqlException() {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                found = (SQLException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }

    /** Same value, or the same kind of failure (see the class comment). */
    public boolean sameAs(Outcome<?> other) {
        if (failed() != other.failed()) {
            return false;
        }
        if (!failed()) {
            return Objects.equals(value, other.value);
        }
        SQLException mine = sqlException();
        SQLException theirs = other.sqlException();
        if (mine != null || theirs != null) {
            return mine != null && theirs != null && Objects.equals(mine.getSQLState(), theirs.getSQLState());
        }
        return failure.getClass() == other.failure.getClass();
    }

    @Override
    public String toString() {
        if (!failed()) {
            return String.valueOf(value);
        }
        SQLException sql = sqlException();
        return sql != null
                ? "failed: SQLState " + sql.getSQLState() + ": " + sql.getMessage()
                : "failed: " + failure;
    }
}
