package dev.softdelete.jdbc.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an UNDELETE runs, around its main statement (the restore of the table's rows):
 * <ol>
 * <li>{@link #locks}: locking reads of the parents of the rows to restore, live or deleted, so that no delete of
 * a parent commits in between (it waits for this restore, and then its cascade sees the restored rows);</li>
 * <li>{@link #guards}: refusals when a parent is still deleted (a live child of a deleted parent is a state no hard
 * delete produces);</li>
 * <li>{@link #capture}: the keys and delete events of the rows to restore, read with a lock before they are
 * restored (restoring clears the event);</li>
 * <li>the main statement: the rows themselves, parents before their children;</li>
 * <li>then, per cascade {@link Edge}, the children deleted by the same events as a restored parent, found by the
 * captured values (never by reading the parents again), and so on down, {@link #stages() stage} by stage: a table's
 * children are restored once every table above it is, so a child with two parents of the event (an item of an order
 * and of its customer) comes back after both.</li>
 * </ol>
 */
public final class RestorePlan {
    /** One cascade edge below a restored table. */
    public static final class Edge {
        /** The captured parent columns this edge matches on, in order: its referenced keys, then the event. */
        public final List<String> parentColumns;
        /**
         * {@code SELECT <capture columns> FROM child WHERE <deleted> AND (fk..., event) IN (<parents'>) FOR UPDATE};
         * null when nothing below the child needs its columns.
         */
        public final KeyedStatement captureByParents;
        /** {@code UPDATE child SET <restored> WHERE <deleted> AND (fk..., event) IN (<parents'>)}. */
        public final KeyedStatement restoreByParents;
        /** The columns {@link #captureByParents} returns, for the edges below the child. */
        public final List<String> captured;
        /** The parent table (normalized name), whose restored rows this edge starts from. */
        public final String parent;
        /** The child table (normalized name). */
        public final String child;
        /**
         * H2 only (no guard triggers): queries that find a child about to be restored whose other parent is still
         * soft-deleted, each {@link #TUPLES} in them standing for the parents' tuples; the restore is refused then.
         */
        public final List<String> parentChecks;

        public Edge(List<String> parentColumns, KeyedStatement captureByParents, KeyedStatement restoreByParents,
                List<String> captured, String parent, String child, List<String> parentChecks) {
            this.parentColumns = List.copyOf(parentColumns);
            this.captureByParents = captureByParents;
            this.restoreByParents = restoreByParents;
            this.captured = List.copyOf(captured);
            this.parent = parent;
            this.child = child;
            this.parentChecks = List.copyOf(parentChecks);
        }
    }

    /** In {@link Edge#parentChecks}: where the parents' tuples go, {@code ((?, ?), ...)}. */
    public static final String TUPLES = "/*tuples*/";

    /**
     * Tables whose rows a restore brings back together: one table, or a cycle of the cascade map (a table that
     * cascades to itself, or tables that cascade to each other), with the edges that lead into them from the stages
     * before and those among them.
     */
    public static final class Stage {
        /** The edges from tables of earlier stages into this one's: each runs once, with all its parents' rows. */
        public final List<Edge> entering;
        /** The edges among this stage's tables: run level by level, while they restore rows. */
        public final List<Edge> within;

        Stage(List<Edge> entering, List<Edge> within) {
            this.entering = List.copyOf(entering);
            this.within = List.copyOf(within);
        }
    }

    public final List<String> locks;
    public final List<Rewrite.Guard> guards;
    public final String capture;
    /** The columns {@link #capture} returns. */
    public final List<String> captured;
    public final List<Edge> edges;
    /** The restored table (normalized name), whose rows {@link #captured} describes. */
    public final String root;
    private final List<Stage> stages;

    /**
     * @param below          the edges below each table the restore reaches, by table
     * @param restoredBefore per table, the tables the restore reaches whose rows it references (by a foreign key or a
     *                       cascade edge), to be restored before it where no cycle binds them
     */
    public RestorePlan(List<String> locks, List<Rewrite.Guard> guards, String capture, List<String> captured,
            String root, List<Edge> edges, Map<String, List<Edge>> below, Map<String, Set<String>> restoredBefore) {
        this.locks = List.copyOf(locks);
        this.guards = List.copyOf(guards);
        this.capture = capture;
        this.captured = List.copyOf(captured);
        this.root = root;
        this.edges = List.copyOf(edges);
        // the edges below each table the restore reaches, one list per table: a cycle of the cascade map (a table
        // that cascades to itself) is followed as deep as the event's rows go (it stopped at 8 levels; a probe)
        this.stages = stages(root, this.edges, below, restoredBefore);
    }

    /**
     * The stages of the restore below the restored table, parents' stages before their children's: the cascade
     * map's tables grouped into cycles (strongly connected components), in topological order. A table is reached
     * once every table with an edge into it has restored all its rows (a probe's UNDELETE restored an item along
     * its customer's edge before its order, which the guard refused).
     */
    public List<Stage> stages() {
        return stages;
    }

    private static List<Stage> stages(String root, List<Edge> rootEdges, Map<String, List<Edge>> below,
            Map<String, Set<String>> restoredBefore) {
        Map<String, List<Edge>> out = new LinkedHashMap<>(below);
        out.put(root, rootEdges);
        // the order: a cascade edge's child after its parent, a table after those it references
        Map<String, Set<String>> after = new LinkedHashMap<>();
        out.forEach((table, edges) -> edges.forEach(e -> after.computeIfAbsent(table, k -> new LinkedHashSet<>())
                .add(e.child)));
        restoredBefore.forEach((table, parents) -> parents.forEach(p -> after.computeIfAbsent(p,
                k -> new LinkedHashSet<>()).add(table)));
        List<Set<String>> components = new Components(after).from(root); // children's components first
        Collections.reverse(components);
        List<Stage> result = new ArrayList<>();
        for (Set<String> tables : components) {
            List<Edge> entering = new ArrayList<>();
            List<Edge> within = new ArrayList<>();
            for (Set<String> earlier : components) {
                if (earlier == tables) {
                    break;
                }
                for (String table : earlier) {
                    for (Edge e : out.getOrDefault(table, List.of())) {
                        if (tables.contains(e.child)) {
                            entering.add(e);
                        }
                    }
                }
            }
            for (String table : tables) {
                for (Edge e : out.getOrDefault(table, List.of())) {
                    if (tables.contains(e.child)) {
                        within.add(e);
                    }
                }
            }
            result.add(new Stage(entering, within));
        }
        return result;
    }

    /** Tarjan's strongly connected components of the tables reachable from one, each after those it reaches. */
    private static final class Components {
        private final Map<String, Set<String>> out;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> found = new ArrayList<>();

        Components(Map<String, Set<String>> out) {
            this.out = out;
        }

        List<Set<String>> from(String root) {
            visit(root);
            return found;
        }

        // recursion as deep as the longest chain of distinct tables in the cascade map: a few dozen at most
        private void visit(String table) {
            index.put(table, index.size());
            low.put(table, index.get(table));
            stack.push(table);
            onStack.add(table);
            for (String next : out.getOrDefault(table, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(table, Math.min(low.get(table), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(table, Math.min(low.get(table), index.get(next)));
                }
            }
            if (low.get(table).equals(index.get(table))) {
                Set<String> component = new LinkedHashSet<>();
                String t;
                do {
                    t = stack.pop();
                    onStack.remove(t);
                    component.add(t);
                } while (!t.equals(table));
                found.add(component);
            }
        }
    }

    /**
     * The statements in the order they run, each with its role ({@code "lock"}, {@code "check"}, {@code "capture"},
     * {@code "restore"}), {@code main} among them; statements by captured values end in {@code IN (...)}.
     */
    public List<String[]> steps(String main) {
        List<String[]> steps = new ArrayList<>();
        locks.forEach(l -> steps.add(new String[] {"lock the parents", l}));
        guards.forEach(g -> steps.add(new String[] {"refuse if a parent is still deleted (a row here)", g.query}));
        if (capture != null) {
            steps.add(new String[] {"capture the rows' keys and events", capture});
        }
        steps.add(new String[] {"restore the rows", main});
        for (Stage stage : stages) {
            stage.entering.forEach(e -> addEdge(steps, e, "restore the children deleted by the same events"));
            stage.within.forEach(e -> addEdge(steps, e, "then level by level, while children are restored"));
        }
        return steps;
    }

    private void addEdge(List<String[]> steps, Edge e, String role) {
        if (e.captureByParents != null) {
            steps.add(new String[] {"capture the children's keys and events", e.captureByParents.toString()});
        }
        steps.add(new String[] {role, e.restoreByParents.toString()});
    }
}
