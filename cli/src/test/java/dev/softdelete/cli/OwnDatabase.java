package dev.softdelete.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of a test's own on the server of a {@link RealDatabase}, created empty (dropped first if a run before
 * left it) and dropped by {@link #close()}, so that a test may use {@code init --all} and names of its choice.
 */
final class OwnDatabase implements AutoCloseable {
    private final RealDatabase server;
    private final String serverUrl;
    private final String name;
    private final String url;

    OwnDatabase(RealDatabase server, String name) throws SQLException {
        this.server = server;
        this.serverUrl = server.url();
        this.name = name;
        drop();
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        this.url = withDatabase(serverUrl, name);
    }

    /** The raw URL of the database. */
    String url() {
        return url;
    }

    /** Runs statements on a raw connection of its own. */
    OwnDatabase execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
        return this;
    }

    private void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + (server == RealDatabase.POSTGRESQL ? " WITH (FORCE)" : ""));
        }
    }

    @Override
    public void close() throws SQLException {
        drop();
    }

    /** {@code jdbc:x://host:port/db?params} with {@code db} replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//");
        int pathStart = url.indexOf('/', hostStart + 2);
        int end = pathStart + 1;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != ';') {
            end++;
        }
        return url.substring(0, pathStart + 1) + database + url.substring(end);
    }
}
