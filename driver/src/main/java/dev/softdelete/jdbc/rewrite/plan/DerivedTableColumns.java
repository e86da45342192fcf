package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import java.util.Locale;
import java.util.Set;

/**
 * Column references to a table that the plan replaces by a filtered derived table, {@code (SELECT * FROM t WHERE
 * <live>) t}, as the database resolves them against a derived table: a derived table has a name but no schema, and
 * no system columns. A reference that names the table with its schema ({@code public.orders.id}, jOOQ's default, or
 * with its database too) is written with the name alone ({@code orders.id}), which names the derived table; one
 * that reads a system column through it ({@code o.ctid}, {@code o.tableoid}) is refused.
 */
final class DerivedTableColumns {
    /** Columns a PostgreSQL table has and a derived table has not: the row version's and the table's. */
    private static final Set<String> POSTGRES_SYSTEM_COLUMNS = Set.of("ctid", "xmin", "xmax", "cmin", "cmax",
            "tableoid");
    /** H2's row id. */
    private static final Set<String> H2_SYSTEM_COLUMNS = Set.of("_rowid_");
    /** MySQL's and MariaDB's name for a single-column integer primary key. */
    private static final Set<String> MYSQL_SYSTEM_COLUMNS = Set.of("_rowid");

    private DerivedTableColumns() {
    }

    /**
     * Refuses the statement when it reads a system column of {@code ref} through {@code qualifier}, or names a column
     * of its that {@code SELECT *} does not give ({@link dev.softdelete.jdbc.rewrite.catalog.Catalog#hiddenColumns}),
     * anywhere.
     */
    static void refuseSystemColumns(PlanContext ctx, TableRef ref, String qualifier)
            throws StatementRefusedException {
        Set<String> system = ctx.dialect == Dialect.POSTGRESQL ? POSTGRES_SYSTEM_COLUMNS
                : ctx.dialect.isMySqlFamily() ? MYSQL_SYSTEM_COLUMNS : H2_SYSTEM_COLUMNS;
        Set<String> hidden = ctx.catalog().hiddenColumns(ref.config.name());
        TokenIndex tokens = ctx.tree.tokens();
        Span statement = statementOf(ctx.tree, ref);
        for (int i = tokens.firstAtOrAfter(statement.start); i < tokens.size() && tokens.start(i) < statement.end;
                i++) {
            if (i + 2 < tokens.size() && same(tokens.image(i), qualifier) && ".".equals(tokens.image(i + 1))
                    && system.contains(Identifiers.unquote(tokens.image(i + 2)).toLowerCase(Locale.ROOT))) {
                throw ctx.refuse(ref, "system column " + tokens.image(i + 2) + " of a table in a join position that"
                        + " needs a filtered derived table, which has no such column");
            }
            // qualified or not: unqualified, it would bind to another table's column of that name, or an outer one's
            if (!hidden.isEmpty() && hidden.contains(Identifiers.unquote(tokens.image(i)).toLowerCase(Locale.ROOT))) {
                throw ctx.refuse(ref, "column " + tokens.image(i) + " of a table in a join position that needs a"
                        + " filtered derived table, whose SELECT * does not give it (an invisible or system-versioning"
                        + " column)");
            }
        }
    }

