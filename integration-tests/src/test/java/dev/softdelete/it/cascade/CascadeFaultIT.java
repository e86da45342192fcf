package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cascade that fails on the third level (parents and children already updated, grandchildren not) leaves the data
 * exactly as it was before the DELETE: the group is undone, in autocommit mode by rolling back the transaction the
 * driver opened, inside the caller's transaction by rolling back to the driver's savepoint, which keeps the caller's
 * earlier work. Each DELETE runs on another thread with a bounded wait, so no failure mode can hang the build.
 *
 * <p>Fixture ({@link Hierarchy}): parents 1-3, two children and one note each, one grandchild per child (so a
 * trigger on grandchildren fires twice for one parent); parent 3 and its subtree deleted earlier.
 */
@OnEachDatabase
class CascadeFaultIT {
    private static final String PREFIX = "sdit_cascf";
    private static final String REFUSAL = "sdit: grandchild update refused";
    private static final String INSERTED_NOTE = "INSERT INTO " + PREFIX + "_notes (id, parent_id, body) VALUES "
        + "(999, 2, 'inserted in the same transaction')";
    private static final long WAIT_SECONDS = 20;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private String url;
    private Connection raw;
    private Connection app;
    private Hierarchy h;
    private ExecutorService executor;

    @BeforeEach
    void setUp() throws Exception {
        url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        h = new Hierarchy(database, PREFIX).create(raw).fill(raw, 3, 2, 1, 1)
            .markSubtreeDeleted(raw, 3, Hierarchy.EARLIER);
        app = ThroughDriver.connect(url, ConfigFile.writeRaw(dir, h.yaml()));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sdit-cascade-fault");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void tearDown() throws SQLException {
        executor.shutdownNow();
        try {
            app.close();
        } catch (SQLException e) {
            // a killed connection may not close cleanly; nothing left to release
        }
        raw.close();
    }

    @ParameterizedTest(name = "in the caller''s transaction: {0}")
    @ValueSource(booleans = {false, true})
    void aTriggerFailingOnTheThirdLevelUndoesTheWholeGroup(boolean inCallersTransaction) throws Exception {
        refuseGrandchildUpdates();
        var snapshot = h.snapshot(raw);
        if (inCallersTransaction) {
            app.setAutoCommit(false);
            Sql.update(app, INSERTED_NOTE);
        }

        SQLException e = failingDelete("DELETE FROM " + h.parents + " WHERE id = 1");

        assertThat(e.getMessage()).as("%s", e).contains(REFUSAL);
        assertThat(app.getAutoCommit()).as("autocommit as the caller left it").isEqualTo(!inCallersTransaction);
        if (inCallersTransaction && database == TestDatabase.POSTGRESQL) {
            assertTransactionAbortedAsAHardDeleteLeavesIt(snapshot);
        } else if (inCallersTransaction) {
            // MySQL: the transaction goes on, the failed DELETE is undone, the caller's insert is not.
            assertThat(Sql.longs(app, "SELECT id FROM " + h.parents + " ORDER BY id")).containsExactly(1L, 2L);
            assertThat(Sql.longs(app, "SELECT id FROM " + h.notes + " WHERE id = 999")).containsExactly(999L);
            assertSnapshotPlusInsertedNote(VendorSession.of(app, database), snapshot);
            app.commit();
            assertSnapshotPlusInsertedNote(raw, snapshot);
        } else {
            assertThat(h.snapshot(raw)).isEqualTo(snapshot);
        }
        // Once the trigger is gone, the same DELETE on the same connection goes through, cascades included.
        Sql.execute(raw, database == TestDatabase.POSTGRESQL
            ? "DROP TRIGGER " + PREFIX + "_refuse ON " + h.grandchildren
            : "DROP TRIGGER " + PREFIX + "_refuse");
        var before = h.marks(raw);
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        if (inCallersTransaction) {
            app.commit();
        }
        h.assertOneEvent(before, h.marks(raw), Set.of(1L));
    }

