package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Eight threads through the driver over overlapping rows of {@link GuardedSchema}: deletes of customers (cascading
 * to orders, refused by their notes and invoices) and of orders, restores, child inserts at customers that may be
 * deleted, reads, some in transactions of several statements committed or rolled back; meanwhile a ninth thread
 * kills their database sessions now and then, and a trigger fails the soft delete of every 37th order, so that a
 * cascade fails half-way. At intervals and at the end, on a raw connection:
 * <ul>
 * <li>nothing was physically lost: every customer and order that ever existed is still stored;</li>
 * <li>no live order or note references a soft-deleted customer, and no invoice references one;</li>
 * <li>every delete event is whole: each soft-deleted customer's orders are deleted, and live rows carry no event.</li>
 * </ul>
 * Errors the application would see anyway are counted, not failures: a foreign key's (class 23), a refused restore
 * (SD002), serialization failures and deadlocks (40001, 40P01), the forced trigger error, a killed session (class
 * 08, 57P01). Any other error fails the test. {@code SOFTDELETE_SOAK_SECONDS} sets the run's length (default 15 s
 * per database).
 */
@OnEachDatabase
class ConcurrencySoakIT {
    private static final int THREADS = 8;
    private static final int CUSTOMERS = 40;
    private static final int ORDERS = 160;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private GuardedSchema schema;
    private Connection raw;
    private Path config;
    private final Set<Long> stored = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Set<Long> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong(10_000);

    @BeforeEach
    void setUp() throws Exception {
        schema = new GuardedSchema(database, "sdit_soak");
        raw = DriverManager.getConnection(database.rawUrl());
        config = schema.create(raw, dir);
        StringBuilder customers = new StringBuilder();
        for (int i = 10; i < 10 + CUSTOMERS; i++) {
            customers.append(customers.length() == 0 ? "" : ", ").append("(").append(i).append(", 'c')");
        }
        StringBuilder orders = new StringBuilder();
        for (int i = 100; i < 100 + ORDERS; i++) {
            orders.append(orders.length() == 0 ? "" : ", ").append("(").append(i).append(", ")
                .append(10 + i % CUSTOMERS).append(")");
        }
        Sql.execute(raw, "INSERT INTO " + schema.soft("customers") + " (id, name) VALUES " + customers,
            "INSERT INTO " + schema.soft("orders") + " (id, customer_id) VALUES " + orders,
            "INSERT INTO " + schema.soft("notes") + " (id, customer_id) VALUES (500, 11), (501, 12)",
            "INSERT INTO " + schema.soft("invoices") + " (id, customer_id) VALUES (600, 13)");
        installForcedFailure();
        stored.addAll(Sql.longs(raw, "SELECT id FROM " + schema.soft("orders")));
        stored.addAll(Sql.longs(raw, "SELECT -id FROM " + schema.soft("customers")));
    }

