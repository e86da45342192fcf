package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deterministic two-connection interleavings of a parent's DELETE and a child's INSERT, each run twice: through
 * the driver on the soft tables (guard triggers installed) and raw on the hard twins, where the DELETE is real. One
 * connection holds its transaction open while the other runs; the second must block where the hard world blocks,
 * and both must end as in the hard world: the same update counts, the same errors (SQLState and vendor code). After
 * every run no live row references a soft-deleted customer. Each interleaving runs at every isolation level.
 *
 * <p>Also the one-statement (self-timed) soft delete of a row that nothing references, racing another write of the
 * same row: it must block and end as the hard delete does, and a row it deleted carries the database's clock (a
 * multiple of 10 µs), which shows that the one-statement path ran.
 */
@OnEachDatabase
class RaceIT {
    /** A soft delete of a table with nothing around it: one self-timed UPDATE ({@code orders} is a leaf). */
    private static final String DELETE_ORDER = "DELETE FROM %orders WHERE id = 10";
    private static final String MOVE_ORDER = "UPDATE %orders SET customer_id = 2 WHERE id = 10";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private GuardedSchema schema;
    private Connection raw;
    private Path config;
    private final TwoConnections connections = new TwoConnections();

    @BeforeEach
    void setUp() throws Exception {
        schema = new GuardedSchema(database, "sdit_race");
        raw = DriverManager.getConnection(database.rawUrl());
        config = schema.create(raw, dir);
    }

