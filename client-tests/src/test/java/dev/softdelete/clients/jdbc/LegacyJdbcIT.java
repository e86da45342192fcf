package dev.softdelete.clients.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.clients.support.BothSides;
import dev.softdelete.clients.support.Engine;
import dev.softdelete.clients.support.OnEachTarget;
import dev.softdelete.clients.support.ShopDatabases;
import dev.softdelete.clients.support.Target;
import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.Parameter;

/**
 * JDBC as legacy code writes it: SQL glued together from literals, statement and prepared batches, generated keys,
 * manual transactions, JDBC escapes and {@link CallableStatement}. Each scenario runs on the hard-delete reference
 * and through the driver, and must observe the same.
 */
@OnEachTarget
class LegacyJdbcIT {
    @Parameter
    Target target;

    private ShopDatabases shop;
    private BothSides<Connection> db;

    @BeforeEach
    void setUp() throws SQLException {
        shop = ShopDatabases.of(target);
        shop.reset();
        db = new BothSides<>(shop.hard(), shop.soft());
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (db != null) {
            for (Connection c : db.both()) {
                c.close();
            }
        }
    }

    @Test
    void concatenatedLiteralsDeleteACustomerWithItsOrdersAndLines() throws SQLException {
        String name = "Niamh O'Brien";
        db.sameAndNotEmpty("DELETE by a concatenated, escaped name", c -> update(c,
                "DELETE FROM customers WHERE name = '" + name.replace("'", "''") + "'"));
        db.sameAndNotEmpty("customers and their order counts", c -> rows(c, "SELECT c.name, COUNT(o.id) AS orders"
                + " FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name"));
        db.same("orders of the deleted customer", c -> rows(c, "SELECT * FROM orders WHERE customer_id = " + 7));
        db.same("lines of its orders", c -> rows(c, "SELECT l.id FROM order_lines l WHERE l.order_id IN (14, 15, 16)"));
        int again = db.same("the same DELETE again", c -> update(c, "DELETE FROM customers WHERE id = 7"));
        assertThat(again).isZero();

        shop.assertSameShop();
        assertThat(shop.softDeletedIds("orders")).containsExactly(14L, 15L, 16L);
        assertThat(shop.deletionTimestamps(ShopDatabases.SOFT_TABLES.toArray(new String[0])))
                .as("customer, orders and lines deleted by one event").hasSize(1);
    }

    @Test
    void statementBatchGivesTheSameCountsAndEffects() throws SQLException {
        String counts = db.same("Statement.executeBatch", c -> {
            try (Statement st = c.createStatement()) {
                st.addBatch("DELETE FROM order_lines WHERE order_id = 3");
                st.addBatch("UPDATE orders SET status = 'EMPTY' WHERE id = 3");
                st.addBatch("DELETE FROM orders WHERE status = 'CANCELLED'");
                st.addBatch("UPDATE orders SET total = total * 2 WHERE status = 'CANCELLED'");
                st.addBatch("INSERT INTO audit_log (message) VALUES ('cancelled orders removed')");
                return Arrays.toString(st.executeBatch());
            }
        });
        assertThat(counts).isEqualTo("[3, 1, 5, 0, 1]");
        shop.assertSameShop();
    }

