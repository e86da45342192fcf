package dev.softdelete.it.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.Guards;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * An UNDELETE brings a delete event back parents first, also where a child has two parents in the event. A probe
 * deleted a customer whose order and the order's item went along, the item also by its own key into the customer
 * (a diamond): the restore followed the customer's edges level by level, brought the item back along the
 * customer's edge before its order, and the guard refused it (23503 / 1452), so nothing came back where re-inserting
 * the hard-deleted rows parents first succeeds. The restore now goes by stages: a table after every table with an
 * edge into it.
 */
@OnEachDatabase
class RestoreOrderIT {
    private static final String DROP = "DROP TABLE IF EXISTS sdit_ro_ord, sdit_ro_addr, sdit_ro_item, sdit_ro_order,"
        + " sdit_ro_customer, sdit_ro_node, sdit_ro_tree";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw, DROP,
            "CREATE TABLE sdit_ro_customer (id INT PRIMARY KEY" + flags + ")",
            "CREATE TABLE sdit_ro_order (id INT PRIMARY KEY, customer_id INT REFERENCES sdit_ro_customer (id)"
                + " ON DELETE CASCADE" + flags + ")",
            // the item's key into the order comes first: the customer's edges were followed in key order
            "CREATE TABLE sdit_ro_item (id INT PRIMARY KEY, order_id INT REFERENCES sdit_ro_order (id) ON DELETE"
                + " CASCADE, customer_id INT REFERENCES sdit_ro_customer (id) ON DELETE CASCADE" + flags + ")",
            "CREATE TABLE sdit_ro_tree (id INT PRIMARY KEY" + flags + ")",
            "CREATE TABLE sdit_ro_node (id INT PRIMARY KEY, tree_id INT REFERENCES sdit_ro_tree (id) ON DELETE"
                + " CASCADE, parent_id INT REFERENCES sdit_ro_node (id) ON DELETE CASCADE" + flags + ")",
            "CREATE TABLE sdit_ro_addr (id INT PRIMARY KEY, customer_id INT REFERENCES sdit_ro_customer (id) ON"
                + " DELETE CASCADE" + flags + ")",
            // an order's address, by a key that is no cascade: both cascade from the customer
            "CREATE TABLE sdit_ro_ord (id INT PRIMARY KEY, customer_id INT REFERENCES sdit_ro_customer (id) ON"
                + " DELETE CASCADE, addr_id INT REFERENCES sdit_ro_addr (id)" + flags + ")",
            "INSERT INTO sdit_ro_customer (id) VALUES (1), (2), (3)",
            "INSERT INTO sdit_ro_addr (id, customer_id) VALUES (5, 3)",
            "INSERT INTO sdit_ro_ord (id, customer_id, addr_id) VALUES (50, 3, 5)",
            "INSERT INTO sdit_ro_order (id, customer_id) VALUES (10, 1), (20, 2)",
            "INSERT INTO sdit_ro_item (id, order_id, customer_id) VALUES (100, 10, 1), (200, 20, 2)",
            "INSERT INTO sdit_ro_tree (id) VALUES (1)",
            "INSERT INTO sdit_ro_node (id, tree_id, parent_id) VALUES (1, 1, NULL)",
            "INSERT INTO sdit_ro_node (id, tree_id, parent_id) VALUES (2, 1, 1)",
            "INSERT INTO sdit_ro_node (id, tree_id, parent_id) VALUES (3, 1, 2)");
        Path config = ConfigFile.write(dir, "sdit_ro_customer", "sdit_ro_order", "sdit_ro_item", "sdit_ro_tree",
            "sdit_ro_node", "sdit_ro_addr", "sdit_ro_ord");
        Guards.install(raw, database.rawUrl(), config);
        app = ThroughDriver.connect(database.rawUrl(), config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, DROP);
        }
    }

    @Test
    void aChildOfTwoParentsOfTheEventComesBackAfterBoth() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_ro_customer WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_ro_item")).containsExactly(200L);

        assertThat(Sql.update(app, "UNDELETE FROM sdit_ro_customer WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_ro_order ORDER BY id")).containsExactly(10L, 20L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_ro_item ORDER BY id")).containsExactly(100L, 200L);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_ro_item WHERE is_deleted")).containsExactly(0L);
    }

    /**
     * Siblings of one event, one referencing the other by a key that is no cascade, come back referenced first (a
     * probe's order came back before its address, and the guard refused it).
     */
    @Test
    void aSiblingThatReferencesAnotherComesBackAfterIt() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_ro_customer WHERE id = 3")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT COUNT(*) FROM sdit_ro_ord")).containsExactly(0L);

        assertThat(Sql.update(app, "UNDELETE FROM sdit_ro_customer WHERE id = 3")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_ro_addr")).containsExactly(5L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_ro_ord")).containsExactly(50L);
    }

    /** A self-referencing tree deleted whole with its owner comes back whole (on H2 it was refused; a probe). */
    @Test
    void aTreeDeletedWithItsOwnerComesBackWhole() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_ro_tree WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT COUNT(*) FROM sdit_ro_node")).containsExactly(0L);

        assertThat(Sql.update(app, "UNDELETE FROM sdit_ro_tree WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_ro_node ORDER BY id")).containsExactly(1L, 2L, 3L);
    }
}
