package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
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
 * A plain PostgreSQL table whose rows include a configured table's: the parent a configured table inherits from,
 * the partitioned table a configured partition belongs to. Its queries read the configured rows, deleted ones
 * included, and its DELETE and TRUNCATE remove them physically, through a table that need not have the soft-delete
 * columns. The driver refuses such statements unless they say {@code ONLY}; a hard-delete database would show the
 * parent without the deleted child rows.
 *
 * <p>Fixture: {@code sdit_anc} (plain, one row) with {@code sdit_anc_kid} (configured) inheriting from it, one live
 * and one soft-deleted row; {@code sdit_anc_ev} (plain) partitioned by list into {@code sdit_anc_ev_a} (configured)
 * and {@code sdit_anc_ev_b} (plain).
 */
@OnPostgreSQL
class PlainAncestorsIT {
    private static final String FLAGS = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL";
    private static final String DROP = "DROP TABLE IF EXISTS sdit_anc_kid, sdit_anc, sdit_anc_ev CASCADE";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, DROP,
            "CREATE TABLE sdit_anc (id INT PRIMARY KEY, v TEXT)",
            "CREATE TABLE sdit_anc_kid (" + FLAGS + ") INHERITS (sdit_anc)",
            "INSERT INTO sdit_anc VALUES (1, 'parent')",
            "INSERT INTO sdit_anc_kid (id, v, is_deleted, deleted_at) VALUES (2, 'live', FALSE, NULL),"
                    + " (3, 'deleted', TRUE, now())",
            "CREATE TABLE sdit_anc_ev (id INT, region TEXT, " + FLAGS + ") PARTITION BY LIST (region)",
            "CREATE TABLE sdit_anc_ev_a PARTITION OF sdit_anc_ev FOR VALUES IN ('a')",
            "CREATE TABLE sdit_anc_ev_b PARTITION OF sdit_anc_ev FOR VALUES IN ('b')",
            "INSERT INTO sdit_anc_ev VALUES (1, 'a', FALSE, NULL), (2, 'a', TRUE, now()), (3, 'b', FALSE, NULL)");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_anc_kid", "sdit_anc_ev_a"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, DROP);
        }
    }

    @Test
    void statementsOnThePlainParentAreRefusedAndChangeNothing() throws SQLException {
        for (String sql : List.of("SELECT id FROM sdit_anc", "SELECT count(*) FROM sdit_anc a WHERE a.v <> 'x'",
                "SELECT * FROM orders_nowhere o JOIN public.sdit_anc p ON p.id = o.id",
                "UPDATE sdit_anc SET v = 'changed'", "DELETE FROM sdit_anc WHERE id > 0", "TRUNCATE sdit_anc",
                "SELECT id FROM sdit_anc_ev", "DELETE FROM sdit_anc_ev WHERE region = 'a'", "TRUNCATE sdit_anc_ev",
                // a comment is not the word ONLY
                "SELECT id FROM -- ONLY\nsdit_anc", "DELETE FROM /* ONLY */ sdit_anc WHERE id > 0",
                "TRUNCATE -- ONLY\nsdit_anc_ev")) {
            assertThatThrownBy(() -> Sql.execute(app, sql)).as(sql)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"))
                    .hasMessageContaining("soft-delete tables inherit from it or are its partitions")
                    .hasMessageContaining("write ONLY");
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_anc ORDER BY id")).containsExactly(1L, 2L, 3L);
        assertThat(Sql.single(raw, "SELECT string_agg(v, ',' ORDER BY id) FROM sdit_anc"))
                .isEqualTo("parent,live,deleted");
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_anc_ev ORDER BY id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void onlyTheParentsOwnRowsPass() throws SQLException {
        assertThat(Sql.longs(app, "SELECT id FROM ONLY sdit_anc")).containsExactly(1L);
        assertThat(Sql.longs(app, "SELECT id FROM ONLY /* its own */ (sdit_anc)")).containsExactly(1L);
        assertThat(Sql.update(app, "UPDATE ONLY sdit_anc SET v = 'p2'")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM ONLY sdit_anc WHERE id > 0")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_anc ORDER BY id")).containsExactly(2L, 3L);
    }

    @Test
    void theConfiguredChildrenSoftDeleteAsBefore() throws SQLException {
        assertThat(Sql.longs(app, "SELECT id FROM sdit_anc_kid")).containsExactly(2L);
        assertThat(Sql.update(app, "DELETE FROM sdit_anc_kid")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM sdit_anc_ev_a")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_anc_kid WHERE is_deleted ORDER BY id")).containsExactly(2L, 3L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_anc_ev WHERE is_deleted ORDER BY id")).containsExactly(1L, 2L);
    }
}
