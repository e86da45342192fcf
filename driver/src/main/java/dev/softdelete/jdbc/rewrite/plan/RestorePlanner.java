package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.KeyedStatement;
import dev.softdelete.jdbc.rewrite.RestorePlan;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.analyse.Span;
import dev.softdelete.jdbc.rewrite.analyse.SyntaxTree;
import dev.softdelete.jdbc.rewrite.analyse.TableRef;
import dev.softdelete.jdbc.rewrite.analyse.TokenIndex;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;

/**
 * Plans {@code UNDELETE FROM t [alias] [WHERE cond]}: restores the matching soft-deleted rows of {@code t} and,
 * along the cascade map, exactly the children that the same delete events deleted — a child is restored when it
 * was deleted by the same event as a parent being restored (the same batch id, else the identical timestamp), so a
 * child deleted earlier on its own stays deleted. See {@link RestorePlan} for the order: the parents of the rows
 * are locked and checked (a row whose parent, by a cascade edge or a foreign key into {@code t}, is still deleted is
 * not restored: the statement is refused, since a live child of a deleted parent is a state a hard delete cannot
 * produce); the rows' keys and events are captured under lock; the rows are restored, then their children by the
 * captured values, level by level.
 */
public final class RestorePlanner {
    private final Map<String, TableConfig> byName = new HashMap<>();
    private final List<TableConfig> tables;
    private final Dialect dialect;
    private final Catalog catalog;

    public RestorePlanner(SoftDeleteConfig config, Dialect dialect, Catalog catalog) {
        this.catalog = catalog;
        this.tables = config.tables();
        for (TableConfig t : tables) {
            byName.put(t.name().normalized(), t);
        }
        this.dialect = dialect;
    }

