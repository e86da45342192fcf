package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;

/**
 * The text pgjdbc sends for generated keys asked by column name: {@code RETURNING "a", "b"} appended to each
 * statement of the text (a probe: a string of two DELETEs returned the soft-delete columns of the first, which a check
 * of the clause at the end only had not seen). Appended here as pgjdbc appends it, to each INSERT, UPDATE, DELETE
 * and WITH that has no RETURNING of its own (not to a SELECT: a probe's {@code SELECT 1; DELETE ...} was refused
 * so): the engine's rules for a DELETE ... RETURNING then see each clause the database will run.
 */
final class PgjdbcReturning {
    private PgjdbcReturning() {
    }

    /**
     * {@code sql} with {@code RETURNING <columns>} after each statement, as pgjdbc appends it: {@code quoted}, as by
     * default, or as written (its {@code quoteReturningIdentifiers=false}, with which {@code "id, is_deleted"} is two
     * columns and {@code "row_to_json(t)"} the whole row: a probe's keys showed the row soft-deleted).
     */
    static String appended(String sql, String[] columnNames, boolean quoted) {
        String clause = clause(columnNames, quoted);
        StringBuilder out = new StringBuilder(sql.length() + 2 * clause.length());
        int from = 0;
        boolean returns = false; // the statement is one pgjdbc appends to and has no RETURNING yet
        Token first = null;
        for (Token t : SqlLexer.tokens(sql, Dialect.POSTGRESQL)) {
            if (t.is(sql, ';')) {
                out.append(sql, from, t.start).append(returns ? clause : "");
                from = t.start;
                first = null;
                returns = false;
            } else if (t.kind != SqlLexer.Kind.COMMENT) {
                if (first == null) {
                    first = t;
                    returns = t.is(sql, "INSERT") || t.is(sql, "UPDATE") || t.is(sql, "DELETE") || t.is(sql, "WITH");
                }
                returns &= !t.is(sql, "RETURNING");
            }
        }
        return out.append(sql, from, sql.length()).append(returns ? clause : "").toString();
    }

    private static String clause(String[] columnNames, boolean quoted) {
        // pgjdbc reads one name that starts with '*' ("* ", "*x") as RETURNING *
        if (columnNames.length == 1 && columnNames[0] != null && columnNames[0].startsWith("*")) {
            return "\nRETURNING *";
        }
        StringBuilder clause = new StringBuilder("\nRETURNING ");
        for (int i = 0; i < columnNames.length; i++) {
            String name = columnNames[i];
            clause.append(i == 0 ? "" : ", ").append("*".equals(name) || !quoted ? name
                    : '"' + name.replace("\"", "\"\"") + '"');
        }
        return clause.toString();
    }
}
