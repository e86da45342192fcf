package dev.softdelete.it.rewrite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one statement string did: every result in order (a result set as its column labels and its rows, sorted
 * unless asked otherwise, or an update count), or the exception it threw.
 *
 * @param results one entry per result, e.g. {@code rows [id, name] [1 | Ada, 2 | Grace]} or {@code count 2}
 * @param error   the exception, null when the statement ran
 */
record Execution(List<String> results, SQLException error) {

    boolean failed() {
        return error != null;
    }

    /** The error as a sentence for reports. */
    String describeError() {
        return error == null ? "no error"
            : "SQLState " + error.getSQLState() + ", vendor code " + error.getErrorCode() + ": " + error.getMessage();
    }

    /** Runs {@code sql} with {@code Statement.execute}, or prepared with each parameter bound as a string. */
    static Execution run(Connection c, String sql, List<String> parameters) {
        try {
            if (parameters.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    return new Execution(collect(st, st.execute(sql), true), null);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setString(i + 1, parameters.get(i));
                }
                return new Execution(collect(ps, ps.execute(), true), null);
            }
        } catch (SQLException e) {
            return new Execution(List.of(), e);
        }
    }

    /** Runs {@code sql} and throws what it throws. */
    static List<String> runOrThrow(Connection c, String sql, boolean sortRows) throws SQLException {
        try (Statement st = c.createStatement()) {
            return collect(st, st.execute(sql), sortRows);
        }
    }

    /** The rows of a query as {@code a | b | c} strings, sorted. */
    static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rows(rs, true);
        }
    }

    /** The results without the column labels: what a program reading columns by position sees. */
    List<String> resultsWithoutLabels() {
        return results.stream().map(r -> r.startsWith("rows [") ? "rows " + r.substring(r.indexOf("] ") + 2) : r)
            .toList();
    }

    /** Every result of an executed statement, in order. */
    static List<String> collect(Statement st, boolean isResultSet, boolean sortRows) throws SQLException {
        List<String> results = new ArrayList<>();
        boolean resultSet = isResultSet;
        while (true) {
            if (resultSet) {
                try (ResultSet rs = st.getResultSet()) {
                    results.add("rows " + labels(rs) + " " + rows(rs, sortRows));
                }
            } else {
                int count = st.getUpdateCount();
                if (count == -1) {
                    return results;
                }
                results.add("count " + count);
            }
            resultSet = st.getMoreResults();
        }
    }

    /** The rows of a result set as {@code a | b | c} strings, sorted when {@code sort}. */
    static List<String> rows(ResultSet rs, boolean sort) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                if (i > 1) {
                    row.append(" | ");
                }
                String value = rs.getString(i);
                row.append(value == null ? "NULL" : value);
            }
            rows.add(row.toString());
        }
        if (sort) {
            rows.sort(null);
        }
        return rows;
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            labels.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return labels;
    }
}