    /**
     * @param tree the statement with UNDELETE masked as DELETE
     * @param prefix the text before the UNDELETE keyword (comments), kept in front of the statement sent
     */
    public Rewrite plan(SyntaxTree tree, String prefix) throws StatementRefusedException {
        List<Statement> statements = tree.statements();
        if (statements.size() != 1 || !(statements.get(0) instanceof Delete)) {
            throw Refusals.unrewritable("UNDELETE must be a single UNDELETE FROM table [alias] [WHERE ...]");
        }
        Delete delete = (Delete) statements.get(0);
        TableRef target = tree.ref(delete.getTable());
        if (target == null || !target.configured()) {
            throw Refusals.forbidden("UNDELETE works on soft-delete tables only, and "
                    + delete.getTable().getFullyQualifiedName() + " is not one");
        }
        if (hasAnythingButWhere(delete)) {
            throw Refusals.unrewritable(target, "an UNDELETE with joins, USING, ORDER BY, LIMIT, RETURNING or WITH");
        }
        String schema = target.table.getSchemaName() == null ? null : Identifiers.unquote(target.table.getSchemaName());
        if (!catalog.describes(target.config.name(), schema)) {
            throw Refusals.unrewritable(target, "an UNDELETE in schema " + schema + ", whose"
                    + " foreign keys the driver did not read (see the DELETE of such a table)");
        }
        Span statement = tree.statementSpan(0);
        TokenIndex tokens = tree.tokens();
        for (int i = tokens.firstAtOrAfter(statement.start); i < tokens.firstAtOrAfter(statement.end); i++) {
            if ("?".equals(tokens.image(i))) {
                throw Refusals.unrewritable(target, "an UNDELETE with ? parameters (restore statements repeat"
                        + " its condition; write the values in the text)");
            }
        }
        for (TableRef ref : tree.refs()) {
            if (ref.configured() && ref != target) {
                throw Refusals.unrewritable(ref, "an UNDELETE condition that reads another soft-delete table");
            }
        }
        String unstable = RestoreCondition.unstablePart(delete.getWhere());
        if (unstable != null) {
            throw Refusals.unrewritable("UNDELETE of soft-delete table " + target.config.name() + " with " + unstable
                    + " in its condition: the restore reads the condition in several statements (the parents, the rows,"
                    + " their keys for the children), which must all find the same rows, and a function, time keyword,"
                    + " variable or subquery may answer otherwise from one to the next; write the condition with the"
                    + " table's columns and literal values (id = 42, deleted_at >= TIMESTAMP '2026-01-31 10:00:00')");
        }
        TableConfig root = target.config;
        TableName coarse = coarseBelow(root, new HashSet<>());
        if (coarse != null) {
            throw Refusals.unrewritable("UNDELETE of soft-delete table " + root.name() + ", whose children are found by"
                    + " the delete event's timestamp, where the timestamp column of " + coarse + " holds less than"
                    + " microseconds: stored, it no longer equals the event's, and the children would stay deleted;"
                    + " widen it to microseconds (softdelete-cli migrate does)");
        }
        String tableText = tree.text(target.name);
        String alias = delete.getTable().getAlias() == null ? null : delete.getTable().getAlias().getName();
        String qualifier = alias == null ? tableText : alias;
        String condition = delete.getWhere() == null ? null : tree.text(tree.span(delete.getWhere()));
        String deleted = LivePredicate.of(root, qualifier, Visibility.ONLY_DELETED, dialect);
        String where = (condition == null ? "" : "(" + condition + ") AND ") + deleted;
        String from = "FROM " + tableText + (alias == null ? "" : " " + alias) + " WHERE " + where;

        String main = prefix + "UPDATE " + tableText + (alias == null ? "" : " " + alias) + " SET "
                + restoreAssignments(root) + " WHERE " + where;
        List<String> locks = new ArrayList<>();
        List<Rewrite.Guard> guards = new ArrayList<>();
        for (ParentEdge edge : parentEdges(root)) {
            String parents = "FROM " + edge.parent.name() + " softdelete_p WHERE " + tuple("softdelete_p.",
                    edge.keys) + " IN (SELECT " + String.join(", ", prefixed(qualifier + ".", edge.columns)) + " "
                    + from + ")";
            locks.add("SELECT 1 " + parents + dialect.allRows() + (dialect.isMySqlFamily() ? " LOCK IN SHARE MODE"
                    : dialect == Dialect.POSTGRESQL ? " FOR SHARE" : " FOR UPDATE"));
            // a parent in the table itself that this UNDELETE restores too (a row that references itself, or the
            // parent of a named row named as well) is not "still deleted": without this a self-loop row, or a
            // subtree named as a whole, could never be restored. On MySQL/MariaDB only the row itself: the guard
            // trigger checks each row as the one UPDATE writes it, in key order, and saw a child's parent, named
            // too, still deleted (a probe: 23000 where the SD002 below says what to do)
            String restoredTogether = !selfAndAncestors(root.name()).contains(edge.parent.name()) ? ""
                    : dialect.isMySqlFamily() ? " AND NOT COALESCE(" + tuple("softdelete_p.", edge.keys) + " = "
                            + tuple("softdelete_p.", edge.columns) + ", FALSE)"
                    : " AND NOT (" + tuple("softdelete_p.", edge.keys) + " IN (SELECT " + String.join(", ",
                            prefixed(qualifier + ".", edge.keys)) + " " + from + "))";
            // on MySQL/MariaDB a locking read, which sees the latest committed rows whatever the snapshot
            guards.add(Rewrite.Guard.refusal("SELECT 1 " + parents + " AND " + LivePredicate.of(edge.parent,
                    "softdelete_p", Visibility.ONLY_DELETED, dialect) + restoredTogether + dialect.firstRow()
                    + (dialect.isMySqlFamily() ? " LOCK IN SHARE MODE" : ""), "softdelete-jdbc refused the"
                    + " UNDELETE: rows of " + root.name() + " to restore have a parent in " + edge.parent.name()
                    + " that is still soft-deleted; restore the parent first (its UNDELETE brings back the"
                    + " children deleted with it)"));
        }
        List<String> captured = captured(root);
        String capture = captured.isEmpty() ? null
                : "SELECT " + String.join(", ", prefixed(qualifier + ".", captured)) + " " + from + dialect.allRows()
                        + " FOR UPDATE";
        Map<String, List<RestorePlan.Edge>> below = new HashMap<>();
        List<RestorePlan.Edge> rootEdges = edges(root, below);
        return Rewrite.restore(main, new RestorePlan(locks, guards, capture, captured, root.name().normalized(),
                rootEdges, below, restoredBefore(below.keySet())));
    }

    /**
     * Per table the restore reaches, the others it reaches that one of its keys or cascade edges references: their
     * rows come back first (a probe's order, which references an address by a plain key, came back before the
     * address, both cascading from the customer, and the guard refused it).
     */
    private Map<String, Set<String>> restoredBefore(Set<String> reached) {
        Map<String, Set<String>> result = new HashMap<>();
        for (String table : reached) {
            TableConfig config = byName.get(table);
            if (config == null) {
                continue;
            }
            for (ParentEdge edge : parentEdges(config)) {
                String parent = edge.parent.name().normalized();
                if (!parent.equals(table) && reached.contains(parent)) {
                    result.computeIfAbsent(table, k -> new HashSet<>()).add(parent);
                }
            }
        }
        return result;
    }

