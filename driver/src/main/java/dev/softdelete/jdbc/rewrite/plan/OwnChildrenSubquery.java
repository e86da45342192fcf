package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * A subquery of a MySQL/MariaDB DELETE that reads a table the delete's cascade changes, but only the children of the
 * row being deleted: the table alone in its FROM, and among the conditions its WHERE ANDs, {@code child.fk =
 * target.key} for the one key by which the cascade changes that table. InnoDB's own cascade changes the children of
 * the rows deleted before, never those of the row at hand, so the hard and the soft delete read the same rows there.
 * Hibernate writes {@code delete from Customer c where not exists (select 1 from Order o where o.customer = c)} so
 * (refused before, as a read of a table the cascade changes; a probe).
 */
public final class OwnChildrenSubquery {
    private OwnChildrenSubquery() {
    }

    /**
     * Whether {@code ref}, a reference to a table the steps change, stands in such a subquery of {@code delete}, the
     * DELETE of {@code root}.
     */
    public static boolean readsOnlyOwnChildren(SyntaxTree tree, TableRef ref, Delete delete, TableName root,
            CascadePlanner.Steps steps) {
        if ((delete.getJoins() != null && !delete.getJoins().isEmpty())
                || (delete.getUsingList() != null && !delete.getUsingList().isEmpty())
                || (delete.getUsingFromItemList() != null && !delete.getUsingFromItemList().isEmpty())
                || delete.getTable() == null) {
            return false; // the rows a join reads are not the row at hand's alone
        }
        String target = nameOf(delete.getTable());
        if (delete.getTables() != null) {
            for (Table t : delete.getTables()) {
                if (!bare(t.getName()).equals(target)) {
                    return false;
                }
            }
        }
        String table = bare(ref.table.getName());
        List<List<String>> key = steps.onlyKeyFrom(table, root);
        if (key == null) {
            return false;
        }
        PlainSelect subquery = null;
        for (PlainSelect block : tree.blocks()) {
            if (block.getFromItem() == ref.table && (block.getJoins() == null || block.getJoins().isEmpty())) {
                subquery = block;
            }
        }
        if (subquery == null || subquery.getWhere() == null) {
            return false;
        }
        String child = nameOf(ref.table);
        if (child.equals(target)) {
            return false; // the subquery's own name hides the target's: no condition could reach the target's row
        }
        Set<String> pairs = new HashSet<>();
        for (Expression e : conjuncts(subquery.getWhere(), new ArrayList<>())) {
            if (e instanceof EqualsTo && ((EqualsTo) e).getLeftExpression() instanceof Column
                    && ((EqualsTo) e).getRightExpression() instanceof Column) {
                Column a = (Column) ((EqualsTo) e).getLeftExpression();
                Column b = (Column) ((EqualsTo) e).getRightExpression();
                pairs.add(pair(a, b, child, target));
                pairs.add(pair(b, a, child, target));
            }
        }
        for (int i = 0; i < key.get(0).size(); i++) {
            if (!pairs.contains(key.get(1).get(i) + "=" + key.get(0).get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code childColumn=targetColumn} when {@code c} is qualified by {@code child} and {@code t} by {@code target}. */
    private static String pair(Column c, Column t, String child, String target) {
        if (c.getTable() == null || t.getTable() == null || !bare(c.getTable().getName()).equals(child)
                || !bare(t.getTable().getName()).equals(target) || c.getTable().getSchemaName() != null
                || t.getTable().getSchemaName() != null) {
            return "";
        }
        return bare(c.getColumnName()) + "=" + bare(t.getColumnName());
    }

    /** The conditions {@code where} ANDs at its top level. */
    private static List<Expression> conjuncts(Expression where, List<Expression> into) {
        if (where instanceof AndExpression) {
            conjuncts(((AndExpression) where).getLeftExpression(), into);
            conjuncts(((AndExpression) where).getRightExpression(), into);
        } else {
            into.add(where);
        }
        return into;
    }

    /** How a table is named in its statement: its alias, else its name (lower case, unquoted). */
    private static String nameOf(Table table) {
        return table.getAlias() != null ? bare(table.getAlias().getName()) : bare(table.getName());
    }

    private static String bare(String name) {
        return name == null ? "" : Identifiers.unquote(name).toLowerCase(Locale.ROOT);
    }
}
