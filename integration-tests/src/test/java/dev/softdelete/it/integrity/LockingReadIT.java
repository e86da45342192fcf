package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A locking read ({@code SELECT … FOR UPDATE}) holds its transaction open while another connection updates a row it
 * read; through the driver on the soft tables and raw on the hard twins. The update must block where it blocks
 * without the driver (PostgreSQL refuses to lock the nullable side of an outer join, with or without the driver).
 * Where the driver would read a configured table through a filtered derived table (the
 * nullable side of a RIGHT JOIN), MariaDB locks no rows through it: there the read is refused, and nothing is held.
 */
@OnEachDatabase
class LockingReadIT {
    private static final String UPDATE_ORDER = "UPDATE %orders SET customer_id = 2 WHERE id = 10";

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
        schema = new GuardedSchema(database, "sdit_lock");
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
    @ValueSource(strings = {"SELECT o.id FROM %orders o JOIN %customers c ON c.id = o.customer_id WHERE c.id = 1",
        "SELECT o.id FROM %orders o WHERE o.customer_id IN (SELECT id FROM %customers) AND o.id = 10",
        "SELECT o.id FROM %customers c LEFT JOIN %orders o ON o.customer_id = c.id WHERE c.id = 1"})
    void aLockingReadBlocksAWriterAsWithoutTheDriver(String query) throws Exception {
        TwoConnections.Outcome soft = interleave(true, query + " FOR UPDATE", UPDATE_ORDER);
        TwoConnections.Outcome hard = interleave(false, query + " FOR UPDATE", UPDATE_ORDER);
        assertThat(hard.blocked() || outerJoinRefusedByPostgreSql(hard)).as("the reference blocks").isTrue();
        assertThat(soft).isEqualTo(hard);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SELECT o.id FROM %orders o RIGHT JOIN %customers c ON c.id = o.customer_id WHERE c.id = 1",
        "SELECT o.id FROM (%orders o JOIN %customers c ON c.id = o.customer_id) WHERE c.id = 1"})
    void aLockingReadThroughAFilteredDerivedTableBlocksOrIsRefused(String query) throws Exception {
        TwoConnections.Outcome hard = interleave(false, query + " FOR UPDATE", UPDATE_ORDER);
        TwoConnections.Outcome soft = interleave(true, query + " FOR UPDATE", UPDATE_ORDER);
        assertThat(hard.blocked() || outerJoinRefusedByPostgreSql(hard)).as("the reference blocks").isTrue();
        if (database == TestDatabase.POSTGRESQL) {
            assertThat(soft).isEqualTo(hard);
        } else {
            assertThat(soft.first()).startsWith("error SD001");
            assertThat(soft.blocked()).isFalse();
            assertThat(soft.second()).isEqualTo("count 1");
        }
    }

    /** PostgreSQL refuses FOR UPDATE of the nullable side of an outer join (0A000): nothing is held. */
    private boolean outerJoinRefusedByPostgreSql(TwoConnections.Outcome outcome) {
        return database == TestDatabase.POSTGRESQL && outcome.first().startsWith("error 0A000");
    }

    private TwoConnections.Outcome interleave(boolean soft, String first, String second) throws Exception {
        String prefix = soft ? schema.soft("") : schema.hard("");
        Connection one = connections.keep(soft ? ThroughDriver.connect(database.rawUrl(), config)
            : DriverManager.getConnection(database.rawUrl()));
        Connection two = connections.keep(soft ? ThroughDriver.connect(database.rawUrl(), config)
            : DriverManager.getConnection(database.rawUrl()));
        return connections.interleave(one, two, first.replace("%", prefix), second.replace("%", prefix));
    }
}