    /**
     * Refuses a column written {@code x.q.c}, a schema or database before {@code qualifier} ({@code ref}'s alias, or
     * its name written without a schema), where {@code ref} becomes a filtered derived table: PostgreSQL reads
     * {@code public.orders.id} beside a bare {@code FROM orders}, MySQL {@code db.o.id} beside {@code FROM orders o},
     * but a derived table has no schema, and the database rejected the rewritten statement (a probe, with jOOQ's
     * schema mapping). {@link #dropSchemas} rewrites the columns of a table written with its schema and no alias.
     */
    static void refuseSchemaBeforeQualifier(PlanContext ctx, TableRef ref, String qualifier)
            throws StatementRefusedException {
        TokenIndex tokens = ctx.tree.tokens();
        Span statement = statementOf(ctx.tree, ref);
        for (int i = Math.max(2, tokens.firstAtOrAfter(statement.start)); i + 2 < tokens.size()
                && tokens.start(i) < statement.end; i++) {
            if (same(tokens.image(i), qualifier) && ".".equals(tokens.image(i - 1)) && ".".equals(tokens.image(i + 1))
                    && (i + 3 >= tokens.size() || !".".equals(tokens.image(i + 3)))) {
                throw ctx.refuse(ref, "column " + tokens.image(i - 2) + "." + tokens.image(i) + "."
                        + tokens.image(i + 2) + " of a table in a join position that needs a filtered derived table,"
                        + " which has no schema; write " + tokens.image(i) + "." + tokens.image(i + 2));
            }
        }
    }

    /**
     * Writes every column reference of the statement that names {@code ref}'s table with its schema
     * ({@code s.t.c}, {@code db.s.t.c}) with the table's name alone ({@code t.c}). Planned after the statement's
     * other edits, so that an insert at the same place (a parenthesis opening a condition) goes before it.
     */
    static void dropSchemas(PlanContext ctx, TableRef ref) throws StatementRefusedException {
        String schema = ref.table.getSchemaName();
        String table = ref.table.getName();
        TokenIndex tokens = ctx.tree.tokens();
        Span statement = statementOf(ctx.tree, ref);
        // s.t.c becomes t.c: where the statement names anything else t (an alias, a CTE, the table of another
        // schema, a bare t), t.c could bind to that relation in some scope instead of the derived table
        boolean rewrites = false;
        for (int i = tokens.firstAtOrAfter(statement.start); i + 3 < tokens.size() && tokens.start(i) < statement.end;
                i++) {
            rewrites |= same(tokens.image(i), schema) && ".".equals(tokens.image(i + 1))
                    && same(tokens.image(i + 2), table) && ".".equals(tokens.image(i + 3));
        }
        for (int i = tokens.firstAtOrAfter(statement.start); rewrites && i < tokens.size()
                && tokens.start(i) < statement.end; i++) {
            if (!same(tokens.image(i), table)) {
                continue;
            }
            boolean qualifiedHere = i >= 2 && ".".equals(tokens.image(i - 1)) && same(tokens.image(i - 2), schema);
            if (!qualifiedHere) {
                throw ctx.refuse(ref, "table " + schema + "." + table + " in a join position that needs a filtered"
                        + " derived table, which has no schema, while the statement also names " + tokens.image(i)
                        + " otherwise: a column written " + schema + "." + table + ".c could then bind to another"
                        + " relation named " + table + "; alias the table");
            }
        }
        for (int i = tokens.firstAtOrAfter(statement.start); i + 3 < tokens.size() && tokens.start(i) < statement.end;
                i++) {
            if (same(tokens.image(i), schema) && ".".equals(tokens.image(i + 1)) && same(tokens.image(i + 2), table)
                    && ".".equals(tokens.image(i + 3))) {
                int first = i;
                while (first >= 2 && ".".equals(tokens.image(first - 1))) {
                    first -= 2; // the database before the schema
                }
                ctx.removeKeepingComments(tokens.start(first), tokens.start(i + 2));
                i += 3;
            }
        }
    }

    private static Span statementOf(SyntaxTree tree, TableRef ref) {
        for (int i = 0; i < tree.statements().size(); i++) {
            if (tree.statementSpan(i).contains(ref.name.start)) {
                return tree.statementSpan(i);
            }
        }
        return new Span(0, tree.sql.length());
    }

    /** Whether a token names {@code name} (both possibly quoted), ignoring case. */
    private static boolean same(String image, String name) {
        return name != null && Identifiers.unquote(image).equalsIgnoreCase(Identifiers.unquote(name));
    }
}
