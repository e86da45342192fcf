package dev.softdelete.it.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.ThroughDriver;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cascade from PostgreSQL's DELETE ... USING, on the fixture of {@link CascadeFixture}. */
@OnPostgreSQL
class PostgreSqlCascadeIT extends CascadeFixture {
    @Test
    void postgresqlDeleteUsing() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " p USING " + h.regions + " r"
            + " WHERE p.region_id = r.id AND r.name IN ('north', 'east')");

        assertThat(count).as("1, 4 (north), 3 (east); 6 was deleted earlier").isEqualTo(3);
        h.assertOneEvent(before, marks(), Set.of(1L, 3L, 4L));
    }

    /**
     * With a fetch size, pgjdbc reads a result through a cursor when auto-commit is off: it was off inside the group,
     * whose commit closed the cursor after the first row (34000), the delete committed. The rows come whole now.
     */
    @Test
    void aCascadingDeleteReturningRowsWithAFetchSizeInAutocommitMode() throws Exception {
        var before = marks();
        List<Long> ids = new ArrayList<>();
        try (Statement st = app.createStatement()) {
            st.setFetchSize(1);
            try (ResultSet rs = st.executeQuery("DELETE FROM " + h.parents + " WHERE id IN (1, 2, 3) RETURNING id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            assertThat(st.getFetchSize()).as("the application's fetch size, kept").isEqualTo(1);
        }

        assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L);
        h.assertOneEvent(before, marks(), Set.of(1L, 2L, 3L));
    }

    /**
     * pgjdbc's read-only mode {@code transaction} (the default) leaves statements in auto-commit mode writable, so a
     * hard DELETE succeeds; the group's own transaction began READ ONLY and failed (25006).
     */
    @Test
    void aCascadingDeleteOnAReadOnlyConnectionInAutocommitMode() throws Exception {
        var before = marks();
        app.setReadOnly(true);

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 1")).isEqualTo(1);

        assertThat(app.isReadOnly()).isTrue();
        assertThat(app.getAutoCommit()).isTrue();
        h.assertOneEvent(before, marks(), Set.of(1L));
        app.setReadOnly(false);
    }

    /**
     * pgjdbc runs a DELETE given to {@code executeQuery} (or a DELETE ... RETURNING given to {@code executeUpdate}),
     * then throws because the result is not of the kind asked for (02000, 0100E): the hard delete stands. The group
     * took that error for a failed statement and undid the soft delete (and, in a transaction, aborted it).
     */
    @Test
    void aDeleteThatPgjdbcRunsAndThenFindsTheWrongKindOfResultForStaysDone() throws Exception {
        var before = marks();
        try (Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("DELETE FROM " + h.parents + " WHERE id = 1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("02000"));
            assertThat(st.getUpdateCount()).as("the count pgjdbc reports for the hard delete").isEqualTo(1);
        }
        h.assertOneEvent(before, marks(), Set.of(1L));

        app.setAutoCommit(false);
        var inTransaction = marks();
        try (Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM " + h.parents + " WHERE id = 2 RETURNING id"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0100E"));
            assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 3")).isEqualTo(1);
        }
        app.commit();
        app.setAutoCommit(true);
        assertThat(marks()).isNotEqualTo(inTransaction);
        assertThat(Sql.longs(raw, "SELECT id FROM " + h.parents + " WHERE id IN (2, 3) AND NOT is_deleted")).isEmpty();
        assertThat(Sql.longs(raw, "SELECT c.id FROM " + h.children + " c JOIN " + h.parents + " p ON p.id ="
            + " c.parent_id WHERE p.id IN (2, 3) AND NOT c.is_deleted")).as("the cascade of both deletes").isEmpty();
    }

    /**
     * PostgreSQL 15: ON DELETE SET NULL (col) sets only the columns it names. The driver set every column of the key,
     * changing a live row the hard delete leaves alone (or failing on a NOT NULL one).
     */
    @Test
    void aSetNullKeyThatNamesItsColumnsSetsOnlyThose() throws Exception {
        Sql.execute(raw, "DROP TABLE IF EXISTS sdit_sn_child, sdit_sn_parent",
            "CREATE TABLE sdit_sn_parent (a INT, b INT, is_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                + " deleted_at TIMESTAMP, PRIMARY KEY (a, b))",
            "CREATE TABLE sdit_sn_child (id INT PRIMARY KEY, pa INT, pb INT NOT NULL,"
                + " FOREIGN KEY (pa, pb) REFERENCES sdit_sn_parent ON DELETE SET NULL (pa))",
            "INSERT INTO sdit_sn_parent (a, b) VALUES (1, 1)", "INSERT INTO sdit_sn_child VALUES (1, 1, 1)");
        try (Connection c = ThroughDriver.connect(database.rawUrl(), ConfigFile.write(dir, "sdit_sn_parent"))) {
            assertThat(Sql.update(c, "DELETE FROM sdit_sn_parent WHERE a = 1 AND b = 1")).isEqualTo(1);
            assertThat(Sql.single(raw, "SELECT coalesce(pa, -1) || ',' || pb FROM sdit_sn_child")).isEqualTo("-1,1");
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS sdit_sn_child, sdit_sn_parent");
        }
    }
}
