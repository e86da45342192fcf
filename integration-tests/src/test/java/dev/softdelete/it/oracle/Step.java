package dev.softdelete.it.oracle;

import java.util.List;

/** One step of an oracle workload: a statement with its parameters, or a transaction boundary. */
final class Step {
    enum Kind { QUERY, ORDERED_QUERY, UPDATE, BEGIN, COMMIT, ROLLBACK }

    final Kind kind;
    final String sql;
    final List<Object> params;
    /** Run as a PreparedStatement with {@code ?} markers, or as a plain Statement with literals inlined. */
    final boolean prepared;

    Step(Kind kind, String sql, List<Object> params, boolean prepared) {
        this.kind = kind;
        this.sql = sql;
        this.params = params;
        this.prepared = prepared;
    }

    static Step boundary(Kind kind) {
        return new Step(kind, null, List.of(), false);
    }

    /** The SQL as a plain statement sends it: every {@code ?} replaced by its parameter as a literal. */
    String inlined() {
        StringBuilder b = new StringBuilder();
        int p = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '?') {
                Object v = params.get(p++);
                b.append(v == null ? "NULL" : v instanceof String ? "'" + ((String) v).replace("'", "''") + "'" : v);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        if (sql == null) {
            return kind.name();
        }
        return (prepared ? "prepared " + sql + " " + params : "plain " + inlined());
    }
}
