package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * One connection used by two threads at once, in autocommit mode: one soft-deletes a parent that a RESTRICT key
 * protects (a group of the driver's, in a transaction of its own that it rolls back), the other inserts rows into a
 * plain table. A probe found the inserts joining the group's transaction and rolled back with it, though each had
 * reported its row (97 of 400 kept on PostgreSQL, 85 on MariaDB): the vendor drivers keep every one. Each insert must
 * stay, as on the raw driver.
 */
@OnEachDatabase
class SharedConnectionIT {
    private static final int ROUNDS = 300;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        drop();
        String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw, "CREATE TABLE sdit_sc_p (id INT PRIMARY KEY" + flags + ")",
            "CREATE TABLE sdit_sc_c (id INT PRIMARY KEY, p_id INT NOT NULL" + flags + ", CONSTRAINT sdit_sc_c_p"
                + " FOREIGN KEY (p_id) REFERENCES sdit_sc_p (id))",
            "CREATE TABLE sdit_sc_log (id INT PRIMARY KEY)",
            "INSERT INTO sdit_sc_p (id) VALUES (1)", "INSERT INTO sdit_sc_c (id, p_id) VALUES (1, 1)");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_sc_p", "sdit_sc_c"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app) {
            drop();
        } finally {
            raw.close();
        }
    }

    private void drop() throws SQLException {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_sc_log, sdit_sc_c, sdit_sc_p");
    }

    @Test
    void anotherThreadsAutocommitWritesStayWhileAGroupRollsBack() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> refused = executor.submit(() -> {
                int failures = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    try {
                        Sql.update(app, "DELETE FROM sdit_sc_p WHERE id = 1");
                    } catch (SQLException restricted) {
                        failures++;
                    }
                }
                return failures;
            });
            int reported = 0;
            for (int i = 0; i < ROUNDS; i++) {
                reported += Sql.update(app, "INSERT INTO sdit_sc_log (id) VALUES (" + i + ")");
            }
            assertThat(refused.get(60, TimeUnit.SECONDS)).as("deletes the RESTRICT key failed").isEqualTo(ROUNDS);
            assertThat(reported).isEqualTo(ROUNDS);
        } finally {
            executor.shutdownNow();
        }
        assertThat(app.getAutoCommit()).isTrue();
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_sc_log")).as("inserts kept").containsExactly((long) ROUNDS);
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_sc_p WHERE NOT is_deleted")).containsExactly(1L);
    }
}
