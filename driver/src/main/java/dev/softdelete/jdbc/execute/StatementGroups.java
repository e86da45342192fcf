package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.CascadeStep;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a statement with what its {@link Rewrite} puts around it, on one connection: guards, the statements before
 * it, the delete event's timestamp, the statement, the statements after it (cascades). When anything runs besides
 * the statement and the event timestamp, the group is atomic: in autocommit mode inside a transaction the driver
 * opens and commits, inside the caller's transaction behind a savepoint (MySQL and H2 do not undo the earlier
 * statements of a transaction when a later one fails).
 */
public final class StatementGroups {
    /** A bounded number of cascade rounds for cyclic maps; each round must delete rows to continue. */
    static final int MAX_ROUNDS = 1_000;
    /** Parent keys per UPDATE in a two-step cascade. */
    static final int KEYS_PER_UPDATE = 500;

    /** One JDBC call that may fail. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final Supplier<String> actor;
    private final SqlCall<?> schemaChanged;
    private PreparedStatement setEvent;

    /**
     * @param actor         who deletes through the connection at the time of each event (may supply null)
     * @param schemaChanged what to do after a statement that changed the schema of a configured table
     */
    public StatementGroups(Connection connection, Dialect dialect, Supplier<String> actor, SqlCall<?> schemaChanged) {
        this.connection = connection;
        this.dialect = dialect;
        this.actor = actor;
        this.schemaChanged = schemaChanged;
    }

    /** Runs {@code main}, which sends the statement {@code rewrite} describes, as one group. */
    public <T> T run(Rewrite rewrite, SqlCall<T> main) throws SQLException {
        return run(List.of(rewrite), main);
    }

    /** Runs {@code main}, which sends a batch of statements, as one group (one delete event) for all of them. */
    public <T> T run(List<Rewrite> rewrites, SqlCall<T> main) throws SQLException {
        Set<String> before = new LinkedHashSet<>();
        Set<CascadeStep> after = new LinkedHashSet<>();
        List<Rewrite.Guard> guards = new ArrayList<>();
        boolean event = false;
        boolean repeat = false;
        boolean schema = false;
        for (Rewrite r : rewrites) {
            before.addAll(r.before());
            after.addAll(r.after());
            guards.addAll(r.guards());
            event |= r.deleteEvent();
            repeat |= r.afterRepeats();
            schema |= r.changesSchema();
        }
        if (before.isEmpty() && after.isEmpty() && guards.isEmpty()) {
            if (event) {
                startEvent();
            }
            T result = main.call();
            if (schema) {
                schemaChanged.call();
            }
            return result;
        }
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = autoCommit ? null : connection.setSavepoint();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        T result;
        try {
            check(guards);
            runBefore(new ArrayList<>(before));
            if (event) {
                startEvent();
            }
            result = main.call();
            runAfter(new ArrayList<>(after), repeat);
            if (autoCommit) {
                connection.commit();
            } else {
                connection.releaseSavepoint(savepoint);
            }
        } catch (SQLException | RuntimeException | Error e) {
            undo(autoCommit, savepoint, e);
            if (autoCommit) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException restore) {
                    e.addSuppressed(restore); // a dead connection: its first error is the one to report
                }
            }
            throw e;
        }
        if (autoCommit) {
            connection.setAutoCommit(true);
        }
        return result;
    }

    private void startEvent() throws SQLException {
        String sql = dialect.setEventStatement();
        if (sql == null) {
            return;
        }
        if (setEvent == null) {
            setEvent = connection.prepareStatement(sql);
        }
        setEvent.setString(1, EventClock.next());
        setEvent.setString(2, UUID.randomUUID().toString());
        setEvent.setString(3, actor.get());
        setEvent.execute();
    }

    private void check(List<Rewrite.Guard> guards) throws SQLException {
        if (guards.isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            for (Rewrite.Guard guard : guards) {
                try (ResultSet rs = st.executeQuery(guard.countQuery)) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        throw new SQLException(guard.message, StatementRefusedException.FORBIDDEN);
                    }
                }
            }
        }
    }

    private void runBefore(List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.executeLargeUpdate(sql);
            }
        }
    }

    private void runAfter(List<CascadeStep> steps, boolean repeat) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long changed = 0;
                for (CascadeStep step : steps) {
                    changed += step.statement() != null ? st.executeLargeUpdate(step.statement()) : byKeys(st, step);
                }
                if (!repeat || changed == 0) {
                    return;
                }
            }
        }
        throw new SQLException("softdelete-jdbc: the cascade map did not settle after " + MAX_ROUNDS + " rounds");
    }

    /** Reads the parent keys (a plain, non-locking read), then updates the children by key, in chunks. */
    private long byKeys(Statement st, CascadeStep step) throws SQLException {
        List<Object[]> keys = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(step.keyQuery())) {
            while (rs.next()) {
                Object[] key = new Object[step.keyWidth()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = rs.getObject(i + 1);
                }
                keys.add(key);
            }
        }
        long changed = 0;
        for (int from = 0; from < keys.size(); from += KEYS_PER_UPDATE) {
            List<Object[]> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_UPDATE));
            try (PreparedStatement update = connection.prepareStatement(step.updateByKeys() + tuples(chunk.size(),
                    step.keyWidth()))) {
                int p = 1;
                for (Object[] key : chunk) {
                    for (Object value : key) {
                        update.setObject(p++, value);
                    }
                }
                changed += update.executeLargeUpdate();
            }
        }
        return changed;
    }

    /** {@code (?, ?, ?)} for single keys, {@code ((?, ?), (?, ?))} for composite ones. */
    private static String tuples(int count, int width) {
        String one = width == 1 ? "?" : "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
        return "(" + String.join(", ", Collections.nCopies(count, one)) + ")";
    }

    private void undo(boolean autoCommit, Savepoint savepoint, Throwable cause) {
        try {
            if (autoCommit) {
                connection.rollback();
            } else {
                connection.rollback(savepoint);
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
