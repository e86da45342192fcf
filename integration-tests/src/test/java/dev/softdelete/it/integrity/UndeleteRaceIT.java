package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An UNDELETE racing a DELETE of the same rows or of their parent, with two connections through the driver: one
 * holds its transaction open while the other runs. An UNDELETE locks the parents it checks and captures the delete
 * events it restores before restoring anything, so no interleaving leaves a live child under a deleted parent, and
 * every delete event stays whole (its rows share one timestamp and are all deleted or all restored).
 *
 * <p>Fixture ({@link GuardedSchema}, soft side): customer 3 is live and its order 30 was deleted on its own; customer
 * 4 was deleted with its orders 40 and 41 in one event.
 */
@OnEachDatabase
class UndeleteRaceIT {
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
        schema = new GuardedSchema(database, "sdit_ur");
        raw = DriverManager.getConnection(database.rawUrl());
        config = schema.create(raw, dir);
        Sql.execute(raw, "INSERT INTO " + schema.soft("customers") + " (id, name) VALUES (4, 'd')",
            "INSERT INTO " + schema.soft("orders") + " (id, customer_id) VALUES (30, 3), (40, 4), (41, 4)");
        try (Connection app = connect(Connection.TRANSACTION_READ_COMMITTED)) {
            Sql.update(app, "DELETE FROM " + schema.soft("orders") + " WHERE id = 30");
            Sql.update(app, "DELETE FROM " + schema.soft("customers") + " WHERE id = 4");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        connections.close();
        schema.drop(raw);
        raw.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void aChildsUndeleteWaitsForItsParentsDeleteAndIsThenRefused(int isolation) throws Exception {
        String[] outcome = interleave(isolation, "DELETE FROM %customers WHERE id = 3",
            "UNDELETE FROM %orders WHERE id = 30");
        assertThat(outcome[0]).isEqualTo("blocked");
        assertThat(outcome[1]).isEqualTo("count 1");
        if (database == TestDatabase.POSTGRESQL && isolation == Connection.TRANSACTION_REPEATABLE_READ) {
            // the parent row changed after the snapshot: PostgreSQL fails the locking read, as a foreign key's
            // check would fail an insert of a child of a row deleted concurrently
            assertThat(outcome[2]).isEqualTo("error 40001");
        } else {
            assertThat(outcome[2]).isEqualTo("error SD002");
        }
        assertConsistent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void aParentsDeleteWaitsForAChildsUndeleteAndThenTakesTheChildAlong(int isolation) throws Exception {
        String[] outcome = interleave(isolation, "UNDELETE FROM %orders WHERE id = 30",
            "DELETE FROM %customers WHERE id = 3");
        assertThat(outcome).containsExactly("blocked", "count 1", "count 1");
        assertThat(Sql.longs(raw, "SELECT id FROM " + schema.soft("orders") + " WHERE id = 30 AND is_deleted"))
            .as("the restored order went with its customer").containsExactly(30L);
        assertConsistent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void aDeleteOfRowsBeingRestoredEndsWithTheEventWhole(int isolation) throws Exception {
        String[] outcome = interleave(isolation, "UNDELETE FROM %customers WHERE id = 4",
            "DELETE FROM %customers WHERE id = 4");
        assertThat(outcome[1]).isEqualTo("count 1");
        if (database == TestDatabase.POSTGRESQL) {
            // a restore is like an insert of the rows again: a DELETE does not see them before they commit, as it
            // would not see rows being inserted; customer 4 and its orders end live
            assertThat(outcome).containsExactly("not blocked", "count 1", "count 0");
            assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM " + schema.soft("orders") + " WHERE customer_id = 4"
                + " AND NOT is_deleted")).containsExactly(2L);
        } else {
            // InnoDB's UPDATE reads the latest rows: it waits for the restore and deletes them again, as one event
            assertThat(outcome).containsExactly("blocked", "count 1", "count 1");
            assertThat(Sql.longs(raw, "SELECT COUNT(DISTINCT deleted_at) FROM (SELECT deleted_at FROM "
                + schema.soft("customers") + " WHERE id = 4 UNION ALL SELECT deleted_at FROM " + schema.soft("orders")
                + " WHERE customer_id = 4) x")).as("customer 4 and its orders: one event").containsExactly(1L);
        }
        assertConsistent();
    }

    /**
     * An UNDELETE whose capture waits for a row lock, while another transaction soft-deletes a further row its
     * condition matches, with that row's children, and commits. On PostgreSQL (READ COMMITTED) the capture, which
     * read its snapshot before the wait, misses that row, but the restore's own UPDATE finds it: customer 3 came back
     * with its order still deleted, half an event restored. The UNDELETE now fails with 40001 and restores nothing
     * (on MariaDB too: its capture also came back with customer 4 alone). Restoring both events whole would do too.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED})
    void aRowDeletedWhileTheUndeleteWaitedIsRestoredWholeOrNotAtAll(int isolation) throws Exception {
        Sql.execute(raw, "INSERT INTO " + schema.soft("orders") + " (id, customer_id) VALUES (31, 3)");
        Connection locker = connections.keep(DriverManager.getConnection(database.rawUrl()));
        locker.setAutoCommit(false);
        assertThat(Sql.longs(locker, "SELECT id FROM " + schema.soft("customers") + " WHERE id = 4 FOR UPDATE"))
            .containsExactly(4L);
        Connection restorer = connect(isolation);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<String> undelete = background.submit(() -> TwoConnections.run(restorer, "UNDELETE FROM "
                + schema.soft("customers") + " WHERE id IN (3, 4)"));
            assertThatThrownBy(() -> undelete.get(TwoConnections.BLOCKED_MILLIS, TimeUnit.MILLISECONDS))
                .as("the UNDELETE waits for customer 4").isInstanceOf(TimeoutException.class);
            try (Connection deleter = connect(isolation)) {
                assertThat(Sql.update(deleter, "DELETE FROM " + schema.soft("customers") + " WHERE id = 3"))
                    .isEqualTo(1);
            }
            locker.commit();
            String outcome = undelete.get(30, TimeUnit.SECONDS).replaceAll("/-?\\d+$", "");

            List<Long> liveCustomers = Sql.longs(raw, "SELECT id FROM " + schema.soft("customers")
                + " WHERE id IN (3, 4) AND NOT is_deleted ORDER BY id");
            List<Long> liveOrders = Sql.longs(raw, "SELECT id FROM " + schema.soft("orders")
                + " WHERE customer_id IN (3, 4) AND NOT is_deleted ORDER BY id");
            if (outcome.equals("error 40001")) {
                assertThat(liveCustomers).as("nothing restored").isEmpty();
                assertThat(liveOrders).as("nothing restored").isEmpty();
            } else {
                assertThat(outcome).isEqualTo("count 2");
                assertThat(liveCustomers).containsExactly(3L, 4L);
                assertThat(liveOrders).as("both events whole; order 30 was deleted on its own")
                    .containsExactly(31L, 40L, 41L);
            }
        } finally {
            background.shutdownNow();
        }
        assertConsistent();
    }

    /**
     * Connection 1 runs {@code first} and holds its transaction; connection 2 runs {@code second} meanwhile: whether
     * the second blocked, how the first ended, how the second ended ({@code count n} or {@code error STATE}).
     */
    /**
     * An UNDELETE locks the rows it restores, not the whole child table: on MariaDB its restore of the children,
     * {@code UPDATE orders ... WHERE (customer_id, deleted_at) IN ((?, ?))}, was not range-optimised, scanned every
     * order at REPEATABLE READ and waited for another transaction's unrelated order (a probe). Re-inserting the
     * hard-deleted rows, what the UNDELETE stands for, does not wait there; neither does the UNDELETE now.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ})
    void anUndeleteDoesNotWaitForAnotherTransactionsUnrelatedChild(int isolation) throws Exception {
        for (int i = 0; i < 200; i++) { // enough orders that a scan is not the optimiser's only sensible plan
            Sql.execute(raw, "INSERT INTO " + schema.soft("orders") + " (id, customer_id) VALUES (" + (1000 + i)
                + ", " + (1 + i % 3) + ")");
        }
        Sql.execute(raw, "INSERT INTO " + schema.hard("orders") + " (id, customer_id) VALUES (30, 3)");
        String[] hard = interleaveRaw(isolation, "UPDATE " + schema.hard("orders") + " SET customer_id = 2 WHERE id"
            + " = 10", "INSERT INTO " + schema.hard("orders") + " (id, customer_id) VALUES (40, 3)");
        assertThat(hard).containsExactly("not blocked", "count 1", "count 1");

        String[] soft = interleave(isolation, "UPDATE %orders SET customer_id = 2 WHERE id = 10",
            "UNDELETE FROM %customers WHERE id = 4");
        assertThat(soft).containsExactly("not blocked", "count 1", "count 1");
        assertThat(Sql.longs(raw, "SELECT id FROM " + schema.soft("orders") + " WHERE customer_id = 4 AND NOT"
            + " is_deleted ORDER BY id")).containsExactly(40L, 41L);
    }

    private String[] interleaveRaw(int isolation, String first, String second) throws Exception {
        Connection one = connections.keep(DriverManager.getConnection(database.rawUrl()));
        Connection two = connections.keep(DriverManager.getConnection(database.rawUrl()));
        one.setTransactionIsolation(isolation);
        two.setTransactionIsolation(isolation);
        TwoConnections.Outcome o = connections.interleave(one, two, first, second);
        return new String[] {o.blocked() ? "blocked" : "not blocked", o.first().replace(", committed", ""),
            o.second().replaceAll("/-?\\d+$", "")};
    }

    private String[] interleave(int isolation, String first, String second) throws Exception {
        TwoConnections.Outcome o = connections.interleave(connect(isolation), connect(isolation),
            first.replace("%", schema.soft("")), second.replace("%", schema.soft("")));
        return new String[] {o.blocked() ? "blocked" : "not blocked", o.first().replace(", committed", ""),
            o.second().replaceAll("/-?\\d+$", "")};
    }

    private Connection connect(int isolation) throws SQLException {
        Connection c = ThroughDriver.connect(database.rawUrl(), config);
        c.setTransactionIsolation(isolation);
        return connections.keep(c);
    }

    /** No live order of a deleted customer; each deleted customer's orders deleted with it carry its timestamp. */
    private void assertConsistent() throws SQLException {
        assertThat(Sql.longs(raw, "SELECT o.id FROM " + schema.soft("orders") + " o JOIN " + schema.soft("customers")
            + " c ON c.id = o.customer_id WHERE c.is_deleted AND NOT o.is_deleted")).isEmpty();
    }
}
