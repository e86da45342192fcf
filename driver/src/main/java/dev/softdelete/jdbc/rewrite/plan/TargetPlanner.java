package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.update.Update;

/**
 * UPDATE and DELETE: the statements with a target table. A DELETE of a configured table becomes
 * {@code UPDATE t SET <flag> = TRUE, <timestamp> = <now> WHERE (...) AND <live>}; an UPDATE only touches the rows its
 * visibility lets it see. Tables read alongside the target (PostgreSQL FROM/USING, MySQL joins) are filtered like
 * any FROM clause.
 */
final class TargetPlanner {
    private final PlanContext ctx;
    private final FromClausePlanner from;

    TargetPlanner(PlanContext ctx) {
        this.ctx = ctx;
        this.from = new FromClausePlanner(ctx);
    }

    void planUpdate(Update update, Span statement) throws StatementRefusedException {
        List<String> where = new ArrayList<>();
        TableRef target = ctx.tree.ref(update.getTable());
        if (target != null && target.configured()) {
            target.claim();
            if (FromClausePlanner.hasRightOrFull(update.getStartJoins())) {
                throw ctx.refuse(target, "an UPDATE whose target is null-extended by a RIGHT or FULL join");
            }
            addIfPresent(where, ctx.predicate(target));
        }
        boolean usable = !FromClausePlanner.hasRightOrFull(update.getStartJoins());
        from.planJoins(update.getStartJoins(), usable, where);
        if (update.getFromItem() != null) {
            from.planChain(update.getFromItem(), update.getJoins(), true, where);
        } else {
            from.planJoins(update.getJoins(), usable, where);
        }
        TokenIndex tokens = ctx.tree.tokens();
        int set = tokens.findAtDepthZero(tokens.firstAtOrAfter(statement.start), tokens.firstAtOrAfter(statement.end),
                "SET");
        ctx.addWhere(update.getWhere(), endOfClauses(set < 0 ? statement.start : tokens.start(set), statement),
                where);
    }

    void planDelete(Delete delete, Span statement, boolean hardDelete) throws StatementRefusedException {
        List<String> where = new ArrayList<>();
        TableRef target = ctx.tree.ref(delete.getTable());
        boolean multiTable = (delete.getTables() != null && !delete.getTables().isEmpty())
                || (delete.getJoins() != null && !delete.getJoins().isEmpty());
        if (multiTable) {
            planMultiTableDelete(delete, hardDelete, where);
        } else if (target != null && target.configured() && !hardDelete) {
            target.claim();
            softDelete(delete, target, statement);
            ctx.plan.softDeletes(target.config);
            where.add(ctx.predicate(target, Visibility.ACTIVE));
        } else if (target != null) {
            target.claim();
        }
        if (delete.getUsingList() != null) {
            for (int i = 0; i < delete.getUsingList().size(); i++) {
                from.planChain(delete.getUsingList().get(i), null, true, where);
            }
        }
        ctx.addWhere(delete.getWhere(), endOfClauses(ctx.locate(delete.getTable(), "DELETE target").end, statement),
                where);
    }

    /**
     * MySQL's {@code DELETE a, b FROM a JOIN b ...}: its targets name tables of the FROM clause, by alias or by name.
     * Deleting from a configured table this way is refused (unless hard-delete); the FROM clause is filtered as a
     * read.
     */
    private void planMultiTableDelete(Delete delete, boolean hardDelete, List<String> where)
            throws StatementRefusedException {
        List<Table> fromTables = new ArrayList<>();
        fromTables.add(delete.getTable());
        if (delete.getJoins() != null) {
            for (Join j : delete.getJoins()) {
                if (j.getFromItem() instanceof Table) {
                    fromTables.add((Table) j.getFromItem());
                }
            }
        }
        List<Table> targets = delete.getTables() == null || delete.getTables().isEmpty()
                ? List.of(delete.getTable()) : delete.getTables();
        for (Table named : targets) {
            TableRef namedRef = ctx.tree.ref(named);
            for (Table t : fromTables) {
                TableRef ref = ctx.tree.ref(t);
                if (ref != null && ref.configured() && !hardDelete && (named == t || denotes(named, t))) {
                    throw ctx.refuse(ref, "a multi-table DELETE");
                }
            }
            if (namedRef != null && namedRef.configured() && !hardDelete) {
                throw ctx.refuse(namedRef, "a multi-table DELETE");
            }
            if (namedRef != null) {
                namedRef.claim();
            }
        }
        TableRef first = ctx.tree.ref(delete.getTable());
        boolean usable = !FromClausePlanner.hasRightOrFull(delete.getJoins());
        if (first != null && first.configured()) {
            first.claim();
            String predicate = ctx.predicate(first);
            if (predicate != null) {
                if (!usable) {
                    throw ctx.refuse(first, "a multi-table DELETE with a RIGHT or FULL join");
                }
                where.add(predicate);
            }
        }
        from.planJoins(delete.getJoins(), usable, where);
    }