    /**
     * Of {@code table} and the tables below it, the first whose timestamp column holds less than microseconds where a
     * cascade edge finds the children by timestamp (not both ends have a batch column); null when none does.
     */
    private TableName coarseBelow(TableConfig table, Set<TableName> seen) {
        if (!seen.add(table.name())) {
            return null;
        }
        for (Cascade edge : table.cascades()) {
            TableConfig child = byName.get(edge.table().normalized());
            if (child == null) {
                continue;
            }
            boolean byTimestamp = table.batchColumn() == null || child.batchColumn() == null;
            if (byTimestamp && catalog.coarseTimestamp(table.name())) {
                return table.name();
            }
            if (byTimestamp && catalog.coarseTimestamp(child.name())) {
                return child.name();
            }
            TableName below = coarseBelow(child, seen);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    private static boolean hasAnythingButWhere(Delete d) {
        return (d.getTables() != null && !d.getTables().isEmpty()) || (d.getJoins() != null && !d.getJoins().isEmpty())
                || (d.getUsingFromItemList() != null && !d.getUsingFromItemList().isEmpty()) || d.getOrderByElements() != null
                || d.getLimit() != null || d.getReturningClause() != null || d.getOutputClause() != null
                || (d.getWithItemsList() != null && !d.getWithItemsList().isEmpty());
    }

    /** A table whose rows the rows of a restored table reference: by a cascade edge or by a foreign key. */
    private static final class ParentEdge {
        final TableConfig parent;
        /** The referencing columns in the restored table, and the keys they reference in the parent. */
        final List<String> columns;
        final List<String> keys;

        ParentEdge(TableConfig parent, List<String> columns, List<String> keys) {
            this.parent = parent;
            this.columns = columns;
            this.keys = keys;
        }
    }

    /**
     * Every parent of {@code child}: cascade edges into it, and foreign keys from it into soft-delete tables; for a
     * partition or inheriting table (PostgreSQL) also those of the configured tables it descends from, whose
     * cascades reach its rows (and whose keys, on a partitioned table, constrain them).
     */
    private List<ParentEdge> parentEdges(TableConfig child) {
        List<TableName> selves = selfAndAncestors(child.name());
        List<ParentEdge> result = new ArrayList<>();
        for (TableConfig parent : tables) {
            for (Cascade edge : parent.cascades()) {
                if (selves.contains(edge.table()) && result.stream().noneMatch(e ->
                        e.parent == parent && e.columns.equals(edge.columns()))) {
                    result.add(new ParentEdge(parent, edge.columns(), edge.references()));
                }
            }
        }
        for (ForeignKey fk : catalog.foreignKeys()) {
            TableConfig parent = fk.configuredParent == null ? null : byName.get(fk.configuredParent.normalized());
            // a key declared on a plain table that others inherit from holds that table's own rows only
            boolean holdsTheRows = child.name().equals(fk.configuredChild) || !fk.childRowsOnly;
            if (parent != null && holdsTheRows && selves.contains(fk.configuredChild) && result.stream().noneMatch(e ->
                    e.parent == parent && e.columns.equals(fk.childColumns))) {
                result.add(new ParentEdge(parent, fk.childColumns, fk.parentColumns));
            }
        }
        return result;
    }

    /** {@code table} and the configured tables it is a partition or inheriting table of, nearest first. */
    private List<TableName> selfAndAncestors(TableName table) {
        List<TableName> result = new ArrayList<>();
        TableName t = table;
        while (t != null && !result.contains(t)) {
            result.add(t);
            TableName up = catalog.descendants().get(t);
            t = up != null ? up : catalog.configuredDescendants().get(t);
        }
        return result;
    }

    /**
     * The cascade edges a restore of {@code table}'s rows follows: its own and, for a partition or inheriting table,
     * those of the configured tables it descends from (the database's ON DELETE CASCADE keys into a partitioned table
     * took the partition's children along when it was deleted from, and restore with it).
     */
    private List<Cascade> cascadesOf(TableConfig table) {
        List<Cascade> result = new ArrayList<>(table.cascades());
        for (TableName ancestor : selfAndAncestors(table.name())) {
            TableConfig config = byName.get(ancestor.normalized());
            if (config == null || config == table) {
                continue;
            }
            for (Cascade edge : config.cascades()) {
                if (result.stream().noneMatch(c -> c.table().equals(edge.table()) && c.columns().equals(edge.columns()))) {
                    result.add(edge);
                }
            }
        }
        return result;
    }

    /** The column that tells the delete events of {@code parent}'s rows apart, for its children in {@code child}. */
    private static String eventColumn(TableConfig table, TableConfig parent, TableConfig child) {
        boolean byBatch = parent.batchColumn() != null && child.batchColumn() != null;
        return byBatch ? table.batchColumn() : table.timestampColumn();
    }

    /** The columns of {@code table}'s rows its cascade edges need: their referenced keys and the events. */
    private List<String> captured(TableConfig table) {
        Set<String> columns = new LinkedHashSet<>();
        for (Cascade edge : cascadesOf(table)) {
            TableConfig child = byName.get(edge.table().normalized());
            columns.addAll(edge.references());
            columns.add(eventColumn(table, table, child));
        }
        return new ArrayList<>(columns);
    }

    /**
     * The cascade edges below {@code parent}, each with the statements that capture and restore its children; those
     * below each child table go into {@code below}, once per table (a cycle comes back to a table already there).
     */
    private List<RestorePlan.Edge> edges(TableConfig parent, Map<String, List<RestorePlan.Edge>> below) {
        List<RestorePlan.Edge> result = new ArrayList<>();
        below.put(parent.name().normalized(), result);
        for (Cascade edge : cascadesOf(parent)) {
            TableConfig child = byName.get(edge.table().normalized());
            List<String> parentColumns = new ArrayList<>(edge.references());
            parentColumns.add(eventColumn(parent, parent, child));
            List<String> childColumns = new ArrayList<>(edge.columns());
            childColumns.add(eventColumn(child, parent, child));
            String deleted = " WHERE " + LivePredicate.of(child, null, Visibility.ONLY_DELETED, dialect) + " AND ";
            List<String> captured = captured(child);
            result.add(new RestorePlan.Edge(parentColumns,
                    captured.isEmpty() ? null : KeyedStatement.query("SELECT " + String.join(", ", captured) + " FROM "
                            + child.name() + deleted, childColumns, dialect.allRows() + " FOR UPDATE"),
                    KeyedStatement.update("UPDATE " + child.name() + " SET " + restoreAssignments(child) + deleted,
                            childColumns, dialect.isMySqlFamily()), captured,
                    parent.name().normalized(), child.name().normalized(),
                    dialect == Dialect.H2 ? parentChecks(child, childColumns) : List.of()));
            if (!below.containsKey(child.name().normalized())) {
                edges(child, below);
            }
        }
        return result;
    }

    /**
     * H2 has no guard triggers: for each parent of {@code child} (a cascade edge or a foreign key), a query that finds
     * a child about to be restored (by {@code childColumns}, the tuples appended) whose parent there is still
     * soft-deleted. Elsewhere the guards fail such a restore; on H2 a probe's UNDELETE brought back an order whose
     * product was still deleted, under a real foreign key.
     */
    private List<String> parentChecks(TableConfig child, List<String> childColumns) {
        List<String> checks = new ArrayList<>();
        for (ParentEdge edge : parentEdges(child)) {
            // a parent in the child's own table that this same step restores is restored, not still deleted (a
            // probe's self-referencing tree, all of it deleted with its owner, was refused)
            // IS NOT TRUE, not NOT: a parent whose column of this edge is NULL is not restored by it (a probe: NOT
            // of a NULL comparison dropped such a still-deleted parent from the check, and its child came back)
            String restoredTogether = edge.parent.name().equals(child.name()) ? " AND (" + tuple("softdelete_p.",
                    childColumns) + " IN " + RestorePlan.TUPLES + ") IS NOT TRUE" : "";
            // the children's tuples in a subquery of the child alone, as the capture reads them (H2 2.3 failed such
            // a row-value IN list in a join: ArrayIndexOutOfBoundsException)
            checks.add("SELECT 1 FROM " + edge.parent.name() + " softdelete_p WHERE " + LivePredicate.of(edge.parent,
                    "softdelete_p", Visibility.ONLY_DELETED, dialect) + restoredTogether + " AND "
                    + tuple("softdelete_p.", edge.keys) + " IN (SELECT " + String.join(", ", prefixed("softdelete_c.",
                    edge.columns)) + " FROM " + child.name() + " softdelete_c WHERE " + tuple("softdelete_c.",
                    childColumns) + " IN " + RestorePlan.TUPLES + ")");
        }
        return checks;
    }

    private static String tuple(String prefix, List<String> columns) {
        List<String> qualified = prefixed(prefix, columns);
        return qualified.size() == 1 ? qualified.get(0) : "(" + String.join(", ", qualified) + ")";
    }

    private static List<String> prefixed(String prefix, List<String> columns) {
        List<String> result = new ArrayList<>();
        columns.forEach(c -> result.add(prefix + c));
        return result;
    }

    private String restoreAssignments(TableConfig table) {
        return LivePredicate.restoreAssignments(table, dialect, catalog.autoUpdatedColumns(table.name()));
    }
}
