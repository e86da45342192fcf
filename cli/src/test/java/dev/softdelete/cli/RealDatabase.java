package dev.softdelete.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real database named by an environment variable, as in the integration-tests module: a missing variable or an
 * unreachable server skips the test with the reason, or fails it when {@code SOFTDELETE_IT_REQUIRED=true}.
 */
enum RealDatabase {
    POSTGRESQL("PostgreSQL", "SOFTDELETE_IT_POSTGRES_URL", "jdbc:postgresql:"),
    MARIADB("MariaDB", "SOFTDELETE_IT_MYSQL_URL", "jdbc:mysql:");

    private static final String REQUIRED_VARIABLE = "SOFTDELETE_IT_REQUIRED";

    private final String label;
    private final String urlVariable;
    private final String urlPrefix;

    RealDatabase(String label, String urlVariable, String urlPrefix) {
        this.label = label;
        this.urlVariable = urlVariable;
        this.urlPrefix = urlPrefix;
    }

    /** The raw URL; skips or fails the test when it is unset, malformed or the server cannot be reached. */
    String url() {
        String url = System.getenv(urlVariable);
        if (url == null || url.isBlank()) {
            throw unmet(label + " tests need " + urlVariable + " (a " + urlPrefix + "//host:port/db?user=... URL);"
                + " it is not set");
        }
        if (!url.startsWith(urlPrefix)) {
            throw unmet(urlVariable + " must start with " + urlPrefix);
        }
        DriverManager.setLoginTimeout(10);
        try (Connection c = DriverManager.getConnection(url)) {
            if (!c.isValid(10)) {
                throw unmet(label + " at " + Redaction.redact(url) + " opened a connection that is not valid");
            }
            return url;
        } catch (SQLException e) {
            throw unmet(label + " is unreachable at " + Redaction.redact(url) + ": " + e.getMessage());
        }
    }

    private static RuntimeException unmet(String reason) {
        boolean required = "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
        System.err.println("[softdelete-cli] " + (required ? "FAILING: " : "skipping: ") + reason);
        if (required) {
            Assertions.fail(reason + " [failing instead of skipping: " + REQUIRED_VARIABLE + "=true]");
        }
        Assumptions.abort(reason + " [set " + REQUIRED_VARIABLE + "=true to fail instead of skipping]");
        throw new AssertionError("unreachable");
    }
}