    /**
     * The application's statement's query timeout and cancel reach the cascade statements the group runs after it: a
     * cascade waiting for a lock on the third level stops, and the group is undone.
     */
    @Test
    void aQueryTimeoutAndACancelReachTheCascadeStatements() throws Exception {
        var snapshot = h.snapshot(raw);
        String delete = "DELETE FROM " + h.parents + " WHERE id = 1";
        try (Connection locker = DriverManager.getConnection(url)) {
            locker.setAutoCommit(false);
            assertThat(Sql.longs(locker, "SELECT id FROM " + h.grandchildren + " WHERE id = 111 FOR UPDATE"))
                .containsExactly(111L);
            try (Statement st = app.createStatement()) {
                st.setQueryTimeout(1);
                Future<Integer> timed = executor.submit(() -> st.executeUpdate(delete));
                ExecutionException timeout = catchThrowableOfType(ExecutionException.class,
                    () -> timed.get(WAIT_SECONDS, TimeUnit.SECONDS));
                assertThat(timeout).as("the timeout stops the waiting cascade").isNotNull();
                assertThat(timeout.getCause()).isInstanceOf(SQLException.class);
            }
            assertThat(h.snapshot(raw)).isEqualTo(snapshot);
            try (Statement st = app.createStatement()) {
                Future<Integer> cancelled = executor.submit(() -> st.executeUpdate(delete));
                Thread.sleep(700);
                st.cancel();
                ExecutionException cancel = catchThrowableOfType(ExecutionException.class,
                    () -> cancelled.get(WAIT_SECONDS, TimeUnit.SECONDS));
                assertThat(cancel).as("the cancel stops the waiting cascade").isNotNull();
                assertThat(cancel.getCause()).isInstanceOf(SQLException.class);
            }
            assertThat(h.snapshot(raw)).isEqualTo(snapshot);
            if (database == TestDatabase.POSTGRESQL) {
                // pgjdbc's close() from another thread cancels the statement it runs, so it stops the hard delete;
                // it stops the group's statement too (a probe's delete went on and committed after the close)
                Statement st = app.createStatement();
                Future<Integer> closed = executor.submit(() -> st.executeUpdate(delete));
                Thread.sleep(700);
                st.close();
                ExecutionException close = catchThrowableOfType(ExecutionException.class,
                    () -> closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
                assertThat(close).as("the close stops the waiting cascade").isNotNull();
                assertThat(h.snapshot(raw)).isEqualTo(snapshot);
            }
            locker.rollback();
        }
        assertThat(app.getAutoCommit()).isTrue();
    }

    @ParameterizedTest(name = "in the caller''s transaction: {0}")
    @ValueSource(booleans = {false, true})
    void aLockTimeoutOnTheThirdLevelUndoesTheWholeGroup(boolean inCallersTransaction) throws Exception {
        var snapshot = h.snapshot(raw);
        Sql.execute(app, database == TestDatabase.POSTGRESQL
            ? "SET lock_timeout = '300ms'"
            : "SET SESSION innodb_lock_wait_timeout = 1");
        if (inCallersTransaction) {
            app.setAutoCommit(false);
            Sql.update(app, INSERTED_NOTE);
        }
        try (Connection locker = DriverManager.getConnection(url)) {
            locker.setAutoCommit(false);
            assertThat(Sql.longs(locker, "SELECT id FROM " + h.grandchildren + " WHERE id = 111 FOR UPDATE"))
                .containsExactly(111L);

            SQLException e = failingDelete("DELETE FROM " + h.parents + " WHERE id = 1");

            if (database == TestDatabase.POSTGRESQL) {
                assertThat(e.getSQLState()).as("lock_not_available: " + e).isEqualTo("55P03");
            } else {
                assertThat(e.getErrorCode()).as("ER_LOCK_WAIT_TIMEOUT: " + e).isEqualTo(1205);
            }
            assertThat(h.snapshot(raw)).as("while the lock is held").isEqualTo(snapshot);
            locker.rollback();
        }
        assertThat(app.getAutoCommit()).isEqualTo(!inCallersTransaction);
        if (inCallersTransaction && database == TestDatabase.POSTGRESQL) {
            assertTransactionAbortedAsAHardDeleteLeavesIt(snapshot);
        } else if (inCallersTransaction) {
            app.commit();
            assertSnapshotPlusInsertedNote(raw, snapshot);
        } else {
            assertThat(h.snapshot(raw)).isEqualTo(snapshot);
        }
        // With the lock released the DELETE goes through on the same connection.
        var before = h.marks(raw);
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        if (inCallersTransaction) {
            app.commit();
        }
        h.assertOneEvent(before, h.marks(raw), Set.of(1L));
    }

    @Test
    void aLockOnAnotherParentsGrandchildDoesNotBlockTheCascade() throws Exception {
        // A hard DELETE with ON DELETE CASCADE locks only the rows it removes; the soft one must not wait for rows
        // it does not change either.
        Sql.execute(app, database == TestDatabase.POSTGRESQL
            ? "SET lock_timeout = '300ms'"
            : "SET SESSION innodb_lock_wait_timeout = 1");
        var before = h.marks(raw);
        try (Connection locker = DriverManager.getConnection(url)) {
            locker.setAutoCommit(false);
            assertThat(Sql.longs(locker, "SELECT id FROM " + h.grandchildren + " WHERE id = 211 FOR UPDATE"))
                .as("a grandchild of parent 2").containsExactly(211L);

            Future<Integer> delete = executor.submit(() -> Sql.update(app, "DELETE FROM " + h.parents
                + " WHERE id = 1"));
            Throwable failure = catchThrowable(() -> delete.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertThat(failure).as("DELETE of parent 1 while another transaction locks grandchild 211 of parent 2")
                .isNull();
            assertThat(delete.get()).isEqualTo(1);

            h.assertOneEvent(before, h.marks(raw), Set.of(1L));
            locker.rollback();
        }
    }

    @Test
    void aConnectionKilledWhileTheThirdLevelRunsCommitsNothing() throws Exception {
        var snapshot = h.snapshot(raw);

        killWhileTheThirdLevelRuns();

        assertThat(h.snapshot(raw)).isEqualTo(snapshot);
        assertThat(app.isValid(2)).as("the killed connection").isFalse();
    }

    @Test
    void aConnectionKilledWhileTheThirdLevelRunsReportsTheServersError() throws Exception {
        SQLException e = killWhileTheThirdLevelRuns();

        // What the vendor driver reports for the kill (PostgreSQL: FATAL admin_shutdown; MySQL Connector/J:
        // communications link failure), not only the failure of the clean-up that follows it on a dead connection
        // (08003 "connection has been closed").
        String killed = database == TestDatabase.POSTGRESQL ? "57P01" : "08S01";
        assertThat(sqlStates(e)).as("SQLStates of the exception, its causes and suppressed exceptions: %s",
            describe(e)).contains(killed);
    }

    /**
     * Makes the grandchild trigger sleep, deletes parent 1 through the driver on another thread, kills the driver's
     * session from a raw connection while it sleeps (the first two levels done) and returns the DELETE's failure.
     */
    private SQLException killWhileTheThirdLevelRuns() throws Exception {
        String sessionId;
        if (database == TestDatabase.POSTGRESQL) {
            Sql.execute(raw,
                "CREATE OR REPLACE FUNCTION " + PREFIX + "_sleep() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$",
                "CREATE TRIGGER " + PREFIX + "_sleep BEFORE UPDATE ON " + h.grandchildren
                    + " FOR EACH ROW EXECUTE FUNCTION " + PREFIX + "_sleep()");
            sessionId = String.valueOf(app.unwrap(org.postgresql.PGConnection.class).getBackendPID());
        } else {
            Sql.execute(raw, "CREATE TRIGGER " + PREFIX + "_sleep BEFORE UPDATE ON " + h.grandchildren
                + " FOR EACH ROW DO SLEEP(2)");
            sessionId = Sql.single(app, "SELECT CONNECTION_ID()");
        }

        Future<Integer> delete = executor.submit(() -> Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1"));
        awaitSleepingInTrigger(sessionId, delete);
        Sql.execute(raw, database == TestDatabase.POSTGRESQL
            ? "SELECT pg_terminate_backend(" + sessionId + ")"
            : "KILL " + sessionId);

        ExecutionException failure = catchThrowableOfType(ExecutionException.class,
            () -> delete.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(failure).as("the DELETE on the killed connection fails").isNotNull();
        assertThat(failure.getCause()).isInstanceOf(SQLException.class);
        return (SQLException) failure.getCause();
    }

    private static Set<String> sqlStates(Throwable t) {
        Set<String> states = new LinkedHashSet<>();
        collect(t, states, Collections.newSetFromMap(new IdentityHashMap<>()));
        return states;
    }

    private static void collect(Throwable t, Set<String> states, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            states.add(sql.getSQLState());
        }
        collect(t.getCause(), states, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, states, seen);
        }
    }

    private static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(String.valueOf(t));
        for (Throwable s : t.getSuppressed()) {
            text.append("; suppressed: ").append(s);
        }
        for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
            text.append("; cause: ").append(c);
        }
        return text.toString();
    }

