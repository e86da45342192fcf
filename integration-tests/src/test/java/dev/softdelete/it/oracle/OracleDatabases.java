package dev.softdelete.it.oracle;

import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The oracle's two databases on one server: {@code softdelete_oracle_hard}, reached raw, where DELETE really
 * deletes, and {@code softdelete_oracle_soft}, reached through softdelete-jdbc. Both are created when missing and
 * given the same tables and rows by {@link OracleSchema}.
 */
final class OracleDatabases {
    static final String HARD = "softdelete_oracle_hard";
    static final String SOFT = "softdelete_oracle_soft";

    private OracleDatabases() {
    }

    /** Creates the database {@code name} on the server of {@code rawUrl} unless it exists; returns its URL. */
    static String ensure(TestDatabase db, String rawUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(rawUrl); Statement st = c.createStatement()) {
            if (db == TestDatabase.POSTGRESQL) {
                boolean exists;
                try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
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

    /** {@code jdbc:x://host:port/db?params} with {@code db} replaced. */
    static String withDatabase(String url, String name) {
        int hostStart = url.indexOf("//");
        int pathStart = url.indexOf('/', hostStart + 2);
        if (hostStart < 0 || pathStart < 0) {
            throw new IllegalArgumentException("cannot find the database name in the JDBC URL");
        }
        int end = pathStart + 1;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != ';') {
            end++;
        }
        return url.substring(0, pathStart + 1) + name + url.substring(end);
    }
}
