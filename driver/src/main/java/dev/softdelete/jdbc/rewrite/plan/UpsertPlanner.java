package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.UniqueKey;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.insert.ConflictActionType;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.InsertConflictTarget;

/**
 * Upserts into a soft-delete table: {@code ON CONFLICT}, {@code ON DUPLICATE KEY UPDATE}, {@code INSERT IGNORE}.
 * On a hard-deleted table a deleted row's key is free; on a soft-delete table it is free only in the unique keys
 * that ignore soft-deleted rows (see {@link UniqueKey}). So an upsert goes through when every unique key it can
 * conflict on is soft-delete-aware, and is refused otherwise, naming the key to change: a conflict with a deleted
 * row would update that row (losing what it held when deleted) or skip the insert, neither of which a hard delete
 * would have done. The one tolerance: a primary key that the insert does not set (the database generates it)
 * cannot conflict; one that it sets may conflict with a deleted row only in an upsert that then does nothing
 * ({@code DO NOTHING}, {@code INSERT IGNORE}), which keeps the deleted row deleted (the README says so).
 *
 * <p>PostgreSQL infers a partial unique index as the arbiter only when {@code ON CONFLICT} repeats its predicate:
 * the driver adds it ({@code ON CONFLICT (email) WHERE NOT is_deleted}).
 */
final class UpsertPlanner {
    private final PlanContext ctx;
    private final Catalog catalog;

