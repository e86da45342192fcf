package dev.softdelete.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks once per test run whether a {@link TestDatabase} can be used: its URL variable is set and a raw connection
 * opens. The verdict is cached so an unreachable server costs one timeout, not one per test.
 */
final class DatabaseAvailability {
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    private static final Map<TestDatabase, Optional<String>> PROBLEMS = new ConcurrentHashMap<>();

    private DatabaseAvailability() {
    }

    static String rawUrl(TestDatabase database) {
        String problem = PROBLEMS.computeIfAbsent(database, DatabaseAvailability::probe).orElse(null);
        if (problem != null) {
            throw Prerequisites.unmet(problem);
        }
        return System.getenv(database.urlVariable());
    }

    private static Optional<String> probe(TestDatabase database) {
        String url = System.getenv(database.urlVariable());
        if (url == null || url.isBlank()) {
            return Optional.of(database + " tests need " + database.urlVariable() + " (a " + database.urlPrefix()
                + "//host:port/db?user=... URL); it is not set");
        }
        if (!url.startsWith(database.urlPrefix())) {
            return Optional.of(database.urlVariable() + " must start with " + database.urlPrefix() + " but is "
                + Urls.redact(url));
        }
        try {
            // Registers the vendor driver even when DriverManager's service scan stopped at a broken entry.
            Class.forName(database.driverClass());
        } catch (ClassNotFoundException e) {
            return Optional.of(database + " driver " + database.driverClass() + " is not on the test class path");
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(LOGIN_TIMEOUT_SECONDS)
                ? Optional.empty()
                : Optional.of(database + " at " + Urls.redact(url) + " opened a connection that is not valid");
        } catch (SQLException e) {
            return Optional.of(database + " is unreachable at " + Urls.redact(url) + " (from "
                + database.urlVariable() + "): " + e.getMessage() + " [SQLState " + e.getSQLState() + "]");
        }
    }
}
