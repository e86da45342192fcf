package dev.softdelete.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * JDBC URL edits and extra databases: a database next to the one in the test URL (the oracle and corpus tests use
 * two each), a URL parameter added, and the vendor connection behind a driver connection (same session, no
 * rewrite).
 */
public final class SideDatabases {
    private SideDatabases() {
    }

    /** Creates the database {@code name} on the server of {@code rawUrl} unless it exists; returns its raw URL. */
    public static String ensure(TestDatabase db, String rawUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(rawUrl); Statement st = c.createStatement()) {
            if (db == TestDatabase.POSTGRESQL) {
                boolean exists;
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    st.execute("CREATE DATABASE " + name);
                }
            } else {
                st.execute("CREATE DATABASE IF NOT EXISTS " + name);
            }
        }
        return withDatabase(rawUrl, name);
    }

    /** {@code jdbc:x://host:port/db?params} with {@code db} replaced by {@code name}. */
    public static String withDatabase(String url, String name) {
        int hostStart = url.indexOf("//");
        int pathStart = hostStart < 0 ? -1 : url.indexOf('/', hostStart + 2);
        if (pathStart < 0) {
            throw new IllegalArgumentException("cannot find the database name in the JDBC URL");
        }
        int end = pathStart + 1;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != ';') {
            end++;
        }
        return url.substring(0, pathStart + 1) + name + url.substring(end);
    }

    /** The database name of {@code jdbc:x://host:port/db?params}. */
    public static String databaseOf(String url) {
        int hostStart = url.indexOf("//");
        int pathStart = url.indexOf('/', hostStart + 2);
        int end = pathStart + 1;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != ';') {
            end++;
        }
        return url.substring(pathStart + 1, end);
    }

    /** The URL with {@code key=value} appended to its query string. */
    public static String withParameter(String url, String key, String value) {
        return url + (url.indexOf('?') < 0 ? '?' : '&') + key + '=' + value;
    }

    /**
     * The vendor connection behind a connection of the soft-delete driver: the same session and transaction, but
     * statements on it are not rewritten. Used to look at uncommitted rows exactly as stored.
     */
    public static Connection vendorSession(Connection app, TestDatabase db) throws SQLException {
        try {
            Class<?> vendor = Class.forName(db == TestDatabase.POSTGRESQL
                ? "org.postgresql.PGConnection" : "com.mysql.cj.jdbc.JdbcConnection");
            Object unwrapped = app.unwrap(vendor);
            if (!(unwrapped instanceof Connection) || unwrapped == app) {
                throw new AssertionError("unwrap(" + vendor.getName() + ") did not reach the vendor connection");
            }
            return (Connection) unwrapped;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("vendor driver class missing", e);
        }
    }
}
