package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.CascadeStep;
import dev.softdelete.jdbc.rewrite.KeyedStatement;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a delete event does to the rows that reference the rows it deletes, as the database's foreign keys would
 * have done to a hard delete of them. For every table the event reaches (the deleted table, then its cascade
 * children, parents before children):
 * <ul>
 * <li>each edge of the {@code cascade:} map, and each {@code ON DELETE CASCADE} foreign key between configured
 * tables (see {@link Catalog#effective}), soft-deletes the live children:
 * <pre>
 * UPDATE child SET flag = TRUE, ts = &lt;event&gt; WHERE &lt;child live&gt;
 *   AND (fk...) IN (SELECT key... FROM parent WHERE parent.ts = &lt;event&gt;)
 * </pre>
 * (on MySQL/MariaDB in two steps: the keys are read first, see {@link CascadeStep});</li>
 * <li>each {@code ON DELETE SET NULL} / {@code SET DEFAULT} foreign key sets the referencing columns of the live
 * children, as the hard delete would have (a restore of the parent does not bring the reference back, as
 * re-inserting a hard-deleted row would not);</li>
 * <li>each {@code ON DELETE RESTRICT} / {@code NO ACTION} foreign key is a check run after all of that: a live row
 * still referencing a row the event deleted fails the statement with the error the database would have raised
 * (same SQLState and vendor code), and the driver undoes the whole event.</li>
 * </ul>
 * A parent's rows "deleted by this event" are recognised by the event's id in its batch column where it has one,
 * else by the event's timestamp, so the children matched are exactly those of the rows the DELETE deleted,
 * whatever its WHERE, parameters and joins were.
 *
 * <p>Names: a step of a foreign key names the tables the catalog gives for it, schema included, so that it reads
 * and changes exactly the rows of that key, whatever the session's search path. A step of the {@code cascade:} map
 * names the tables as configured; when the DELETE named its table with a schema, the unqualified ones are taken in
 * that schema (see {@link #stepsFor(TableConfig, String)}).
 */
public final class CascadePlanner {
    /** What one table's soft delete brings along. */
    public static final class Steps {
        public final List<CascadeStep> statements;
        public final List<Rewrite.Guard> checks;
        public final boolean cyclic;
        /** Why the delete cannot be carried out as the database's foreign keys require, or null. */
        public final String problem;
        /**
         * The tables (their names, unqualified, lower case) whose rows the steps change or read: the cascade's
         * children at every level, and the children of the foreign keys the steps set null or check.
         */
        public final Set<String> tables;
        /** Of {@link #tables}, those whose rows the steps change (cascades, SET NULL), not only read. */
        public final Set<String> changedTables;
        /** Of {@link #tables}, those whose rows the checks read (RESTRICT / NO ACTION keys). */
        public final Set<String> checkedTables;
        /**
         * For each of {@link #changedTables}, how the steps find the rows they change: the keys, each as the parent
         * table (normalized), its columns and the child's, by which they reach it ({@link #changedBy}).
         */
        private final Map<String, Set<List<String>>> changers;

        Steps(List<CascadeStep> statements, List<Rewrite.Guard> checks, boolean cyclic, String problem,
                Set<String> tables, Set<String> changedTables, Map<String, Set<List<String>>> changers,
                Set<String> checkedTables) {
            this.checkedTables = Set.copyOf(checkedTables);
            this.changers = Map.copyOf(changers);
            this.statements = List.copyOf(statements);
            this.checks = List.copyOf(checks);
            this.cyclic = cyclic;
            this.problem = problem;
            this.tables = Set.copyOf(tables);
            this.changedTables = Set.copyOf(changedTables);
        }

        /**
         * The one key by which the steps change rows of {@code table} (unqualified, lower case), when it is a key from
         * the deleted table {@code root} itself: its columns of {@code root} and of {@code table} (lower case, in key
         * order); null when the steps change them by another key too, or by none. A row of {@code table} whose key
         * columns hold a row of {@code root} that is not deleted is then changed by no step.
         */
        public List<List<String>> onlyKeyFrom(String table, TableName root) {
            Set<List<String>> keys = changers.get(table);
            if (keys == null || keys.size() != 1) {
                return null;
            }
            List<String> key = keys.iterator().next();
            return key.get(0).equals(root.normalized())
                    ? List.of(List.of(key.get(1).split(",")), List.of(key.get(2).split(","))) : null;
        }
    }

    private final Map<String, TableConfig> byName = new HashMap<>();
    /** The tables as the configuration file has them: their cascades are the map's, not the database's keys'. */
    private final Map<String, TableConfig> given = new HashMap<>();
    private final Dialect dialect;
    private final Catalog catalog;
    private final Map<String, Steps> memo = new ConcurrentHashMap<>();

    /**
     * @param config the effective configuration ({@link Catalog#effective}): the file's, with the database's
     *               {@code ON DELETE CASCADE} keys between configured tables as cascades
     * @param given  the configuration as the file has it
     */
    public CascadePlanner(SoftDeleteConfig config, SoftDeleteConfig given, Dialect dialect, Catalog catalog) {
        this.catalog = catalog;
        for (TableConfig t : config.tables()) {
            byName.put(t.name().normalized(), t);
        }
        for (TableConfig t : given.tables()) {
            this.given.put(t.name().normalized(), t);
        }
        this.dialect = dialect;
    }

    /**
     * Whether {@code edge} of {@code parent} is the {@code cascade:} map's (of the table, or of the configured table
     * it descends from), not one the effective configuration made of the database's {@code ON DELETE CASCADE} keys.
     */
    private boolean ofTheMap(TableConfig parent, Cascade edge) {
        TableConfig own = given.get(parent.name().normalized());
        TableName ancestor = catalog.descendants().get(parent.name());
        TableConfig config = own != null ? own : ancestor == null ? null : given.get(ancestor.normalized());
        if (config == null) {
            return false;
        }
        for (Cascade c : config.cascades()) {
            if (c.table().equals(edge.table()) && c.columns().size() == edge.columns().size()
                    && String.join(",", c.columns()).equalsIgnoreCase(String.join(",", edge.columns()))) {
                return true;
            }
        }
        return false;
    }

    public Steps stepsFor(TableConfig root) {
        return stepsFor(root, null);
    }

    /**
     * The steps of a soft delete of {@code root} written as {@code schema.table} ({@code schema} null when written
     * unqualified): the configured names without a schema are then taken in {@code schema}, where the statement's
     * own table is, not wherever the session's search path would find them.
     */
    public Steps stepsFor(TableConfig root, String schema) {
        String in = root.name().schema() == null && schema != null ? schema.toLowerCase(Locale.ROOT) : null;
        return memo.computeIfAbsent(root.name().normalized() + (in == null ? "" : " in " + in), k -> plan(root, in));
    }

    /** {@code table} as the steps name it: in {@code schema} when it is configured without one. */
    private static String named(TableName table, String schema) {
        return schema != null && table.schema() == null ? schema + "." + table.table() : table.toString();
    }

    /**
     * Adds {@code table} to the tables a soft delete's steps change or read, with the partitions and inheriting
     * tables of the configured table it is or descends from (PostgreSQL): a statement on one of those changes or
     * reads the same rows.
     */
    private void addStepTable(Set<String> tables, TableName table) {
        tables.add(table.table().toLowerCase(Locale.ROOT));
        // and the plain partitioned tables it is a partition of: a key declared on one of those holds its rows
        catalog.partitionedAncestors(table).forEach(a -> tables.add(a.table().toLowerCase(Locale.ROOT)));
        // and, for a plain partitioned table, its configured partitions: a statement on one of those changes rows
        // a key declared on it holds (a probe; its plain partitions are not in the catalog yet, see the report)
        catalog.configuredPartitionsOf(table).forEach(p -> tables.add(p.table().toLowerCase(Locale.ROOT)));
        TableName root = catalog.descendants().getOrDefault(table, table);
        // the configured table it descends from too, and the configured tables that one inherits from: an UPDATE or
        // a soft delete of one of those (without ONLY) changes this table's rows without naming it (a probe)
        Set<TableName> above = new HashSet<>();
        for (TableName up = root; up != null && above.add(up); up = catalog.configuredDescendants().get(up)) {
            tables.add(up.table().toLowerCase(Locale.ROOT));
        }
        // and the configured tables that inherit from or partition it, at any depth: a key declared on a partitioned
        // table holds their rows, and a statement on one of those changes them without naming it (a probe)
        catalog.configuredDescendants().forEach((descendant, ancestor) -> {
            Set<TableName> seen = new HashSet<>();
            for (TableName a = ancestor; a != null && seen.add(a); a = catalog.configuredDescendants().get(a)) {
                if (a.equals(table) || a.equals(root)) {
                    tables.add(descendant.table().toLowerCase(Locale.ROOT));
                    catalog.descendants().forEach((plain, configured) -> {
                        if (configured.equals(descendant)) {
                            tables.add(plain.table().toLowerCase(Locale.ROOT));
                        }
                    });
                }
            }
        });
        catalog.descendants().forEach((descendant, configured) -> {
            if (configured.equals(root)) {
                tables.add(descendant.table().toLowerCase(Locale.ROOT));
            }
        });
    }

    /** Records that the steps change the rows of {@code child} found by {@code columns} holding {@code parent}'s. */
    private void changedBy(Map<String, Set<List<String>>> changers, Set<String> changed, TableName child,
            TableName parent, List<String> parentColumns, List<String> columns) {
        Set<String> names = new HashSet<>();
        addStepTable(names, child);
        changed.addAll(names);
        List<String> key = List.of(parent.normalized(), lower(parentColumns), lower(columns));
        for (String name : names) {
            changers.computeIfAbsent(name, k -> new HashSet<>()).add(key);
        }
    }

    private static String lower(List<String> columns) {
        List<String> result = new ArrayList<>();
        columns.forEach(c -> result.add(c.toLowerCase(Locale.ROOT)));
        return String.join(",", result);
    }

    private Steps plan(TableConfig root, String schema) {
        List<CascadeStep> statements = new ArrayList<>();
        List<CascadeStep> setNulls = new ArrayList<>();
        List<Rewrite.Guard> checks = new ArrayList<>();
        boolean cyclic = false;
        String problem = null;
        Set<String> done = new LinkedHashSet<>();
        Set<String> tables = new HashSet<>();
        Set<String> changed = new HashSet<>();
        Set<String> checked = new HashSet<>();
        Map<String, Set<List<String>>> changers = new HashMap<>();
        Set<String> queued = new LinkedHashSet<>();
        Deque<TableConfig> queue = new ArrayDeque<>();
        queue.add(root);
        queued.add(root.name().normalized());
        while (!queue.isEmpty()) {
            TableConfig parent = queue.poll();
            done.add(parent.name().normalized());
            for (Cascade edge : parent.cascades()) {
                TableConfig child = byName.get(edge.table().normalized());
                List<ForeignKey> keys = keysOf(parent, edge, schema);
                if (!ofTheMap(parent, edge)) {
                    // an edge made of the database's CASCADE keys: only those keys cascade, in the schemas they are
                    // in (a same-named table of another schema may have a RESTRICT key there, or none)
                    keys.removeIf(fk -> fk.onDelete != ForeignKey.OnDelete.CASCADE);
                    if (keys.isEmpty()) {
                        continue;
                    }
                }
                if (child != null && !sharesEventColumn(parent, child)) {
                    // the event's rows are found by the timestamp (or batch) column: a cascade edge of the database's
                    // keys (the loader checks the map's) to or from a table without one could match no rows, or
                    // restore none
                    problem = "the cascade from soft-delete table " + parent.name() + " to " + child.name()
                            + " (a foreign key ON DELETE CASCADE) needs a timestamp column in both, or a batch column"
                            + " in both, to tell the rows of one delete apart";
                    continue;
                }
                if (keys.isEmpty()) {
                    statements.add(cascade(parent, named(parent.name(), schema), edge.references(),
                            named(edge.table(), schema), edge.columns(), child));
                    changedBy(changers, changed, child.name(), parent.name(), edge.references(), edge.columns());
                }
                boolean ofTheMap = ofTheMap(parent, edge);
                for (ForeignKey fk : keys) {
                    // the key's own cascade reaches the rows the key holds (ONLY, on a plain table others inherit
                    // from); the map's edge, the child's rows with those of its inheriting tables
                    statements.add(cascade(parent, ofTheMap ? fk.parent.toString() : fk.parentReference(),
                            fk.parentColumns, ofTheMap ? fk.child.toString() : fk.childReference(), fk.childColumns,
                            child));
                    changedBy(changers, changed, child.name(), parent.name(), fk.parentColumns, fk.childColumns);
                }
                addStepTable(tables, child.name());
                addStepTable(changed, child.name());
                String key = child.name().normalized();
                if (done.contains(key)) {
                    cyclic = true;
                } else if (queued.add(key)) {
                    queue.add(child);
                }
            }
            // a configured table that inherits from or partitions this one: its rows are deleted along, and its own
            // cascades and keys are followed as a child's would be
            for (Map.Entry<TableName, TableName> d : catalog.configuredDescendants().entrySet()) {
                TableConfig descendant = byName.get(d.getKey().normalized());
                if (d.getValue().equals(parent.name()) && descendant != null
                        && queued.add(descendant.name().normalized())) {
                    queue.add(descendant);
                    addStepTable(tables, descendant.name());
                }
            }
            for (ForeignKey fk : catalog.foreignKeysIntoRowsOf(parent.name())) {
                if (fk.actsOnUpdate && referencesSoftDeleteColumns(fk, parent)) {
                    // the soft delete's own UPDATE would fire the key's action on the children first: the cascade
                    // and the RESTRICT checks would then find none of them (a probe's key into the flag)
                    problem = "soft-delete table " + parent.name() + " is referenced by foreign key " + fk.name
                            + " over its soft-delete columns with an ON UPDATE action, which its soft delete's UPDATE"
                            + " would fire on the children before the driver's cascade and checks";
                    continue;
                }
                if (fk.followedByCascadeOf(parent) && (fk.onDelete == ForeignKey.OnDelete.CASCADE
                        || mapFollows(parent, fk))) {
                    continue; // a cascade takes these children along: the key's own, or the map's
                }
                TableConfig child = fk.configuredChild == null ? null : byName.get(fk.configuredChild.normalized());
                // the rows the key references: the parent's, or those of the partition or inheriting table it names
                TableConfig referenced = referencedThrough(parent, fk);
                if (fk.onDelete == ForeignKey.OnDelete.CASCADE) {
                    if (child != null && !parent.name().equals(fk.configuredParent)) {
                        // a soft-delete child by a key into a partition, or into a partitioned table or configured
                        // table the parent is a partition of: the parent's own cascades (from the map and from its
                        // keys) do not include it, so the key's cascade is followed here
                        statements.add(cascade(referenced, fk.parentReference(), fk.parentColumns,
                                fk.childReference(), fk.childColumns, child));
                        addStepTable(tables, child.name());
                        changedBy(changers, changed, child.name(), referenced.name(), fk.parentColumns,
                                fk.childColumns);
                        if (done.contains(child.name().normalized())) {
                            cyclic = true;
                        } else if (queued.add(child.name().normalized())) {
                            queue.add(child);
                        }
                    }
                    continue; // a plain child of a CASCADE key: see README
                }
                if (referenced.timestampColumn() == null && referenced.batchColumn() == null) {
                    problem = "soft-delete table " + referenced.name() + " is referenced by foreign key " + fk.name
                            + " (ON DELETE " + fk.onDelete + ") but has no timestamp or batch column to tell the"
                            + " rows of one delete apart";
                    continue;
                }
                addStepTable(tables, fk.child);
                if (fk.configuredChild != null) {
                    // the configured name too: configuredDescendants is keyed by it, not by the stored name (a probe)
                    addStepTable(tables, fk.configuredChild);
                }
                if (fk.onDelete == ForeignKey.OnDelete.SET_NULL || fk.onDelete == ForeignKey.OnDelete.SET_DEFAULT) {
                    setNulls.add(setNull(referenced, fk, child));
                    changedBy(changers, changed, fk.child, referenced.name(), fk.parentColumns, fk.childColumns);
                    if (fk.onDelete == ForeignKey.OnDelete.SET_DEFAULT && dialect == Dialect.POSTGRESQL) {
                        // PostgreSQL checks the key again after SET DEFAULT: a default equal to the deleted key
                        // fails the DELETE (23503), where the step left the child referencing the soft-deleted
                        // parent unchanged, so the guard saw nothing (a probe). H2 lets its own such DELETE pass
                        checks.add(restrict(referenced, fk, child));
                        addStepTable(checked, fk.child);
                    }
                } else {
                    checks.add(restrict(referenced, fk, child));
                    addStepTable(checked, fk.child);
                    if (fk.configuredChild != null) {
                        addStepTable(checked, fk.configuredChild);
                    }
                }
            }
        }
        statements.addAll(setNulls);
        return new Steps(statements, checks, cyclic, problem, tables, changed, changers, checked);
    }

    /** Whether a delete event's rows of {@code parent} and {@code child} can be matched (and restored) together. */
    private static boolean sharesEventColumn(TableConfig parent, TableConfig child) {
        return (parent.batchColumn() != null && child.batchColumn() != null)
                || (parent.timestampColumn() != null && child.timestampColumn() != null);
    }

    /** Whether an edge of the {@code cascade:} map follows {@code fk} (the map cascades, whatever the key says). */
    private boolean mapFollows(TableConfig parent, ForeignKey fk) {
        for (Cascade edge : parent.cascades()) {
            if (edge.table().equals(fk.configuredChild) && fk.followedBy(edge) && ofTheMap(parent, edge)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The foreign keys into {@code parent}'s rows that {@code edge} follows (same child, same columns), those into
     * {@code schema} when the DELETE named one: its steps name their tables, schema included, one step per key (a
     * key's step finds no rows of the event when the delete was of a same-named table elsewhere). An edge with no
     * such key (of the map alone) names the tables as configured.
     */
    private List<ForeignKey> keysOf(TableConfig parent, Cascade edge, String schema) {
        List<ForeignKey> result = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeysInto(parent.name())) {
            if (edge.table().equals(fk.configuredChild) && fk.followedBy(edge)
                    && (schema == null || schema.equalsIgnoreCase(fk.parent.schema()))) {
                result.add(fk);
            }
        }
        return result;
    }

    /**
     * The configured table whose deleted rows {@code fk} references when {@code parent} is deleted from: the
     * partition or inheriting table it names (configured like its ancestor in the effective configuration), else
     * {@code parent}.
     */
    private TableConfig referencedThrough(TableConfig parent, ForeignKey fk) {
        if (fk.configuredParent == null || fk.configuredParent.equals(parent.name())) {
            return parent; // the parent itself, or a plain partitioned table it is a partition of
        }
        TableConfig descendant = byName.get(fk.configuredParent.normalized());
        return descendant != null && parent.name().equals(catalog.descendants().get(fk.configuredParent))
                ? descendant : parent;
    }

    /**
     * The parent rows this event deleted, as {@code SELECT keys FROM parent WHERE <deleted by the event>}: a query of
     * its own on MySQL/MariaDB (all rows, whatever the session's {@code sql_select_limit}), a subquery elsewhere.
     */
    private String deletedNow(TableConfig parent, String parentName, List<String> keys) {
        // ONLY parent (a key's own rows, see ForeignKey#parentReference) is qualified by the table's name
        String qualifier = parentName.startsWith("ONLY ") ? parentName.substring("ONLY ".length()) : parentName;
        return "SELECT " + String.join(", ", keys) + " FROM " + parentName + " WHERE " + qualifier + "."
                + (parent.batchColumn() != null ? parent.batchColumn() + " = " + dialect.eventBatch()
                        : parent.timestampColumn() + " = " + dialect.eventTimestamp()) + dialect.allRows();
    }

    private static String tuple(List<String> columns) {
        return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
    }

    /** Soft-deletes the live rows of {@code child} whose {@code columns} hold the {@code keys} of deleted parents. */
    private CascadeStep cascade(TableConfig parent, String parentName, List<String> keys, String childName,
            List<String> columns, TableConfig child) {
        String update = "UPDATE " + childName + " SET " + LivePredicate.softDeleteAssignments(child, null, dialect,
                catalog.autoUpdatedColumns(child.name())) + " WHERE " + LivePredicate.of(child, null,
                Visibility.ACTIVE, dialect) + " AND ";
        return byKeys(deletedNow(parent, parentName, keys), update, columns);
    }

    /** {@code UPDATE child SET fk = NULL | DEFAULT WHERE <live> AND fk IN (<deleted by the event>)}. */
    private CascadeStep setNull(TableConfig parent, ForeignKey fk, TableConfig child) {
        String value = fk.onDelete == ForeignKey.OnDelete.SET_NULL ? "NULL" : "DEFAULT";
        List<String> assignments = new ArrayList<>();
        for (String column : fk.setColumns) {
            assignments.add(column + " = " + value);
        }
        // MySQL/MariaDB: the key's own SET NULL leaves ON UPDATE CURRENT_TIMESTAMP columns as they are; this UPDATE
        // would set them, unless they are set to themselves (a probe saw a last-modified column move)
        for (String column : catalog.autoUpdatedColumns(child != null ? child.name() : fk.child)) {
            if (fk.setColumns.stream().noneMatch(column::equalsIgnoreCase)) {
                assignments.add(column + " = " + column);
            }
        }
        String update = "UPDATE " + fk.childReference() + " SET " + String.join(", ", assignments) + " WHERE "
                + liveRowsAnd(child, fk);
        return byKeys(deletedNow(parent, fk.parentReference(), fk.parentColumns), update, fk.childColumns);
    }

    /** Whether {@code fk} references {@code table}'s flag, timestamp or batch column (compared ignoring case). */
    private static boolean referencesSoftDeleteColumns(ForeignKey fk, TableConfig table) {
        for (String column : fk.parentColumns) {
            if (column.equalsIgnoreCase(table.flagColumn()) || column.equalsIgnoreCase(table.timestampColumn())
                    || column.equalsIgnoreCase(table.batchColumn())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code update} (up to its last condition) completed by {@code columns} matching the keys {@code keyQuery}
     * returns: on MySQL/MariaDB a step in two (a non-locking read of the keys, then the UPDATE by them), elsewhere
     * one statement with {@code keyQuery} as a subquery.
     */
    private CascadeStep byKeys(String keyQuery, String update, List<String> columns) {
        if (dialect.isMySqlFamily()) {
            return CascadeStep.byKeys(keyQuery, KeyedStatement.update(update, columns, true));
        }
        return CascadeStep.statement(update + tuple(columns) + " IN (" + keyQuery + ")");
    }

    /**
     * A query returning the key of a live row that still references a row the event deleted, through {@code fk};
     * on MySQL/MariaDB a locking read, which sees rows committed since the transaction's snapshot, as the foreign
     * key's own check would.
     */
    private Rewrite.Guard restrict(TableConfig parent, ForeignKey fk, TableConfig child) {
        String referencing = "SELECT " + String.join(", ", fk.childColumns) + " FROM " + fk.childReference()
                + " WHERE "
                + liveRowsAnd(child, fk);
        if (dialect.isMySqlFamily()) {
            // two steps, as cascades: a locking read with a subquery would scan and lock the whole child table
            return Rewrite.Guard.violation(deletedNow(parent, fk.parentReference(), fk.parentColumns),
                    KeyedStatement.query(referencing, fk.childColumns, " LIMIT 1 LOCK IN SHARE MODE"), "23000", 1451,
                    "Cannot delete or update a parent row: a foreign key constraint fails (" + mysqlName(fk.child)
                    + ", CONSTRAINT `" + fk.name + "` FOREIGN KEY (" + mysqlColumns(fk.childColumns) + ") REFERENCES "
                    + mysqlName(fk.parent)
                    + " (" + mysqlColumns(fk.parentColumns) + "))");
        }
        String query = referencing + tuple(fk.childColumns) + " IN (" + deletedNow(parent, fk.parentReference(),
                fk.parentColumns) + ")" + dialect.firstRow();
        if (dialect == Dialect.POSTGRESQL) {
            // a locking read, as the foreign key's own check: it waits for a transaction that is deleting the
            // referencing row, then sees it gone (or fails with 40001 at REPEATABLE READ). A soft delete of a
            // configured child takes no key lock, so the check does not wait for it (FOR SHARE would, but would
            // also wait for, and deadlock with, every other UPDATE of the child rows, where the key's check does not)
            query += " FOR KEY SHARE";
        }
        if (dialect == Dialect.H2) {
            // H2's own wording and error code (23503, as its SQLState)
            return Rewrite.Guard.violation(query, "23503", 23503, "Referential integrity constraint violation: \""
                    + fk.name + ": " + fk.child + " FOREIGN KEY(" + String.join(", ", fk.childColumns)
                    + ") REFERENCES " + fk.parent + "(" + String.join(", ", fk.parentColumns) + ")\"", null);
        }
        return Rewrite.Guard.violation(query, "23503", 0, "ERROR: update or delete on table \"" + fk.parent.table()
                + "\" violates foreign key constraint \"" + fk.name + "\" on table \"" + fk.child.table() + "\"",
                "Key (" + String.join(", ", fk.parentColumns) + ")=(%s) is still referenced from table \""
                        + fk.child.table() + "\".");
    }

    /**
     * The condition, followed by {@code AND}, that keeps a step on {@code fk}'s child to its live rows: those of the
     * configured {@code child}, or of the configured partitions of a plain child; empty when it has none.
     */
    private String liveRowsAnd(TableConfig child, ForeignKey fk) {
        return child == null ? liveInConfiguredPartitions(fk.child)
                : LivePredicate.of(child, null, Visibility.ACTIVE, dialect) + " AND ";
    }

    /**
     * The condition, followed by {@code AND}, that keeps the soft-deleted rows of the configured partitions of the
     * plain partitioned table {@code table} (PostgreSQL) out of a check of a key declared on it; empty when it has
     * none. Partitions share their table's columns, so each one's live predicate can be written on the table.
     */
    private String liveInConfiguredPartitions(TableName table) {
        StringBuilder result = new StringBuilder();
        for (TableName partition : catalog.configuredPartitionsOf(table)) {
            TableConfig config = byName.get(partition.normalized());
            if (config != null) {
                result.append("(tableoid <> ").append(catalog.regclass(partition)).append(" OR ")
                        .append(LivePredicate.of(config, null, Visibility.ACTIVE, dialect)).append(") AND ");
            }
        }
        return result.toString();
    }

    private static String mysqlName(TableName name) {
        return (name.schema() == null ? "" : "`" + name.schema() + "`.") + "`" + name.table() + "`";
    }

    private static String mysqlColumns(List<String> columns) {
        return "`" + String.join("`, `", columns) + "`";
    }
}
