package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Delete events: each soft-deleting statement gets its own timestamp, strictly later than the previous one, even
 * within one transaction and one millisecond, and even from concurrent connections; all rows one statement deletes
 * (targets and cascades) carry that one timestamp, so the cascades of concurrent events never mix.
 *
 * <p>Fixture ({@link Hierarchy}): {@code n} parents, each with two children (one grandchild each) and one note; no
 * row is deleted beforehand, so every deleted row belongs to an event of the test.
 */
@OnEachDatabase
class DeleteEventIT {
    private static final String DRIVER_CLASS = "dev.softdelete.jdbc.SoftDeleteDriver";
    /** Concurrent test: threads, deletes per thread, parents nobody deletes. */
    private static final int THREADS = 8;
    private static final int DELETES_PER_THREAD = 50;
    private static final int SPARE_PARENTS = 40;
    private static final int MAX_ATTEMPTS = 500;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private String url;
    private Connection raw;
    private Connection app;
    private Hierarchy h;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        h = new Hierarchy(database, "sdit_event").create(raw);
        config = ConfigFile.writeRaw(dir, h.yaml());
        app = ThroughDriver.connect(url, config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    @Test
    void twoDeletesInOneTransactionGetDifferentTimestamps() throws Exception {
        h.fill(raw, 4, 2, 1, 1);
        var before = h.marks(raw);
        app.setAutoCommit(false);
        Connection session = VendorSession.of(app, database);

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);
        var afterFirst = h.marks(session);
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
        var afterSecond = h.marks(session);
        app.commit();

        LocalDateTime first = h.assertOneEvent(before, afterFirst, Set.of(1L));
        LocalDateTime second = h.assertOneEvent(afterFirst, afterSecond, Set.of(2L));
        assertThat(second).as("the second DELETE of the transaction").isAfter(first);
        assertThat(h.marks(raw)).as("committed as seen inside the transaction").isEqualTo(afterSecond);
    }

    /**
     * A DELETE with nothing around it (notes have no cascades and nothing references them) is one statement: the
     * session's event is never set, and the row carries the database's clock at 10 microseconds (last digit 0),
     * close to the application's; a cascading DELETE keeps the driver's event timestamp (an odd microsecond).
     */
    @Test
    void aDeleteWithNothingAroundItIsOneStatementTimedByTheDatabase() throws Exception {
        h.fill(raw, 2, 1, 1, 1);
        LocalDateTime before = LocalDateTime.now();

        assertThat(Sql.update(app, "DELETE FROM " + h.notes + " WHERE id = 11")).isEqualTo(1);

        Connection session = VendorSession.of(app, database);
        String eventVariable = database == TestDatabase.POSTGRESQL
            ? "SELECT current_setting('softdelete.event_at', true)" : "SELECT @softdelete_event_at";
        try (var st = session.createStatement(); var rs = st.executeQuery(eventVariable)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the session's delete event after a self-timed DELETE").isNull();
        }
        LocalDateTime note = h.marks(raw).get(h.notes).get(11L).deletedAt();
        assertThat(note.getNano() / 1_000 % 10).as("microseconds of %s", note).isZero();
        assertThat(note).isBetween(before.minusSeconds(5), LocalDateTime.now().plusSeconds(5));

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 2")).isEqualTo(1);
        LocalDateTime parent = h.marks(raw).get(h.parents).get(2L).deletedAt();
        assertThat(parent.getNano() / 1_000 % 2).as("microseconds of the cascading event %s", parent).isOne();
        assertThat(h.marks(raw).get(h.notes).get(21L).deletedAt()).isEqualTo(parent);
    }

