package dev.softdelete.it.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.ConfigLoader;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import dev.softdelete.jdbc.purge.Purge;
import dev.softdelete.jdbc.purge.PurgeReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Purge of a three-level hierarchy of 100,000 rows (10,000 customers, 30,000 orders, 60,000 items) with foreign
 * keys in the database: rows soft-deleted 200 days ago go, children before parents, in batches; live rows, rows
 * deleted yesterday, and old parents still referenced by a child stay.
 */
@OnEachDatabase
class PurgeIT {
    private static final String C = "sdit_pg_customers";
    private static final String O = "sdit_pg_orders";
    private static final String I = "sdit_pg_items";
    private static final int BATCH = 1_000;

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private Connection raw;
    private String url;
    private SoftDeleteConfig config;

    @BeforeEach
    void setUp() throws Exception {
        url = db.rawUrl();
        raw = DriverManager.getConnection(url);
        String ts = db.timestampType();
        String flags = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + ts + " NULL)";
        Sql.execute(raw, "DROP TABLE IF EXISTS " + I, "DROP TABLE IF EXISTS " + O, "DROP TABLE IF EXISTS " + C,
                "CREATE TABLE " + C + " (id INT PRIMARY KEY" + flags,
                "CREATE TABLE " + O + " (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES " + C + " (id)"
                        + flags,
                "CREATE TABLE " + I + " (id INT PRIMARY KEY, order_id INT NOT NULL REFERENCES " + O + " (id)" + flags,
                "CREATE INDEX " + O + "_fk ON " + O + " (customer_id)",
                "CREATE INDEX " + I + "_fk ON " + I + " (order_id)");
        String old = db == TestDatabase.POSTGRESQL ? "now() - interval '200 days'" : "now() - interval 200 day";
        String recent = db == TestDatabase.POSTGRESQL ? "now() - interval '1 day'" : "now() - interval 1 day";
        // customers: id % 10 = 0 deleted long ago, = 1 deleted yesterday, else live
        insert(C, 10_000, "n", "n % 10 = 0", "n % 10 = 1", old, recent, "");
        // orders follow their customer; order n % 7 = 0 of a live customer was deleted long ago on its own
        String cust = "((n - 1) % 10000 + 1)";
        insert(O, 30_000, "n, " + cust, cust + " % 10 = 0 OR (" + cust + " % 10 > 1 AND n % 7 = 0)",
                cust + " % 10 = 1", old, recent, ", customer_id");
        // items follow their order, except item n % 1000 = 5, live under whatever order: it pins its ancestors
        String ord = "((n - 1) % 30000 + 1)";
        String ordCust = "((" + ord + " - 1) % 10000 + 1)";
        insert(I, 60_000, "n, " + ord, "n % 1000 <> 5 AND (" + ordCust + " % 10 = 0 OR (" + ordCust + " % 10 > 1 AND "
                + ord + " % 7 = 0))", "n % 1000 <> 5 AND " + ordCust + " % 10 = 1", old, recent, ", order_id");
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\n"
                + "tables:\n"
                + "  " + C + ":\n"
                + "    cascade:\n"
                + "      - { table: " + O + ", column: customer_id }\n"
                + "  " + O + ":\n"
                + "    cascade:\n"
                + "      - { table: " + I + ", column: order_id }\n"
                + "  " + I + ": {}\n");
        config = ConfigLoader.load(file);
    }

    private void insert(String table, int rows, String values, String oldWhen, String recentWhen, String old,
                        String recent, String fkColumn) throws SQLException {
        String numbers = db == TestDatabase.POSTGRESQL
                ? "generate_series(1, " + rows + ") AS g(n)"
                : "(SELECT seq AS n FROM seq_1_to_" + rows + ") g";
        Sql.execute(raw, "INSERT INTO " + table + " (id" + fkColumn + ", is_deleted, deleted_at) SELECT " + values
                + ", CASE WHEN " + oldWhen + " OR " + recentWhen + " THEN TRUE ELSE FALSE END,"
                + " CASE WHEN " + oldWhen + " THEN " + old + " WHEN " + recentWhen + " THEN " + recent
                + " ELSE NULL END FROM " + numbers);
    }

    @AfterEach
    void tearDown() throws SQLException {
        raw.close();
    }

    private long count(String table, String where) throws SQLException {
        return Long.parseLong(Sql.single(raw, "SELECT COUNT(*) FROM " + table + " WHERE " + where));
    }

    private String snapshotOfKeptRows() throws SQLException {
        StringBuilder b = new StringBuilder();
        for (String t : new String[] {C, O, I}) {
            b.append(t).append(" live=").append(count(t, "is_deleted = FALSE"))
                    .append(" recent=").append(count(t, "is_deleted = TRUE AND deleted_at > " + ninetyDaysAgo()))
                    .append('\n');
        }
        return b.toString();
    }

    private String ninetyDaysAgo() {
        return db == TestDatabase.POSTGRESQL ? "now() - interval '90 days'" : "now() - interval 90 day";
    }

    @Test
    void purgeRemovesOldDeletedRowsChildrenFirstAndNothingElse() throws Exception {
        String kept = snapshotOfKeptRows();
        long oldBefore = count(C, "deleted_at < " + ninetyDaysAgo()) + count(O, "deleted_at < " + ninetyDaysAgo())
                + count(I, "deleted_at < " + ninetyDaysAgo());
        AtomicInteger batches = new AtomicInteger();

        PurgeReport report;
        try (Connection app = ThroughDriver.connect(url, dir.resolve("softdelete.yml"))) {
            report = new Purge(config, ThroughDriver.url(url)).batchSize(BATCH)
                    .progress((table, rows, soFar) -> batches.incrementAndGet())
                    .run(app, Duration.ofDays(90));
        }

        assertThat(snapshotOfKeptRows()).as("live and recently deleted rows untouched").isEqualTo(kept);
        long oldLeft = count(C, "deleted_at < " + ninetyDaysAgo()) + count(O, "deleted_at < " + ninetyDaysAgo())
                + count(I, "deleted_at < " + ninetyDaysAgo());
        assertThat(count(I, "deleted_at < " + ninetyDaysAgo())).as("no old item is pinned").isZero();
        assertThat(count(O, "deleted_at < " + ninetyDaysAgo() + " AND id NOT IN (SELECT order_id FROM " + I + ")"))
                .as("every old order left is referenced by a child").isZero();
        assertThat(count(C, "deleted_at < " + ninetyDaysAgo() + " AND id NOT IN (SELECT customer_id FROM " + O + ")"))
                .as("every old customer left is referenced by a child").isZero();
        assertThat(oldLeft).as("the pinned ancestors of live items stay").isPositive();
        assertThat(report.totalRows()).isEqualTo(oldBefore - oldLeft);
        assertThat(batches.get()).isGreaterThanOrEqualTo((int) (report.totalRows() / BATCH));
        assertThat(report.rowsPerTable().keySet()).startsWith(I);
        System.out.println("[purge] " + db + ": " + report + " in " + batches + " batches of " + BATCH);
    }

    /**
     * Foreign keys outside the cascade map: a plain table whose key (NO ACTION) references old deleted customers, and
     * one whose key (ON DELETE CASCADE) references an old deleted order from a live row. Purge keeps every row a key
     * references: it neither fails on the first nor takes the live row along through the second.
     */
    /**
     * A row that references itself (a tree's root made its own parent) was never purged: each batch's NOT EXISTS
     * found the row itself as a child that keeps it, while a hard DELETE removes it (a probe). A live child still
     * keeps its parent, and a self-referencing row with a live child stays. Likewise when the key is the catalog's
     * alone, outside the cascade map (a probe: the catalog's qualified name never matched the configured one).
     */
    /**
     * The cutoff keeps its fraction of a second: mysql-connector-j sent a probe's cutoff at .9 s as .000, and the rows
     * deleted in the second before it stayed.
     */
    @Test
    void theCutoffKeepsItsFractionOfASecond() throws Exception {
        Sql.execute(raw, "INSERT INTO " + C + " (id, is_deleted, deleted_at) VALUES"
            + " (20001, TRUE, TIMESTAMP '2020-01-01 00:00:00.400000'),"
            + " (20002, TRUE, TIMESTAMP '2020-01-01 00:00:00.600000')");
        Instant cutoff = LocalDateTime.of(2020, 1, 1, 0, 0, 0, 500_000_000).atZone(ZoneId.systemDefault())
            .toInstant();
        new Purge(config, url).run(raw, cutoff);
        assertThat(Sql.longs(raw, "SELECT id FROM " + C + " WHERE id > 20000")).containsExactly(20002L);
    }

    @Test
    void aRowThatReferencesItselfIsPurgedAndOneWithALiveChildStays() throws Exception {
        String n = "sdit_pg_nodes";
        for (String entry : new String[] {":\n    cascade:\n      - { table: " + n + ", column: parent_id }\n",
            ": {}\n"}) {
            purgeOfSelfReferencingRows(n, entry);
        }
    }

    private void purgeOfSelfReferencingRows(String n, String entry) throws Exception {
        try {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + n, "CREATE TABLE " + n + " (id INT PRIMARY KEY, parent_id INT"
                    + " REFERENCES " + n + " (id) ON DELETE CASCADE, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " deleted_at " + db.timestampType() + " NULL)",
                    "INSERT INTO " + n + " (id, parent_id) VALUES (1, NULL), (2, 1), (3, NULL), (4, NULL)",
                    "UPDATE " + n + " SET parent_id = id WHERE id IN (3, 4)",
                    "INSERT INTO " + n + " (id, parent_id) VALUES (5, 4)",
                    "UPDATE " + n + " SET is_deleted = TRUE, deleted_at = " + (db == TestDatabase.POSTGRESQL
                            ? "now() - interval '200 days'" : "now() - interval 200 day") + " WHERE id IN (1, 3, 4)");
            SoftDeleteConfig nodes = ConfigLoader.load(Files.writeString(dir.resolve("nodes.yml"), "version: 1\n"
                    + "tables:\n  " + n + entry));
            PurgeReport report = new Purge(nodes, url).batchSize(BATCH).run(raw, Duration.ofDays(90));
            assertThat(report.totalRows()).as(entry).isEqualTo(1);
            assertThat(Sql.longs(raw, "SELECT id FROM " + n + " ORDER BY id")).as(entry).containsExactly(1L, 2L, 4L,
                    5L);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + n);
        }
    }

    /**
     * With the ordinary key (no ON DELETE CASCADE: the cascade is softdelete.yml's), InnoDB refuses to delete a row
     * that references itself (1451, checked row by row); one such row in a batch failed the whole purge, every run
     * (a probe). There it stays and the rest is purged; PostgreSQL, which checks at the statement's end, purges it.
     */
    @Test
    void aRowThatReferencesItselfThroughARestrictingKeyDoesNotStopThePurge() throws Exception {
        String n = "sdit_pg_nodes_r";
        try {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + n, "CREATE TABLE " + n + " (id INT PRIMARY KEY, parent_id INT"
                    + " REFERENCES " + n + " (id), is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                    + " deleted_at " + db.timestampType() + " NULL)",
                    "INSERT INTO " + n + " (id, parent_id) VALUES (1, NULL), (2, NULL)",
                    "UPDATE " + n + " SET parent_id = id WHERE id = 1",
                    "UPDATE " + n + " SET is_deleted = TRUE, deleted_at = " + (db == TestDatabase.POSTGRESQL
                            ? "now() - interval '200 days'" : "now() - interval 200 day"));
            SoftDeleteConfig nodes = ConfigLoader.load(Files.writeString(dir.resolve("nodes_r.yml"), "version: 1\n"
                    + "tables:\n  " + n + ":\n    cascade:\n      - { table: " + n + ", column: parent_id }\n"));
            PurgeReport report = new Purge(nodes, url).batchSize(BATCH).run(raw, Duration.ofDays(90));
            boolean postgres = db == TestDatabase.POSTGRESQL;
            assertThat(report.totalRows()).isEqualTo(postgres ? 2 : 1);
            assertThat(Sql.longs(raw, "SELECT id FROM " + n + " ORDER BY id"))
                    .isEqualTo(postgres ? List.of() : List.of(1L));
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + n);
        }
    }

    @Test
    void rowsThatKeysOutsideTheCascadeMapReferenceStay() throws Exception {
        String reviews = "sdit_pg_reviews";
        String notes = "sdit_pg_notes";
        // an old deleted order that purge removes otherwise: no live item pins it
        long oldOrder = Long.parseLong(Sql.single(raw, "SELECT MIN(o.id) FROM " + O + " o WHERE o.deleted_at < "
                + ninetyDaysAgo() + " AND NOT EXISTS (SELECT 1 FROM " + I + " i WHERE i.order_id = o.id"
                + " AND i.is_deleted = FALSE)"));
        try {
            Sql.execute(raw, "CREATE TABLE " + reviews + " (id INT PRIMARY KEY, customer_id INT REFERENCES " + C
                    + " (id))", "INSERT INTO " + reviews + " SELECT id, id FROM " + C + " WHERE id % 10 = 0",
                    "CREATE TABLE " + notes + " (id INT PRIMARY KEY, order_id INT REFERENCES " + O + " (id)"
                    + " ON DELETE CASCADE)", "INSERT INTO " + notes + " VALUES (1, " + oldOrder + ")");
            new Purge(config, url).batchSize(BATCH).run(raw, Duration.ofDays(90));
            assertThat(count(C, "deleted_at < " + ninetyDaysAgo() + " AND id % 10 = 0")).as("referenced customers")
                    .isEqualTo(1_000);
            assertThat(count(notes, "id = 1")).as("the live note under a deleted order").isEqualTo(1);
            assertThat(count(O, "id = " + oldOrder)).as("the order it references").isEqualTo(1);
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS " + notes, "DROP TABLE IF EXISTS " + reviews);
        }
    }

    @Test
    void anInterruptedPurgeResumesWhereItStopped() throws Exception {
        String kept = snapshotOfKeptRows();
        AtomicInteger batches = new AtomicInteger();
        Purge crashing = new Purge(config, url).batchSize(BATCH).progress((table, rows, soFar) -> {
            if (batches.incrementAndGet() == 5) {
                throw new IllegalStateException("simulated crash after 5 batches");
            }
        });
        assertThatThrownBy(() -> crashing.run(raw, Duration.ofDays(90))).hasMessageContaining("simulated crash");
        long afterCrash = count(I, "deleted_at < " + ninetyDaysAgo());

        PurgeReport rest = new Purge(config, url).batchSize(BATCH).run(raw, Duration.ofDays(90));

        assertThat(afterCrash).as("the committed batches stayed purged").isPositive();
        assertThat(count(I, "deleted_at < " + ninetyDaysAgo())).isZero();
        assertThat(rest.rowsPerTable().get(I)).isEqualTo(afterCrash);
        assertThat(snapshotOfKeptRows()).isEqualTo(kept);
    }
}
