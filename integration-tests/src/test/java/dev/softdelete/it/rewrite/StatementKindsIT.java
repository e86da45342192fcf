package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.SideDatabases;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statement kinds beyond the plain SELECT and DELETE, on the real databases: several statements in one string,
 * TRUNCATE, upserts, UPDATE (with joins), DELETE with joins or limits and batches. Where the point is "as if
 * deleted", the same statement runs against the configured {@code skit_sd_*} tables through the driver and against
 * the unconfigured {@code skit_hd_*} tables, where the same rows were really deleted ({@link TwinTables}), and the
 * counts, results and visible rows must agree; the rows soft-deleted before must stay as they were. MERGE and
 * DELETE ... RETURNING on PostgreSQL: {@link PostgreSqlStatementKindsIT}; INSERT IGNORE and DELETE ... RETURNING on
 * MariaDB: {@link MariaDbStatementKindsIT}.
 */
@OnEachDatabase
class StatementKindsIT extends StatementKindsFixture {
    // ---- several statements in one string ----

    @Test
    void eachStatementOfAMultiStatementStringIsRewritten() throws Exception {
        String template = "SELECT id FROM {p}orders ORDER BY id; DELETE FROM {p}orders WHERE customer_id = 1";
        List<String> liveIds;
        int deleted;
        try (Connection soft = multiStatementConnection(); Statement st = soft.createStatement()) {
            assertThat(st.execute(twins.soft(template))).as("the first result is a result set").isTrue();
            try (ResultSet rs = st.getResultSet()) {
                liveIds = Execution.rows(rs, false);
            }
            assertThat(st.getMoreResults()).as("the second result is an update count").isFalse();
            deleted = st.getUpdateCount();
            assertThat(st.getMoreResults()).isFalse();
            assertThat(st.getUpdateCount()).as("no more results").isEqualTo(-1);
        }
        List<String> hard;
        try (Connection c = multiStatementRaw(); Statement st = c.createStatement()) {
            hard = Execution.collect(st, st.execute(twins.hard(template)), false);
        }
        assertThat(liveIds).as("the SELECT: live orders, in order").containsExactly("1", "2", "4", "7", "8", "10", "12");
        assertThat(deleted).as("the DELETE: orders 1 and 2").isEqualTo(2);
        assertThat(hard).as("the same string on the hard-delete tables")
            .containsExactly("rows [id] " + liveIds, "count " + deleted);
        assertThat(Sql.longs(raw, twins.soft("SELECT id FROM {p}orders WHERE id IN (1, 2) AND is_deleted = TRUE")))
            .as("raw: orders 1 and 2 are stored, marked deleted").containsExactly(1L, 2L);
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    @Test
    void aMultiStatementStringWithARefusedStatementIsRefusedWhole() throws Exception {
        try (Connection soft = multiStatementConnection()) {
            assertRefused(soft, twins.soft("DELETE FROM {p}orders WHERE id = 1; TRUNCATE TABLE {p}orders"), "SD002");
            assertRefused(soft, twins.soft("DELETE FROM {p}orders WHERE id = 1; DELETE FROM {p}orders WHERE id = 2"
                + " RETURNING *"), "SD001");
        }
        assertStoredUnchanged();
    }

    // ---- updatable result sets ----

    @Test
    void resultSetDeleteRowOnAConfiguredTableIsRefusedAndOnAPlainOneDeletes() throws Exception {
        try (Statement st = app.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
             ResultSet rs = st.executeQuery(twins.soft("SELECT * FROM {p}orders ORDER BY id"))) {
            assertThat(rs.next()).isTrue();
            // the database driver would send a DELETE of its own, past the driver's rewrite
            assertThatThrownBy(rs::deleteRow).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            // and an UPDATE or a SELECT of its own: a row soft-deleted since would be changed, or read back
            Sql.execute(app, twins.soft("DELETE FROM {p}orders WHERE id = " + rs.getString("id")));
            assertThatThrownBy(rs::refreshRow).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            rs.updateString("note", "changed after its delete");
            assertThatThrownBy(rs::updateRow).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}orders WHERE note = 'changed after its delete'")))
            .as("the soft-deleted row was not changed").isEqualTo("0");
        String first;
        try (Statement st = app.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
             ResultSet rs = st.executeQuery(twins.soft("SELECT * FROM {p}products ORDER BY id"))) {
            assertThat(rs.next()).isTrue();
            first = rs.getString("id");
            rs.deleteRow();
        }
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}products WHERE id = " + first)))
            .as("a plain table's row is deleted as asked").isEqualTo("0");
    }

