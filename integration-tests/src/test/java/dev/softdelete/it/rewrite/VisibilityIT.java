package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.CustomerTable;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.SideDatabases;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.Visibility;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Which rows a connection of the driver sees: live ones by default; all, or only the deleted ones, when the
 * connection's visibility (client info, {@link SoftDeleteConnection#setVisibility}, the URL or a connection
 * property) or a statement's leading hint says so; and {@code softdelete:hard-delete} really deletes.
 *
 * <p>Fixture: {@code visit_customers} (configured) with rows 1-3 live and rows 4-5 soft-deleted at {@link #EARLIER}.
 */
@OnEachDatabase
class VisibilityIT {
    private static final LocalDateTime EARLIER = LocalDateTime.of(2020, 1, 2, 3, 4, 5);
    private static final String VISIBILITY = "softdelete.visibility";
    private static final List<Long> LIVE = List.of(1L, 2L, 3L);
    private static final List<Long> DELETED = List.of(4L, 5L);
    private static final List<Long> ALL = List.of(1L, 2L, 3L, 4L, 5L);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private String url;
    private Path config;
    private Connection raw;
    private Connection app;
    private CustomerTable table;
    private String ids;

    @BeforeEach
    void setUp() throws Exception {
        url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        table = new CustomerTable(database, "visit_customers").recreate(raw)
            .insert(raw, 1, "Ada", "north")
            .insert(raw, 2, "Grace", "north")
            .insert(raw, 3, "Linus", "south")
            .insert(raw, 4, "Edsger", "north")
            .insert(raw, 5, "Barbara", "east")
            .markDeleted(raw, 4, EARLIER)
            .markDeleted(raw, 5, EARLIER);
        config = ConfigFile.write(dir, table.name());
        app = ThroughDriver.connect(url, config);
        ids = "SELECT id FROM " + table.name() + " ORDER BY id";
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    @Test
    void aNewConnectionSeesLiveRowsOnly() throws Exception {
        assertThat(Sql.longs(app, ids)).isEqualTo(LIVE);
        assertThat(Sql.single(app, "SELECT COUNT(*) FROM " + table.name())).isEqualTo("3");
        assertThat(app.getClientInfo(VISIBILITY)).isEqualTo("active");
        assertThat(app.unwrap(SoftDeleteConnection.class).getVisibility()).isEqualTo(Visibility.ACTIVE);
    }

    @Test
    void clientInfoSwitchesTheConnectionsVisibility() throws Exception {
        app.setClientInfo(VISIBILITY, "include-deleted");
        assertThat(Sql.longs(app, ids)).as("include-deleted").isEqualTo(ALL);
        assertThat(app.getClientInfo(VISIBILITY)).isEqualTo("include-deleted");
        assertThat(app.unwrap(SoftDeleteConnection.class).getVisibility()).isEqualTo(Visibility.INCLUDE_DELETED);

        app.setClientInfo(VISIBILITY, "only-deleted");
        assertThat(Sql.longs(app, ids)).as("only-deleted").isEqualTo(DELETED);
        assertThat(Sql.single(app, "SELECT COUNT(*) FROM " + table.name() + " WHERE region = 'north'"))
            .as("only-deleted, with a WHERE of its own").isEqualTo("1");

        app.setClientInfo(VISIBILITY, "active");
        assertThat(Sql.longs(app, ids)).as("active again").isEqualTo(LIVE);
    }

    @Test
    void setVisibilityOnTheUnwrappedConnection() throws Exception {
        SoftDeleteConnection sd = app.unwrap(SoftDeleteConnection.class);

        sd.setVisibility(Visibility.ONLY_DELETED);
        assertThat(Sql.longs(app, ids)).as("ONLY_DELETED").isEqualTo(DELETED);
        assertThat(app.getClientInfo(VISIBILITY)).as("client info follows").isEqualTo("only-deleted");

        sd.setVisibility(Visibility.INCLUDE_DELETED);
        assertThat(Sql.longs(app, ids)).as("INCLUDE_DELETED").isEqualTo(ALL);

        sd.setVisibility(Visibility.ACTIVE);
        assertThat(Sql.longs(app, ids)).as("ACTIVE").isEqualTo(LIVE);
    }

    @Test
    void visibilityReachesJoinsAndSubqueriesToo() throws Exception {
        app.setClientInfo(VISIBILITY, "only-deleted");
        String t = table.name();
        assertThat(Execution.query(app, "SELECT a.id, b.id FROM " + t + " a LEFT JOIN " + t + " b"
            + " ON b.region = a.region AND b.id <> a.id"))
            .as("deleted rows 4 (north) and 5 (east) only, and no live row as a join partner")
            .containsExactly("4 | NULL", "5 | NULL");
        assertThat(Sql.longs(app, "SELECT id FROM " + t + " WHERE id IN (SELECT id FROM " + t + ") ORDER BY id"))
            .isEqualTo(DELETED);
    }

    @Test
    void theUrlParameterSetsTheInitialVisibility() throws Exception {
        try (Connection c = DriverManager.getConnection(
                 SideDatabases.withParameter(ThroughDriver.url(url), VISIBILITY, "include-deleted"),
                 ThroughDriver.properties(config))) {
            assertThat(Sql.longs(c, ids)).isEqualTo(ALL);
            assertThat(c.getClientInfo(VISIBILITY)).isEqualTo("include-deleted");

            c.setClientInfo(VISIBILITY, "active");
            assertThat(Sql.longs(c, ids)).as("after switching to active").isEqualTo(LIVE);
            c.setClientInfo(VISIBILITY, null);
            assertThat(Sql.longs(c, ids)).as("client info cleared: back to the initial visibility").isEqualTo(ALL);
        }
    }

    @Test
    void theConnectionPropertySetsTheInitialVisibility() throws Exception {
        Properties props = ThroughDriver.properties(config);
        props.setProperty(VISIBILITY, "only-deleted");
        try (Connection c = DriverManager.getConnection(ThroughDriver.url(url), props)) {
            assertThat(Sql.longs(c, ids)).isEqualTo(DELETED);
        }
    }

    @Test
    void anInvalidVisibilityIsRejectedAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> app.setClientInfo(VISIBILITY, "everything"))
            .isInstanceOf(SQLClientInfoException.class);
        assertThat(Sql.longs(app, ids)).isEqualTo(LIVE);
    }

    @Test
    void hintsApplyToOneStatement() throws Exception {
        String t = table.name();
        assertThat(Sql.longs(app, "/* softdelete:include-deleted */ SELECT id FROM " + t + " ORDER BY id"))
            .as("include-deleted hint").isEqualTo(ALL);
        assertThat(Sql.longs(app, ids)).as("the next statement, without a hint").isEqualTo(LIVE);
        assertThat(Sql.longs(app, "/* softdelete:only-deleted */ SELECT id FROM " + t + " ORDER BY id"))
            .as("only-deleted hint").isEqualTo(DELETED);
        assertThat(Sql.longs(app, "/* request-id: 7 */ /* softdelete:only-deleted */\nSELECT id FROM " + t
            + " ORDER BY id")).as("hint in the second leading comment").isEqualTo(DELETED);
        assertThat(Sql.longs(app, "-- softdelete:include-deleted\nSELECT id FROM " + t + " ORDER BY id"))
            .as("hint in a leading line comment").isEqualTo(ALL);
        assertThat(Sql.longs(app, ids)).as("still live only afterwards").isEqualTo(LIVE);
    }

    @Test
    void hintsWorkOnPreparedStatements() throws Exception {
        try (PreparedStatement ps = app.prepareStatement(
                 "/* softdelete:include-deleted */ SELECT id FROM " + table.name() + " WHERE region = ? ORDER BY id")) {
            ps.setString(1, "north");
            assertThat(longs(ps)).containsExactly(1L, 2L, 4L);
        }
    }

    @Test
    void aHintOverridesTheConnectionsVisibility() throws Exception {
        app.setClientInfo(VISIBILITY, "include-deleted");
        assertThat(Sql.longs(app, "/* softdelete:only-deleted */ SELECT id FROM " + table.name() + " ORDER BY id"))
            .isEqualTo(DELETED);
        assertThat(Sql.longs(app, ids)).isEqualTo(ALL);
    }

    @Test
    void hardDeleteHintReallyRemovesRows() throws Exception {
        String t = table.name();
        assertThat(Sql.update(app, "/* softdelete:hard-delete */ DELETE FROM " + t + " WHERE id = 1")).isEqualTo(1);
        assertThat(table.stored(raw, 1).present()).as("row 1 is gone from the table").isFalse();

        assertThat(Sql.update(app, "/* softdelete:hard-delete */ DELETE FROM " + t + " WHERE id = 4"))
            .as("a hard delete of a soft-deleted row removes it too").isEqualTo(1);
        assertThat(table.stored(raw, 4).present()).isFalse();

        assertThat(Sql.longs(raw, ids)).as("raw: rows left").containsExactly(2L, 3L, 5L);
        assertThat(table.stored(raw, 5)).isEqualTo(new StoredRow(true, true, EARLIER));
    }

    @Test
    void aHintInsideAStringLiteralIsNotAHint() throws Exception {
        String t = table.name();
        assertThat(Sql.longs(app, "SELECT id FROM " + t + " WHERE name <> '/* softdelete:include-deleted */'"
            + " ORDER BY id")).isEqualTo(LIVE);
        assertThat(Sql.longs(app, "SELECT id FROM " + t + " WHERE name <> '-- softdelete:only-deleted'"
            + " ORDER BY id")).isEqualTo(LIVE);

        assertThat(Sql.update(app, "DELETE FROM " + t + " WHERE id = 1 AND name <> '/* softdelete:hard-delete */'"))
            .isEqualTo(1);
        StoredRow row = table.stored(raw, 1);
        assertThat(row.present()).as("row 1 is still stored: the DELETE was soft").isTrue();
        assertThat(row.deleted()).isTrue();
    }

    @Test
    void aHintAfterTheFirstTokenIsNotAHint() throws Exception {
        assertThat(Sql.longs(app, "SELECT /* softdelete:include-deleted */ id FROM " + table.name() + " ORDER BY id"))
            .isEqualTo(LIVE);
        assertThat(Sql.update(app, "DELETE /* softdelete:hard-delete */ FROM " + table.name() + " WHERE id = 2"))
            .isEqualTo(1);
        assertThat(table.stored(raw, 2).present()).as("row 2 is still stored").isTrue();
    }

    @Test
    void deleteUnderIncludeDeletedStillSoftDeletesLiveRowsOnly() throws Exception {
        app.setClientInfo(VISIBILITY, "include-deleted");

        int count = Sql.update(app, "DELETE FROM " + table.name() + " WHERE id IN (1, 4)");

        assertThat(count).as("only row 1 was live").isEqualTo(1);
        assertThat(table.stored(raw, 4)).as("row 4 keeps its deletion time").isEqualTo(new StoredRow(true, true, EARLIER));
        StoredRow one = table.stored(raw, 1);
        assertThat(one.present()).isTrue();
        assertThat(one.deleted()).isTrue();
        assertThat(one.deletedAt()).isAfter(EARLIER);
        assertThat(Sql.longs(raw, ids)).as("raw: nothing removed").isEqualTo(ALL);
    }

    @Test
    void deleteUnderOnlyDeletedStillSoftDeletesLiveRowsOnly() throws Exception {
        app.unwrap(SoftDeleteConnection.class).setVisibility(Visibility.ONLY_DELETED);

        int count = Sql.update(app, "DELETE FROM " + table.name() + " WHERE id IN (2, 5)");

        assertThat(count).as("only row 2 was live").isEqualTo(1);
        assertThat(table.stored(raw, 5)).isEqualTo(new StoredRow(true, true, EARLIER));
        assertThat(table.stored(raw, 2).deleted()).isTrue();
    }

    @Test
    void updateChangesTheRowsTheVisibilityShows() throws Exception {
        String update = "UPDATE " + table.name() + " SET region = 'moved' WHERE id IN (1, 4)";
        assertThat(Sql.update(app, update)).as("active: row 1").isEqualTo(1);
        assertThat(regions()).containsExactly("1 moved", "2 north", "3 south", "4 north", "5 east");

        app.setClientInfo(VISIBILITY, "only-deleted");
        assertThat(Sql.update(app, "UPDATE " + table.name() + " SET region = 'gone' WHERE id IN (1, 4)"))
            .as("only-deleted: row 4").isEqualTo(1);
        assertThat(regions()).containsExactly("1 moved", "2 north", "3 south", "4 gone", "5 east");

        app.setClientInfo(VISIBILITY, "include-deleted");
        assertThat(Sql.update(app, "UPDATE " + table.name() + " SET region = 'all' WHERE id IN (1, 4)"))
            .as("include-deleted: rows 1 and 4").isEqualTo(2);
        assertThat(regions()).containsExactly("1 all", "2 north", "3 south", "4 all", "5 east");
        assertThat(table.stored(raw, 4)).as("an UPDATE does not undelete").isEqualTo(new StoredRow(true, true, EARLIER));
    }

    /**
     * A prepared statement runs under the visibility it was prepared under, and is refused once the connection's
     * differs: a pool's statement cache (DBCP2 poolPreparedStatements, c3p0 maxStatements) hands the same statement
     * to the next borrower, which read and updated deleted rows after setting {@code active} back (a probe). A
     * statement whose hint decides runs under any visibility.
     */
    @Test
    void aPreparedStatementRunsOnlyUnderTheVisibilityItWasPreparedUnder() throws Exception {
        String update = "UPDATE " + table.name() + " SET region = 'cached' WHERE id IN (1, 4)";
        try (PreparedStatement ps = app.prepareStatement(ids);
             PreparedStatement hinted = app.prepareStatement("/* softdelete:include-deleted */ " + ids)) {
            assertThat(longs(ps)).as("prepared under active").isEqualTo(LIVE);
            app.setClientInfo(VISIBILITY, "include-deleted");
            assertThatThrownBy(() -> longs(ps)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001")).hasMessageContaining("prepared while");
            assertThat(longs(hinted)).as("its hint decides").isEqualTo(ALL);
        }
        try (PreparedStatement ps = app.prepareStatement(ids); PreparedStatement up = app.prepareStatement(update)) {
            assertThat(longs(ps)).as("prepared under include-deleted").isEqualTo(ALL);
            app.setClientInfo(VISIBILITY, "active"); // the borrower gives the connection back as the README says
            assertThatThrownBy(() -> longs(ps)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            assertThatThrownBy(up::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            app.setClientInfo(VISIBILITY, "include-deleted");
            assertThat(longs(ps)).as("under its own visibility again").isEqualTo(ALL);
            // a batch added under include-deleted, run after the connection is back at active (a probe)
            up.addBatch();
            app.setClientInfo(VISIBILITY, "active");
            assertThatThrownBy(up::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            try (java.sql.Statement st = app.createStatement()) {
                app.setClientInfo(VISIBILITY, "include-deleted");
                st.addBatch(update);
                app.setClientInfo(VISIBILITY, "active");
                assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            }
        }
        assertThat(regions()).as("nothing updated").noneMatch(r -> r.endsWith("cached"));
    }

    private List<String> regions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = raw.prepareStatement("SELECT id, region FROM " + table.name() + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private static List<Long> longs(PreparedStatement ps) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
