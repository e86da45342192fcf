package dev.softdelete.it.oracle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What one side observed for one step: the rows (sorted unless the query orders them), the count, or an error. */
final class Outcome {
    final List<String> rows;
    final long count;
    final SQLException error;

    private Outcome(List<String> rows, long count, SQLException error) {
        this.rows = rows;
        this.count = count;
        this.error = error;
    }

    static Outcome of(Connection c, Step step) {
        try {
            if (step.prepared) {
                try (PreparedStatement ps = c.prepareStatement(step.sql)) {
                    for (int i = 0; i < step.params.size(); i++) {
                        ps.setObject(i + 1, step.params.get(i));
                    }
                    if (step.kind == Step.Kind.UPDATE) {
                        return new Outcome(null, ps.executeUpdate(), null);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        return rows(rs, step.kind == Step.Kind.ORDERED_QUERY);
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                if (step.kind == Step.Kind.UPDATE) {
                    return new Outcome(null, st.executeUpdate(step.inlined()), null);
                }
                try (ResultSet rs = st.executeQuery(step.inlined())) {
                    return rows(rs, step.kind == Step.Kind.ORDERED_QUERY);
                }
            }
        } catch (SQLException e) {
            return new Outcome(null, -1, e);
        }
    }

    static Outcome rows(ResultSet rs, boolean ordered) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                b.append(i == 1 ? "" : "|").append(rs.getString(i));
            }
            rows.add(b.toString());
        }
        if (!ordered) {
            Collections.sort(rows);
        }
        return new Outcome(rows, -1, null);
    }

    boolean failed() {
        return error != null;
    }

    /**
     * Both succeeded with the same rows and count, or both failed; a constraint's failure (SQLState class 23: a
     * foreign key, a unique key) with the same SQLState and vendor code, which is what an application catches.
     */
    boolean sameAs(Outcome other) {
        if (failed() || other.failed()) {
            if (!failed() || !other.failed()) {
                return false;
            }
            boolean constraint = String.valueOf(other.error.getSQLState()).startsWith("23");
            return !constraint || (other.error.getSQLState().equals(error.getSQLState())
                    && other.error.getErrorCode() == error.getErrorCode());
        }
        return count == other.count && Objects.equals(rows, other.rows);
    }

    @Override
    public String toString() {
        if (error != null) {
            return "error " + error.getSQLState() + ": " + error.getMessage();
        }
        return rows == null ? "count " + count : rows.size() + " rows " + rows;
    }
}
