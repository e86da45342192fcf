package dev.softdelete.jdbc.rewrite.plan;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.CascadeStep;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cascade statements of a soft-deleted table, from the {@code cascade:} map: for every edge reachable from
 * the table, parents before children,
 * <pre>
 * UPDATE child SET flag = TRUE, ts = &lt;event&gt; WHERE &lt;child live&gt;
 *   AND (fk...) IN (SELECT key... FROM parent WHERE parent.ts = &lt;event&gt;)
 * </pre>
 * (on MySQL/MariaDB in two steps: the keys are read first, see {@link CascadeStep}).
 * A parent's rows "deleted by this event" are recognised by the event's id in its batch column where it has one,
 * else by the event's timestamp, so the children matched are
 * exactly those of the rows the DELETE deleted, whatever its WHERE, parameters and joins were.
 */
public final class CascadePlanner {
    /** The cascade steps of one table, and whether the map has a cycle (or diamond) on their path. */
    public static final class Steps {
        public final List<CascadeStep> statements;
        public final boolean cyclic;

        Steps(List<CascadeStep> statements, boolean cyclic) {
            this.statements = List.copyOf(statements);
            this.cyclic = cyclic;
        }
    }

    private final Map<String, TableConfig> byName = new HashMap<>();
    private final Dialect dialect;
    private final Catalog catalog;
    private final Map<String, Steps> memo = new ConcurrentHashMap<>();

    public CascadePlanner(SoftDeleteConfig config, Dialect dialect, Catalog catalog) {
        this.catalog = catalog;
        for (TableConfig t : config.tables()) {
            byName.put(t.name().normalized(), t);
        }
        this.dialect = dialect;
    }

    public Steps stepsFor(TableConfig root) {
        return memo.computeIfAbsent(root.name().normalized(), k -> plan(root));
    }

    private Steps plan(TableConfig root) {
        List<CascadeStep> statements = new ArrayList<>();
        boolean cyclic = false;
        Set<String> done = new LinkedHashSet<>();
        Set<String> queued = new LinkedHashSet<>();
        Deque<TableConfig> queue = new ArrayDeque<>();
        queue.add(root);
        queued.add(root.name().normalized());
        while (!queue.isEmpty()) {
            TableConfig parent = queue.poll();
            done.add(parent.name().normalized());
            for (Cascade edge : parent.cascades()) {
                TableConfig child = byName.get(edge.table().normalized());
                statements.add(statement(parent, edge, child));
                String key = child.name().normalized();
                if (done.contains(key)) {
                    cyclic = true;
                } else if (queued.add(key)) {
                    queue.add(child);
                }
            }
        }
        return new Steps(statements, cyclic);
    }

    private CascadeStep statement(TableConfig parent, Cascade edge, TableConfig child) {
        String keys = String.join(", ", edge.references());
        String fks = edge.columns().size() == 1 ? edge.columns().get(0) : "(" + String.join(", ", edge.columns()) + ")";
        String parentName = parent.name().toString();
        String deletedNow = "SELECT " + keys + " FROM " + parentName + " WHERE " + parentName + "."
                + (parent.batchColumn() != null ? parent.batchColumn() + " = " + dialect.eventBatch()
                        : parent.timestampColumn() + " = " + dialect.eventTimestamp());
        String update = "UPDATE " + child.name() + " SET " + LivePredicate.softDeleteAssignments(child, null, dialect,
                catalog.autoUpdatedColumns(child.name()))
                + " WHERE " + LivePredicate.of(child, null, Visibility.ACTIVE, dialect) + " AND " + fks + " IN ";
        if (dialect.isMySqlFamily()) {
            return CascadeStep.byKeys(deletedNow, update, edge.references().size());
        }
        return CascadeStep.statement(update + "(" + deletedNow + ")");
    }
}