    /** The soft delete of every 37th order fails inside the database: a cascade then fails half-way. */
    private void installForcedFailure() throws SQLException {
        String orders = schema.soft("orders");
        if (database == TestDatabase.POSTGRESQL) {
            Sql.execute(raw, "CREATE OR REPLACE FUNCTION sdit_soak_fail() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE EXCEPTION 'forced failure of order %', NEW.id USING ERRCODE = 'P0001'; END $$",
                "CREATE TRIGGER sdit_soak_fail BEFORE UPDATE ON " + orders + " FOR EACH ROW WHEN (NEW.is_deleted AND"
                    + " NOT OLD.is_deleted AND NEW.id % 37 = 0) EXECUTE FUNCTION sdit_soak_fail()");
        } else {
            Sql.execute(raw, "CREATE TRIGGER sdit_soak_fail BEFORE UPDATE ON " + orders + " FOR EACH ROW"
                + " BEGIN IF NEW.is_deleted AND NOT OLD.is_deleted AND NEW.id % 37 = 0 THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced failure'; END IF; END");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try {
            schema.drop(raw);
        } finally {
            raw.close();
        }
    }

    @Test
    void invariantsHoldUnderEightThreadsKillsAndFailures() throws Exception {
        long seconds = Long.parseLong(System.getenv().getOrDefault("SOFTDELETE_SOAK_SECONDS", "15"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 31L * t + System.nanoTime();
            workers.add(pool.submit(() -> work(new Random(seed), running)));
        }
        Future<?> killer = pool.submit(() -> kill(running));
        int checks = 0;
        while (System.nanoTime() < until) {
            Thread.sleep(2_000);
            assertInvariants();
            checks++;
        }
        running.set(false);
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        killer.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertInvariants();
        System.out.printf("[soak] %s: %d s, %d interval checks, outcomes %s%n", database, seconds, checks,
            new TreeMap<>(outcomes));
        assertThat(count("delete customer: ok")).as("customers deleted").isPositive();
        assertThat(count("undelete customer: ok")).as("customers restored").isPositive();
        assertThat(count("insert order: ok")).as("children inserted").isPositive();
        assertThat(outcomes.keySet().stream().anyMatch(k -> k.startsWith("insert order: 23")))
            .as("children refused under deleted customers").isTrue();
    }

    private int count(String outcome) {
        AtomicInteger n = outcomes.get(outcome);
        return n == null ? 0 : n.get();
    }

    private void work(Random random, AtomicBoolean running) {
        Connection c = null;
        while (running.get()) {
            try {
                if (c == null) {
                    c = ThroughDriver.connect(database.rawUrl(), config);
                    sessions.add(Long.parseLong(Sql.single(c, database == TestDatabase.POSTGRESQL
                        ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")));
                }
                boolean transaction = random.nextInt(5) == 0;
                c.setAutoCommit(!transaction);
                for (int i = 0; i < (transaction ? 3 : 1); i++) {
                    step(c, random);
                }
                if (transaction) {
                    if (random.nextBoolean()) {
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (lostConnection(c, e)) {
                    close(c);
                    c = null;
                    continue;
                }
                if (!absorbable(e)) {
                    throw new AssertionError("unexpected error " + e.getSQLState() + ": " + e.getMessage(), e);
                }
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                } catch (SQLException gone) {
                    close(c);
                    c = null;
                }
            }
        }
        close(c);
    }

    /** Errors an application meets anyway: constraints, refused restores, serialization and deadlocks, the trigger. */
    private static boolean absorbable(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.startsWith("23") || state.equals("SD002") || state.startsWith("40") || state.equals("P0001")
            || state.equals("45000") || state.equals("25P02") || e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
    }

    /** A session the killer thread ended (or that ended while it was being used). */
    private static boolean lostConnection(Connection c, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.startsWith("08") || state.equals("57P01") || state.equals("70100") || e.getErrorCode() == 1927) {
            return true;
        }
        try {
            return c == null || !c.isValid(2);
        } catch (SQLException invalid) {
            return true;
        }
    }

    /** One random statement; its outcome is counted; in autocommit mode the absorbable errors end here. */
    private void step(Connection c, Random random) throws SQLException {
        long customer = 10 + random.nextInt(CUSTOMERS);
        long order = 100 + random.nextInt(ORDERS);
        String what;
        String sql;
        switch (random.nextInt(7)) {
            case 0:
                what = "delete customer";
                sql = "DELETE FROM %customers WHERE id = " + customer;
                break;
            case 1:
                what = "delete order";
                sql = "DELETE FROM %orders WHERE id = " + order;
                break;
            case 2:
                what = "undelete customer";
                sql = "UNDELETE FROM %customers WHERE id = " + customer;
                break;
            case 3:
                what = "undelete order";
                sql = "UNDELETE FROM %orders WHERE id = " + order;
                break;
            case 4: {
                what = "insert order";
                long id = nextId.incrementAndGet();
                sql = "INSERT INTO %orders (id, customer_id) VALUES (" + id + ", " + customer + ")";
                if (run(c, what, sql) && c.getAutoCommit()) {
                    stored.add(id);
                }
                return;
            }
            case 5:
                what = "insert note";
                sql = "INSERT INTO %notes (id, customer_id) VALUES (" + nextId.incrementAndGet() + ", " + customer
                    + ")";
                break;
            default:
                what = "read";
                sql = "SELECT c.id, o.id FROM %customers c JOIN %orders o ON o.customer_id = c.id WHERE c.id = "
                    + customer;
        }
        run(c, what, sql);
    }

    /** Runs one statement; true when it succeeded. */
    private boolean run(Connection c, String what, String template) throws SQLException {
        String sql = template.replace("%", schema.soft(""));
        try {
            if (what.equals("read")) {
                Sql.longs(c, sql);
            } else {
                Sql.update(c, sql);
            }
            outcomes.computeIfAbsent(what + ": ok", k -> new AtomicInteger()).incrementAndGet();
            return true;
        } catch (SQLException e) {
            outcomes.computeIfAbsent(what + ": " + e.getSQLState(), k -> new AtomicInteger()).incrementAndGet();
            if (c.getAutoCommit() && absorbable(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Kills a worker's session now and then. */
    private void kill(AtomicBoolean running) {
        Random random = new Random();
        try (Connection admin = DriverManager.getConnection(database.rawUrl())) {
            while (running.get()) {
                Thread.sleep(700 + random.nextInt(800));
                List<Long> ids = new ArrayList<>(sessions);
                if (ids.isEmpty()) {
                    continue;
                }
                long victim = ids.get(random.nextInt(ids.size()));
                sessions.remove(victim);
                try {
                    Sql.execute(admin, database == TestDatabase.POSTGRESQL
                        ? "SELECT pg_terminate_backend(" + victim + ")" : "KILL " + victim);
                    outcomes.computeIfAbsent("session killed", k -> new AtomicInteger()).incrementAndGet();
                } catch (SQLException gone) {
                    // the session ended on its own
                }
            }
        } catch (SQLException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void assertInvariants() throws SQLException {
        String customers = schema.soft("customers");
        String orders = schema.soft("orders");
        Set<Long> expected = new HashSet<>(stored); // before reading: rows inserted meanwhile are not expected yet
        Set<Long> now = ConcurrentHashMap.newKeySet();
        now.addAll(Sql.longs(raw, "SELECT id FROM " + orders));
        now.addAll(Sql.longs(raw, "SELECT -id FROM " + customers));
        assertThat(now).as("rows physically lost").containsAll(expected);
        assertThat(Sql.longs(raw, "SELECT o.id FROM " + orders + " o JOIN " + customers + " c ON c.id = o.customer_id"
            + " WHERE c.is_deleted AND NOT o.is_deleted")).as("live orders of deleted customers").isEmpty();
        assertThat(Sql.longs(raw, "SELECT n.id FROM " + schema.soft("notes") + " n JOIN " + customers
            + " c ON c.id = n.customer_id WHERE c.is_deleted AND NOT n.is_deleted")).as("live notes of deleted"
            + " customers").isEmpty();
        assertThat(Sql.longs(raw, "SELECT i.id FROM " + schema.soft("invoices") + " i JOIN " + customers
            + " c ON c.id = i.customer_id WHERE c.is_deleted")).as("invoices of deleted customers").isEmpty();
        assertThat(Sql.longs(raw, "SELECT id FROM " + orders + " WHERE NOT is_deleted AND deleted_at IS NOT NULL"))
            .as("live orders that carry a delete event").isEmpty();
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a killed session
            }
        }
    }
}