    @Test
    void backToBackDeletesNeverShareATimestamp() throws Exception {
        int parents = 20;
        h.fill(raw, parents, 2, 1, 1);
        // Notes have no cascades: one self-timed statement per DELETE, so neighbours often fall in the same
        // millisecond; the database's clock (10 us) still tells them apart.
        List<LocalDateTime> notes = backToBack(h.notes, parents, id -> id * 10 + 1, true);
        // Parents in autocommit mode: each DELETE is a transaction of its own, with its cascades.
        List<LocalDateTime> parentTimes = backToBack(h.parents, parents, id -> id, false);

        for (List<LocalDateTime> times : List.of(notes, parentTimes)) {
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i)).as("DELETE %d vs the one before it", i).isAfter(times.get(i - 1));
            }
        }
        assertThat(parentTimes.get(0)).as("the later statements, the later timestamps").isAfter(notes.get(0));
        var marks = h.marks(raw);
        for (long p = 1; p <= parents; p++) {
            LocalDateTime at = marks.get(h.parents).get(p).deletedAt();
            for (long c : h.childrenOf(p)) {
                assertThat(marks.get(h.children).get(c)).as("child %d of parent %d", c, p)
                    .isEqualTo(new StoredRow(true, true, at));
            }
        }
        System.out.printf("[softdelete-it] %s back-to-back DELETEs: %d of %d neighbouring note deletes and %d of %d"
                + " neighbouring parent deletes fell within the same millisecond%n", database,
            sameMillisecond(notes), notes.size() - 1, sameMillisecond(parentTimes), parentTimes.size() - 1);
    }

    /** Deletes row {@code id(i)} of {@code table} for i = 1..n, one statement each; returns their deleted_at. */
    private List<LocalDateTime> backToBack(String table, int n, LongFunction<Long> id, boolean inTransaction)
        throws SQLException {
        List<Long> ids = new ArrayList<>();
        app.setAutoCommit(!inTransaction);
        try (PreparedStatement delete = app.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (long i = 1; i <= n; i++) {
                ids.add(id.apply(i));
                delete.setLong(1, id.apply(i));
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
        }
        if (inTransaction) {
            app.commit();
            app.setAutoCommit(true);
        }
        Map<Long, StoredRow> marks = h.marks(raw).get(table);
        List<LocalDateTime> times = new ArrayList<>();
        for (long i : ids) {
            times.add(marks.get(i).deletedAt());
        }
        assertThat(new HashSet<>(times)).as("distinct deleted_at of %d DELETEs on %s", n, table).hasSize(n);
        return times;
    }

    private static int sameMillisecond(List<LocalDateTime> times) {
        int same = 0;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i).truncatedTo(ChronoUnit.MILLIS).equals(times.get(i - 1).truncatedTo(ChronoUnit.MILLIS))) {
                same++;
            }
        }
        return same;
    }

    @Test
    void everyRowOfOneDeleteSharesOneTimestamp() throws Exception {
        h.fill(raw, 5, 2, 1, 1);
        var before = h.marks(raw);

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id IN (1, 2, 4)")).isEqualTo(3);

        var after = h.marks(raw);
        LocalDateTime at = h.assertOneEvent(before, after, Set.of(1L, 2L, 4L));
        Set<LocalDateTime> stamps = new HashSet<>();
        int rows = 0;
        for (String table : h.tables()) {
            for (long id : Hierarchy.newlyDeleted(before, after, table)) {
                stamps.add(after.get(table).get(id).deletedAt());
                rows++;
            }
        }
        assertThat(rows).as("3 parents, 6 children, 6 grandchildren, 3 notes").isEqualTo(18);
        assertThat(stamps).containsExactly(at);
    }

    /**
     * Deletes parent {@code id} through the pool; a transaction rollback (SQLState 40001: deadlock, or lock wait
     * timeout on MariaDB) is recorded in {@code failures} and retried, as an application would. The retry's count
     * also shows that the failed attempt left nothing behind.
     */
    private int deleteRetryingDeadlocks(HikariDataSource pool, long id, List<String> failures) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection();
                 PreparedStatement delete = c.prepareStatement("DELETE FROM " + h.parents + " WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate();
            } catch (SQLException e) {
                if (!"40001".equals(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                failures.add("parent " + id + ": " + e.getMessage());
            }
        }
    }

    @Test
    void concurrentDeletesThroughAPoolKeepTheirCascadesApart() throws Exception {
        int deleted = THREADS * DELETES_PER_THREAD;
        h.fill(raw, deleted + SPARE_PARENTS, 2, 1, 1);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sdit-delete-events-" + database.name().toLowerCase());
        hc.setDriverClassName(DRIVER_CLASS);
        hc.setJdbcUrl(ThroughDriver.url(url));
        hc.addDataSourceProperty(ThroughDriver.CONFIG_PROPERTY, config.toString());
        hc.setMaximumPoolSize(THREADS);
        hc.setConnectionTimeout(10_000);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sdit-delete-event");
            t.setDaemon(true);
            return t;
        });
        try (HikariDataSource pool = new HikariDataSource(hc)) {
            CountDownLatch start = new CountDownLatch(1);
            List<String> deadlocks = Collections.synchronizedList(new ArrayList<>());
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < DELETES_PER_THREAD; i++) {
                        long parent = (long) i * THREADS + thread + 1;
                        assertThat(deleteRetryingDeadlocks(pool, parent, deadlocks))
                            .as("DELETE of parent %d", parent).isEqualTo(1);
                        mine.add(parent);
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<List<Long>> perThread = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                perThread.add(result.get(60, TimeUnit.SECONDS));
            }

            var marks = h.marks(raw);
            Map<Long, StoredRow> parents = marks.get(h.parents);
            Set<LocalDateTime> parentStamps = new HashSet<>();
            for (var e : parents.entrySet()) {
                assertThat(e.getValue().deleted()).as("parent %d", e.getKey()).isEqualTo(e.getKey() <= deleted);
                if (e.getValue().deleted()) {
                    assertThat(e.getValue().deletedAt()).isNotNull();
                    parentStamps.add(e.getValue().deletedAt());
                }
            }
            assertThat(parentStamps).as("distinct timestamps of the %d deleted parents", deleted).hasSize(deleted);
            for (List<Long> mine : perThread) {
                for (int i = 1; i < mine.size(); i++) {
                    assertThat(parents.get(mine.get(i)).deletedAt()).as("one thread's DELETEs in order")
                        .isAfter(parents.get(mine.get(i - 1)).deletedAt());
                }
            }
            int cascaded = 0;
            for (long p : parents.keySet()) {
                StoredRow parent = parents.get(p);
                for (long c : h.childrenOf(p)) {
                    StoredRow child = marks.get(h.children).get(c);
                    assertThat(child).as("child %d of parent %d", c, p)
                        .isEqualTo(new StoredRow(true, parent.deleted(), parent.deletedAt()));
                    for (long g : h.grandchildrenOf(c)) {
                        assertThat(marks.get(h.grandchildren).get(g)).as("grandchild %d of child %d", g, c)
                            .isEqualTo(child);
                        cascaded++;
                    }
                    cascaded++;
                }
                assertThat(marks.get(h.notes).get(p * 10 + 1)).as("note of parent %d", p).isEqualTo(parent);
            }
            assertThat(cascaded).isEqualTo((deleted + SPARE_PARENTS) * 4);
            assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM " + h.children + " c JOIN " + h.parents
                + " p ON p.id = c.parent_id WHERE c.is_deleted = FALSE AND p.is_deleted = TRUE"))
                .as("live children of deleted parents").containsExactly(0L);
            assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM " + h.children + " c JOIN " + h.parents
                + " p ON p.id = c.parent_id WHERE c.is_deleted = TRUE AND c.deleted_at <> p.deleted_at"))
                .as("deleted children whose deleted_at differs from their parent's").containsExactly(0L);
            System.out.printf("[softdelete-it] %s concurrent delete events: %d threads x %d DELETEs through a pool of"
                + " %d, %d parents deleted, %d live parents kept, %d deadlocks retried; %d events shared their"
                + " millisecond with the next one%n", database, THREADS, DELETES_PER_THREAD, THREADS, deleted,
                SPARE_PARENTS, deadlocks.size(), sameMillisecond(parentStamps.stream().sorted().toList()));
            // Hard DELETEs of different parents with ON DELETE CASCADE lock disjoint rows and never deadlock; the
            // soft ones must not either (the retries above only let the timestamp checks run first).
            assertThat(deadlocks.size()).as("DELETEs of different parents that failed with a deadlock or lock timeout"
                + " and were retried, e.g. %s", deadlocks.stream().limit(3).toList()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }
}