    UpsertPlanner(PlanContext ctx, Catalog catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    void plan(Insert insert, TableRef target) throws StatementRefusedException {
        ctx.refuseUnreadSchema(target, "an upsert");
        TableConfig table = target.config;
        List<UniqueKey> keys = catalog.uniqueKeys(table.name());
        if (keys.isEmpty()) {
            throw ctx.refuse(target, "an upsert (ON CONFLICT / ON DUPLICATE KEY UPDATE / INSERT IGNORE), whose"
                    + " conflicting row may be soft-deleted, into a table whose unique keys the driver does not know");
        }
        InsertConflictAction conflict = insert.getConflictAction();
        String assignment = FlagAssignments.deleting(table, conflict != null ? conflict.getUpdateSets()
                : insert.getDuplicateUpdateSets(), column -> true);
        if (assignment != null) {
            throw ctx.refuse(target, FlagAssignments.reason("an upsert", assignment));
        }
        boolean doesNothing = conflict != null ? conflict.getConflictActionType() != ConflictActionType.DO_UPDATE
                : insert.getDuplicateUpdateSets() == null;
        List<UniqueKey> arbiters = keys;
        InsertConflictTarget on = insert.getConflictTarget();
        if (conflict != null && on != null) {
            UniqueKey arbiter = arbiter(on, keys);
            if (arbiter == null) {
                throw ctx.refuse(target, "an ON CONFLICT whose target is no unique key the driver knows");
            }
            // PostgreSQL takes as arbiters every unique index over the columns whose predicate the target implies:
            // a plain one next to the aware one holds the deleted rows' keys, and its conflict would update one
            arbiters = on.getConstraintName() != null ? List.of(arbiter) : overSameColumns(arbiter, keys);
            if (arbiter.softDeleteAware && arbiter.predicate != null) {
                addPredicate(target, arbiter);
            }
        }
        for (UniqueKey key : arbiters) {
            if (key.exclusion) {
                // a soft-deleted row's range still excludes the new row's: DO NOTHING would skip it silently where
                // the hard-deleted table takes it (a probe)
                throw ctx.refuse(target, "an upsert into a table with exclusion constraint " + key.name + ", which"
                        + " still holds the soft-deleted rows; insert without ON CONFLICT");
            }
            if (key.softDeleteAware) {
                continue;
            }
            if (tolerated(key, insert, doesNothing) || coversToleratedPrimaryKey(key, keys, insert, doesNothing)) {
                continue;
            }
            throw ctx.refuse(target, "an upsert that may conflict on unique key " + key.name + " ("
                    + String.join(", ", key.columns) + "), which still holds the keys of soft-deleted rows;"
                    + " make that key soft-delete-aware (PostgreSQL: a unique index ... WHERE NOT <flag>; MySQL/"
                    + "MariaDB: a unique index over a generated column that is NULL for deleted rows), or let"
                    + " the database generate it");
        }
        target.claim();
    }

    /** The unique key an {@code ON CONFLICT (cols)} or {@code ON CONFLICT ON CONSTRAINT name} designates. */
    private static UniqueKey arbiter(InsertConflictTarget on, List<UniqueKey> keys) {
        if (on.getConstraintName() != null) {
            for (UniqueKey k : keys) {
                if (k.name.equalsIgnoreCase(on.getConstraintName().replace("\"", ""))) {
                    return k;
                }
            }
            return null;
        }
        List<String> columns = on.getIndexColumnNames();
        if (columns == null || columns.isEmpty() || on.getIndexExpression() != null) {
            return null;
        }
        UniqueKey found = null;
        for (UniqueKey k : keys) {
            if (k.over(columns) && (found == null || k.softDeleteAware)) {
                found = k; // a soft-delete-aware index over the columns is the one the driver makes the arbiter
            }
        }
        return found;
    }

    /** The keys over the same columns as {@code arbiter}, in any order, it among them. */
    private static List<UniqueKey> overSameColumns(UniqueKey arbiter, List<UniqueKey> keys) {
        List<UniqueKey> result = new ArrayList<>();
        for (UniqueKey k : keys) {
            if (k == arbiter || k.over(arbiter.columns)) {
                result.add(k);
            }
        }
        return result;
    }

    /** The primary key, when the insert does not set it (the database generates it) or the upsert does nothing. */
    private static boolean tolerated(UniqueKey key, Insert insert, boolean doesNothing) {
        return key.primary && (!setsColumns(insert, key) || doesNothing);
    }

    /**
     * Whether {@code key} holds every column of a tolerated primary key: it conflicts only where that key does (the
     * {@code softdelete_lock_...} index {@code (id, is_deleted)} that {@code migrate} creates, for one).
     */
    private static boolean coversToleratedPrimaryKey(UniqueKey key, List<UniqueKey> keys, Insert insert,
            boolean doesNothing) {
        for (UniqueKey primary : keys) {
            if (primary != key && tolerated(primary, insert, doesNothing) && !primary.columns.isEmpty()
                    && primary.columns.stream().allMatch(c -> key.columns.stream().anyMatch(c::equalsIgnoreCase))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the insert gives values to the key's columns (an insert without a column list gives all; MySQL's
     * {@code INSERT ... SET a = 1} those it sets).
     */
    private static boolean setsColumns(Insert insert, UniqueKey key) {
        List<Column> columns = new ArrayList<>();
        if (insert.getColumns() != null) {
            columns.addAll(insert.getColumns());
        }
        if (insert.getSetUpdateSets() != null) {
            insert.getSetUpdateSets().forEach(set -> columns.addAll(set.getColumns()));
        }
        if (columns.isEmpty()) {
            return true;
        }
        List<String> named = new ArrayList<>();
        for (Column c : columns) {
            named.add(c.getColumnName().replace("\"", "").replace("`", ""));
        }
        for (String k : key.columns) {
            if (named.stream().anyMatch(n -> n.equalsIgnoreCase(k))) {
                return true;
            }
        }
        return false;
    }

    /** {@code ON CONFLICT (email)} becomes {@code ON CONFLICT (email) WHERE <the index's predicate>}. */
    private void addPredicate(TableRef target, UniqueKey arbiter) throws StatementRefusedException {
        TokenIndex tokens = ctx.tree.tokens();
        int from = tokens.firstAtOrAfter(target.name.end);
        int end = ctx.tree.sql.length();
        for (int k = 0; k < ctx.tree.statements().size(); k++) {
            if (ctx.tree.statementSpan(k).contains(target.name.start)) {
                end = ctx.tree.statementSpan(k).end; // the statement's own ON CONFLICT, not a later statement's
            }
        }
        int conflict = -1;
        for (int i = from; i + 1 < tokens.size() && tokens.start(i) < end; i++) {
            if ("ON".equalsIgnoreCase(tokens.image(i)) && "CONFLICT".equalsIgnoreCase(tokens.image(i + 1))) {
                conflict = i + 1;
            }
        }
        if (conflict < 0 || conflict + 1 >= tokens.size() || !"(".equals(tokens.image(conflict + 1))) {
            throw ctx.refuse(target, "an ON CONFLICT target the driver cannot locate");
        }
        int depth = 0;
        for (int i = conflict + 1; i < tokens.size(); i++) {
            if ("(".equals(tokens.image(i))) {
                depth++;
            } else if (")".equals(tokens.image(i)) && --depth == 0) {
                if (i + 1 < tokens.size() && "WHERE".equalsIgnoreCase(tokens.image(i + 1))) {
                    andPredicate(target, i + 1, arbiter);
                } else {
                    ctx.plan.insert(tokens.end(i), " WHERE " + arbiter.predicate);
                }
                return;
            }
        }
        throw ctx.refuse(target, "an ON CONFLICT target the driver cannot locate");
    }

    /**
     * {@code ON CONFLICT (email) WHERE p DO ...} becomes {@code ... WHERE (p) AND <the index's predicate> DO ...}:
     * PostgreSQL infers the partial index only from a predicate that implies its own.
     */
    private void andPredicate(TableRef target, int where, UniqueKey arbiter) throws StatementRefusedException {
        TokenIndex tokens = ctx.tree.tokens();
        int depth = 0;
        for (int i = where + 1; i < tokens.size(); i++) {
            String image = tokens.image(i);
            if ("(".equals(image)) {
                depth++;
            } else if (")".equals(image)) {
                depth--;
            } else if (depth == 0 && "DO".equalsIgnoreCase(image) && i > where + 1) {
                ctx.plan.insert(tokens.start(where + 1), "(");
                ctx.plan.insert(tokens.end(i - 1), ") AND " + arbiter.predicate);
                return;
            }
        }
        throw ctx.refuse(target, "an ON CONFLICT target's WHERE the driver cannot locate the end of");
    }
}