    @AfterEach
    void tearDown() throws SQLException {
        connections.close();
        schema.drop(raw);
        raw.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void aChildInsertedWhileItsParentIsBeingDeletedFails(int isolation) throws Exception {
        for (String child : List.of("orders", "notes", "invoices")) {
            String insert = "INSERT INTO %" + child + " (id, customer_id) VALUES (70, 2)";
            TwoConnections.Outcome soft = interleave(true, isolation, "DELETE FROM %customers WHERE id = 2", insert);
            TwoConnections.Outcome hard = interleave(false, isolation, "DELETE FROM %customers WHERE id = 2", insert);
            assertThat(soft).as("%s: delete first, then insert into %s", level(isolation), child).isEqualTo(hard);
            assertNoLiveChildOfADeletedParent();
            reset();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void aParentDeletedWhileItsChildIsBeingInsertedTakesOrRefusesTheChild(int isolation) throws Exception {
        for (String child : List.of("orders", "notes", "invoices")) {
            String insert = "INSERT INTO %" + child + " (id, customer_id) VALUES (71, 3)";
            TwoConnections.Outcome soft = interleave(true, isolation, insert, "DELETE FROM %customers WHERE id = 3");
            TwoConnections.Outcome hard = interleave(false, isolation, insert, "DELETE FROM %customers WHERE id = 3");
            if (hard.second().equals("error 40001/0") && database == TestDatabase.POSTGRESQL) {
                // PostgreSQL's own foreign-key trigger sees the child committed while the DELETE waited and raises
                // a serialization failure; the driver runs the soft delete at READ COMMITTED, which sees the child
                // and takes it along (or fails as the foreign key would). Both leave no live child of a deleted
                // parent; the README names the difference.
                assertThat(soft.blocked()).isEqualTo(hard.blocked());
                assertThat(soft.first()).isEqualTo(hard.first());
                assertThat(soft.second()).isIn("count 1", "error 23503/0", "error 40001/0");
            } else {
                assertThat(soft).as("%s: insert into %s first, then delete", level(isolation), child).isEqualTo(hard);
            }
            assertNoLiveChildOfADeletedParent();
            reset();
        }
    }

    /**
     * The session's isolation level set in SQL, after a group had run. On PostgreSQL the driver read the level once
     * and kept it: at REPEATABLE READ set in SQL it believed READ COMMITTED, ran the group at the session's level, and
     * left the child committed during its wait live under the deleted parent; then it put its cached level back over
     * the application's. The group now sets READ COMMITTED for its own transaction only. On MariaDB the driver never
     * touches the level: the same steps hold there too.
     */
    @Test
    void anIsolationLevelSetInSqlIsNeitherMissedNorOverwritten() throws Exception {
        boolean postgres = database == TestDatabase.POSTGRESQL;
        List<String> sets = postgres
            ? List.of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                "SET default_transaction_isolation = 'serializable'")
            : List.of("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        String show = postgres ? "SHOW transaction_isolation" : "SELECT @@tx_isolation";
        for (String set : sets) {
            Connection inserting = connections.keep(ThroughDriver.connect(database.rawUrl(), config));
            Connection deleting = connections.keep(ThroughDriver.connect(database.rawUrl(), config));
            deleting.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(Sql.update(deleting, "DELETE FROM " + schema.soft("customers") + " WHERE id = 999")).isZero();
            Sql.execute(deleting, set);
            String level = Sql.single(deleting, show);

            TwoConnections.Outcome outcome = connections.interleave(inserting, deleting, "INSERT INTO "
                + schema.soft("orders") + " (id, customer_id) VALUES (72, 3)", "DELETE FROM " + schema.soft("customers")
                + " WHERE id = 3");

            assertThat(outcome.blocked()).as(set).isTrue();
            assertThat(outcome.second()).as(set).isIn("count 1", "error 40001/0");
            assertNoLiveChildOfADeletedParent();
            assertThat(Sql.single(deleting, show)).as(set).isEqualTo(level).doesNotContainIgnoringCase("committed");
            reset();
        }
    }

    /**
     * pgjdbc's {@code autosave} ({@code always}, {@code conservative}) runs each statement of a transaction in a
     * subtransaction of its own, where PostgreSQL refuses {@code SET TRANSACTION ISOLATION LEVEL} (25001): at
     * REPEATABLE READ and SERIALIZABLE every auto-commit soft delete with a cascade or a check failed. The group now
     * sets the session's level around its own transaction there: the interleaving ends as without the option, and the
     * application's level is back afterwards. Connector/J does not know the option: on MariaDB the same steps run
     * as they always do.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"always", "conservative"})
    void aGroupRunsAtReadCommittedUnderPgjdbcAutosave(String autosave) throws Exception {
        String url = database.rawUrl() + (database.rawUrl().contains("?") ? "&" : "?") + "autosave=" + autosave;
        for (int isolation : new int[] {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
            Connection inserting = connections.keep(ThroughDriver.connect(database.rawUrl(), config));
            Connection deleting = connections.keep(ThroughDriver.connect(url, config));
            deleting.setTransactionIsolation(isolation);

            TwoConnections.Outcome outcome = connections.interleave(inserting, deleting, "INSERT INTO "
                + schema.soft("orders") + " (id, customer_id) VALUES (73, 3)", "DELETE FROM " + schema.soft("customers")
                + " WHERE id = 3");

            assertThat(outcome.blocked()).as(level(isolation)).isTrue();
            assertThat(outcome.second()).as(level(isolation)).isIn("count 1", "error 40001/0");
            assertNoLiveChildOfADeletedParent();
            assertThat(deleting.getTransactionIsolation()).as(level(isolation)).isEqualTo(isolation);
            assertThat(Sql.update(deleting, "DELETE FROM " + schema.soft("customers") + " WHERE id = 2"))
                .as("%s, no race", level(isolation)).isEqualTo(1);
            assertNoLiveChildOfADeletedParent();
            assertThat(deleting.getTransactionIsolation()).as(level(isolation)).isEqualTo(isolation);
            reset();
        }
    }

    /**
     * pgjdbc's {@code autosave=always} with {@code cleanupSavepoints=true} releases its own savepoint after every
     * statement, and that release destroys each savepoint set after it: the group's savepoint in the application's
     * transaction was gone by the group's end, the soft delete failed with 3B001 and the driver closed the connection,
     * where the hard delete counts 1 (found by a probe). The group now turns autosave off while its savepoint lives.
     * Connector/J does not know the options: on MariaDB the same steps run as they always do.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"always", "conservative"})
    void aGroupInTheApplicationsTransactionUnderPgjdbcCleanupSavepoints(String autosave) throws Exception {
        String url = database.rawUrl() + (database.rawUrl().contains("?") ? "&" : "?") + "autosave=" + autosave
            + "&cleanupSavepoints=true";
        Connection deleting = connections.keep(ThroughDriver.connect(url, config));
        deleting.setAutoCommit(false);
        assertThat(Sql.update(deleting, "DELETE FROM " + schema.soft("customers") + " WHERE id = 2")).isEqualTo(1);
        deleting.commit();
        assertThat(deleting.isClosed()).isFalse();
        assertNoLiveChildOfADeletedParent();
        reset();
    }

    /**
     * The last row that references a parent is being deleted, in a transaction held open, when the parent is deleted:
     * the hard delete's foreign-key check waits for that transaction, then finds the row gone (or fails with 40001 at
     * PostgreSQL's REPEATABLE READ and SERIALIZABLE). On PostgreSQL the driver's check read the row without a lock,
     * saw it still there and failed at once with 23503; and while the soft delete of a configured child took no key
     * lock, the check did not wait for it either.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void aParentDeletedWhileItsLastReferencingRowIsBeingDeleted(int isolation) throws Exception {
        for (String child : List.of("notes", "invoices")) {
            for (String table : List.of(schema.soft(child), schema.hard(child))) {
                Sql.execute(raw, "INSERT INTO " + table + " (id, customer_id) VALUES (80, 2)");
            }
            TwoConnections.Outcome soft = interleave(true, isolation, "DELETE FROM %" + child + " WHERE id = 80",
                "DELETE FROM %customers WHERE id = 2");
            TwoConnections.Outcome hard = interleave(false, isolation, "DELETE FROM %" + child + " WHERE id = 80",
                "DELETE FROM %customers WHERE id = 2");
            // the soft delete of the configured child notes takes the key lock too (the lock index over its primary
            // key and flag), which the check (FOR KEY SHARE, as the key's own) waits for: it failed at once with
            // 23503 before every soft-delete table had one
            if (hard.second().equals("error 40001/0") && database == TestDatabase.POSTGRESQL) {
                // as above: in autocommit mode the driver's group runs at READ COMMITTED, which sees the row gone
                assertThat(soft.blocked()).isEqualTo(hard.blocked());
                assertThat(soft.first()).isEqualTo(hard.first());
                assertThat(soft.second()).isEqualTo("count 1");
            } else {
                assertThat(soft).as("%s: the %s row deleted first, then its customer", level(isolation), child)
                    .isEqualTo(hard);
            }
            assertNoLiveChildOfADeletedParent();
            reset();
        }
    }

    /**
     * A referencing row being updated (not its key) while its parent is deleted: the key's check does not wait for
     * such an UPDATE, nor may the driver's (a FOR SHARE check waited, and deadlocked where the hard delete fails at
     * once).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void aParentDeletedWhileAReferencingRowIsBeingUpdated(int isolation) throws Exception {
        for (String child : List.of("notes", "invoices")) {
            for (String table : List.of(schema.soft(child), schema.hard(child))) {
                Sql.execute(raw, "INSERT INTO " + table + " (id, customer_id) VALUES (82, 2)");
            }
            TwoConnections.Outcome soft = interleave(true, isolation, "UPDATE %" + child + " SET customer_id = 2"
                + " WHERE id = 82", "DELETE FROM %customers WHERE id = 2");
            TwoConnections.Outcome hard = interleave(false, isolation, "UPDATE %" + child + " SET customer_id = 2"
                + " WHERE id = 82", "DELETE FROM %customers WHERE id = 2");
            if (database == TestDatabase.MARIADB) {
                // the README's difference: the driver's locking read (LOCK IN SHARE MODE) waits for the row's
                // update, InnoDB's own key check does not; both then fail alike
                assertThat(soft.first()).isEqualTo(hard.first());
                assertThat(soft.second()).isEqualTo(hard.second());
            } else {
                assertThat(soft).as("%s: a %s row updated, then its customer deleted", level(isolation), child)
                    .isEqualTo(hard);
            }
            reset();
        }
    }

    /**
     * A delete that fails on a RESTRICT key inside a transaction, after one that succeeded: on PostgreSQL the failed
     * hard DELETE aborts the transaction, which releases its row locks at once, so another connection's write of the
     * row deleted first does not wait; on MariaDB the locks stay until the transaction ends, hard or soft. The driver
     * raised its abort inside its own savepoint, which aborted only that and kept the locks.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void aTransactionWhoseDeleteFailedHoldsTheLocksTheHardOneHolds(int isolation) throws Exception {
        for (String table : List.of(schema.soft("invoices"), schema.hard("invoices"))) {
            Sql.execute(raw, "INSERT INTO " + table + " (id, customer_id) VALUES (81, 3)");
        }
        List<String> first = List.of("DELETE FROM %customers WHERE id = 2", "DELETE FROM %customers WHERE id = 3");
        String second = "UPDATE %customers SET name = 'changed' WHERE id = 2";
        TwoConnections.Outcome soft = connections.interleave(connect(true, isolation), connect(true, isolation),
            first.stream().map(s -> s.replace("%", schema.soft(""))).collect(java.util.stream.Collectors.toList()),
            second.replace("%", schema.soft("")));
        TwoConnections.Outcome hard = connections.interleave(connect(false, isolation), connect(false, isolation),
            first.stream().map(s -> s.replace("%", schema.hard(""))).collect(java.util.stream.Collectors.toList()),
            second.replace("%", schema.hard("")));
        assertThat(soft).as("%s: a delete, a failed delete, then another connection's update", level(isolation))
            .isEqualTo(hard);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void twoSelfTimedDeletesOfOneRow(int isolation) throws Exception {
        assertSameAsHard(isolation, DELETE_ORDER, DELETE_ORDER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void anUpdateOfARowBeingDeletedInOneStatement(int isolation) throws Exception {
        assertSameAsHard(isolation, DELETE_ORDER, MOVE_ORDER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void aSelfTimedDeleteOfARowBeingUpdated(int isolation) throws Exception {
        assertSameAsHard(isolation, MOVE_ORDER, DELETE_ORDER);
    }

    /**
     * An application's key-share lock (PostgreSQL's {@code FOR KEY SHARE}, MariaDB's {@code LOCK IN SHARE MODE}) on a
     * row nothing references, and the row's soft delete, wait for each other as with the hard delete, either first. On
     * PostgreSQL that takes the lock index over the key and the flag: without it the soft delete's UPDATE took {@code
     * FOR NO KEY UPDATE}, and a probe's {@code FOR KEY SHARE} got the row being deleted at once, or let it be deleted
     * under its lock.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void aKeyShareLockAndADeleteOfTheRowWaitForEachOther(int isolation) throws Exception {
        String lock = "SELECT id FROM %orders WHERE id = 10 "
            + (database == TestDatabase.POSTGRESQL ? "FOR KEY SHARE" : "LOCK IN SHARE MODE");
        for (List<String> steps : List.of(List.of(DELETE_ORDER, lock), List.of(lock, DELETE_ORDER))) {
            TwoConnections.Outcome soft = interleave(true, isolation, steps.get(0), steps.get(1));
            TwoConnections.Outcome hard = interleave(false, isolation, steps.get(0), steps.get(1));
            assertThat(soft).as("%s: %s, then %s", level(isolation), steps.get(0), steps.get(1)).isEqualTo(hard);
            assertThat(soft.blocked()).as("the second waits for the first").isTrue();
            reset();
        }
    }

    private void assertSameAsHard(int isolation, String first, String second) throws Exception {
        TwoConnections.Outcome soft = interleave(true, isolation, first, second);
        TwoConnections.Outcome hard = interleave(false, isolation, first, second);
        assertThat(soft).as("%s: %s, then %s", level(isolation), first, second).isEqualTo(hard);
        assertThat(soft.blocked()).as("the second statement waits for the first's row lock").isTrue();
        // the DELETE may have failed as the hard one did (PostgreSQL at REPEATABLE READ: 40001)
        String delete = first.equals(DELETE_ORDER) ? soft.first() : soft.second();
        Timestamp deletedAt = deletedAt();
        assertThat(deletedAt != null).as("order 10 soft-deleted after '%s'", delete)
            .isEqualTo(delete.startsWith("count 1"));
        if (deletedAt != null) {
            assertThat(deletedAt.getNanos() / 1_000 % 10).as("microseconds of %s: the database's clock", deletedAt)
                .isZero();
        }
    }

    private Timestamp deletedAt() throws SQLException {
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT deleted_at FROM " + schema.soft("orders") + " WHERE id = 10")) {
            assertThat(rs.next()).as("order 10 is still stored").isTrue();
            return rs.getTimestamp(1);
        }
    }

    /** Connection 1 runs {@code first} and holds its transaction; connection 2 runs {@code second} meanwhile. */
    private TwoConnections.Outcome interleave(boolean soft, int isolation, String first, String second)
            throws Exception {
        String prefix = soft ? schema.soft("") : schema.hard("");
        return connections.interleave(connect(soft, isolation), connect(soft, isolation), first.replace("%", prefix),
            second.replace("%", prefix));
    }

    private Connection connect(boolean soft, int isolation) throws SQLException {
        Connection c = soft ? ThroughDriver.connect(database.rawUrl(), config)
            : DriverManager.getConnection(database.rawUrl());
        c.setTransactionIsolation(isolation);
        return connections.keep(c);
    }

    private void assertNoLiveChildOfADeletedParent() throws SQLException {
        for (String child : List.of("orders", "notes", "invoices")) {
            String live = child.equals("invoices") ? "" : " AND NOT c.is_deleted";
            assertThat(Sql.longs(raw, "SELECT c.id FROM " + schema.soft(child) + " c JOIN " + schema.soft("customers")
                + " p ON p.id = c.customer_id WHERE p.is_deleted" + live))
                .as("live %s of a soft-deleted customer", child).isEmpty();
        }
    }

    private void reset() throws Exception {
        connections.closeConnections();
        config = schema.create(raw, dir);
    }

    private static String level(int isolation) {
        switch (isolation) {
            case Connection.TRANSACTION_READ_COMMITTED:
                return "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ:
                return "REPEATABLE READ";
            default:
                return "SERIALIZABLE";
        }
    }
}
