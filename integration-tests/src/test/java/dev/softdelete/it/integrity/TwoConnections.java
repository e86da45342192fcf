package dev.softdelete.it.integrity;

import dev.softdelete.it.support.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A deterministic interleaving of two connections: the first runs a statement and holds its transaction open, the
 * second runs one meanwhile on another thread; after a while the first commits and the second's statement ends.
 * Which of them blocked, and how each ended, is the outcome.
 */
final class TwoConnections implements AutoCloseable {
    /** How long a statement that does not return is taken to be blocked. */
    static final long BLOCKED_MILLIS = 700;

    /** Whether the second statement blocked, and how each ended ("count n", "rows n", "error STATE/code"). */
    record Outcome(boolean blocked, String first, String second) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Connection> open = new ArrayList<>();

    /** Keeps {@code c} to close with the others. */
    Connection keep(Connection c) {
        open.add(c);
        return c;
    }

    Outcome interleave(Connection one, Connection two, String first, String second) throws Exception {
        return interleave(one, two, List.of(first), second);
    }

    /** As {@link #interleave(Connection, Connection, String, String)}, the first connection running several. */
    Outcome interleave(Connection one, Connection two, List<String> first, String second) throws Exception {
        return interleave(one, two, first, second, true);
    }

    /**
     * As {@link #interleave(Connection, Connection, List, String)}; the first connection commits when {@code commit},
     * else rolls back.
     */
    Outcome interleave(Connection one, Connection two, List<String> first, String second, boolean commit)
            throws Exception {
        one.setAutoCommit(false);
        List<String> results = new ArrayList<>();
        for (String sql : first) {
            results.add(run(one, sql));
        }
        String firstResult = String.join("; ", results);
        Future<String> secondResult = executor.submit(() -> run(two, second));
        boolean blocked;
        try {
            secondResult.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS);
            blocked = false;
        } catch (TimeoutException e) {
            blocked = true;
        }
        String end;
        try {
            if (commit) {
                one.commit();
                end = ", committed";
            } else {
                one.rollback();
                end = ", rolled back";
            }
        } catch (SQLException e) {
            end = (commit ? ", commit error " : ", rollback error ") + e.getSQLState();
        }
        return new Outcome(blocked, firstResult + end, secondResult.get(30, TimeUnit.SECONDS));
    }

    static String run(Connection c, String sql) {
        try {
            if (sql.regionMatches(true, 0, "SELECT", 0, 6)) {
                return "rows " + Sql.longs(c, sql).size();
            }
            return "count " + Sql.update(c, sql);
        } catch (SQLException e) {
            return "error " + e.getSQLState() + "/" + e.getErrorCode();
        }
    }

    /** Closes the kept connections (they stay usable until then). */
    void closeConnections() {
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection the test left failed
            }
        }
        open.clear();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        closeConnections();
    }
}
