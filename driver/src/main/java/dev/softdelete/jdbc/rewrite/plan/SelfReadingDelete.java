package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * A multi-table DELETE that reads one of its own targets inside a query block (MySQL/MariaDB). The server rejects
 * it (error 1093) and runs the multi-table UPDATE it would become; a probe with the SQL Hibernate writes for a
 * collection predicate saw that UPDATE soft-delete other rows, or none, in a transaction Hibernate then committed.
 */
public final class SelfReadingDelete {
    private SelfReadingDelete() {
    }

    /**
     * Of {@code targets} (unqualified, lower case), the tables statement {@code index} of {@code tree} soft-deletes,
     * the first it also reads inside a query block (a subquery, or a derived table, which MySQL may or may not
     * materialise); null when none, or when the statement is not a multi-table DELETE.
     */
    public static String target(SyntaxTree tree, int index, Set<String> targets) {
        Statement statement = tree.statements().get(index);
        if (!(statement instanceof Delete) || !multiTable((Delete) statement)) {
            return null;
        }
        Span span = tree.statementSpan(index);
        for (TableRef ref : tree.refs()) {
            String name = Identifiers.unquote(ref.table.getName()).toLowerCase(Locale.ROOT);
            if (ref.cte || ref.qualifierOnly || !span.contains(ref.name.start) || !targets.contains(name)) {
                continue;
            }
            for (PlainSelect block : tree.blocks()) {
                Span inside = tree.span(block);
                if (inside != null && span.contains(inside.start) && inside.contains(ref.name.start)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static boolean multiTable(Delete delete) {
        return delete.getTables() != null && !delete.getTables().isEmpty()
                || delete.getUsingFromItemList() != null && !delete.getUsingFromItemList().isEmpty()
                || delete.getJoins() != null && !delete.getJoins().isEmpty();
    }
}
