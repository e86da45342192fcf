package dev.softdelete.jdbc.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.SoftDeleteMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics of a configuration, read over JMX from the platform MBean server. */
class StatisticsOverJmxTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dir;
    private Shop shop;
    private String config;
    private ObjectName name;

    @BeforeEach
    void open() throws Exception {
        shop = new Shop();
        config = Shop.ownConfig(dir, "");
        name = new ObjectName("dev.softdelete:type=SoftDelete (" + config + ")");
    }

    @AfterEach
    void close() throws SQLException {
        shop.close();
    }

    @Test
    void theBeanAppearsOnFirstConnect() throws Exception {
        assertThat(SERVER.isRegistered(name)).isFalse();
        try (Connection app = shop.open(config, "")) {
            assertThat(SERVER.isRegistered(name)).isTrue();
            assertThat(SERVER.getAttribute(name, "ConfigSource")).isEqualTo(config);
        }
    }

    @Test
    void statementsAreCountedByWhatHappenedToThem() throws Exception {
        try (Connection app = shop.open(config, ""); Statement st = app.createStatement()) {
            st.executeQuery("SELECT 1").close();                                  // untouched
            st.executeQuery("SELECT name FROM customers").close();                // rewritten
            st.executeUpdate("DELETE FROM customers WHERE id = 2");               // rewritten, event, 2 cascaded
            st.executeUpdate("UNDELETE FROM customers WHERE id = 2");             // rewritten, restore
            assertThatThrownBy(() -> st.executeUpdate("TRUNCATE TABLE orders"))   // refused SD002
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.executeUpdate("MERGE INTO orders KEY (id) VALUES (1, 1, FALSE, NULL)"))
                    .isInstanceOf(SQLException.class);                            // refused SD001
            try (PreparedStatement ps = app.prepareStatement("DELETE FROM orders WHERE id = ?")) { // rewritten
                for (int id : new int[] {10, 11}) {
                    ps.setInt(1, id);
                    ps.executeUpdate();                                           // two events, no cascade
                }
            }
        }

        assertThat(SERVER.getAttribute(name, "StatementsSeen")).isEqualTo(7L);
        assertThat(SERVER.getAttribute(name, "StatementsUntouched")).isEqualTo(1L);
        assertThat(SERVER.getAttribute(name, "StatementsRewritten")).isEqualTo(4L);
        assertThat(SERVER.getAttribute(name, "StatementsRefused")).isEqualTo(2L);
        assertThat(SERVER.getAttribute(name, "StatementsObserved")).isEqualTo(0L);
        TabularData byState = (TabularData) SERVER.getAttribute(name, "StatementsRefusedBySqlState");
        assertThat(byState.values()).extracting(row -> ((CompositeData) row).get("key") + "="
                + ((CompositeData) row).get("value")).containsExactlyInAnyOrder("SD001=1", "SD002=1");
        assertThat(SERVER.getAttribute(name, "DeleteEvents")).isEqualTo(3L);
        assertThat(SERVER.getAttribute(name, "CascadedRows")).isEqualTo(2L);
        assertThat(SERVER.getAttribute(name, "Restores")).isEqualTo(1L);
        assertThat((Long) SERVER.getAttribute(name, "CacheMisses")).isPositive();
        assertThat((Long) SERVER.getAttribute(name, "CacheSize")).isPositive();
        long p50 = (Long) SERVER.getAttribute(name, "ParseTimeMicrosP50");
        assertThat(p50).isPositive()
                .isLessThanOrEqualTo((Long) SERVER.getAttribute(name, "ParseTimeMicrosP99"))
                .isLessThanOrEqualTo((Long) SERVER.getAttribute(name, "ParseTimeMicrosMax"));
    }

    @Test
    void aRepeatedTextIsACacheHit() throws Exception {
        String sql = "SELECT name FROM customers WHERE id = 1";
        try (Connection app = shop.open(config, ""); Statement st = app.createStatement()) {
            st.executeQuery(sql).close();
            SoftDeleteMXBean bean = JMX.newMXBeanProxy(SERVER, name, SoftDeleteMXBean.class);
            long hits = bean.getCacheHits();
            long misses = bean.getCacheMisses();
            st.executeQuery(sql).close();
            st.executeQuery(new String(sql)).close();
            assertThat(bean.getCacheHits()).isEqualTo(hits + 2);
            assertThat(bean.getCacheMisses()).isEqualTo(misses);
        }
    }

    @Test
    void observeModeCountsWhatWouldHaveHappenedAndNothingRuns() throws Exception {
        try (Connection app = shop.open(config, ";softdelete.mode=observe"); Statement st = app.createStatement()) {
            st.executeUpdate("DELETE FROM customers WHERE id = 2");
            st.executeUpdate("TRUNCATE TABLE notes");
            st.executeUpdate("TRUNCATE TABLE orders");
            st.executeUpdate("TRUNCATE TABLE orders");
            st.executeUpdate("UNDELETE FROM customers WHERE id = 3");
        }

        SoftDeleteMXBean bean = JMX.newMXBeanProxy(SERVER, name, SoftDeleteMXBean.class);
        assertThat(bean.getStatementsSeen()).isEqualTo(5);
        assertThat(bean.getStatementsObserved()).isEqualTo(5);
        assertThat(bean.getStatementsRewritten()).isEqualTo(2);
        assertThat(bean.getStatementsUntouched()).isEqualTo(1);
        assertThat(bean.getStatementsRefusedBySqlState()).isEqualTo(Map.of("SD002", 2L));
        assertThat(bean.getDeleteEvents()).as("nothing soft-deleted").isZero();
        assertThat(bean.getCascadedRows()).isZero();
        assertThat(bean.getRestores()).as("UNDELETE still runs").isEqualTo(1);
    }

    @Test
    void countsOfConnectionsOpenAndClosedOnSeveralThreadsAddUp() throws Exception {
        int threads = 4;
        int statements = 500;
        SoftDeleteMXBean bean;
        try (Connection first = shop.open(config, "")) {
            bean = JMX.newMXBeanProxy(SERVER, name, SoftDeleteMXBean.class);
            long untouched = bean.getStatementsUntouched();
            long rewritten = bean.getStatementsRewritten();
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    // each thread: one connection closed half-way, then a second one left open until the end
                    try (Connection closedEarly = shop.open(config, "")) {
                        run(closedEarly, thread, 0, statements / 2);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    try (Connection late = shop.open(config, "")) {
                        run(late, thread, statements / 2, statements);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            long last = 0;
            while (workers.stream().anyMatch(Thread::isAlive)) {
                long seen = bean.getStatementsSeen();
                assertThat(seen).as("the total never goes back").isGreaterThanOrEqualTo(last);
                last = seen;
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertThat(failures).isEmpty();
            // per thread and statement: a plain query (untouched) and a query on a configured table (rewritten)
            assertThat(bean.getStatementsUntouched() - untouched).isEqualTo((long) threads * statements);
            assertThat(bean.getStatementsRewritten() - rewritten).isEqualTo((long) threads * statements);
        }
        assertThat(bean.getStatementsUntouched()).as("after every connection closed").isGreaterThanOrEqualTo(
                (long) threads * statements);
    }

    /** Statements {@code from} to {@code to} of a worker: new literals every time, so none is remembered. */
    private static void run(Connection connection, int thread, int from, int to) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (int i = from; i < to; i++) {
                st.executeQuery("SELECT " + thread + " + " + i).close();
                st.executeQuery("SELECT name FROM customers WHERE id = " + (1000 * thread + i)).close();
            }
        }
    }
}
