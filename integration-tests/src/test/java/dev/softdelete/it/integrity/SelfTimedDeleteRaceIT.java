package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A self-timed soft delete (one UPDATE, no statement before it: {@code orders} has no cascade and nothing
 * references it) racing another write of the same row, as two connections, the first holding its transaction open;
 * each interleaving next to the same steps on the hard twins, where the DELETE is real. The second statement must
 * block where the hard one blocks and end the same way (count, or SQLState and vendor code), at every isolation
 * level; and a row the soft side deleted carries the database's clock (a multiple of 10 µs), which shows that the
 * one-statement path ran.
 */
@OnEachDatabase
class SelfTimedDeleteRaceIT {
    private static final String DELETE = "DELETE FROM %orders WHERE id = 10";
    private static final String MOVE = "UPDATE %orders SET customer_id = 2 WHERE id = 10";

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
        schema = new GuardedSchema(database, "sdit_selftimed");
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
    void twoDeletesOfOneRow(int isolation) throws Exception {
        assertSameAsHard(isolation, DELETE, DELETE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void anUpdateOfARowBeingDeleted(int isolation) throws Exception {
        assertSameAsHard(isolation, DELETE, MOVE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
        Connection.TRANSACTION_SERIALIZABLE})
    void aDeleteOfARowBeingUpdated(int isolation) throws Exception {
        assertSameAsHard(isolation, MOVE, DELETE);
    }

    private void assertSameAsHard(int isolation, String first, String second) throws Exception {
        TwoConnections.Outcome soft = interleave(true, isolation, first, second);
        TwoConnections.Outcome hard = interleave(false, isolation, first, second);
        assertThat(soft).as("%s, then %s, at isolation %d", first, second, isolation).isEqualTo(hard);
        assertThat(soft.blocked()).as("the second statement waits for the first's row lock").isTrue();
        // the DELETE may have failed as the hard one did (PostgreSQL at REPEATABLE READ: 40001)
        String delete = first.equals(DELETE) ? soft.first() : soft.second();
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
}
