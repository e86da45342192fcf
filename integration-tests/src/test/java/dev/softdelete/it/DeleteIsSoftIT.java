package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.CustomerTable;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DELETE on a configured table, sent through the driver, marks rows instead of removing them; SELECTs through the
 * driver stop seeing them; update counts are those a hard delete would give.
 *
 * <p>Fixture: {@code customers} (configured) holds rows 1-4 live and row 5 already soft-deleted at {@link #EARLIER};
 * {@code control} (not configured, used raw) holds rows 1-4: the same data as a hard-delete world would have it.
 */
@OnEachDatabase
class DeleteIsSoftIT {
    private static final LocalDateTime EARLIER = LocalDateTime.of(2020, 1, 2, 3, 4, 5);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;
    private CustomerTable customers;
    private CustomerTable control;

    @BeforeEach
    void setUp() throws Exception {
        String url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        customers = new CustomerTable(database, "sdit_soft_customers").recreate(raw);
        control = new CustomerTable(database, "sdit_soft_control").recreate(raw);
        for (CustomerTable table : List.of(customers, control)) {
            table.insert(raw, 1, "Ada", "north")
                .insert(raw, 2, "Grace", "north")
                .insert(raw, 3, "Linus", "south")
                .insert(raw, 4, "Barbara", "east");
        }
        customers.insert(raw, 5, "Edsger", "north").markDeleted(raw, 5, EARLIER);
        app = ThroughDriver.connect(url, ConfigFile.write(dir, customers.name()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    @Test
    void deleteLeavesTheRowMarkedDeleted() throws Exception {
        int count = Sql.update(app, "DELETE FROM " + customers.name() + " WHERE id = 1");

        assertThat(count).isEqualTo(1);
        StoredRow row = customers.stored(raw, 1);
        assertThat(row.present()).as("row 1 is still stored").isTrue();
        assertThat(row.deleted()).as("is_deleted of row 1").isTrue();
        assertThat(row.deletedAt()).as("deleted_at of row 1").isNotNull()
            .isBetween(LocalDateTime.now().minusDays(1), LocalDateTime.now().plusDays(1));
        assertThat(customers.stored(raw, 2)).as("row 2 is untouched").isEqualTo(new StoredRow(true, false, null));
    }

    @Test
    void selectThroughTheDriverNoLongerReturnsDeletedRows() throws Exception {
        Sql.update(app, "DELETE FROM " + customers.name() + " WHERE id = 1");

        assertThat(Sql.longs(app, "SELECT id FROM " + customers.name() + " ORDER BY id")).containsExactly(2L, 3L, 4L);
        assertThat(Sql.longs(app, "SELECT id FROM " + customers.name() + " WHERE id = 1")).isEmpty();
        assertThat(Sql.single(app, "SELECT COUNT(*) FROM " + customers.name())).isEqualTo("3");
        assertThat(Sql.longs(raw, "SELECT id FROM " + customers.name() + " ORDER BY id"))
            .as("raw: every row is still stored").containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @ParameterizedTest(name = "DELETE FROM t{0}")
    @ValueSource(strings = {
        " WHERE id = 1",
        " WHERE region = 'north'",
        " WHERE region = 'north' OR region = 'south'",
        " WHERE id IN (4, 5)",
        " WHERE region = 'nowhere'",
        ""
    })
    void updateCountIsWhatAHardDeleteWouldReturn(String where) throws Exception {
        int hard = Sql.update(raw, "DELETE FROM " + control.name() + where);
        int soft = Sql.update(app, "DELETE FROM " + customers.name() + where);

        assertThat(soft).as("update count through the driver vs. hard delete").isEqualTo(hard);
        assertThat(Sql.longs(raw, "SELECT id FROM " + customers.name() + " WHERE is_deleted = FALSE ORDER BY id"))
            .as("live rows left vs. rows a hard delete leaves")
            .isEqualTo(Sql.longs(raw, "SELECT id FROM " + control.name() + " ORDER BY id"));
        assertThat(Sql.longs(raw, "SELECT id FROM " + customers.name() + " ORDER BY id"))
            .as("raw: every row is still stored").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(customers.stored(raw, 5).deletedAt()).as("deleted_at of the already deleted row 5")
            .isEqualTo(EARLIER);
    }

    @Test
    void deletingAnAlreadyDeletedRowCountsZeroAndKeepsItsTimestamp() throws Exception {
        int count = Sql.update(app, "DELETE FROM " + customers.name() + " WHERE id = 5");

        assertThat(count).isZero();
        assertThat(customers.stored(raw, 5)).isEqualTo(new StoredRow(true, true, EARLIER));
    }

    @Test
    void deletingTwiceCountsZeroTheSecondTime() throws Exception {
        String delete = "DELETE FROM " + customers.name() + " WHERE id = 1";
        assertThat(Sql.update(app, delete)).isEqualTo(1);
        LocalDateTime first = customers.stored(raw, 1).deletedAt();

        assertThat(Sql.update(app, delete)).isZero();
        assertThat(customers.stored(raw, 1)).isEqualTo(new StoredRow(true, true, first));
    }

    @Test
    void preparedStatementsAreRewrittenToo() throws Exception {
        try (PreparedStatement delete = app.prepareStatement("DELETE FROM " + customers.name() + " WHERE id = ?")) {
            delete.setLong(1, 2);
            assertThat(delete.executeUpdate()).isEqualTo(1);
            delete.setLong(1, 5);
            assertThat(delete.executeUpdate()).as("row 5 was already deleted").isZero();
        }
        List<Long> north = new ArrayList<>();
        try (PreparedStatement select = app.prepareStatement(
                 "SELECT id FROM " + customers.name() + " WHERE region = ? ORDER BY id")) {
            select.setString(1, "north");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    north.add(rs.getLong(1));
                }
            }
        }

        assertThat(north).containsExactly(1L);
        assertThat(customers.stored(raw, 2).deleted()).isTrue();
        assertThat(customers.stored(raw, 5)).isEqualTo(new StoredRow(true, true, EARLIER));
    }
}