    @Test
    void preparedBatchDeletesByKeyWithPerEntryCounts() throws SQLException {
        String counts = db.same("PreparedStatement.executeBatch", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
                for (long id : new long[] {1, 2, 2, 99, 12}) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                return Arrays.toString(ps.executeBatch());
            }
        });
        assertThat(counts).isEqualTo("[1, 1, 0, 0, 1]");
        db.same("raise the totals of a customer's remaining orders", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET total = total + ? WHERE customer_id = ?")) {
                ps.setBigDecimal(1, new BigDecimal("1.50"));
                ps.setLong(2, 1);
                ps.addBatch();
                ps.setBigDecimal(1, BigDecimal.TEN);
                ps.setLong(2, 6);
                ps.addBatch();
                return Arrays.toString(ps.executeBatch());
            }
        });
        shop.assertSameShop();
    }

    @Test
    void generatedKeysOfInsertsAndDeletesOfTheNewRows() throws SQLException {
        List<Long> keys = db.same("INSERT with RETURN_GENERATED_KEYS", c -> {
            List<Long> generated = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO customers (name, country) VALUES ('Alan', 'GB')",
                        Statement.RETURN_GENERATED_KEYS);
                generated.addAll(keys(st.getGeneratedKeys()));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (customer_id, status, total, placed_on)"
                    + " VALUES (?, 'NEW', 10.00, DATE '2025-01-01')", new String[] {"id"})) {
                ps.setLong(1, generated.get(0));
                ps.executeUpdate();
                generated.addAll(keys(ps.getGeneratedKeys()));
            }
            return generated;
        });
        assertThat(keys).containsExactly(1000L, 1000L);
        db.same("DELETE the new customer", c -> update(c, "DELETE FROM customers WHERE id = " + keys.get(0)));
        db.same("its order is gone", c -> rows(c, "SELECT id FROM orders WHERE id = " + keys.get(1)));
        shop.assertSameShop();
        assertThat(shop.softDeletedIds("orders")).containsExactly(1000L);
    }

    @Test
    void manualTransactionRolledBackRestoresEverything() throws SQLException {
        db.same("DELETE, read and roll back", c -> {
            c.setAutoCommit(false);
            try {
                int deleted = update(c, "DELETE FROM customers WHERE country = 'US'");
                List<String> inside = rows(c, "SELECT id FROM orders ORDER BY id");
                c.rollback();
                return deleted + " " + inside;
            } finally {
                c.setAutoCommit(true);
            }
        });
        db.same("committed: delete, then read", c -> {
            c.setAutoCommit(false);
            try {
                int deleted = update(c, "DELETE FROM orders WHERE total < 200");
                c.commit();
                return deleted;
            } finally {
                c.setAutoCommit(true);
            }
        });
        db.same("after commit", c -> rows(c, "SELECT * FROM orders ORDER BY id"));
        shop.assertSameShop();
        assertThat(shop.softDeletedIds("customers")).isEmpty();
    }

    @Test
    void updatesNeverReachDeletedRows() throws SQLException {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (5, 6)");
        int updated = db.same("UPDATE of a deleted row", c -> update(c, "UPDATE orders SET status = 'PAID' WHERE id = 5"));
        assertThat(updated).isZero();
        db.sameAndNotEmpty("UPDATE by a condition that deleted rows match too",
                c -> update(c, "UPDATE orders SET status = 'ARCHIVED' WHERE placed_on < '2024-12-01'"));
        shop.assertSameShop();
    }

    @Test
    void anOrderForADeletedCustomerIsRejectedAsIfTheCustomerWereGone() throws Exception {
        shop.deleteOnBoth("DELETE FROM customers WHERE id = 3");
        db.same("INSERT of an order whose customer is deleted (foreign key)", c -> update(c,
                "INSERT INTO orders (customer_id, status, total, placed_on) VALUES (3, 'NEW', 1.00, '2025-01-01')"));
        db.same("UPDATE that moves an order to the deleted customer (foreign key)", c -> update(c,
                "UPDATE orders SET customer_id = 3 WHERE id = 1"));
        db.verify(shop::assertSameShop);
    }

    @Test
    void aCustomerWithLiveReviewsCannotBeDeletedAsTheForeignKeyRestricts() throws Exception {
        db.same("DELETE of a customer whose reviews restrict it (foreign key, no cascade)",
                c -> update(c, "DELETE FROM customers WHERE id = 9"));
        db.verify(shop::assertSameShop);
        shop.deleteOnBoth("DELETE FROM reviews WHERE customer_id = 9");
        int deleted = db.same("the same DELETE once the reviews are deleted",
                c -> update(c, "DELETE FROM customers WHERE id = 9"));
        assertThat(deleted).isEqualTo(1);
        db.verify(shop::assertSameShop);
    }

    @Test
    void jdbcEscapesInAQueryOnAConfiguredTable() throws SQLException {
        shop.deleteOnBoth("DELETE FROM orders WHERE id = 11");
        db.sameAndNotEmpty("{d ...} and {fn ...} escapes", c -> rows(c,
                "SELECT id, {fn UCASE(status)} AS s FROM orders WHERE placed_on >= {d '2024-10-01'} ORDER BY id"));
    }

    @Test
    void columnLabelsStayWhatTheApplicationWrote() throws SQLException {
        shop.deleteOnBoth("DELETE FROM order_lines WHERE id = 1");
        db.sameAndNotEmpty("labels and rows of an unaliased subquery column", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT o.id, (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) FROM orders o"
                            + " WHERE o.id < 3 ORDER BY o.id")) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> out = new ArrayList<>();
                out.add(meta.getColumnLabel(1) + "|" + meta.getColumnLabel(2));
                while (rs.next()) {
                    out.add(rs.getLong(1) + "|" + rs.getLong(2));
                }
                return out;
            }
        });
    }

    @Test
    void callableStatementsCallRoutinesAndRunQueries() throws SQLException {
        for (Connection c : db.both()) {
            try (Statement st = c.createStatement()) {
                if (shop.engine() == Engine.POSTGRESQL) {
                    st.execute("CREATE OR REPLACE FUNCTION line_value(q INT, p DECIMAL) RETURNS DECIMAL"
                            + " LANGUAGE sql IMMUTABLE AS 'SELECT q * p'");
                } else {
                    st.execute("DROP PROCEDURE IF EXISTS line_value");
                    st.execute("CREATE PROCEDURE line_value(IN q INT, IN p DECIMAL(10,2), OUT v DECIMAL(10,2))"
                            + " SET v = q * p");
                }
            }
        }
        shop.deleteOnBoth("DELETE FROM order_lines WHERE order_id = 2");
        db.same("a routine with an OUT parameter", c -> {
            String call = shop.engine() == Engine.POSTGRESQL ? "{? = call line_value(?, ?)}" : "{call line_value(?, ?, ?)}";
            try (CallableStatement cs = c.prepareCall(call)) {
                int out = shop.engine() == Engine.POSTGRESQL ? 1 : 3;
                int first = shop.engine() == Engine.POSTGRESQL ? 2 : 1;
                cs.registerOutParameter(out, Types.DECIMAL);
                cs.setInt(first, 3);
                cs.setBigDecimal(first + 1, new BigDecimal("2.50"));
                cs.execute();
                return cs.getBigDecimal(out).stripTrailingZeros().toPlainString();
            }
        });
        db.sameAndNotEmpty("a query on a configured table through prepareCall", c -> {
            try (CallableStatement cs = c.prepareCall("SELECT id FROM order_lines WHERE order_id IN (?, ?) ORDER BY id")) {
                cs.setLong(1, 2);
                cs.setLong(2, 3);
                try (ResultSet rs = cs.executeQuery()) {
                    return keys(rs);
                }
            }
        });
        shop.assertSameShop();
    }

    /**
     * DDL as schema scripts and migrations write it, on configured tables: the driver promises to send DDL
     * unchanged. Each statement runs on both sides, then a new customer's generated key and the tables left are
     * compared.
     */
    @TestFactory
    Stream<DynamicTest> ddlOfSchemaScriptsOnConfiguredTables() {
        List<String> statements = shop.engine() == Engine.POSTGRESQL
                ? List.of("DROP TABLE IF EXISTS order_lines, audit_log CASCADE",
                        "DROP TABLE IF EXISTS order_lines CASCADE",
                        "ALTER TABLE customers ALTER COLUMN id RESTART WITH 2000",
                        "ALTER SEQUENCE customers_id_seq RESTART WITH 2000",
                        "CREATE INDEX customers_country ON customers (country)")
                : List.of("DROP TABLE IF EXISTS order_lines, audit_log",
                        "DROP TABLE IF EXISTS order_lines",
                        "ALTER TABLE customers AUTO_INCREMENT = 2000",
                        "CREATE INDEX customers_country ON customers (country)");
        return statements.stream().map(ddl -> DynamicTest.dynamicTest(ddl, () -> {
            shop.reset();
            db.same(ddl, c -> {
                try (Statement st = c.createStatement()) {
                    st.execute(ddl);
                    st.executeUpdate("INSERT INTO customers (name, country) VALUES ('Alan', 'GB')",
                            Statement.RETURN_GENERATED_KEYS);
                    List<Object> seen = new ArrayList<>(keys(st.getGeneratedKeys()));
                    for (String table : ShopDatabases.TABLES) {
                        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
                            seen.add(table + (rs.next() ? "" : " dropped"));
                        }
                    }
                    return seen;
                }
            });
        }));
    }

    @Test
    void identityOptionsInACreateTableOfAConfiguredTable() throws SQLException {
        String identity = shop.engine() == Engine.POSTGRESQL
                ? "BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1000) PRIMARY KEY"
                : "BIGINT AUTO_INCREMENT PRIMARY KEY";
        String suffix = shop.engine() == Engine.POSTGRESQL ? "" : " AUTO_INCREMENT = 1000";
        db.same("CREATE TABLE order_lines with its key's identity options", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS order_lines");
                st.execute("CREATE TABLE order_lines (id " + identity + ", order_id BIGINT NOT NULL,"
                        + " product_id BIGINT NOT NULL, quantity INT NOT NULL, price DECIMAL(10, 2) NOT NULL,"
                        + " is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at "
                        + (shop.engine() == Engine.POSTGRESQL ? "TIMESTAMP" : "DATETIME(6)") + " NULL)" + suffix);
                st.executeUpdate("INSERT INTO order_lines (order_id, product_id, quantity, price)"
                        + " VALUES (1, 1, 1, 25.00)", Statement.RETURN_GENERATED_KEYS);
                return keys(st.getGeneratedKeys());
            }
        });
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        return ShopDatabases.rows(c, sql);
    }

    private static List<Long> keys(ResultSet rs) throws SQLException {
        try (rs) {
            List<Long> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
            return keys;
        }
    }
}
