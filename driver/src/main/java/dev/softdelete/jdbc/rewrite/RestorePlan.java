package dev.softdelete.jdbc.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
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
 * captured values (never by reading the parents again), and so on down.</li>
 * </ol>
 */
public final class RestorePlan {
    /** One cascade edge below a restored table. */
    public static final class Edge {
        /** The captured parent columns this edge matches on, in order: its referenced keys, then the event. */
        public final List<String> parentColumns;
        /** {@code SELECT <capture columns> FROM child WHERE <deleted> AND (fk..., event) IN } + the tuples. */
        public final String captureByParents;
        /** {@code UPDATE child SET <restored> WHERE <deleted> AND (fk..., event) IN } + the tuples. */
        public final String restoreByParents;
        /** The columns {@link #captureByParents} returns, for the edges below the child. */
        public final List<String> captured;
        /** The child table, the key of its own edges in {@link RestorePlan#below(Edge)}. */
        public final String child;
        /**
         * H2 only (no guard triggers): queries, each ending in {@code IN } before the parents' tuples and a closing
         * parenthesis, that find a child about to be restored whose other parent is still soft-deleted; the restore
         * is refused then.
         */
        public final List<String> parentChecks;

        public Edge(List<String> parentColumns, String captureByParents, String restoreByParents,
                List<String> captured, String child, List<String> parentChecks) {
            this.parentColumns = List.copyOf(parentColumns);
            this.captureByParents = captureByParents;
            this.restoreByParents = restoreByParents;
            this.captured = List.copyOf(captured);
            this.child = child;
            this.parentChecks = List.copyOf(parentChecks);
        }
    }

    public final List<String> locks;
    public final List<Rewrite.Guard> guards;
    public final String capture;
    /** The columns {@link #capture} returns. */
    public final List<String> captured;
    public final List<Edge> edges;
    /**
     * The edges below each table the restore reaches, by {@link Edge#child}: one list per table, so that a cycle of
     * the cascade map (a table that cascades to itself) is followed as deep as the event's rows go (it stopped at 8
     * levels, leaving the rest deleted without an error; a probe).
     */
    private final Map<String, List<Edge>> below;
    /** A suffix for locking reads of rows to restore: {@code " FOR UPDATE"}. */
    public final String lockSuffix;

    public RestorePlan(List<String> locks, List<Rewrite.Guard> guards, String capture, List<String> captured,
            List<Edge> edges, Map<String, List<Edge>> below, String lockSuffix) {
        this.locks = List.copyOf(locks);
        this.guards = List.copyOf(guards);
        this.capture = capture;
        this.captured = List.copyOf(captured);
        this.edges = List.copyOf(edges);
        this.below = Map.copyOf(below);
        this.lockSuffix = lockSuffix;
    }

    /** The edges below {@code edge}'s child table. */
    public List<Edge> below(Edge edge) {
        return below.getOrDefault(edge.child, List.of());
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
        addEdges(steps, edges, new HashSet<>());
        return steps;
    }

    private void addEdges(List<String[]> steps, List<Edge> level, Set<Edge> listed) {
        for (Edge e : level) {
            if (!listed.add(e)) {
                steps.add(new String[] {"again, level by level, while children are restored",
                        e.restoreByParents + "(...)"});
                continue;
            }
            if (e.captureByParents != null) {
                steps.add(new String[] {"capture the children's keys and events", e.captureByParents + "(...)"
                        + lockSuffix});
            }
            steps.add(new String[] {"restore the children deleted by the same events", e.restoreByParents + "(...)"});
            addEdges(steps, below(e), listed);
        }
    }
}