    /** Whether a DELETE target name ({@code o} or {@code orders}) denotes the FROM table {@code t}. */
    private boolean denotes(Table named, Table t) {
        String name = named.getName();
        if (t.getAlias() != null) {
            return Identifiers.unquote(t.getAlias().getName()).equalsIgnoreCase(Identifiers.unquote(name));
        }
        return Identifiers.unquote(t.getName()).equalsIgnoreCase(Identifiers.unquote(name));
    }

    /** DELETE [FROM] t [AS a] ... becomes UPDATE t [AS a] SET ... ; PostgreSQL's USING becomes FROM. */
    private void softDelete(Delete delete, TableRef target, Span statement) throws StatementRefusedException {
        if (delete.isModifierQuick()) {
            throw ctx.refuse(target, "DELETE QUICK");
        }
        TokenIndex tokens = ctx.tree.tokens();
        if (delete.getOutputClause() != null) {
            throw ctx.refuse(target, "DELETE ... OUTPUT");
        }
        if (delete.getReturningClause() != null) {
            checkReturning(target, statement);
        }
        int first = tokens.firstAtOrAfter(statement.start);
        int nameIdx = tokens.firstAtOrAfter(target.name.start);
        int deleteIdx = tokens.findAtDepthZero(first, nameIdx, "DELETE");
        if (deleteIdx < 0) {
            throw ctx.refuse(target, "a DELETE whose keyword cannot be located");
        }
        ctx.plan.replace(tokens.start(deleteIdx), tokens.end(deleteIdx), "UPDATE");
        int fromIdx = tokens.findAtDepthZero(deleteIdx + 1, nameIdx, "FROM");
        if (fromIdx >= 0) {
            ctx.plan.replace(tokens.start(fromIdx), target.name.start, "");
        }
        ctx.plan.insert(endOfAlias(target, nameIdx), " SET " + ctx.assignments(target.config));
        if (delete.getUsingList() != null && !delete.getUsingList().isEmpty()) {
            int using = tokens.findAtDepthZero(nameIdx, tokens.firstAtOrAfter(statement.end), "USING");
            if (using < 0) {
                throw ctx.refuse(target, "DELETE ... USING whose keyword cannot be located");
            }
            ctx.plan.replace(tokens.start(using), tokens.end(using), "FROM");
        }
    }

    /**
     * DELETE ... RETURNING becomes UPDATE ... RETURNING, which returns the rows as updated: identical to the deleted
     * rows unless the list shows the soft-delete columns ({@code *} included). Only PostgreSQL has UPDATE ...
     * RETURNING at all.
     */
    private void checkReturning(TableRef target, Span statement) throws StatementRefusedException {
        if (!ctx.dialect.supportsUpdateReturning()) {
            throw ctx.refuse(target, "DELETE ... RETURNING, which needs UPDATE ... RETURNING, absent from "
                    + ctx.dialect);
        }
        TokenIndex tokens = ctx.tree.tokens();
        int end = tokens.firstAtOrAfter(statement.end);
        int returning = tokens.findAtDepthZero(tokens.firstAtOrAfter(target.name.end), end, "RETURNING");
        for (int i = returning + 1; returning >= 0 && i < end; i++) {
            String word = Identifiers.unquote(tokens.image(i));
            if ("*".equals(word) || word.equalsIgnoreCase(target.config.flagColumn())
                    || word.equalsIgnoreCase(target.config.timestampColumn())) {
                throw ctx.refuse(target, "DELETE ... RETURNING of " + word + ", which would show the row as"
                        + " soft-deleted rather than as it was");
            }
        }
    }

    /** The end of {@code t}, {@code t a} or {@code t AS a}. */
    private int endOfAlias(TableRef target, int nameIdx) throws StatementRefusedException {
        TokenIndex tokens = ctx.tree.tokens();
        int last = tokens.firstAtOrAfter(target.name.end) - 1;
        if (target.table.getAlias() == null) {
            return tokens.end(last);
        }
        int aliasIdx = last + 1;
        if (aliasIdx < tokens.size() && "AS".equalsIgnoreCase(tokens.image(aliasIdx))) {
            aliasIdx++;
        }
        if (aliasIdx >= tokens.size() || !tokens.image(aliasIdx).equalsIgnoreCase(target.table.getAlias().getName())) {
            throw ctx.refuse(target, "a DELETE whose alias cannot be located");
        }
        return tokens.end(aliasIdx);
    }

    /**
     * Where a new WHERE goes when there is none: before the first ORDER BY, LIMIT or RETURNING after
     * {@code from}, else at the end of the statement.
     */
    private int endOfClauses(int from, Span statement) {
        TokenIndex tokens = ctx.tree.tokens();
        int end = tokens.firstAtOrAfter(statement.end);
        int clause = tokens.findAtDepthZero(tokens.firstAtOrAfter(from), end, "ORDER", "LIMIT", "RETURNING");
        return clause < 0 ? statement.end : tokens.end(clause - 1);
    }

    private static void addIfPresent(List<String> where, String predicate) {
        if (predicate != null) {
            where.add(predicate);
        }
    }
}
