package dev.softdelete.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC shorthands for test setup and checks. */
public final class Sql {
    private Sql() {
    }

    /** Executes each statement in order. */
    public static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Executes an update and returns its update count. */
    public static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    /** The first column of every row, as longs. */
    public static List<Long> longs(Connection c, String query) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    /** The first column of the single row a query returns. */
    public static String single(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            if (!rs.next()) {
                throw new AssertionError("no row from: " + query);
            }
            String value = rs.getString(1);
            if (rs.next()) {
                throw new AssertionError("more than one row from: " + query);
            }
            return value;
        }
    }
}
