package dev.softdelete.clients.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** Reaches a server named by an environment variable and tells PostgreSQL, MariaDB and MySQL apart. */
final class JdbcServers {
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private JdbcServers() {
    }

    static Engine probe(String variable, String url) throws Exception {
        boolean postgres = variable.equals(DatabaseSelection.POSTGRES_VARIABLE);
        String prefix = postgres ? "jdbc:postgresql:" : "jdbc:mysql:";
        if (!url.startsWith(prefix)) {
            throw new IllegalStateException(variable + " must start with " + prefix + " but is " + redact(url));
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection c = DriverManager.getConnection(url)) {
            if (postgres) {
                return Engine.POSTGRESQL;
            }
            String version = c.getMetaData().getDatabaseProductVersion();
            return version.toLowerCase().contains("mariadb") ? Engine.MARIADB : Engine.MYSQL;
        } catch (SQLException e) {
            throw new IllegalStateException("unreachable at " + redact(url) + ": " + e.getMessage() + " [SQLState "
                    + e.getSQLState() + "]", e);
        }
    }

    /** The URL with any {@code password=} value hidden. */
    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }
}
