package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs soft-deleting statements as delete events, on one connection: sets the event's timestamp on the session,
 * runs the statement, then its cascade statements. With cascades, the whole group is atomic: in autocommit mode
 * inside a transaction the driver opens and commits, inside the caller's transaction behind a savepoint (MySQL
 * and H2 do not undo the earlier statements of a transaction when a later one fails).
 */
public final class DeleteEvents {
    /** A bounded number of cascade rounds for cyclic maps; each round must delete rows to continue. */
    static final int MAX_ROUNDS = 1_000;

    /** One JDBC call that may fail. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private PreparedStatement setEvent;

    public DeleteEvents(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** Runs {@code main}, which sends the statement {@code rewrite} describes, as one delete event. */
    public <T> T run(Rewrite rewrite, SqlCall<T> main) throws SQLException {
        return run(List.of(rewrite), main);
    }

    /** Runs {@code main}, which sends a batch of statements, as one delete event for all of them. */
    public <T> T run(List<Rewrite> rewrites, SqlCall<T> main) throws SQLException {
        Set<String> cascades = new LinkedHashSet<>();
        boolean cyclic = false;
        for (Rewrite r : rewrites) {
            cascades.addAll(r.cascades());
            cyclic |= r.cascadesCyclic();
        }
        if (cascades.isEmpty()) {
            startEvent();
            return main.call();
        }
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = autoCommit ? null : connection.setSavepoint();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            startEvent();
            T result = main.call();
            cascade(new ArrayList<>(cascades), cyclic);
            if (autoCommit) {
                connection.commit();
            } else {
                connection.releaseSavepoint(savepoint);
            }
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            undo(autoCommit, savepoint, e);
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
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
        setEvent.execute();
    }

    private void cascade(List<String> statements, boolean cyclic) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long changed = 0;
                for (String sql : statements) {
                    changed += st.executeLargeUpdate(sql);
                }
                if (!cyclic || changed == 0) {
                    return;
                }
            }
        }
        throw new SQLException("softdelete-jdbc: the cascade map did not settle after " + MAX_ROUNDS + " rounds");
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
