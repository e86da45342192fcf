package dev.softdelete.it.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * A soft delete with a cascade, inside the application's transaction, chosen as a deadlock's victim. A probe found
 * that on MariaDB the driver closed the connection: the server had rolled back the whole transaction, its savepoint
 * with it, so the rollback to the group's savepoint failed (1305) and the group was taken for undone. The hard
 * DELETE's deadlock leaves the connection usable, and so must the soft one.
 */
@OnEachDatabase
class DeadlockVictimIT {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private GuardedSchema schema;
    private Connection raw;
    private Path config;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void setUp() throws Exception {
        schema = new GuardedSchema(database, "sdit_dl");
        raw = DriverManager.getConnection(database.rawUrl());
        config = schema.create(raw, dir);
        Sql.execute(raw, "INSERT INTO " + schema.soft("orders") + " (id, customer_id) VALUES (11, 2), (12, 3),"
            + " (13, 3)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        executor.shutdownNow();
        schema.drop(raw);
        raw.close();
    }

    @Test
    void theVictimsConnectionStaysUsable() throws Exception {
        try (Connection heavy = ThroughDriver.connect(database.rawUrl(), config);
             Connection victim = ThroughDriver.connect(database.rawUrl(), config)) {
            heavy.setAutoCommit(false);
            victim.setAutoCommit(false);
            // the heavier transaction holds order 10 (a child of customer 1) and more rows, so InnoDB picks the other
            Sql.update(heavy, "UPDATE " + schema.soft("orders") + " SET customer_id = customer_id");
            Sql.update(heavy, "UPDATE " + schema.soft("orders") + " SET deleted_at = '2020-01-01 00:00:00'"
                + " WHERE NOT is_deleted");
            Sql.update(victim, "UPDATE " + schema.soft("customers") + " SET name = 'v' WHERE id = 3");
            Future<SQLException> delete = executor.submit(() -> catchThrowableOfType(SQLException.class,
                () -> Sql.update(victim, "DELETE FROM " + schema.soft("customers") + " WHERE id = 1")));
            Thread.sleep(700);
            SQLException heavyError = catchThrowableOfType(SQLException.class,
                () -> Sql.update(heavy, "UPDATE " + schema.soft("customers") + " SET name = 'h' WHERE id = 3"));
            SQLException victimError = delete.get(30, TimeUnit.SECONDS);
            SQLException deadlock = victimError != null ? victimError : heavyError;
            assertThat((Throwable) deadlock).as("one of them is the deadlock's victim").isNotNull();
            Connection loser = victimError != null ? victim : heavy;
            assertThat(loser.isClosed()).as("the victim's connection after %s", deadlock.getSQLState()).isFalse();
            loser.rollback();
            assertThat(Sql.longs(loser, "SELECT id FROM " + schema.soft("customers") + " ORDER BY id"))
                .containsExactly(1L, 2L, 3L);
            (loser == victim ? heavy : victim).rollback();
        }
    }
}