    /** Waits until session {@code id} sleeps in the grandchild trigger, i.e. the first two levels are done. */
    private void awaitSleepingInTrigger(String id, Future<?> delete) throws Exception {
        String query = database == TestDatabase.POSTGRESQL
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ? AND wait_event = 'PgSleep'"
            : "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND STATE = 'User sleep'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try (PreparedStatement ps = raw.prepareStatement(query)) {
            ps.setLong(1, Long.parseLong(id));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (delete.isDone()) {
                    throw new AssertionError("the DELETE finished before it was killed: " + outcome(delete));
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("session " + id + " never slept in the trigger");
    }

    private static String outcome(Future<?> f) {
        try {
            return "returned " + f.get();
        } catch (Exception e) {
            return "threw " + e.getCause();
        }
    }

    private void refuseGrandchildUpdates() throws SQLException {
        if (database == TestDatabase.POSTGRESQL) {
            Sql.execute(raw,
                "CREATE OR REPLACE FUNCTION " + PREFIX + "_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN RAISE EXCEPTION '" + REFUSAL + "'; END $$",
                "CREATE TRIGGER " + PREFIX + "_refuse BEFORE UPDATE ON " + h.grandchildren
                    + " FOR EACH ROW EXECUTE FUNCTION " + PREFIX + "_refuse()");
        } else {
            Sql.execute(raw, "CREATE TRIGGER " + PREFIX + "_refuse BEFORE UPDATE ON " + h.grandchildren
                + " FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + REFUSAL + "'");
        }
    }

    /** Runs {@code sql} through the driver on another thread and returns the SQLException it must end with. */
    private SQLException failingDelete(String sql) throws Exception {
        Future<Integer> delete = executor.submit(() -> Sql.update(app, sql));
        ExecutionException failure = catchThrowableOfType(ExecutionException.class,
            () -> delete.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(failure).as("%s fails", sql).isNotNull();
        assertThat(failure.getCause()).isInstanceOf(SQLException.class);
        return (SQLException) failure.getCause();
    }

    /**
     * PostgreSQL: a DELETE that fails leaves the caller's transaction aborted, the soft one as the hard one would: the
     * next statement fails with 25P02, and the transaction's work (the inserted note) is gone after it ends.
     */
    private void assertTransactionAbortedAsAHardDeleteLeavesIt(Map<String, List<String>> snapshot)
            throws SQLException {
        assertThatThrownBy(() -> Sql.longs(app, "SELECT id FROM " + h.parents))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
        app.rollback();
        assertThat(h.snapshot(raw)).isEqualTo(snapshot);
    }

    /**
     * Asserts that {@code c} sees exactly {@code snapshot} plus the live note {@link #INSERTED_NOTE} inserted.
     */
    private void assertSnapshotPlusInsertedNote(Connection c, Map<String, List<String>> snapshot) throws SQLException {
        Map<String, List<String>> actual = h.snapshot(c);
        List<String> notes = new ArrayList<>(actual.get(h.notes));
        List<String> inserted = notes.stream().filter(row -> row.startsWith("id=999,")).toList();
        assertThat(inserted).as("the note inserted before the failed DELETE").hasSize(1);
        assertThat(inserted.get(0)).contains("body=inserted in the same transaction", "deleted_at=null");
        notes.removeAll(inserted);
        actual.put(h.notes, notes);
        assertThat(actual).as("everything else").isEqualTo(snapshot);
    }
}
