package dev.softdelete.it.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Observe mode on the real databases: through the driver, every statement has the effect and the result it has on
 * a raw connection, while the driver's statistics count what it would have done. Only UNDELETE still restores.
 *
 * <p>Fixture: {@code adopt_customers} 1 Ada, 2 Grace live and 3 Edsger soft-deleted earlier, cascading to
 * {@code adopt_orders} 10, 11 (Grace) and 12 (Ada); the configuration says {@code options.mode: observe}.
 */
@OnEachDatabase
class ObserveModeIT {
    private static final String[] QUERIES = {
        "SELECT id, name FROM adopt_customers ORDER BY id",
        "SELECT c.id, o.id FROM adopt_customers c JOIN adopt_orders o ON o.customer_id = c.id ORDER BY o.id",
        "SELECT COUNT(*) FROM adopt_orders WHERE customer_id IN (SELECT id FROM adopt_customers)",
        "SELECT id, is_deleted FROM adopt_customers WHERE deleted_at IS NOT NULL ORDER BY id",
    };

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        String url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        String flag = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType();
        Sql.execute(raw,
            "DROP TABLE IF EXISTS adopt_orders",
            "DROP TABLE IF EXISTS adopt_customers",
            "CREATE TABLE adopt_customers (id INT PRIMARY KEY, name VARCHAR(20), " + flag + ")",
            "CREATE TABLE adopt_orders (id INT PRIMARY KEY, customer_id INT, " + flag + ")",
            "INSERT INTO adopt_customers (id, name) VALUES (1, 'Ada'), (2, 'Grace')",
            "INSERT INTO adopt_customers VALUES (3, 'Edsger', TRUE, TIMESTAMP '2020-01-02 03:04:05')",
            "INSERT INTO adopt_orders (id, customer_id) VALUES (10, 2), (11, 2), (12, 1)");
        config = ConfigFile.writeRaw(dir, "version: 1\ntables:\n  adopt_customers:\n    cascade:\n"
            + "      - { table: adopt_orders, column: customer_id }\n  adopt_orders: {}\noptions:\n  mode: observe\n");
        app = ThroughDriver.connect(url, config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    @Test
    void queriesReturnWhatTheRawDatabaseReturns() throws SQLException {
        for (String query : QUERIES) {
            assertThat(rows(app, query)).as(query).isEqualTo(rows(raw, query));
        }
        assertThat(rows(app, QUERIES[0])).as("the deleted customer is seen").hasSize(3);
    }

    @Test
    void aDeleteDeletesWithoutCascadeAndCountsAsTheRawDeleteWould() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM adopt_customers WHERE id IN (2, 3)")).isEqualTo(2);

        assertThat(Sql.longs(raw, "SELECT id FROM adopt_customers ORDER BY id")).containsExactly(1L);
        assertThat(Sql.longs(raw, "SELECT id FROM adopt_orders WHERE is_deleted = FALSE ORDER BY id"))
            .as("no cascade").containsExactly(10L, 11L, 12L);
        for (String query : QUERIES) {
            assertThat(rows(app, query)).as(query).isEqualTo(rows(raw, query));
        }
    }

    @Test
    void anUpsertThatEnforceModeRefusesRuns() throws SQLException {
        String upsert = database == TestDatabase.POSTGRESQL
            ? "INSERT INTO adopt_customers (id, name) VALUES (3, 'Barbara') ON CONFLICT (id) DO UPDATE SET name = 'B'"
            : "INSERT INTO adopt_customers (id, name) VALUES (3, 'Barbara') ON DUPLICATE KEY UPDATE name = 'B'";

        Sql.update(app, upsert);

        assertThat(Sql.single(raw, "SELECT name FROM adopt_customers WHERE id = 3")).isEqualTo("B");
    }

    @Test
    void undeleteStillRestores() throws SQLException {
        assertThat(Sql.update(app, "UNDELETE FROM adopt_customers WHERE id = 3")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM adopt_customers WHERE is_deleted = FALSE ORDER BY id"))
            .containsExactly(1L, 2L, 3L);
    }

    @Test
    void theStatisticsCountWhatWouldHaveHappened() throws Exception {
        Sql.update(app, "DELETE FROM adopt_orders WHERE id = 12");
        rows(app, QUERIES[1]);
        rows(app, "SELECT 1");
        Sql.update(app, "TRUNCATE TABLE adopt_orders");

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.softdelete:type=SoftDelete (" + config + ")");
        assertThat(server.getAttribute(name, "StatementsSeen")).isEqualTo(4L);
        assertThat(server.getAttribute(name, "StatementsObserved")).isEqualTo(4L);
        assertThat(server.getAttribute(name, "StatementsRewritten")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "StatementsRefused")).isEqualTo(1L);
        assertThat(server.getAttribute(name, "DeleteEvents")).isEqualTo(0L);
        assertThat(Sql.single(raw, "SELECT COUNT(*) FROM adopt_orders")).as("TRUNCATE ran").isEqualTo("0");
    }

    @Test
    void aConnectionThatEnforcesSoftDeletes() throws SQLException {
        Properties properties = ThroughDriver.properties(config);
        properties.setProperty("softdelete.mode", "enforce");
        try (Connection enforcing = DriverManager.getConnection(ThroughDriver.url(database.rawUrl()), properties)) {
            assertThat(Sql.update(enforcing, "DELETE FROM adopt_customers WHERE id = 2")).isEqualTo(1);
        }

        assertThat(Sql.longs(raw, "SELECT id FROM adopt_customers ORDER BY id")).containsExactly(1L, 2L, 3L);
        assertThat(Sql.longs(raw, "SELECT id FROM adopt_orders WHERE is_deleted = TRUE ORDER BY id"))
            .as("cascaded").containsExactly(10L, 11L);
    }

    private static List<List<Object>> rows(Connection c, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
