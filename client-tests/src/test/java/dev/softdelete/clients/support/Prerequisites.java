package dev.softdelete.clients.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A missing database: the test is skipped with the reason, or fails with it when {@code SOFTDELETE_IT_REQUIRED=true}
 * (as in CI). Each reason is printed once per run, not once per test.
 */
public final class Prerequisites {
    /** Environment variable that turns skips into failures. */
    public static final String REQUIRED_VARIABLE = "SOFTDELETE_IT_REQUIRED";

    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Prerequisites() {
    }

    /** True when missing databases must fail the build. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }

    /** Prints {@code line} once per run, prefixed so it stands out in the build log. */
    public static void announce(String line) {
        if (ANNOUNCED.add(line)) {
            System.err.println("[softdelete-clients] " + line);
        }
    }

    /** Skips the current test, or fails it when prerequisites are required. Never returns normally. */
    public static RuntimeException unmet(String reason) {
        announce((required() ? "FAILING: " : "skipping: ") + reason);
        if (required()) {
            Assertions.fail(reason + " [failing instead of skipping: " + REQUIRED_VARIABLE + "=true]");
        }
        Assumptions.abort(reason + " [set " + REQUIRED_VARIABLE + "=true to fail instead of skipping]");
        throw new AssertionError("unreachable");
    }
}
