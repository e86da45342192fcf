package dev.softdelete.it.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import dev.softdelete.jdbc.SoftDeleteConnection;
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
 * UNDELETE restores rows with exactly the children their delete events took along, at every depth, and never a
 * child that had been deleted on its own. Fixture: customers 1-3; orders 10-13 of customer 1 and 20 of customer 2;
 * items: two per order (order id × 10 + 1, + 2).
 */
@OnEachDatabase
class RestoreIT {
    private static final String C = "sdit_rs_customers";
    private static final String O = "sdit_rs_orders";
    private static final String I = "sdit_rs_items";

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        String url = db.rawUrl();
        raw = DriverManager.getConnection(url);
        String ts = db.timestampType();
        String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + ts + " NULL)";
        Sql.execute(raw, "DROP TABLE IF EXISTS " + I, "DROP TABLE IF EXISTS " + O, "DROP TABLE IF EXISTS " + C,
                "CREATE TABLE " + C + " (id INT PRIMARY KEY" + flags,
                "CREATE TABLE " + O + " (id INT PRIMARY KEY, customer_id INT" + flags,
                "CREATE TABLE " + I + " (id INT PRIMARY KEY, order_id INT" + flags,
                "INSERT INTO " + C + " (id) VALUES (1), (2), (3)",
                "INSERT INTO " + O + " (id, customer_id) VALUES (10, 1), (11, 1), (12, 1), (13, 1), (20, 2)");
        for (int order : List.of(10, 11, 12, 13, 20)) {
            Sql.execute(raw, "INSERT INTO " + I + " (id, order_id) VALUES (" + (order * 10 + 1) + ", " + order + "), ("
                    + (order * 10 + 2) + ", " + order + ")");
        }
        config = ConfigFile.writeRaw(dir, "version: 1\n"
                + "tables:\n"
                + "  " + C + ":\n"
                + "    cascade:\n"
                + "      - { table: " + O + ", column: customer_id }\n"
                + "  " + O + ":\n"
                + "    cascade:\n"
                + "      - { table: " + I + ", column: order_id }\n"
                + "  " + I + ": {}\n");
        app = ThroughDriver.connect(url, config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    private List<Long> live(String table) throws SQLException {
        return Sql.longs(app, "SELECT id FROM " + table + " ORDER BY id");
    }

    private List<Long> stored(String table) throws SQLException {
        return Sql.longs(raw, "SELECT id FROM " + table + " ORDER BY id");
    }

    @Test
    void restoreBringsBackWhatTheParentsDeleteTookAlongButNotAChildDeletedOnItsOwn() throws Exception {
        assertThat(Sql.update(app, "DELETE FROM " + O + " WHERE id = 10")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM " + C + " WHERE id = 1")).isEqualTo(1);
        assertThat(live(O)).containsExactly(20L);
        assertThat(live(I)).containsExactly(201L, 202L);

        int restored = Sql.update(app, "UNDELETE FROM " + C + " WHERE id = 1");

        assertThat(restored).as("count of the UNDELETE's own table").isEqualTo(1);
        assertThat(live(C)).containsExactly(1L, 2L, 3L);
        assertThat(live(O)).as("order 10 was deleted on its own, before").containsExactly(11L, 12L, 13L, 20L);
        assertThat(live(I)).containsExactly(111L, 112L, 121L, 122L, 131L, 132L, 201L, 202L);
        assertThat(stored(I)).hasSize(10);
    }

    /**
     * The restore reads its condition in several statements (parents, rows, their keys for the children): a condition
     * that answered otherwise from one to the next (a random number) restored some customers without their orders,
     * and orders of customers that stayed deleted (a probe of 100 customers left 22 orders live under deleted ones).
     * Refused; nothing restored.
     */
    @Test
    void anUndeleteWhoseConditionMayReadOtherwiseInEachStatementIsRefused() throws Exception {
        Sql.update(app, "DELETE FROM " + C + " WHERE id IN (1, 2)");
        String random = db == TestDatabase.POSTGRESQL ? "random()" : "RAND()";

        assertThatThrownBy(() -> Sql.update(app, "UNDELETE FROM " + C + " WHERE id >= 1 AND " + random + " < 0.5"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                .hasMessageContaining(random + " in its condition");

        assertThat(live(C)).containsExactly(3L);
        assertThat(live(O)).isEmpty();
        assertThat(Sql.update(app, "UNDELETE FROM " + C + " WHERE id >= 1 AND id <= 2")).isEqualTo(2);
        assertThat(live(O)).containsExactly(10L, 11L, 12L, 13L, 20L);
    }

    @Test
    void twoDeletesInOneTransactionAreTwoEventsForRestore() throws Exception {
        app.setAutoCommit(false);
        Sql.update(app, "DELETE FROM " + C + " WHERE id = 1");
        Sql.update(app, "DELETE FROM " + C + " WHERE id = 2");
        app.commit();
        app.setAutoCommit(true);

        assertThat(Sql.update(app, "UNDELETE FROM " + C + " WHERE id = 2")).isEqualTo(1);

        assertThat(live(C)).containsExactly(2L, 3L);
        assertThat(live(O)).as("customer 1's orders stay deleted").containsExactly(20L);
        assertThat(live(I)).containsExactly(201L, 202L);
    }

    @Test
    void restoringAChildWhoseParentIsStillDeletedIsRefused() throws Exception {
        Sql.update(app, "DELETE FROM " + C + " WHERE id = 1");
        String before = String.valueOf(live(O));

        assertThatThrownBy(() -> Sql.update(app, "UNDELETE FROM " + O + " WHERE id = 11"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("still soft-deleted")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD002"));
        assertThat(String.valueOf(live(O))).isEqualTo(before);
        assertThat(app.getAutoCommit()).isTrue();
    }

    /**
     * A refusal changes nothing and leaves the application's transaction usable, also on PostgreSQL, where a failed
     * soft delete aborts it as the hard one would: the work before the refusal commits.
     */
    @Test
    void aRefusedRestoreLeavesTheApplicationsTransactionUsable() throws Exception {
        Sql.update(app, "DELETE FROM " + C + " WHERE id = 1");
        app.setAutoCommit(false);
        try {
            Sql.update(app, "DELETE FROM " + O + " WHERE id = 20");
            assertThatThrownBy(() -> Sql.update(app, "UNDELETE FROM " + O + " WHERE id = 11"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            assertThat(live(O)).as("the transaction goes on").doesNotContain(20L);
            app.commit();
        } finally {
            app.setAutoCommit(true);
        }
        assertThat(live(O)).as("the delete before the refusal is committed").doesNotContain(11L, 20L);
    }

    @Test
    void restoringAChildDeletedOnItsOwnBringsBackItsOwnChildren() throws Exception {
        Sql.update(app, "DELETE FROM " + O + " WHERE id IN (10, 11)");
        Sql.update(app, "DELETE FROM " + I + " WHERE id = 121");

        assertThat(app.unwrap(SoftDeleteConnection.class).undelete(O, "id = 10")).isEqualTo(1);

        assertThat(live(O)).containsExactly(10L, 12L, 13L, 20L);
        assertThat(live(I)).containsExactly(101L, 102L, 122L, 131L, 132L, 201L, 202L);
    }

    @Test
    void undeleteOfLiveRowsRestoresNothing() throws Exception {
        assertThat(Sql.update(app, "UNDELETE FROM " + C)).isZero();
        assertThat(live(C)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void undeleteWithParametersIsRefusedBeforeReachingTheDatabase() throws Exception {
        Sql.update(app, "DELETE FROM " + C + " WHERE id = 3");
        assertThatThrownBy(() -> app.prepareStatement("UNDELETE FROM " + C + " WHERE id = ?"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD001"));
        assertThat(live(C)).containsExactly(1L, 2L);
    }

    /**
     * An event written at a local time that the restoring JVM's zone skips (02:30 on the day Europe/Berlin moves
     * to summer time, written by a server in UTC): the event's timestamp was read back as a Timestamp in that zone,
     * an hour later, and the UNDELETE restored the customer without its orders and items. It is read as the
     * LocalDateTime it is.
     */
    @Test
    void anEventInAnHourTheJvmsZoneSkipsIsRestoredWhole() throws Exception {
        if (db == TestDatabase.MARIADB) {
            // Connector/J's getObject throws on such a local time of a TIMESTAMP column (HOUR_OF_DAY: 2 -> 3)
            for (String table : new String[] {C, O, I}) {
                Sql.execute(raw, "ALTER TABLE " + table + " MODIFY deleted_at TIMESTAMP(6) NULL");
            }
        }
        String at = "'2025-03-30 02:30:00.000001'";
        Sql.execute(raw, "UPDATE " + C + " SET is_deleted = TRUE, deleted_at = " + at + " WHERE id = 2",
            "UPDATE " + O + " SET is_deleted = TRUE, deleted_at = " + at + " WHERE id = 20",
            "UPDATE " + I + " SET is_deleted = TRUE, deleted_at = " + at + " WHERE order_id = 20");
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
        // a connection opened in that zone: Connector/J takes the JVM's zone when it connects
        try (Connection inBerlin = DriverManager.getConnection(ThroughDriver.url(db.rawUrl()),
                ThroughDriver.properties(config))) {
            assertThat(Sql.update(inBerlin, "UNDELETE FROM " + C + " WHERE id = 2")).isEqualTo(1);
        } finally {
            java.util.TimeZone.setDefault(before);
        }
        assertThat(live(O)).contains(20L);
        assertThat(live(I)).contains(201L, 202L);
    }
}
