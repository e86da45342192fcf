package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.purge.Purge;
import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * PostgreSQL partitions and inheriting tables of a configured table are configured too: a DELETE of one of them,
 * which a hard delete would remove from the rows the parent shows, soft-deletes instead. The driver learns them from
 * the catalog on the first connection, and again after DDL it passes or on request.
 *
 * <p>Fixture: {@code sdit_part} (configured) partitioned by range of id into {@code sdit_part_low} (ids 1-99) and
 * {@code sdit_part_high} (100-999); {@code sdit_inh} (configured) with {@code sdit_inh_child} inheriting from it.
 * Each holds two live rows.
 */
@OnPostgreSQL
class PartitionsIT {
    private static final String FLAGS = "is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at TIMESTAMP NULL";
    private static final String DROP_ALL = "DROP TABLE IF EXISTS sdit_part, sdit_inh_child, sdit_inh, sdit_part_new,"
        + " sdit_part_ref, sdit_inh_kid, sdit_inh_plain, sdit_pbase, sdit_pbref, sdit_pbres, sdit_animals, sdit_dogs,"
        + " sdit_toys, sdit_vet, sdit_pev_b, sdit_pev, sdit_pord, sdit_pcust, sdit_plink, sdit_pnode CASCADE";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw,
            DROP_ALL,
            "CREATE TABLE sdit_part (id INT NOT NULL, note TEXT, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_part_low PARTITION OF sdit_part FOR VALUES FROM (1) TO (100)",
            "CREATE TABLE sdit_part_high PARTITION OF sdit_part FOR VALUES FROM (100) TO (1000)",
            "INSERT INTO sdit_part (id, note) VALUES (1, 'a'), (2, 'b'), (100, 'c'), (101, 'd')",
            "CREATE TABLE sdit_inh (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_inh_child (extra TEXT) INHERITS (sdit_inh)",
            "INSERT INTO sdit_inh (id) VALUES (1), (2)",
            "INSERT INTO sdit_inh_child (id, extra) VALUES (10, 'x'), (11, 'y')");
        app = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_part", "sdit_inh"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            Sql.execute(r, DROP_ALL);
        }
    }

    @Test
    void aDeleteOfAPartitionSoftDeletes() throws SQLException {
        int count = Sql.update(app, "DELETE FROM sdit_part_low WHERE id = 1");

        assertThat(count).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_part WHERE is_deleted ORDER BY id")).containsExactly(1L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_part ORDER BY id")).containsExactly(2L, 100L, 101L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_part_low")).containsExactly(2L);
    }

    /**
     * What the database's keys reach, followed as the database follows them. A key declared on a plain table that
     * others inherit from holds that table's own rows only: deleting the customer took the inheriting table's row
     * along (probe). And a partition's row was restored under its still-deleted customer by an UNDELETE that named the
     * partition, where the one naming the partitioned table was refused.
     */
    @Test
    void keysOfInheritedTablesAndRestoresOfPartitionsAreThoseOfTheDatabase() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_pcust (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_pord (id INT NOT NULL PRIMARY KEY, cust INT NOT NULL REFERENCES sdit_pcust (id)"
                + " ON DELETE CASCADE, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_pord_low PARTITION OF sdit_pord FOR VALUES FROM (1) TO (100)",
            "CREATE TABLE sdit_pev (id INT PRIMARY KEY, cust INT REFERENCES sdit_pcust (id) ON DELETE CASCADE, "
                + FLAGS + ")",
            "CREATE TABLE sdit_pev_b () INHERITS (sdit_pev)",
            "INSERT INTO sdit_pcust (id) VALUES (1), (2)", "INSERT INTO sdit_pord (id, cust) VALUES (1, 1), (2, 2)",
            "INSERT INTO sdit_pev (id, cust) VALUES (1, 1)", "INSERT INTO sdit_pev_b (id, cust) VALUES (20, 1)");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_pcust", "sdit_pord",
                "sdit_pev"))) {
            assertThat(Sql.update(c, "DELETE FROM sdit_pcust WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.longs(c, "SELECT id FROM sdit_pev ORDER BY id")).as("the key holds sdit_pev's own rows")
                .containsExactly(20L);
            assertThat(Sql.longs(c, "SELECT id FROM sdit_pord ORDER BY id")).containsExactly(2L);

            assertThatThrownBy(() -> Sql.update(c, "UNDELETE FROM sdit_pord_low WHERE id = 1"))
                .as("a partition's row under a deleted customer").isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            assertThat(Sql.update(c, "UNDELETE FROM sdit_pcust WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.longs(c, "SELECT id FROM sdit_pord ORDER BY id")).containsExactly(1L, 2L);
            assertThat(Sql.longs(c, "SELECT id FROM sdit_pev ORDER BY id")).containsExactly(1L, 20L);
        }
    }

    /**
     * A batch's soft deletes run their foreign-key checks after its last entry, so a batch whose later cascade changes
     * a table an earlier entry's check reads is refused (see BatchRestrictIT). A probe hid the overlap behind a
     * partition: the RESTRICT key declared on the plain partitioned {@code sdit_plink}, the CASCADE key on its
     * configured partition only. The names differed, the batch ran, and both nodes were soft-deleted where the hard
     * batch fails at its first entry. The keys declared on the plain partitioned table also counted the soft-deleted
     * rows of its configured partition: a RESTRICT check failed where the hard delete passes.
     */
    @Test
    void aBatchWhoseCascadeReachesAPartitionOfAnEarlierEntrysCheckedTableIsRefused() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_pnode (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_plink (id INT NOT NULL, protects INT REFERENCES sdit_pnode (id) ON DELETE RESTRICT,"
                + " owner INT, keeper INT REFERENCES sdit_pnode (id) ON DELETE SET NULL, " + FLAGS
                + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_plink_low PARTITION OF sdit_plink FOR VALUES FROM (1) TO (100)",
            "ALTER TABLE sdit_plink_low ADD FOREIGN KEY (owner) REFERENCES sdit_pnode (id) ON DELETE CASCADE",
            "INSERT INTO sdit_pnode (id) VALUES (1), (2)",
            "INSERT INTO sdit_plink (id, protects, owner, keeper) VALUES (10, 1, 2, 1)");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_pnode",
                "sdit_plink_low")); PreparedStatement ps = c.prepareStatement("DELETE FROM sdit_pnode WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.addBatch();
            ps.setInt(1, 2);
            ps.addBatch();
            assertThatThrownBy(ps::executeBatch)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_pnode WHERE is_deleted")).containsExactly(0L);

            // apart, as the hard deletes: node 1 is protected until node 2's cascade takes the link
            assertThatThrownBy(() -> Sql.update(c, "DELETE FROM sdit_pnode WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("23"));
            assertThat(Sql.update(c, "DELETE FROM sdit_pnode WHERE id = 2")).isEqualTo(1);
            assertThat(Sql.update(c, "DELETE FROM sdit_pnode WHERE id = 1")).isEqualTo(1);
            // the keys declared on the plain partitioned table pass over its configured partition's deleted rows:
            // the RESTRICT check above did not see link 10, and the SET NULL leaves it as it was deleted
            assertThat(Sql.longs(raw, "SELECT keeper FROM sdit_plink WHERE id = 10")).containsExactly(1L);
        }
    }

    @Test
    void aDeleteOfAnInheritingTableSoftDeletes() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM sdit_inh_child WHERE id = 10")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_inh WHERE is_deleted")).containsExactly(10L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_inh ORDER BY id")).containsExactly(1L, 2L, 11L);
    }

    @Test
    void onlyKeepsAStatementOffTheChildren() throws SQLException {
        assertThat(Sql.update(app, "DELETE FROM ONLY sdit_inh WHERE id IN (1, 10)")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_inh WHERE is_deleted")).containsExactly(1L);
        assertThat(Sql.longs(app, "SELECT id FROM ONLY sdit_inh ORDER BY id")).containsExactly(2L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_inh ORDER BY id")).containsExactly(2L, 10L, 11L);
        assertThat(Sql.update(app, "UPDATE ONLY sdit_inh SET id = id WHERE id IN (1, 2)")).isEqualTo(1);
    }

    /**
     * A table named like a configured one in a schema outside the search path, with a partition, an inheriting table
     * and a plain parent there: the driver filters the table itself by its name but knows neither of the others
     * (it reads the catalog of the search path's schemas). A probe read soft-deleted rows through the partition and
     * deleted rows physically through it and the inheriting table; each statement naming them is refused now, the
     * database untouched, until the session moves into that schema, where they are filtered.
     */
    @Test
    void relativesOfAConfiguredNameInASchemaOutsideTheSearchPathAreRefused() throws Exception {
        Sql.execute(raw, "DROP SCHEMA IF EXISTS sdit_unread CASCADE", "CREATE SCHEMA sdit_unread",
            "CREATE TABLE sdit_unread.sdit_pbase (id INT NOT NULL, " + FLAGS + ")",
            "CREATE TABLE sdit_unread.sdit_part (id INT NOT NULL, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_unread.sdit_part_p1 PARTITION OF sdit_unread.sdit_part FOR VALUES FROM (1) TO (100)",
            "CREATE TABLE sdit_unread.sdit_inh () INHERITS (sdit_unread.sdit_pbase)",
            "CREATE TABLE sdit_unread.sdit_inh_kid () INHERITS (sdit_unread.sdit_inh)",
            "INSERT INTO sdit_unread.sdit_part (id, is_deleted) VALUES (1, FALSE), (2, TRUE)",
            "INSERT INTO sdit_unread.sdit_inh_kid (id, is_deleted) VALUES (1, FALSE), (2, TRUE)");
        try (Connection fresh = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_part",
                "sdit_inh"))) {
            assertThat(Sql.longs(fresh, "SELECT id FROM sdit_unread.sdit_part")).as("the configured name, filtered")
                .containsExactly(1L);
            for (String sql : new String[] {"SELECT count(*) FROM sdit_unread.sdit_part_p1",
                "SELECT count(*) FROM sdit_unread.sdit_inh_kid",
                "DELETE FROM sdit_unread.sdit_part_p1 WHERE id = 1", "DELETE FROM sdit_unread.sdit_inh_kid",
                "UPDATE sdit_unread.sdit_part_p1 SET id = id", "TRUNCATE sdit_unread.sdit_inh_kid"}) {
                assertThatThrownBy(() -> Sql.execute(fresh, sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("did not read")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD001"));
            }
            assertThatThrownBy(() -> Sql.longs(fresh, "SELECT count(*) FROM sdit_unread.sdit_pbase"))
                .hasMessageContaining("soft-delete tables inherit from it");
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_unread.sdit_part_p1")).containsExactly(2L);
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_unread.sdit_inh_kid")).containsExactly(2L);
            assertThat(Sql.longs(fresh, "SELECT count(*) FROM ONLY sdit_unread.sdit_pbase")).as("the base's own rows")
                .containsExactly(0L);

            Sql.execute(fresh, "SET search_path = sdit_unread");
            assertThat(Sql.longs(fresh, "SELECT id FROM sdit_part_p1")).containsExactly(1L);
            assertThat(Sql.longs(fresh, "SELECT id FROM sdit_unread.sdit_inh_kid")).containsExactly(1L);
            assertThat(Sql.update(fresh, "DELETE FROM sdit_part_p1 WHERE id = 1")).isEqualTo(1);
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_unread.sdit_part_p1 WHERE is_deleted"))
                .containsExactly(2L);
        } finally {
            Sql.execute(raw, "DROP SCHEMA sdit_unread CASCADE");
        }
    }

    @Test
    void aPartitionCreatedThroughTheDriverIsConfiguredAtOnce() throws SQLException {
        Sql.execute(app, "CREATE TABLE sdit_part_new PARTITION OF sdit_part FOR VALUES FROM (1000) TO (2000)");
        Sql.execute(raw, "INSERT INTO sdit_part (id) VALUES (1000), (1001)");

        assertThat(Sql.update(app, "DELETE FROM sdit_part_new WHERE id = 1000")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_part_new ORDER BY id")).containsExactly(1000L, 1001L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_part_new")).containsExactly(1001L);
    }

    @Test
    void aPartitionCreatedElsewhereIsConfiguredAfterARefresh() throws SQLException {
        Sql.execute(raw, "CREATE TABLE sdit_part_new PARTITION OF sdit_part FOR VALUES FROM (1000) TO (2000)",
            "INSERT INTO sdit_part (id) VALUES (1000), (1001)");

        app.unwrap(SoftDeleteConnection.class).refreshCatalog();

        assertThat(Sql.update(app, "DELETE FROM sdit_part_new WHERE id = 1001")).isEqualTo(1);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_part_new ORDER BY id")).containsExactly(1000L, 1001L);
    }

    /**
     * A partition whose name only the catalog gives, with characters that {@code toLowerCase} and
     * {@code equalsIgnoreCase} treat differently (U+0130 lower-cases to two characters). The pre-filter compared a
     * name lower-cased as a whole with a text lower-cased char by char, missed this one, and sent the DELETE
     * unparsed: a hard delete.
     */
    @Test
    void aPartitionNamedOutsideAsciiIsFilteredToo() throws SQLException {
        Sql.execute(raw, "CREATE TABLE \"\u0130_ar\u015fiv\" PARTITION OF sdit_part FOR VALUES FROM (1000) TO (2000)",
            "INSERT INTO sdit_part (id) VALUES (1000), (1001)");
        app.unwrap(SoftDeleteConnection.class).refreshCatalog();

        assertThat(Sql.update(app, "DELETE FROM \"\u0130_ar\u015fiv\" WHERE id = 1000")).isEqualTo(1);

        assertThat(Sql.longs(raw, "SELECT id FROM \"\u0130_ar\u015fiv\" ORDER BY id")).containsExactly(1000L, 1001L);
        assertThat(Sql.longs(app, "SELECT id FROM \"\u0130_ar\u015fiv\"")).containsExactly(1001L);
    }

    /**
     * Detaching a partition, or ending an inheritance, takes the rows out of the configured table: afterwards they
     * are a plain table's, deleted ones included, and a DELETE of them is physical. Refused like DROP PARTITION.
     */
    @Test
    void detachingAPartitionOrEndingAnInheritanceIsRefused() throws SQLException {
        Sql.execute(raw, "UPDATE sdit_part SET is_deleted = TRUE, deleted_at = now() WHERE id = 2");
        for (String sql : new String[] {"ALTER TABLE sdit_part DETACH PARTITION sdit_part_low",
                "ALTER TABLE sdit_inh_child NO INHERIT sdit_inh"}) {
            assertThatThrownBy(() -> Sql.execute(app, sql)).as(sql)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                    .hasMessageContaining("takes rows out of it");
        }

        assertThat(Sql.longs(raw, "SELECT count(*) FROM pg_inherits WHERE inhrelid IN"
                + " ('sdit_part_low'::regclass, 'sdit_inh_child'::regclass)")).containsExactly(2L);
        assertThat(Sql.longs(app, "SELECT id FROM sdit_part_low")).containsExactly(1L);
    }

    /**
     * On PostgreSQL a partition is dropped with DROP TABLE, which took a configured table's rows, soft-deleted ones
     * among them, physically (a probe), where DETACH and MySQL's DROP PARTITION are refused; so did a DROP of a table
     * inheriting from a configured one, and of a plain table a configured one inherits from, with CASCADE. Refused
     * now (SD002); the hard-delete hint lets such a DROP through, and the configured table itself may be dropped.
     */
    @Test
    void droppingAPartitionOrAnInheritingTableIsRefused() throws Exception {
        Sql.execute(raw, "UPDATE sdit_part SET is_deleted = TRUE, deleted_at = now() WHERE id = 2",
            "CREATE TABLE sdit_pbase (id INT, " + FLAGS + ")",
            "CREATE TABLE sdit_inh_kid () INHERITS (sdit_pbase)",
            "DROP SCHEMA IF EXISTS sdit_parch CASCADE", "CREATE SCHEMA sdit_parch",
            "CREATE TABLE sdit_parch.sdit_part_arch PARTITION OF sdit_part FOR VALUES FROM (2000) TO (3000)",
            "INSERT INTO sdit_part (id, note, is_deleted) VALUES (2001, 'old', TRUE)");
        try (Connection withBase = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_part",
                "sdit_inh", "sdit_inh_kid"))) {
            for (String sql : new String[] {"DROP TABLE sdit_part_low", "DROP TABLE IF EXISTS public.sdit_part_high",
                "DROP TABLE sdit_inh_child CASCADE", "drop table \"sdit_part_low\", sdit_toys",
                "DROP TABLE sdit_pbase CASCADE", "DROP TABLE U&\"sdit_p\\0061rch\".sdit_part_arch"}) {
                assertThatThrownBy(() -> Sql.execute(withBase, sql)).as(sql)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                    .hasMessageContaining("removes rows of a soft-delete table");
            }
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_part")).containsExactly(5L);
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_inh_child")).containsExactly(2L);

            // a second statement, and a schema dropped with a partition in it (probes)
            assertThatThrownBy(() -> Sql.execute(withBase, "SELECT 1; DROP TABLE sdit_part_low"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            assertThatThrownBy(() -> Sql.execute(withBase, "DROP SCHEMA IF EXISTS sdit_parch CASCADE"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("sdit_parch");
            // also where the text names a configured table, in a comment: a move that names one went as a move,
            // past the refusals (a probe's DROP SCHEMA ... CASCADE -- sdit_part dropped the partition's rows)
            assertThatThrownBy(() -> Sql.execute(withBase, "DROP SCHEMA sdit_parch CASCADE -- old sdit_part rows"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"))
                .hasMessageContaining("sdit_parch");
            // and written with Unicode escapes, which the recognisers read spelled out (a probe dropped them so)
            assertThatThrownBy(() -> Sql.execute(withBase, "DROP SCHEMA U&\"sdit_p\\0061rch\" CASCADE"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            // a partition, and a plain table a configured one inherits from, so written, are refused as their names
            // are (a probe read deleted rows and truncated the children through the latter); so is a DROP SCHEMA in
            // a DO block
            for (String sql : new String[] {"DROP TABLE U&\"sdit_p\\0061rt_low\"",
                "SELECT id FROM U&\"sdit_pb\\0061se\"", "DELETE FROM U&\"sdit_pb\\0061se\" WHERE id = 1",
                "TRUNCATE U&\"sdit_pb\\0061se\"", "DO $$ BEGIN DROP SCHEMA sdit_parch CASCADE; END $$"}) {
                assertThatThrownBy(() -> Sql.execute(withBase, sql)).as(sql)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("SD"));
            }
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_part")).containsExactly(5L);

            Sql.execute(withBase, "/* softdelete:hard-delete */ DROP TABLE sdit_part_high");
            assertThat(Sql.longs(raw, "SELECT count(*) FROM sdit_part")).containsExactly(3L);
            Sql.execute(withBase, "DROP TABLE sdit_part");
            assertThat(Sql.longs(raw, "SELECT count(*) FROM pg_class WHERE relname = 'sdit_part_low'"))
                .containsExactly(0L);
        } finally {
            Sql.execute(raw, "DROP SCHEMA IF EXISTS sdit_parch CASCADE");
        }
    }

    /**
     * A batch runs its soft deletes' cascades after its last entry, so a later entry naming a table the cascade
     * reaches is refused: a partition or an inheriting table of that table holds the same rows (here, moving a
     * child to another parent before the cascade runs would leave it live under its deleted parent; the hard
     * delete's foreign key removes it first).
     */
    @Test
    void aBatchEntryNamingAPartitionOrAnInheritingTableOfACascadedTableIsRefused() throws Exception {
        Sql.execute(raw,
            "DROP TABLE IF EXISTS sdit_kid_low, sdit_kid, sdit_kid2_child, sdit_kid2, sdit_boss CASCADE",
            "CREATE TABLE sdit_boss (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_kid (id INT NOT NULL, boss_id INT, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_kid_low PARTITION OF sdit_kid FOR VALUES FROM (1) TO (100)",
            "CREATE TABLE sdit_kid2 (id INT PRIMARY KEY, boss_id INT, " + FLAGS + ")",
            "CREATE TABLE sdit_kid2_child () INHERITS (sdit_kid2)",
            "INSERT INTO sdit_boss (id) VALUES (1), (2)",
            "INSERT INTO sdit_kid (id, boss_id) VALUES (11, 1)",
            "INSERT INTO sdit_kid2_child (id, boss_id) VALUES (21, 1)");
        Path config = ConfigFile.writeRaw(dir, "version: 1\ntables:\n  sdit_boss:\n    cascade:\n"
                + "      - { table: sdit_kid, column: boss_id }\n      - { table: sdit_kid2, column: boss_id }\n"
                + "  sdit_kid: {}\n  sdit_kid2: {}\n");
        try (Connection batchApp = ThroughDriver.connect(database.rawUrl(), config)) {
            for (String later : new String[] {"UPDATE sdit_kid_low SET boss_id = 2 WHERE id = 11",
                    "UPDATE sdit_kid2_child SET boss_id = 2 WHERE id = 21"}) {
                try (java.sql.Statement st = batchApp.createStatement()) {
                    st.addBatch("DELETE FROM sdit_boss WHERE id = 1");
                    st.addBatch(later);
                    assertThatThrownBy(st::executeBatch).as(later).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
                }
            }
            assertThat(Sql.longs(raw, "SELECT id FROM sdit_boss WHERE NOT is_deleted ORDER BY id"))
                .as("nothing of the refused batches ran").containsExactly(1L, 2L);
            assertThat(Sql.longs(raw, "SELECT boss_id FROM sdit_kid UNION ALL SELECT boss_id FROM sdit_kid2"))
                .containsExactly(1L, 1L);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_kid_low, sdit_kid, sdit_kid2_child, sdit_kid2, sdit_boss"
                + " CASCADE");
        }
    }

    /**
     * Purge deletes by row version, and a ctid is unique within one physical table only: a partition's soft-deleted
     * row at (0,3) and a live row at (0,3) of its sibling were both removed. Purge now matches the table too.
     */
    @Test
    void purgeOfAPartitionedTableRemovesOnlyTheDeletedRowsNotTheirNeighboursInOtherPartitions() throws Exception {
        Sql.execute(raw, "INSERT INTO sdit_part (id, note) VALUES (102, 'e')", "INSERT INTO sdit_inh_child (id, extra)"
            + " VALUES (12, 'z')");
        assertThat(Sql.update(app, "DELETE FROM sdit_part WHERE id = 1")).isEqualTo(1);
        assertThat(Sql.update(app, "DELETE FROM sdit_inh WHERE id = 1")).isEqualTo(1);
        // the deleted rows' new versions share their ctids with live rows of the other partition or table
        assertThat(Sql.single(raw, "SELECT ctid FROM sdit_part_low WHERE id = 1"))
            .isEqualTo(Sql.single(raw, "SELECT ctid FROM sdit_part_high WHERE id = 102"));

        new Purge(ConfigLoader.load(ConfigFile.write(dir, "sdit_part", "sdit_inh")), database.rawUrl())
            .run(raw, Instant.now().plus(Duration.ofDays(1)));

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_part ORDER BY id")).containsExactly(2L, 100L, 101L, 102L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_inh ORDER BY id")).containsExactly(2L, 10L, 11L, 12L);
    }

    /**
     * Foreign keys that reference a partition, or an inheriting table, rather than the configured table itself: a
     * DELETE through the configured table removes their rows too, so the keys hold. The planner and purge looked up
     * the keys into the configured table only: the RESTRICT delete went through, the soft-delete child stayed live,
     * and a purge let the database's ON DELETE CASCADE remove live rows of a plain child.
     */
    @Test
    void keysIntoAPartitionOrAnInheritingTableHoldForADeleteThroughTheConfiguredTable() throws Exception {
        Sql.execute(raw, "ALTER TABLE sdit_part_low ADD PRIMARY KEY (id)",
            "ALTER TABLE sdit_inh_child ADD PRIMARY KEY (id)",
            "CREATE TABLE sdit_part_ref (id INT PRIMARY KEY, p INT REFERENCES sdit_part_low (id))",
            "CREATE TABLE sdit_inh_kid (id INT PRIMARY KEY, p INT REFERENCES sdit_inh_child (id) ON DELETE CASCADE, "
                + FLAGS + ")",
            "INSERT INTO sdit_part_ref VALUES (1, 2)", "INSERT INTO sdit_inh_kid (id, p) VALUES (1, 10), (2, 11)");
        Path config = ConfigFile.write(dir, "sdit_part", "sdit_inh", "sdit_inh_kid");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), config)) {
            c.unwrap(SoftDeleteConnection.class).refreshCatalog();

            assertThatThrownBy(() -> Sql.update(c, "DELETE FROM sdit_part WHERE id = 2"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            assertThat(Sql.longs(c, "SELECT id FROM sdit_part ORDER BY id")).containsExactly(1L, 2L, 100L, 101L);

            assertThat(Sql.update(c, "DELETE FROM sdit_inh WHERE id = 10")).isEqualTo(1);
            assertThat(Sql.longs(c, "SELECT id FROM sdit_inh_kid ORDER BY id")).containsExactly(2L);
            assertThat(Sql.longs(raw, "SELECT id FROM sdit_inh_kid WHERE is_deleted ORDER BY id")).containsExactly(1L);
        }
    }

    @Test
    void purgeThroughTheConfiguredTableKeepsARowThatAKeyIntoItsPartitionStillReferences() throws Exception {
        Sql.execute(raw, "ALTER TABLE sdit_inh_child ADD PRIMARY KEY (id)",
            "CREATE TABLE sdit_inh_plain (id INT PRIMARY KEY, p INT REFERENCES sdit_inh_child (id) ON DELETE CASCADE)",
            "INSERT INTO sdit_inh_plain VALUES (1, 11)",
            "UPDATE sdit_inh SET is_deleted = TRUE, deleted_at = TIMESTAMP '2020-01-01 00:00:00' WHERE id IN (2, 11)");

        new Purge(ConfigLoader.load(ConfigFile.write(dir, "sdit_part", "sdit_inh")), database.rawUrl())
            .run(raw, Instant.now().plus(Duration.ofDays(1)));

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_inh ORDER BY id")).containsExactly(1L, 10L, 11L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_inh_plain")).containsExactly(1L);
    }

    /**
     * A configured partition of a plain partitioned table: a key into the partitioned table references the
     * partition's rows. The RESTRICT key was not checked, and purge let the ON DELETE CASCADE key remove a live
     * plain row.
     */
    @Test
    void keysIntoAPlainPartitionedTableHoldForItsConfiguredPartition() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_pbase (id INT PRIMARY KEY, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE sdit_pbase_a PARTITION OF sdit_pbase FOR VALUES FROM (0) TO (100)",
            "CREATE TABLE sdit_pbase_b PARTITION OF sdit_pbase FOR VALUES FROM (100) TO (200)",
            "INSERT INTO sdit_pbase (id) VALUES (1), (2), (101)",
            "CREATE TABLE sdit_pbref (id INT PRIMARY KEY, base_id INT REFERENCES sdit_pbase (id) ON DELETE CASCADE)",
            "CREATE TABLE sdit_pbres (id INT PRIMARY KEY, base_id INT REFERENCES sdit_pbase (id))",
            "INSERT INTO sdit_pbref VALUES (1, 1)", "INSERT INTO sdit_pbres VALUES (1, 2)");
        Path config = ConfigFile.write(dir, "sdit_pbase_a");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), config)) {
            assertThatThrownBy(() -> Sql.update(c, "DELETE FROM sdit_pbase_a WHERE id = 2"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            assertThat(Sql.update(c, "DELETE FROM sdit_pbase_a WHERE id = 1")).isEqualTo(1);
        }

        new Purge(ConfigLoader.load(config), database.rawUrl()).run(raw, Instant.now().plus(Duration.ofDays(1)));

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_pbase ORDER BY id")).containsExactly(1L, 2L, 101L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_pbref")).containsExactly(1L);
    }

    /**
     * The check of a key declared on a plain partitioned table names its configured partition by oid; a probe put a
     * table of the partition's name in a schema earlier on the search path, and the name, resolved there at run time,
     * was that table's: the partition's soft-deleted rows counted, a false 23503. The partition is named as stored.
     */
    @Test
    void aKeyOnAPartitionedTableNamesItsConfiguredPartitionAsStored() throws Exception {
        Sql.execute(raw, "DROP SCHEMA IF EXISTS sdit_shadow CASCADE", "CREATE SCHEMA sdit_shadow",
            "CREATE TABLE sdit_shadow.sdit_plink_low (id INT, " + FLAGS + ")",
            "CREATE TABLE sdit_pnode (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_plink (id INT NOT NULL, protects INT REFERENCES sdit_pnode (id) ON DELETE RESTRICT,"
                + " owner INT, " + FLAGS + ") PARTITION BY RANGE (id)",
            "CREATE TABLE public.sdit_plink_low PARTITION OF sdit_plink FOR VALUES FROM (1) TO (100)",
            "ALTER TABLE public.sdit_plink_low ADD FOREIGN KEY (owner) REFERENCES sdit_pnode (id) ON DELETE CASCADE",
            "INSERT INTO sdit_pnode (id) VALUES (1), (2)",
            "INSERT INTO sdit_plink (id, protects, owner) VALUES (10, 1, 2)");
        try (Connection c = ThroughDriver.connect(database.rawUrl() + "&currentSchema=sdit_shadow,public",
                ConfigFile.write(dir, "sdit_pnode", "sdit_plink_low"))) {
            assertThat(Sql.update(c, "DELETE FROM sdit_pnode WHERE id = 2")).isEqualTo(1);
            assertThat(Sql.update(c, "DELETE FROM sdit_pnode WHERE id = 1")).isEqualTo(1);
        } finally {
            Sql.execute(raw, "DROP SCHEMA sdit_shadow CASCADE");
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM public.sdit_plink_low WHERE is_deleted")).containsExactly(1L);
    }

    /**
     * A batch's checks run after its last entry. A probe's RESTRICT key was declared on an inheriting table of the
     * configured {@code sdit_inh}, and a later entry updated {@code sdit_inh} (without ONLY), which reaches the
     * inheriting table's rows without naming it: the referencing row moved before the check ran. The configured
     * tables a checked table descends from count as the checked table now; the batch is refused.
     */
    @Test
    void aBatchEntryOnTheConfiguredParentOfACheckedInheritingTableIsRefused() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_pnode (id INT PRIMARY KEY, " + FLAGS + ")",
            "ALTER TABLE sdit_inh ADD COLUMN node_id INT",
            "ALTER TABLE sdit_inh_child ADD FOREIGN KEY (node_id) REFERENCES sdit_pnode (id)",
            "INSERT INTO sdit_pnode (id) VALUES (1), (99)", "UPDATE sdit_inh_child SET node_id = 1 WHERE id = 10");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_pnode", "sdit_inh"))) {
            assertBatchRefused(c, "DELETE FROM sdit_pnode WHERE id = 1", "UPDATE sdit_inh SET node_id = 99 WHERE"
                + " node_id = 1");
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_pnode WHERE is_deleted")).containsExactly(0L);
        assertThat(Sql.longs(raw, "SELECT node_id FROM sdit_inh_child WHERE id = 10")).containsExactly(1L);
    }

    /**
     * A probe configured only a partitioned table, {@code sdit_pord}, whose key RESTRICTs {@code sdit_pcust}; a batch
     * soft-deleted the customer, then updated or soft-deleted the referencing order through its partition. The
     * partition was not among the tables the batch watched (the steps named the key's child as stored, the catalog
     * knows its partitions by the configured name), the check ran after the partition's entry and found nothing.
     * Both batches are refused now; an UPDATE of a partitioned or inheriting table may not follow such a soft delete.
     */
    @Test
    void aBatchEntryOnAPartitionOfAConfiguredCheckedTableIsRefused() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_pcust (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_pord (id INT, part INT, cust INT REFERENCES sdit_pcust (id) ON DELETE RESTRICT, " + FLAGS
                + ", PRIMARY KEY (id, part)) PARTITION BY LIST (part)",
            "CREATE TABLE sdit_pord_c PARTITION OF sdit_pord FOR VALUES IN (1)",
            "CREATE TABLE sdit_pord_d PARTITION OF sdit_pord FOR VALUES IN (2)",
            "INSERT INTO sdit_pcust (id) VALUES (1), (2)", "INSERT INTO sdit_pord (id, part, cust) VALUES (100, 2, 1)");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_pcust", "sdit_pord"))) {
            for (String entry : new String[] {"UPDATE sdit_pord_d SET cust = 2 WHERE id = 100",
                "DELETE FROM sdit_pord_d WHERE id = 100", "UPDATE sdit_pord SET cust = 2 WHERE id = 100"}) {
                assertBatchRefused(c, "DELETE FROM sdit_pcust WHERE id = 1", entry);
            }
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_pcust WHERE is_deleted")).containsExactly(0L);
        assertThat(Sql.longs(raw, "SELECT cust FROM sdit_pord WHERE NOT is_deleted")).containsExactly(1L);
    }

    /** A Statement batch of {@code entries} on {@code c} is refused (SD001) when it runs. */
    private static void assertBatchRefused(Connection c, String... entries) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String entry : entries) {
                st.addBatch(entry);
            }
            assertThatThrownBy(st::executeBatch).as(String.join("; ", entries))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
    }

    /**
     * An inheriting table configured in its own right, with its own cascade and a plain child's key into it: a
     * DELETE through the configured parent left its cascade unfollowed, and purge through the parent removed its
     * rows, the database's cascade taking the live plain child along.
     */
    @Test
    void aConfiguredInheritingTableKeepsItsOwnCascadeAndKeysUnderItsConfiguredParent() throws Exception {
        Sql.execute(raw, "CREATE TABLE sdit_animals (id INT PRIMARY KEY, " + FLAGS + ")",
            "CREATE TABLE sdit_dogs (breed TEXT) INHERITS (sdit_animals)",
            "ALTER TABLE sdit_dogs ADD PRIMARY KEY (id)",
            "CREATE TABLE sdit_toys (id INT PRIMARY KEY, dog_id INT, " + FLAGS + ")",
            "CREATE TABLE sdit_vet (id INT PRIMARY KEY, dog_id INT REFERENCES sdit_dogs (id) ON DELETE CASCADE)",
            "INSERT INTO sdit_animals (id) VALUES (1)", "INSERT INTO sdit_dogs (id, breed) VALUES (3, 'x'), (4, 'y')",
            "INSERT INTO sdit_toys (id, dog_id) VALUES (30, 3), (40, 4)", "INSERT INTO sdit_vet VALUES (1, 3)");
        Path config = ConfigFile.writeRaw(dir, "version: 1\ntables:\n  sdit_animals: {}\n  sdit_dogs:\n"
            + "    cascade: [{table: sdit_toys, column: dog_id}]\n  sdit_toys: {}\n");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), config)) {
            assertThat(Sql.update(c, "DELETE FROM sdit_animals WHERE id IN (3, 4)")).isEqualTo(2);
            assertThat(Sql.longs(c, "SELECT id FROM sdit_toys")).isEmpty();
        }

        new Purge(ConfigLoader.load(config), database.rawUrl()).run(raw, Instant.now().plus(Duration.ofDays(1)));

        assertThat(Sql.longs(raw, "SELECT id FROM sdit_animals ORDER BY id")).containsExactly(1L, 3L);
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_vet")).containsExactly(1L);
    }
}
