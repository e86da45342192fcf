package dev.softdelete.it.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What happens when something a test needs (a database URL, a reachable server, the built driver jar) is missing:
 * the test is skipped with the reason, or fails with it when {@code SOFTDELETE_IT_REQUIRED=true} (as in CI).
 */
public final class Prerequisites {
    /** Environment variable that turns skips into failures. */
    public static final String REQUIRED_VARIABLE = "SOFTDELETE_IT_REQUIRED";

    /** Reasons already printed: the build log names each once, not once per test. */
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Prerequisites() {
    }

    /** True when missing prerequisites must fail the build. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }

    /** Skips the current test, or fails it when prerequisites are required. Never returns normally. */
    public static RuntimeException unmet(String reason) {
        if (ANNOUNCED.add(reason)) {
            System.err.println("[softdelete-it] " + (required() ? "FAILING: " : "skipping: ") + reason);
        }
        if (required()) {
            Assertions.fail(reason + " [failing instead of skipping: " + REQUIRED_VARIABLE + "=true]");
        }
        Assumptions.abort(reason + " [set " + REQUIRED_VARIABLE + "=true to fail instead of skipping]");
        throw new AssertionError("unreachable");
    }
}
