package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 has no guard triggers. A probe deleted customer 1 (its order 10 cascaded), then product 7, which order 10
 * references with a RESTRICT key, and restored customer 1: order 10 came back live under the still-deleted product,
 * where re-inserting the hard-deleted rows fails on the key. The restore now checks each level's other parents and
 * refuses (SD002), undoing all of it; with the product restored first it goes through.
 */
class UndeleteOtherParentOnH2Test {
    @TempDir
    Path dir;
    private Connection raw;
    private Connection app;

    private String db;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabases.newH2Url();
        raw = DriverManager.getConnection(db); // keeps the in-memory database while the test runs
        for (String sql : new String[] {"CREATE TABLE customers (id INT PRIMARY KEY" + FLAGS,
            "CREATE TABLE products (id INT PRIMARY KEY" + FLAGS,
            "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers (id),"
                    + " product_id INT REFERENCES products (id)" + FLAGS,
            "INSERT INTO customers (id) VALUES (1)", "INSERT INTO products (id) VALUES (7)",
            "INSERT INTO orders (id, customer_id, product_id) VALUES (10, 1, 7)"}) {
            update(raw, sql);
        }
        Path config = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers:\n"
                + "    cascade:\n      - { table: orders, column: customer_id }\n  orders: {}\n  products: {}\n");
        app = DriverManager.getConnection(TestDatabases.softDeleteUrl(db) + ";softdelete.config=" + config);
    }

    @AfterEach
    void close() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // both closed: the database goes with the last connection
        }
    }

    @Test
    void aChildWhoseOtherParentIsStillDeletedIsNotRestored() throws SQLException {
        assertThat(update(app, "DELETE FROM customers WHERE id = 1")).isEqualTo(1);
        assertThat(update(app, "DELETE FROM products WHERE id = 7")).isEqualTo(1);

        assertThatThrownBy(() -> update(app, "UNDELETE FROM customers WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("still soft-deleted");
        assertThat(deleted("customers")).isEqualTo(1);
        assertThat(deleted("orders")).isEqualTo(1);

        assertThat(update(app, "UNDELETE FROM products WHERE id = 7")).isEqualTo(1);
        assertThat(update(app, "UNDELETE FROM customers WHERE id = 1")).isEqualTo(1);
        assertThat(deleted("orders")).isZero();
    }

    /**
     * The check counts only parents that stay deleted: a probe's item, child of an order and of its customer, all
     * three deleted by one event, was checked (and refused) before its order came back; and a self-referencing tree
     * deleted whole with its owner was refused because the parent of each node was restored by the same UPDATE.
     */
    @Test
    void parentsThatTheSameUndeleteRestoresCountAsRestored() throws Exception {
        for (String sql : new String[] {"CREATE TABLE items (id INT PRIMARY KEY, order_id INT REFERENCES orders (id),"
                + " customer_id INT REFERENCES customers (id)" + FLAGS, "CREATE TABLE trees (id INT PRIMARY KEY" + FLAGS,
            "CREATE TABLE node (id INT PRIMARY KEY, tree_id INT REFERENCES trees (id), parent_id INT REFERENCES"
                + " node (id)" + FLAGS,
            "INSERT INTO items (id, order_id, customer_id) VALUES (100, 10, 1)", "INSERT INTO trees (id) VALUES (1)",
            "INSERT INTO node (id, tree_id, parent_id) VALUES (1, 1, NULL), (2, 1, 1), (3, 1, 2)"}) {
            update(raw, sql);
        }
        Path config = Files.writeString(dir.resolve("two-parents.yml"), "version: 1\ntables:\n  customers:\n"
                + "    cascade:\n      - { table: items, column: customer_id }\n      - { table: orders, column:"
                + " customer_id }\n  orders:\n    cascade:\n      - { table: items, column: order_id }\n  items: {}\n"
                + "  products: {}\n  trees:\n    cascade:\n      - { table: node, column: tree_id }\n  node:\n"
                + "    cascade:\n      - { table: node, column: parent_id }\n");
        try (Connection c = DriverManager.getConnection(TestDatabases.softDeleteUrl(db) + ";softdelete.config="
                + config)) {
            assertThat(update(c, "DELETE FROM customers WHERE id = 1")).isEqualTo(1);
            assertThat(deleted("items")).isEqualTo(1);
            assertThat(update(c, "UNDELETE FROM customers WHERE id = 1")).isEqualTo(1);
            assertThat(deleted("orders") + deleted("items")).isZero();

            assertThat(update(c, "DELETE FROM trees WHERE id = 1")).isEqualTo(1);
            assertThat(deleted("node")).isEqualTo(3);
            assertThat(update(c, "UNDELETE FROM trees WHERE id = 1")).isEqualTo(1);
            assertThat(deleted("node")).isZero();
        }
    }

    /**
     * A probe's tree: leaf 6 (of tree 1) has parent leaf 5, which came into the same event through its group (of tree
     * 2) and whose own tree column is NULL. Restoring tree 1 brings back leaf 6 but not leaf 5; the check counted
     * leaf 5 as restored by the same step ({@code NOT (tree_id, deleted_at) IN (...)} is NULL, not TRUE, for it), and
     * leaf 6 came back under a still-deleted parent. Refused now, as re-inserting tree 1's rows fails on the key.
     */
    @Test
    void aSameTableParentWithANullKeyIsNotTakenForRestoredTogether() throws Exception {
        for (String sql : new String[] {"CREATE TABLE tree (id INT PRIMARY KEY" + FLAGS,
            "CREATE TABLE grp (id INT PRIMARY KEY, tree_id INT REFERENCES tree (id)" + FLAGS,
            "CREATE TABLE leaf (id INT PRIMARY KEY, tree_id INT REFERENCES tree (id), grp_id INT REFERENCES grp (id),"
                + " parent_id INT REFERENCES leaf (id)" + FLAGS,
            "INSERT INTO tree (id) VALUES (1), (2)", "INSERT INTO grp (id, tree_id) VALUES (20, 2)",
            "INSERT INTO leaf (id, tree_id, grp_id, parent_id) VALUES (5, NULL, 20, NULL)",
            "INSERT INTO leaf (id, tree_id, grp_id, parent_id) VALUES (6, 1, NULL, 5)"}) {
            update(raw, sql);
        }
        Path config = Files.writeString(dir.resolve("null-key.yml"), "version: 1\ntables:\n  tree:\n    cascade:\n"
                + "      - { table: grp, column: tree_id }\n      - { table: leaf, column: tree_id }\n  grp:\n"
                + "    cascade:\n      - { table: leaf, column: grp_id }\n  leaf: {}\n");
        try (Connection c = DriverManager.getConnection(TestDatabases.softDeleteUrl(db) + ";softdelete.config="
                + config)) {
            assertThat(update(c, "DELETE FROM tree WHERE id IN (1, 2)")).isEqualTo(2);
            assertThat(deleted("leaf")).isEqualTo(2);
            assertThatThrownBy(() -> update(c, "UNDELETE FROM tree WHERE id = 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            assertThat(deleted("leaf")).isEqualTo(2);
            // the parent's tree first, as the rows would be re-inserted
            assertThat(update(c, "UNDELETE FROM tree WHERE id = 2")).isEqualTo(1);
            assertThat(update(c, "UNDELETE FROM tree WHERE id = 1")).isEqualTo(1);
            assertThat(deleted("leaf")).isZero();
        }
    }

    /**
     * Siblings of one event, one referencing the other by a plain key: a probe's order, with a key into an address,
     * both cascading from the customer, came back before the address and was refused; which came first depended on
     * the tables' names. A table now comes back after the tables of the restore it references, in either name order.
     */
    @Test
    void aSiblingThatReferencesAnotherComesBackAfterIt() throws Exception {
        update(raw, "INSERT INTO customers (id) VALUES (2)");
        for (String[] names : new String[][] {{"addr", "ord"}, {"zaddr", "ord"}, {"addr", "zord"}, {"b", "a"}}) {
            String address = names[0];
            String order = names[1];
            for (String sql : new String[] {"CREATE TABLE " + address + " (id INT PRIMARY KEY, customer_id INT"
                    + " REFERENCES customers (id) ON DELETE CASCADE" + FLAGS, "CREATE TABLE " + order + " (id INT"
                    + " PRIMARY KEY, customer_id INT REFERENCES customers (id) ON DELETE CASCADE, address_id INT"
                    + " REFERENCES " + address + " (id)" + FLAGS,
                "INSERT INTO " + address + " (id, customer_id) VALUES (5, 2)",
                "INSERT INTO " + order + " (id, customer_id, address_id) VALUES (50, 2, 5)"}) {
                update(raw, sql);
            }
            // no cascade map: the edges are the database's CASCADE keys, in the catalog's order
            Path config = Files.writeString(dir.resolve(address + order + ".yml"), "version: 1\ntables:\n"
                    + "  customers: {}\n  orders: {}\n  products: {}\n  " + order + ": {}\n  " + address + ": {}\n");
            try (Connection c = DriverManager.getConnection(TestDatabases.softDeleteUrl(db) + ";softdelete.config="
                    + config)) {
                assertThat(update(c, "DELETE FROM customers WHERE id = 2")).isEqualTo(1);
                assertThat(deleted(address) + deleted(order)).isEqualTo(2);
                assertThat(update(c, "UNDELETE FROM customers WHERE id = 2")).as(address + ", " + order).isEqualTo(1);
                assertThat(deleted(address) + deleted(order)).isZero();
            }
            update(raw, "DROP TABLE " + order);
            update(raw, "DROP TABLE " + address);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private int deleted(String table) throws SQLException {
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE is_deleted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static final String FLAGS = ", is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP(6))";
}
