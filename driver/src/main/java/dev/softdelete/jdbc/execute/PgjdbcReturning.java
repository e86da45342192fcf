package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;

/**
 * The text pgjdbc sends for generated keys asked by column name: {@code RETURNING "a", "b"} appended to each
 * statement of the text (a probe: a string of two DELETEs returned the soft-delete columns of the first, which a check
 * of the clause at the end only had not seen). Appended here to every statement that has code and no RETURNING of
 * its own, which is at least where pgjdbc appends it (it skips statements that cannot return): the engine's rules
 * for a DELETE ... RETURNING then see each clause the database will run.
 */
final class PgjdbcReturning {
    private PgjdbcReturning() {
    }

    /** {@code sql} with {@code RETURNING <columns>} after each statement, as pgjdbc appends it. */
    static String appended(String sql, String[] columnNames) {
        String clause = clause(columnNames);
        StringBuilder out = new StringBuilder(sql.length() + 2 * clause.length());
        int from = 0;
        boolean code = false;
        boolean returning = false;
        for (Token t : SqlLexer.tokens(sql, Dialect.POSTGRESQL)) {
            if (t.is(sql, ';')) {
                out.append(sql, from, t.start).append(code && !returning ? clause : "");
                from = t.start;
                code = false;
                returning = false;
            } else if (t.kind != SqlLexer.Kind.COMMENT) {
                code = true;
                returning |= t.is(sql, "RETURNING");
            }
        }
        return out.append(sql, from, sql.length()).append(code && !returning ? clause : "").toString();
    }

    private static String clause(String[] columnNames) {
        // pgjdbc reads one name that starts with '*' ("* ", "*x") as RETURNING *
        if (columnNames.length == 1 && columnNames[0] != null && columnNames[0].startsWith("*")) {
            return "\nRETURNING *";
        }
        StringBuilder clause = new StringBuilder("\nRETURNING ");
        for (int i = 0; i < columnNames.length; i++) {
            String name = columnNames[i];
            clause.append(i == 0 ? "" : ", ").append("*".equals(name) ? name : '"' + name.replace("\"", "\"\"") + '"');
        }
        return clause.toString();
    }
}
