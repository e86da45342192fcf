package dev.softdelete.it.integrity;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A unique key under concurrency, as if deleted rows were gone: one connection frees or takes an e-mail and holds its
 * transaction open, another writes the same e-mail meanwhile; then the first commits, or rolls back. The soft side
 * ({@code sdit_ukr}, through the driver) keeps the e-mail unique among live rows (PostgreSQL: a partial unique index;
 * MySQL/MariaDB: a unique generated column that is NULL for deleted rows, as {@code migrate} makes them); the hard
 * twin ({@code sdit_ukrh}, raw) has a plain unique key and really deletes. The second statement must block where the
 * hard one blocks, and both must end alike: update counts, errors (SQLState and vendor code), and the live rows after.
 * Customer 2 ({@code b@x}) is soft-deleted on the soft side and absent on the hard one.
 */
@OnEachDatabase
class UniqueKeyRaceIT {
    private static final String DELETE_A = "DELETE FROM % WHERE id = 1";
    private static final String INSERT_A = "INSERT INTO % (email, name) VALUES ('a@x', 'A2')";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Path config;
    private final TwoConnections connections = new TwoConnections();
    private int interleavings;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        create();
        config = ConfigFile.write(dir, "sdit_ukr");
    }

    @AfterEach
    void tearDown() throws SQLException {
        connections.close();
        drop();
        raw.close();
    }

    @Test
    void aKeyFreedByAnOpenDeleteIsTakenOnlyWhenTheDeleteCommits() throws Exception {
        same(DELETE_A, INSERT_A);
        same("UPDATE % SET email = 'z@x' WHERE id = 1", INSERT_A);
        same(DELETE_A, "UPDATE % SET email = 'a@x' WHERE id = 3");
        assertThat(interleavings).isEqualTo(6);
    }

    @Test
    void aKeyTakenByAnOpenInsertFailsTheSecondWriterOnlyWhenItCommits() throws Exception {
        same("INSERT INTO % (email, name) VALUES ('c@x', 'C')", "INSERT INTO % (email, name) VALUES ('c@x', 'C2')");
        // the e-mail of the soft-deleted customer: the soft side still stores it
        same("INSERT INTO % (email, name) VALUES ('b@x', 'B2')", "INSERT INTO % (email, name) VALUES ('b@x', 'B3')");
        same("UPDATE % SET email = 'b@x' WHERE id = 3", "INSERT INTO % (email, name) VALUES ('b@x', 'B3')");
        assertThat(interleavings).isEqualTo(6);
    }

    @Test
    void upsertsWaitForAnOpenDeleteOfTheirKey() throws Exception {
        if (database == TestDatabase.POSTGRESQL) {
            same(DELETE_A, "INSERT INTO % (email, name) VALUES ('a@x', 'A2') ON CONFLICT (email) DO UPDATE SET name"
                + " = 'A3'");
            same(DELETE_A, "INSERT INTO % (email, name) VALUES ('a@x', 'A2') ON CONFLICT DO NOTHING");
        } else {
            same(DELETE_A, "INSERT INTO % (email, name) VALUES ('a@x', 'A2') ON DUPLICATE KEY UPDATE name = 'A3'");
            same(DELETE_A, "INSERT IGNORE INTO % (email, name) VALUES ('a@x', 'A2')");
        }
        assertThat(interleavings).isEqualTo(4);
    }

    /**
     * Runs {@code first} on one connection (transaction held open) and {@code second} on another, on each side, once
     * ending with a commit and once with a rollback: the same outcome and the same live rows after.
     */
    private void same(String first, String second) throws Exception {
        for (boolean commit : new boolean[] {true, false}) {
            TwoConnections.Outcome soft = interleave(true, first, second, commit);
            List<String> softRows = rows("sdit_ukr WHERE NOT is_deleted");
            long softDeleted = Sql.longs(raw, "SELECT COUNT(*) FROM sdit_ukr WHERE is_deleted").get(0);
            TwoConnections.Outcome hard = interleave(false, first, second, commit);
            String what = first + (commit ? " (committed)" : " (rolled back)") + ", then " + second;
            assertThat(soft).as(what).isEqualTo(hard);
            assertThat(softRows).as("live rows after %s", what).isEqualTo(rows("sdit_ukrh"));
            assertThat(softDeleted).as("soft-deleted rows kept after %s", what)
                .isEqualTo(commit && first.equals(DELETE_A) ? 2 : 1);
            interleavings++;
            connections.closeConnections();
            create();
        }
    }

    private TwoConnections.Outcome interleave(boolean soft, String first, String second, boolean commit)
            throws Exception {
        String table = soft ? "sdit_ukr" : "sdit_ukrh";
        Connection one = connections.keep(soft ? ThroughDriver.connect(database.rawUrl(), config)
            : DriverManager.getConnection(database.rawUrl()));
        Connection two = connections.keep(soft ? ThroughDriver.connect(database.rawUrl(), config)
            : DriverManager.getConnection(database.rawUrl()));
        return connections.interleave(one, two, List.of(first.replace("%", table)), second.replace("%", table),
            commit);
    }

    private void create() throws SQLException {
        EmailTables.create(raw, database, "sdit_ukr", "sdit_ukrh");
        Sql.execute(raw, "INSERT INTO sdit_ukr (id, email, name) VALUES (3, 'd@x', 'D')",
            "INSERT INTO sdit_ukrh (id, email, name) VALUES (3, 'd@x', 'D')");
    }

    private void drop() throws SQLException {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_ukr, sdit_ukrh");
    }

    /** The rows of {@code from} (a table, and a condition), as id|email|name; the ids of new rows left out. */
    private List<String> rows(String from) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var st = raw.createStatement();
             var rs = st.executeQuery("SELECT id, email, name FROM " + from + " ORDER BY email")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                rows.add((id > 10 ? "new" : String.valueOf(id)) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
