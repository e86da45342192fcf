package dev.softdelete.clients.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * One client set up twice: on the hard database (raw URL: DELETE deletes, foreign keys cascade) and on the soft one
 * (through the driver). {@link #same} runs a scenario on each and requires the same outcome, as the driver's
 * contract promises.
 */
public final class BothSides<S> {
    /** A scenario run against one side's client object. */
    @FunctionalInterface
    public interface Scenario<S, T> {
        T run(S side) throws Exception;
    }

    /** A check that may throw, e.g. {@link ShopDatabases#assertSameShop()}. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final S hard;
    private final S soft;
    private List<String> lastSent = List.of();

    public BothSides(S hard, S soft) {
        this.hard = hard;
        this.soft = soft;
    }

    public S hard() {
        return hard;
    }

    public S soft() {
        return soft;
    }

    /**
     * Runs {@code scenario} on the hard side, then on the soft side, and asserts the same outcome: equal values, or
     * failures with the same SQLState. Returns the value (null when both failed the same way).
     */
    public <T> T same(String what, Scenario<S, T> scenario) {
        SqlLog.drain();
        Outcome<T> expected = Outcome.of(() -> scenario.run(hard));
        SqlLog.drain();
        Outcome<T> actual = Outcome.of(() -> scenario.run(soft));
        List<String> sent = SqlLog.drain();
        lastSent = sent;
        if (!actual.sameAs(expected)) {
            StringBuilder message = new StringBuilder(what)
                    .append("\n  hard delete (reference): ").append(expected)
                    .append("\n  through softdelete-jdbc: ").append(actual);
            appendSent(message, sent);
            AssertionError error = new AssertionError(message.toString());
            if (actual.failed()) {
                error.initCause(actual.failure());
            } else if (expected.failed()) {
                error.initCause(expected.failure());
            }
            throw error;
        }
        return expected.value();
    }

    /**
     * Runs a check of the state the last scenario left (typically {@link ShopDatabases#assertSameShop()}); if it
     * fails, the failure shows the SQL that scenario sent through the driver.
     */
    public void verify(Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError e) {
            StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
            appendSent(message, lastSent);
            AssertionError error = new AssertionError(message.toString());
            error.initCause(e);
            throw error;
        }
    }

    private static void appendSent(StringBuilder message, List<String> sent) {
        if (!sent.isEmpty()) {
            message.append("\n  SQL the client sent through the driver (last ").append(Math.min(8, sent.size()))
                    .append(" of ").append(sent.size()).append("):");
            sent.subList(Math.max(0, sent.size() - 8), sent.size())
                    .forEach(sql -> message.append("\n    ").append(sql));
        }
    }

    /** {@link #same}, and the value must not be empty or zero, so the comparison is not vacuous. */
    public <T> T sameAndNotEmpty(String what, Scenario<S, T> scenario) {
        T value = same(what, scenario);
        assertThat(value).as(what + ": the reference result").isNotNull();
        if (value instanceof java.util.Collection) {
            assertThat((java.util.Collection<?>) value).as(what + ": the reference result").isNotEmpty();
        }
        if (value instanceof Number) {
            assertThat(((Number) value).longValue()).as(what + ": the reference result").isNotZero();
        }
        return value;
    }

    /** Both sides, hard first: for closing. */
    public List<S> both() {
        List<S> sides = new ArrayList<>();
        sides.add(hard);
        sides.add(soft);
        return sides;
    }
}