    /**
     * The table the database driver's own DELETE goes to need not be the one the metadata names: pgjdbc takes the
     * word after the text's first FROM (a subquery's, or a comment's), Connector/J with useOldAliasMetadataBehavior
     * names the alias, and the MariaDB driver with blankTableNameMeta names none. A query that names a soft-delete
     * table anywhere is refused the three calls (probes removed a row physically so, and changed a deleted one).
     */
    @Test
    void resultSetRowCallsAreRefusedWhereverTheQueryNamesAConfiguredTable() throws Exception {
        List<String> queries = new ArrayList<>(List.of(
            "SELECT p.id, p.name, (SELECT count(*) FROM {p}orders) AS n FROM {p}products p ORDER BY p.id",
            "SELECT /* from {p}orders */ id, name FROM {p}products ORDER BY id"));
        for (String q : queries) {
            try (Statement st = app.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rs = st.executeQuery(twins.soft(q))) {
                assertThat(rs.next()).isTrue();
                assertThatThrownBy(rs::deleteRow).as(q).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            }
        }
        if (database != TestDatabase.POSTGRESQL) {
            try (Connection aliases = connect(url + (url.contains("?") ? "&" : "?")
                    + "useOldAliasMetadataBehavior=true", "");
                 Statement st = aliases.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
                 ResultSet rs = st.executeQuery(twins.soft("SELECT x.id, x.note FROM {p}orders AS x ORDER BY x.id"))) {
                assertThat(rs.next()).isTrue();
                assertThatThrownBy(rs::deleteRow).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
            }
        }
        assertStoredUnchanged();
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}products"))).isEqualTo("5");
    }

    // ---- TRUNCATE ----

    @Test
    void truncateOfAConfiguredTableIsRefused() throws Exception {
        assertRefused(app, twins.soft("TRUNCATE TABLE {p}orders"), "SD002");
        assertRefused(app, twins.soft("TRUNCATE {p}orders"), "SD002");
        assertStoredUnchanged();
    }

    @Test
    void truncateSoftDeletesEveryLiveRowWhenConfiguredTo() throws Exception {
        try (Connection c = connect(url, "  truncate: soft-delete\n")) {
            Sql.execute(c, twins.soft("TRUNCATE TABLE {p}orders"));
            Sql.execute(c, twins.hard("TRUNCATE TABLE {p}orders"));
            assertThat(Sql.single(c, twins.soft("SELECT COUNT(*) FROM {p}orders"))).isEqualTo("0");
        }
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}orders"))).as("raw: every row still stored")
            .isEqualTo("12");
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}orders WHERE is_deleted = FALSE")))
            .isEqualTo("0");
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    @Test
    void hardDeleteHintMakesTruncateReal() throws Exception {
        Sql.execute(app, twins.soft("/* softdelete:hard-delete */ TRUNCATE TABLE {p}orders"));
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}orders"))).isEqualTo("0");
    }

    // ---- upserts ----

    @Test
    void upsertThatMayUpdateADeletedRowIsRefused() throws Exception {
        // the primary key still holds soft-deleted rows: an upsert that updates on a conflict with it is refused
        // (UpsertIT shows upserts on soft-delete-aware keys going through, and DO NOTHING tolerating the key)
        List<String> upserts = database == TestDatabase.POSTGRESQL
            ? List.of(
                "INSERT INTO {p}orders (id, customer_id, total) VALUES (3, 1, 1)"
                    + " ON CONFLICT (id) DO UPDATE SET total = EXCLUDED.total",
                "INSERT INTO {p}orders (id, customer_id, total) SELECT id + 100, 1, 1 FROM {p}products"
                    + " ON CONFLICT (id) DO UPDATE SET total = 1")
            : List.of(
                "INSERT INTO {p}orders (id, customer_id, total) VALUES (3, 1, 1) ON DUPLICATE KEY UPDATE total = 1",
                "REPLACE INTO {p}orders (id, customer_id, total) VALUES (3, 1, 1)",
                "REPLACE INTO {p}orders SET id = 3, customer_id = 1, total = 1");
        for (String upsert : upserts) {
            assertRefused(app, twins.soft(upsert), "SD001");
        }
        assertStoredUnchanged();
        // The same upsert on the unconfigured table passes: the refusal is about the configured one.
        assertThat(Execution.run(app, twins.hard(upserts.get(0)), List.of()).failed()).isFalse();
    }

    // ---- UPDATE ----

    /**
     * Comments as the database reads them, where JSqlParser reads them otherwise: it nests block comments and ends a
     * line comment at a carriage return (as PostgreSQL, unlike MySQL), and knows neither MySQL's {@code #} comments
     * nor its executable {@code /*!} ones, and reads {@code --1} as a comment where MySQL reads two minus signs.
     * Each query gives what it gives on the hard-delete tables, or is refused.
     */
    @Test
    void commentsAreReadAsTheDatabaseReadsThem() throws Exception {
        List<String> same = new ArrayList<>(List.of(
            "SELECT id FROM {p}orders o WHERE o.id = 1 /* a /* b */ OR 1 = 1 -- */\n ORDER BY id",
            "SELECT id FROM {p}orders o WHERE o.id = 1 -- a\r OR 1 = 1\n ORDER BY id",
            "SELECT count(*) FROM {p}orders o -- a\r WHERE o.id = 1",
            "SELECT id FROM {p}orders o WHERE o.id = 1 -- a /* b\n ORDER BY id"));
        List<String> refused = new ArrayList<>();
        if (database == TestDatabase.POSTGRESQL) {
            refused.add("SELECT id FROM {p}orders o WHERE o.id = 4 // 2\n");
        } else {
            same.add("SELECT count(*) FROM {p}orders #a");
            same.add("SELECT id FROM {p}orders o WHERE o.id = 1 #a\n OR 1 = 1 ORDER BY id");
            same.add("SELECT /*!40001 SQL_NO_CACHE */ count(*) FROM {p}orders");
            refused.add("SELECT id FROM {p}orders o WHERE o.id = 1 /*! OR 1 = 1 */");
            refused.add("SELECT id FROM {p}orders o WHERE o.id = 1 /*M! OR 1 = 1 */");
            refused.add("SELECT id FROM {p}orders o WHERE o.id = 2 --1\n OR 1 = 1");
            refused.add("DELETE FROM {p}orders WHERE id = 2 /*! OR 1 = 1 */");
            same.add("SELECT /*! STRAIGHT_JOIN */ o.id FROM {p}orders o JOIN {p}customers c"
                + " ON c.customer_id = o.customer_id ORDER BY o.id");
            // after a table MariaDB reads SQL_NO_CACHE as its alias: the subquery's filter, qualified by the table's
            // name, would have filtered the outer orders (a probe)
            refused.add("SELECT count(*) FROM {p}orders WHERE customer_id IN (SELECT customer_id FROM {p}orders"
                + " /*!40001 SQL_NO_CACHE */ WHERE total > 0)");
        }
        for (String q : same) {
            assertThat(Execution.query(app, twins.soft(q))).as(q).isEqualTo(Execution.query(raw, twins.hard(q)));
        }
        for (String q : refused) {
            assertRefused(app, twins.soft(q), "SD001");
        }
        assertStoredUnchanged();
    }

    @Test
    void updateNeverChangesDeletedRowsAndCountsLikeAHardDelete() throws Exception {
        assertSameCount("UPDATE {p}orders SET note = 'upd' WHERE total < 100");
        assertSameCount("UPDATE {p}orders SET note = 'upd' WHERE id = 3");
        assertSameCount("UPDATE {p}customers SET name = UPPER(name)");
        assertSameCount("UPDATE {p}reviews SET stars = stars + 1 WHERE stars > 1 OR order_id = 12");
        assertSameVisibleRows();
        assertThat(twins.deletedSoft(raw)).as("soft-deleted rows, exactly as before").isEqualTo(deletedBefore);
    }

    @Test
    void updateWithJoinedConfiguredTables() throws Exception {
        if (database == TestDatabase.POSTGRESQL) {
            assertSameCount("UPDATE {p}orders o SET note = 'from' FROM {p}customers c"
                + " WHERE c.customer_id = o.customer_id AND c.country = 'DE'");
            assertSameCount("UPDATE {p}customers c SET name = 'has reviews' FROM {p}orders o"
                + " JOIN {p}reviews r ON r.order_id = o.id WHERE o.customer_id = c.customer_id");
        } else {
            assertSameCount("UPDATE {p}orders o JOIN {p}customers c ON c.customer_id = o.customer_id"
                + " SET o.note = 'join' WHERE c.country = 'DE'");
            assertSameCount("UPDATE {p}orders o, {p}customers c SET o.note = 'comma'"
                + " WHERE c.customer_id = o.customer_id OR o.total > 250");
            assertSameCount("UPDATE {p}customers c LEFT JOIN {p}orders o ON o.customer_id = c.customer_id"
                + " SET c.name = 'no orders' WHERE o.id IS NULL");
            assertSameCount("UPDATE {p}orders SET note = 'first three' ORDER BY id LIMIT 3");
        }
        assertSameVisibleRows();
        assertThat(twins.deletedSoft(raw)).as("soft-deleted rows, exactly as before").isEqualTo(deletedBefore);
    }

    @Test
    void deleteWithJoinsOrLimitsCountsLikeAHardDelete() throws Exception {
        if (database == TestDatabase.POSTGRESQL) {
            assertSameCount("DELETE FROM {p}orders o USING {p}customers c"
                + " WHERE o.customer_id = c.customer_id AND c.country = 'DE'");
        } else {
            assertSameCount("DELETE FROM {p}orders WHERE total < 100 ORDER BY id LIMIT 2");
        }
        assertSameCount("DELETE FROM {p}reviews WHERE order_id NOT IN (SELECT id FROM {p}orders)");
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    // ---- batches ----

    @Test
    void statementBatchCountsLikeAHardDelete() throws Exception {
        List<String> batch = List.of(
            "DELETE FROM {p}orders WHERE id = 1",
            "DELETE FROM {p}orders WHERE id = 3",
            "DELETE FROM {p}orders WHERE customer_id = 1",
            "DELETE FROM {p}orders WHERE total > 100",
            "DELETE FROM {p}reviews WHERE stars = 5",
            "UPDATE {p}orders SET note = 'batched' WHERE customer_id = 4");
        int[] soft;
        int[] hard;
        try (Statement st = app.createStatement()) {
            for (String sql : batch) {
                st.addBatch(twins.soft(sql));
            }
            soft = st.executeBatch();
        }
        try (Statement st = raw.createStatement()) {
            for (String sql : batch) {
                st.addBatch(twins.hard(sql));
            }
            hard = st.executeBatch();
        }
        assertThat(soft).as("per-entry counts vs. the hard-delete tables").containsExactly(hard);
        assertThat(hard).as("the batch exercises both found and not found rows").contains(0, 1);
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    @Test
    void preparedStatementBatchCountsLikeAHardDelete() throws Exception {
        String template = "DELETE FROM {p}orders WHERE customer_id = ? AND total >= ?";
        int[][] parameters = {{1, 0}, {4, 0}, {7, 100}, {7, 0}, {99, 0}, {1, 0}, {8, 0}};
        int[] soft = preparedBatch(app, twins.soft(template), parameters);
        int[] hard = preparedBatch(raw, twins.hard(template), parameters);
        assertThat(soft).as("per-entry counts vs. the hard-delete tables").containsExactly(hard);
        assertThat(hard).as("the batch exercises several counts").contains(0, 1, 2);
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    // ---- helpers ----

    private static int[] preparedBatch(Connection c, String sql, int[][] parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int[] p : parameters) {
                ps.setInt(1, p[0]);
                ps.setInt(2, p[1]);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** A driver connection that may send several statements in one string (MariaDB: allowMultiQueries). */
    private Connection multiStatementConnection() throws Exception {
        return database == TestDatabase.POSTGRESQL ? connect(url, "")
            : connect(SideDatabases.withParameter(url, "allowMultiQueries", "true"), "");
    }

    private Connection multiStatementRaw() throws SQLException {
        return DriverManager.getConnection(database == TestDatabase.POSTGRESQL ? url
            : SideDatabases.withParameter(url, "allowMultiQueries", "true"));
    }

    /** Runs the template on both sets, the soft one through the driver; the update counts must agree. */
    private void assertSameCount(String template) throws SQLException {
        int hard = Sql.update(raw, twins.hard(template));
        int soft = Sql.update(app, twins.soft(template));
        assertThat(soft).as("update count of %s vs. the hard-delete tables", template).isEqualTo(hard);
    }
}
