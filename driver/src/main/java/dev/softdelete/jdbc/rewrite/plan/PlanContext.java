package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;

/** What the planners of one SQL string share: the analysed tree, the plan being built, visibility and dialect. */
final class PlanContext {
    final SyntaxTree tree;
    final RewritePlan plan = new RewritePlan();
    final Visibility visibility;
    final Dialect dialect;

    PlanContext(SyntaxTree tree, Visibility visibility, Dialect dialect) {
        this.tree = tree;
        this.visibility = visibility;
        this.dialect = dialect;
    }

    /** The name by which the statement refers to the table's columns: its alias, else the name as written. */
    String qualifier(TableRef ref) throws StatementRefusedException {
        Alias alias = ref.table.getAlias();
        if (alias == null) {
            return tree.text(ref.name);
        }
        if (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
            throw refuse(ref, "an alias with a column list");
        }
        if (alias.getName().startsWith("'")) {
            throw refuse(ref, "an alias written as a string literal");
        }
        return alias.getName();
    }

    String predicate(TableRef ref, Visibility v) throws StatementRefusedException {
        return LivePredicate.of(ref.config, qualifier(ref), v, dialect);
    }

    String predicate(TableRef ref) throws StatementRefusedException {
        return predicate(ref, visibility);
    }

    String assignments(TableConfig table) {
        return LivePredicate.softDeleteAssignments(table, dialect);
    }

    /** Adds {@code conjuncts} to a WHERE clause: {@code WHERE (original) AND c1 AND c2}, or a new WHERE. */
    void addWhere(Expression where, int insertAtIfNone, List<String> conjuncts) throws StatementRefusedException {
        if (conjuncts.isEmpty()) {
            return;
        }
        String all = String.join(" AND ", conjuncts);
        if (where == null) {
            plan.insert(insertAtIfNone, " WHERE " + all);
            return;
        }
        Span span = locate(where, "WHERE clause");
        plan.insert(span.start, "(");
        plan.insert(span.end, ") AND " + all);
    }

    Span locate(Object parsed, String what) throws StatementRefusedException {
        Span span = tree.span(parsed);
        if (span == null) {
            throw new StatementRefusedException(StatementRefusedException.UNREWRITABLE,
                    "cannot locate the " + what + " in the statement text");
        }
        return span;
    }

    StatementRefusedException refuse(TableRef ref, String construct) {
        return Refusals.unrewritable(ref, construct);
    }
}
