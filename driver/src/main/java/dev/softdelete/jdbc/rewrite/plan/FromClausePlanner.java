package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;

/**
 * Places the visibility predicate of every configured table in a FROM clause so that the query sees the table as
 * if its deleted rows were gone. Three placements, each equivalent to filtering the table before the join:
 * <ul>
 * <li>WHERE, for tables no outer join can null-extend (the first item and comma/CROSS/inner joins, when the chain
 * has no RIGHT or FULL join);</li>
 * <li>the join's ON clause, for INNER and LEFT joins with ON (on the nullable side, WHERE would turn a LEFT JOIN
 * into an inner join);</li>
 * <li>otherwise (RIGHT and FULL joins, USING and NATURAL outer joins, nested join chains) the table is replaced by
 * a filtered derived table, {@code (SELECT * FROM t WHERE live) t}.</li>
 * </ul>
 * Subqueries inside the clause are query blocks of their own and are planned separately.
 */
final class FromClausePlanner {
    private final PlanContext ctx;
    /** The query block being planned locks the rows it reads ({@code FOR UPDATE}, {@code LOCK IN SHARE MODE}). */
    private boolean lockingRead;
    /** See {@link #updating}. */
    private Set<String> updatedQualifiers = Set.of();
    private boolean unqualifiedSet;

    FromClausePlanner(PlanContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the query block planned next is a locking read. */
    void lockingRead(boolean locking) {
        this.lockingRead = locking;
    }

    /**
     * The tables an UPDATE sets columns of, by the qualifier its SET list writes (lower case), and whether a column
     * of it is unqualified (it may be any table's): such a table cannot become a derived table.
     */
    void updating(Set<String> qualifiers, boolean unqualified) {
        this.updatedQualifiers = qualifiers;
        this.unqualifiedSet = unqualified;
    }

    /**
     * Plans {@code first} followed by {@code joins}; predicates for WHERE go to {@code where} when WHERE can take
     * them ({@code whereUsable}), otherwise the tables are wrapped.
     */
    void planChain(FromItem first, List<Join> joins, boolean whereUsable, List<String> where)
            throws StatementRefusedException {
        refuseNaturalJoinOfSoftDeleteColumns(first, joins);
        boolean usable = whereUsable && !hasRightOrFull(joins);
        planItem(first, null, usable, where);
        planJoins(joins, usable, where);
    }

    void planJoins(List<Join> joins, boolean whereUsable, List<String> where) throws StatementRefusedException {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            planItem(join.getFromItem(), join, whereUsable, where);
        }
    }

    /**
     * A NATURAL JOIN joins on every column the two sides share; where both have the soft-delete columns it joins on
     * them too, and a live row's NULL timestamp equals nothing: the join finds no row, where the application, written
     * before the columns were added, meant its own columns. Refused when both sides may have them: a configured
     * table, or anything but a named table (a derived table, a function) in doubt.
     */
    private void refuseNaturalJoinOfSoftDeleteColumns(FromItem first, List<Join> joins)
            throws StatementRefusedException {
        if (joins == null) {
            return;
        }
        boolean left = mayHaveSoftDeleteColumns(first);
        for (Join join : joins) {
            boolean right = mayHaveSoftDeleteColumns(join.getFromItem());
            if (join.isNatural() && left && right) {
                throw Refusals.unrewritable("a NATURAL JOIN of two sides that have the soft-delete columns: it would"
                        + " join on them too; name the join's columns with USING or ON");
            }
            left |= right;
        }
    }

