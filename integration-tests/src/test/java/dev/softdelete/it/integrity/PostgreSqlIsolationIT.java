package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * PostgreSQL: a soft delete in autocommit runs its group at READ COMMITTED (see RaceIT), whatever the session's
 * level and however the application set it, and leaves the session's level as it found it.
 */
@OnPostgreSQL
class PostgreSqlIsolationIT {
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
        schema = new GuardedSchema(database, "sdit_iso");
        raw = DriverManager.getConnection(database.rawUrl());
        config = schema.create(raw, dir);
    }

    @AfterEach
    void tearDown() throws SQLException {
        connections.close();
        schema.drop(raw);
        raw.close();
    }

    /**
     * The session's isolation level set in SQL, after a group had run (PostgreSQL). The driver read the level once
     * and kept it: at REPEATABLE READ set in SQL it believed READ COMMITTED, ran the group at the session's level, and
     * left the child committed during its wait live under the deleted parent; and it put its cached level back
     * afterwards, over the application's. The group now sets READ COMMITTED for its own transaction only.
     */
    @Test
    void anIsolationLevelSetInSqlIsNeitherMissedNorOverwritten() throws Exception {
        for (String set : List.of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ",
            "SET default_transaction_isolation = 'serializable'")) {
            Connection inserting = connections.keep(ThroughDriver.connect(database.rawUrl(), config));
            Connection deleting = connections.keep(ThroughDriver.connect(database.rawUrl(), config));
            deleting.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(Sql.update(deleting, "DELETE FROM " + schema.soft("customers") + " WHERE id = 999")).isZero();
            Sql.execute(deleting, set);
            String level = Sql.single(deleting, "SHOW transaction_isolation");

            TwoConnections.Outcome outcome = connections.interleave(inserting, deleting, "INSERT INTO "
                + schema.soft("orders") + " (id, customer_id) VALUES (72, 3)", "DELETE FROM " + schema.soft("customers")
                + " WHERE id = 3");

            assertThat(outcome.blocked()).as(set).isTrue();
            assertThat(outcome.second()).as(set).isIn("count 1", "error 40001/0");
            assertNoLiveChildOfADeletedParent();
            assertThat(Sql.single(deleting, "SHOW transaction_isolation")).as(set).isEqualTo(level)
                .isNotEqualTo("read committed");
            reset();
        }
    }

    private void assertNoLiveChildOfADeletedParent() throws SQLException {
        assertThat(Sql.longs(raw, "SELECT c.id FROM " + schema.soft("orders") + " c JOIN " + schema.soft("customers")
            + " p ON p.id = c.customer_id WHERE p.is_deleted AND NOT c.is_deleted")).isEmpty();
    }

    private void reset() throws Exception {
        connections.closeConnections();
        config = schema.create(raw, dir);
    }
}
