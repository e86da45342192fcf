package dev.softdelete.jdbc.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.ConfigLocator;
import dev.softdelete.jdbc.purge.Purge;
import dev.softdelete.jdbc.purge.PurgeReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Purge on H2, through the driver as well as raw: its statements must be ones the driver lets through as written. */
class PurgeOnH2Test {
    private Shop shop;
    private Purge purge;

    @BeforeEach
    void open() throws Exception {
        shop = new Shop();
        purge = new Purge(ConfigLocator.locate(Shop.ENFORCING), "jdbc:h2:mem:x").batchSize(1);
        try (Statement st = shop.raw.createStatement()) {
            st.execute("UPDATE orders SET is_deleted = TRUE, deleted_at = TIMESTAMP '2020-01-01 00:00:00'"
                    + " WHERE id IN (10, 11)");
            st.execute("UPDATE customers SET is_deleted = TRUE, deleted_at = TIMESTAMP '2020-01-01 00:00:00'"
                    + " WHERE id = 2");
        }
    }

    @AfterEach
    void close() throws SQLException {
        shop.close();
    }

    @Test
    void throughTheDriverEverySoftDeletedRowBeforeTheCutoffGoesChildrenFirst() throws SQLException {
        PurgeReport report;
        try (Connection app = shop.open(Shop.ENFORCING, "")) {
            report = purge.run(app, Instant.now());
        }

        assertThat(report.rowsPerTable()).isEqualTo(Map.of("orders", 2L, "customers", 2L));
        assertThat(shop.raw("SELECT id FROM customers")).containsExactly("1");
        assertThat(shop.raw("SELECT id FROM orders")).containsExactly("12");
    }

    @Test
    void aParentWhoseChildIsStillThereStays() throws SQLException {
        try (Statement st = shop.raw.createStatement()) {
            st.execute("UPDATE orders SET deleted_at = TIMESTAMP '2030-01-01 00:00:00' WHERE id = 11");
        }

        PurgeReport report = purge.run(shop.raw, Instant.parse("2025-01-01T00:00:00Z"));

        assertThat(report.rowsPerTable()).isEqualTo(Map.of("orders", 1L, "customers", 1L));
        assertThat(shop.raw("SELECT id FROM customers ORDER BY id")).containsExactly("1", "2");
        assertThat(shop.raw("SELECT id FROM orders ORDER BY id")).containsExactly("11", "12");
    }

    @Test
    void theEstimateCountsTheRowsSoftDeletedBeforeTheCutoffChildrenFirst() throws SQLException {
        try (Statement st = shop.raw.createStatement()) {
            st.execute("UPDATE orders SET deleted_at = TIMESTAMP '2030-01-01 00:00:00' WHERE id = 11");
        }
        Instant cutoff = Instant.parse("2025-01-01T00:00:00Z");

        Map<String, Long> estimate;
        try (Connection app = shop.open(Shop.ENFORCING, "")) {
            estimate = purge.estimate(app, cutoff);
        }

        assertThat(estimate).containsExactly(Map.entry("orders", 1L), Map.entry("customers", 2L));
        assertThat(purge.run(shop.raw, cutoff).rowsPerTable()).as("a referenced parent stays: at most the estimate")
                .isEqualTo(Map.of("orders", 1L, "customers", 1L));
    }

    @Test
    void theStatementsAreSentAsWritten() {
        assertThat(purge.statements()).hasSize(2).allSatisfy(sql -> assertThat(sql)
                .startsWith("/* softdelete:hard-delete */ /* softdelete:include-deleted */ DELETE FROM ")
                .contains(" AND _ROWID_ IN (SELECT _ROWID_ FROM ")
                .endsWith(" FETCH FIRST 1 ROWS ONLY)"));
        assertThat(purge.statements().get(0)).contains("DELETE FROM orders");
    }

    /**
     * A row id stays the same when the row changes: a batch that waited for the lock of a row another transaction
     * was restoring must check the row again as it is now, not delete it by the id its subquery read before the wait.
     */
    @Test
    void aRowRestoredWhileTheBatchWaitedForItsLockStays() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection app = shop.open(Shop.ENFORCING, ""); Connection purging = shop.open(Shop.ENFORCING, "")) {
            app.setAutoCommit(false);
            try (Statement st = app.createStatement()) {
                assertThat(st.executeUpdate("UNDELETE FROM customers WHERE id = 2")).isEqualTo(1);
            }
            Future<PurgeReport> run = background.submit(() -> purge.run(purging, Instant.now()));
            try {
                run.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                // the batch waits for the restore's lock on an order, as intended
            }
            app.commit();

            assertThat(run.get(30, TimeUnit.SECONDS).rowsPerTable()).as("only Edsger, deleted long ago")
                    .isEqualTo(Map.of("customers", 1L));
        } finally {
            background.shutdownNow();
        }
        assertThat(shop.raw("SELECT id FROM customers ORDER BY id")).containsExactly("1", "2");
        assertThat(shop.raw("SELECT id FROM orders WHERE NOT is_deleted ORDER BY id")).containsExactly("10", "11", "12");
    }

    @Test
    void aConnectionThatDiesMidBatchReportsTheDatabasesErrorNotTheRollbacks() throws SQLException {
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        try (Connection app = shop.open(Shop.ENFORCING, "")) {
            Connection dying = dyingAtSecondBatch(app, terminated);

            assertThatThrownBy(() -> purge.run(dying, Instant.now()))
                    .isSameAs(terminated);
            assertThat(terminated.getSuppressed()).isNotEmpty();
        }
        // the first batch was committed before the failure
        assertThat(shop.raw("SELECT id FROM orders ORDER BY id")).hasSize(2);
    }

    /** {@code connection}, whose second purge batch closes it and fails with {@code failure}, as a terminated session. */
    private static Connection dyingAtSecondBatch(Connection connection, SQLException failure) {
        java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!method.getName().equals("prepareStatement")) {
                        return result;
                    }
                    java.sql.PreparedStatement real = (java.sql.PreparedStatement) result;
                    return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                            new Class<?>[] {java.sql.PreparedStatement.class}, (p, m, a) -> {
                                if (m.getName().equals("executeLargeUpdate") && batches.incrementAndGet() == 2) {
                                    connection.close();
                                    throw failure;
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