    private boolean mayHaveSoftDeleteColumns(FromItem item) {
        if (item instanceof ParenthesedFromItem) {
            ParenthesedFromItem nested = (ParenthesedFromItem) item;
            if (mayHaveSoftDeleteColumns(nested.getFromItem())) {
                return true;
            }
            if (nested.getJoins() != null) {
                for (Join j : nested.getJoins()) {
                    if (mayHaveSoftDeleteColumns(j.getFromItem())) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!(item instanceof Table)) {
            return true;
        }
        TableRef ref = ctx.tree.ref((Table) item);
        return ref == null || ref.configured();
    }

    static boolean hasRightOrFull(List<Join> joins) {
        if (joins == null) {
            return false;
        }
        for (Join j : joins) {
            if (j.isRight() || j.isFull()) {
                return true;
            }
        }
        return false;
    }

    private void planItem(FromItem item, Join join, boolean whereUsable, List<String> where)
            throws StatementRefusedException {
        if (item instanceof ParenthesedFromItem) {
            ParenthesedFromItem nested = (ParenthesedFromItem) item;
            if ((nested.getJoins() == null || nested.getJoins().isEmpty()) && nested.getAlias() == null) {
                // (t) or (t a) alone: the parentheses change nothing; a derived table inside them, ((SELECT ...) t),
                // is a syntax error on H2
                planItem(nested.getFromItem(), join, whereUsable, where);
                return;
            }
            if ((nested.getJoins() == null || nested.getJoins().isEmpty()) && nested.getFromItem() instanceof Table
                    && ((Table) nested.getFromItem()).getAlias() == null) {
                // (t) x: H2 reads t under the alias outside (PostgreSQL and MariaDB reject the form), and rejects
                // the derived table ((SELECT ...) t) x a probe got
                TableRef inner = ctx.tree.ref((Table) nested.getFromItem());
                if (inner != null) {
                    ctx.aliasedOutside(inner, nested.getAlias());
                }
                planItem(nested.getFromItem(), join, whereUsable, where);
                return;
            }
            planChain(nested.getFromItem(), nested.getJoins(), false, null);
            return;
        }
        if (!(item instanceof Table)) {
            return;
        }
        TableRef ref = ctx.tree.ref((Table) item);
        if (ref == null || !ref.configured()) {
            return;
        }
        ref.claim();
        String predicate = ctx.predicate(ref);
        if (predicate == null) {
            return;
        }
        Expression on = singleOn(join, ref);
        if (on != null) {
            Span span = ctx.locate(on, "ON clause");
            ctx.plan.insert(span.start, "(");
            ctx.plan.insert(span.end, ") AND " + predicate);
        } else if (whereUsable && isInnerWithoutOn(join)) {
            where.add(predicate);
        } else {
            wrap(ref);
        }
    }

    /** The ON condition that can take the predicate: INNER or LEFT join (not NATURAL) with exactly one ON. */
    private Expression singleOn(Join join, TableRef ref) throws StatementRefusedException {
        if (join == null || join.isNatural() || join.isRight() || join.isFull() || join.isApply() || join.isSemi()) {
            return null;
        }
        Collection<Expression> ons = join.getOnExpressions();
        if (ons == null || ons.isEmpty()) {
            return null;
        }
        if (ons.size() > 1) {
            throw ctx.refuse(ref, "a join with several ON clauses");
        }
        return ons.iterator().next();
    }

    /** The first item, comma and CROSS joins, and inner USING/NATURAL joins: nothing can null-extend the table. */
    private static boolean isInnerWithoutOn(Join join) {
        if (join == null) {
            return true;
        }
        boolean outer = join.isLeft() || join.isRight() || join.isFull() || join.isOuter();
        return !outer && !join.isApply() && !join.isSemi();
    }

    /** {@code t [AS] a} becomes {@code (SELECT * FROM t WHERE a-less predicate) [AS] a}; the alias text is kept. */
    private void wrap(TableRef ref) throws StatementRefusedException {
        if (ctx.softDeletesFrom(ref)) {
            throw ctx.refuse(ref, "a DELETE whose target is null-extended by a RIGHT or FULL join, or nested in"
                    + " parentheses");
        }
        String qualifier = ref.table.getAlias() != null ? ref.table.getAlias().getName() : ref.table.getName();
        if (unqualifiedSet || updatedQualifiers.contains(Identifiers.unquote(qualifier).toLowerCase(Locale.ROOT))) {
            // the database cannot update a derived table (MariaDB 1288, MySQL 1288)
            throw ctx.refuse(ref, "an UPDATE that sets columns of a table in a join position that needs a filtered"
                    + " derived table (the nullable side of an outer join, a parenthesised join), or sets unqualified"
                    + " columns beside one");
        }
        if (lockingRead && ctx.dialect != Dialect.POSTGRESQL) {
            // PostgreSQL locks the rows of the tables inside a derived table; MySQL, MariaDB and H2 lock none of them
            throw ctx.refuse(ref, "a locking read (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) with a table in a join"
                    + " position that needs a filtered derived table, through which this database locks no rows");
        }
        Table t = ref.table;
        if (t.getIndexHint() != null || t.getSampleClause() != null || t.getPivot() != null
                || t.getUnPivot() != null || t.getSqlServerHints() != null || t.getTimeTravel() != null
                || t.getTimeTravelStrAfterAlias() != null) {
            throw ctx.refuse(ref, "a join position that needs a filtered derived table, with table hints");
        }
        if (t.getAlias() != null && t.getAlias().getAliasColumns() != null) {
            throw ctx.aliasWithColumns(ref);
        }
        if (ctx.dialect == Dialect.POSTGRESQL && onlyParenthesisedBefore(ctx.tree.sql, ref.name.start)) {
            // ONLY (t): the derived table would go inside the parentheses, after ONLY, which PostgreSQL rejects
            throw ctx.refuse(ref, "ONLY (" + ref.table.getName() + ") in a place that needs a filtered derived table;"
                    + " write ONLY " + ref.table.getName() + " without the parentheses");
        }
        DerivedTableColumns.refuseSystemColumns(ctx, ref, qualifier);
        if (t.getAlias() == null && t.getSchemaName() != null) {
            ctx.wrappedWithSchema.add(ref); // its columns named s.t.c then name a table that is not in the FROM
        } else {
            DerivedTableColumns.refuseSchemaBeforeQualifier(ctx, ref, qualifier);
        }
        String written = ctx.tree.text(ref.name);
        String predicate = LivePredicate.of(ref.config, written, ctx.visibility, ctx.dialect);
        // PostgreSQL's ONLY goes inside, with the table it keeps off its inheritance children
        int only = ctx.dialect == Dialect.POSTGRESQL ? onlyBefore(ctx.tree.sql, ref.name.start) : -1;
        ctx.plan.insert(only >= 0 ? only : ref.name.start, "(SELECT * FROM ");
        ctx.plan.insert(ref.name.end, " WHERE " + predicate + ")" + (t.getAlias() == null ? " " + t.getName() : ""));
    }

    /** Whether {@code ONLY (} stands right before {@code at}, blanks aside. */
    static boolean onlyParenthesisedBefore(String sql, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        if (end == 0 || sql.charAt(end - 1) != '(') {
            return false;
        }
        end--;
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        int start = end - "ONLY".length();
        return start >= 0 && sql.regionMatches(true, start, "ONLY", 0, "ONLY".length())
                && (start == 0 || !Character.isJavaIdentifierPart(sql.charAt(start - 1)));
    }

    /** Where the keyword ONLY starts, when only blanks separate it from {@code at}; else -1. */
    static int onlyBefore(String sql, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        int start = end - "ONLY".length();
        boolean word = start >= 0 && end < at && sql.regionMatches(true, start, "ONLY", 0, "ONLY".length())
                && (start == 0 || !Character.isJavaIdentifierPart(sql.charAt(start - 1)));
        return word ? start : -1;
    }
}
