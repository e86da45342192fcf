package dev.softdelete.it.cascade;

import static dev.softdelete.it.cascade.Hierarchy.EARLIER;
import static dev.softdelete.it.cascade.Hierarchy.EARLIER_STILL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.StoredRow;
import dev.softdelete.it.support.TableRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Cascades of a DELETE through the driver: exactly the live descendants of the rows the DELETE deleted, at every
 * depth, marked with the event's one timestamp; the update count is the target table's alone. Fixture:
 * {@link CascadeFixture}. DELETE ... USING (PostgreSQL): {@link PostgreSqlCascadeIT}; DELETE ... ORDER BY ... LIMIT
 * (MySQL/MariaDB): {@link MariaDbCascadeIT}.
 */
@OnEachDatabase
class CascadeIT extends CascadeFixture {
    private static final String NODES = PREFIX + "_nodes";
    private static final String RING_A = PREFIX + "_ring_a";
    private static final String RING_B = PREFIX + "_ring_b";
    private static final String ORDERS = PREFIX + "_orders";
    private static final String LINES = PREFIX + "_lines";

    @Override
    String moreTables() {
        return "  " + NODES + ":\n"
            + "    cascade: [ { table: " + NODES + ", column: referrer_id } ]\n"
            + "  " + RING_A + ":\n"
            + "    cascade:\n"
            + "      - { table: " + RING_B + ", column: a_id, references: id }\n"
            + "  " + RING_B + ":\n"
            + "    cascade:\n"
            + "      - { table: " + RING_A + ", column: b_id }\n"
            + "  " + ORDERS + ":\n"
            + "    cascade:\n"
            + "      - table: " + LINES + "\n"
            + "        column: [order_region, order_number]\n"
            + "        references: [region, number]\n"
            + "  " + LINES + ": {}\n";
    }

    @Test
    void deletingParentsSoftDeletesExactlyTheirLiveDescendantsAtEveryDepth() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " WHERE id IN (1, 2)");

        assertThat(count).as("update count: the parents only").isEqualTo(2);
        var after = marks();
        LocalDateTime at = h.assertOneEvent(before, after, Set.of(1L, 2L));
        assertThat(Hierarchy.newlyDeleted(before, after, h.children)).containsExactly(11L, 21L, 22L);
        assertThat(Hierarchy.newlyDeleted(before, after, h.grandchildren))
            .containsExactly(112L, 211L, 212L, 221L, 222L);
        assertThat(Hierarchy.newlyDeleted(before, after, h.notes)).containsExactly(11L, 12L, 21L);
        assertThat(after.get(h.grandchildren).get(111L)).as("grandchild deleted earlier keeps its timestamp")
            .isEqualTo(new StoredRow(true, true, EARLIER_STILL));
        assertThat(after.get(h.children).get(12L)).isEqualTo(new StoredRow(true, true, EARLIER));
        assertThat(after.get(h.notes).get(22L)).isEqualTo(new StoredRow(true, true, EARLIER_STILL));
        assertThat(at).isAfter(EARLIER);
        // Through the driver, the application sees what a hard delete with ON DELETE CASCADE would have left.
        assertThat(Sql.longs(app, "SELECT id FROM " + h.children + " ORDER BY id"))
            .containsExactly(31L, 32L, 41L, 42L, 51L, 52L);
        assertThat(Sql.longs(app, "SELECT COUNT(*) FROM " + h.grandchildren + " g JOIN " + h.children
            + " c ON c.id = g.child_id WHERE c.parent_id IN (1, 2)")).containsExactly(0L);
    }

    @Test
    void boundParametersSelectTheParentsAndEachExecutionIsItsOwnEvent() throws Exception {
        var before = marks();
        var afterFirst = before;
        LocalDateTime first;
        try (PreparedStatement delete = app.prepareStatement(
                 "DELETE FROM " + h.parents + " WHERE region_id = ? AND id <> ?")) {
            delete.setLong(1, 2);
            delete.setLong(2, 5);
            assertThat(delete.executeUpdate()).as("south without 5: parent 2").isEqualTo(1);
            afterFirst = marks();
            first = h.assertOneEvent(before, afterFirst, Set.of(2L));

            delete.setLong(1, 1);
            delete.setLong(2, 99);
            assertThat(delete.executeUpdate()).as("north: parents 1 and 4").isEqualTo(2);
        }
        LocalDateTime second = h.assertOneEvent(afterFirst, marks(), Set.of(1L, 4L));
        assertThat(second).as("second execution, second event").isAfter(first);
    }

    @Test
    void anOrInTheWhereCascadesOnlyFromTheRowsItDeleted() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 2 OR region_id = 3");

        assertThat(count).as("2 and 3; 6 was deleted earlier").isEqualTo(2);
        h.assertOneEvent(before, marks(), Set.of(2L, 3L, 6L));
        assertThat(h.marks(raw).get(h.parents).get(6L)).isEqualTo(new StoredRow(true, true, EARLIER));
    }

    @Test
    void aSubqueryInTheWhereSelectsTheParents() throws Exception {
        var before = marks();

        int count = Sql.update(app, "DELETE FROM " + h.parents + " WHERE region_id IN (SELECT id FROM " + h.regions
            + " WHERE name = 'south')");

        assertThat(count).isEqualTo(2);
        h.assertOneEvent(before, marks(), Set.of(2L, 5L));
    }

    @Test
    void deletingNothingCascadesNothing() throws Exception {
        var before = marks();

        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 6")).as("6 was deleted earlier")
            .isZero();
        assertThat(Sql.update(app, "DELETE FROM " + h.parents + " WHERE id = 99")).isZero();

        assertThat(marks()).isEqualTo(before);
    }

    @Test
    void deletingAChildCascadesDownOnly() throws Exception {
        var before = marks();

        assertThat(Sql.update(app, "DELETE FROM " + h.children + " WHERE id = 31")).isEqualTo(1);

        h.assertOneEvent(before, marks(), Set.of(), Set.of(31L));
        assertThat(Hierarchy.newlyDeleted(before, marks(), h.grandchildren)).containsExactly(311L, 312L);
    }

    @Test
    void compositeKeysMatchPairwise() throws Exception {
        String flags = "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw,
            "DROP TABLE IF EXISTS " + LINES,
            "DROP TABLE IF EXISTS " + ORDERS,
            "CREATE TABLE " + ORDERS + " (region VARCHAR(10) NOT NULL, number INT NOT NULL, " + flags
                + ", PRIMARY KEY (region, number))",
            "CREATE TABLE " + LINES + " (id BIGINT PRIMARY KEY, order_region VARCHAR(10) NOT NULL, "
                + "order_number INT NOT NULL, " + flags + ")",
            "INSERT INTO " + ORDERS + " (region, number) VALUES ('N', 1), ('N', 2), ('S', 1), ('S', 2)",
            "INSERT INTO " + LINES + " (id, order_region, order_number) VALUES "
                + "(1, 'N', 1), (2, 'N', 1), (3, 'N', 2), (4, 'S', 1), (5, 'S', 2), (6, 'S', 2)");
        h.markDeleted(raw, LINES, EARLIER, 6);
        Map<Long, StoredRow> linesBefore = TableRows.marks(raw, LINES);

        int count = Sql.update(app, "DELETE FROM " + ORDERS
            + " WHERE (region = 'N' AND number = 1) OR (region = 'S' AND number = 2)");

        assertThat(count).isEqualTo(2);
        Map<String, StoredRow> orders = new TreeMap<>();
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT region, number, is_deleted, deleted_at FROM " + ORDERS)) {
            while (rs.next()) {
                orders.put(rs.getString(1) + rs.getInt(2),
                    new StoredRow(true, rs.getBoolean(3), rs.getObject(4, LocalDateTime.class)));
            }
        }
        LocalDateTime at = orders.get("N1").deletedAt();
        assertThat(at).isNotNull().isNotEqualTo(EARLIER);
        assertThat(orders).isEqualTo(Map.of(
            "N1", new StoredRow(true, true, at),
            "N2", new StoredRow(true, false, null),
            "S1", new StoredRow(true, false, null),
            "S2", new StoredRow(true, true, at)));
        assertThat(TableRows.marks(raw, LINES)).as("lines of (N,1) and (S,2); not of (N,2) nor (S,1)")
            .isEqualTo(expect(linesBefore, at, 1, 2, 5));
    }

    @Test
    void aSelfReferencingTableCascadesDownTheWholeChainAndStops() throws Exception {
        String flags = "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw,
            "DROP TABLE IF EXISTS " + NODES,
            "CREATE TABLE " + NODES + " (id BIGINT PRIMARY KEY, referrer_id BIGINT NULL, " + flags + ")",
            // a chain 1 <- 2 <- ... <- 6, a pair 7 <- 8, a cycle 9 <-> 10 with 11 -> 9
            "INSERT INTO " + NODES + " (id, referrer_id) VALUES (1, NULL), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5), "
                + "(7, NULL), (8, 7), (9, 10), (10, 9), (11, 9)");
        Map<Long, StoredRow> before = TableRows.marks(raw, NODES);

        assertThat(Sql.update(app, "DELETE FROM " + NODES + " WHERE id = 1")).isEqualTo(1);

        Map<Long, StoredRow> afterChain = TableRows.marks(raw, NODES);
        LocalDateTime chain = afterChain.get(1L).deletedAt();
        assertThat(afterChain).as("the whole chain below 1, six levels deep")
            .isEqualTo(expect(before, chain, 1, 2, 3, 4, 5, 6));

        assertThat(Sql.update(app, "DELETE FROM " + NODES + " WHERE id = 10")).isEqualTo(1);

        Map<Long, StoredRow> afterCycle = TableRows.marks(raw, NODES);
        LocalDateTime cycle = afterCycle.get(10L).deletedAt();
        assertThat(cycle).isAfter(chain);
        assertThat(afterCycle).as("the cycle 10 -> 9 -> 10 and 9 -> 11; 7 and 8 stay")
            .isEqualTo(expect(afterChain, cycle, 9, 10, 11));
    }

    @Test
    void aTwoTableCycleCascadesBackAndForthAndStops() throws Exception {
        String flags = "is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at " + database.timestampType() + " NULL";
        Sql.execute(raw,
            "DROP TABLE IF EXISTS " + RING_A,
            "DROP TABLE IF EXISTS " + RING_B,
            "CREATE TABLE " + RING_A + " (id BIGINT PRIMARY KEY, b_id BIGINT NULL, " + flags + ")",
            "CREATE TABLE " + RING_B + " (id BIGINT PRIMARY KEY, a_id BIGINT NULL, " + flags + ")",
            // a1 -> b1 -> a2 -> b2 -> a3 -> b4; a4 -> b3 -> a5
            "INSERT INTO " + RING_A + " (id, b_id) VALUES (1, NULL), (2, 1), (3, 2), (4, NULL), (5, 3)",
            "INSERT INTO " + RING_B + " (id, a_id) VALUES (1, 1), (2, 2), (3, 4), (4, 3)");
        Map<Long, StoredRow> aBefore = TableRows.marks(raw, RING_A);
        Map<Long, StoredRow> bBefore = TableRows.marks(raw, RING_B);

        assertThat(Sql.update(app, "DELETE FROM " + RING_A + " WHERE id = 1")).isEqualTo(1);

        Map<Long, StoredRow> a1 = TableRows.marks(raw, RING_A);
        Map<Long, StoredRow> b1 = TableRows.marks(raw, RING_B);
        LocalDateTime first = a1.get(1L).deletedAt();
        assertThat(a1).isEqualTo(expect(aBefore, first, 1, 2, 3));
        assertThat(b1).isEqualTo(expect(bBefore, first, 1, 2, 4));

        assertThat(Sql.update(app, "DELETE FROM " + RING_B + " WHERE id = 3")).isEqualTo(1);

        LocalDateTime second = TableRows.marks(raw, RING_B).get(3L).deletedAt();
        assertThat(second).isAfter(first);
        assertThat(TableRows.marks(raw, RING_A)).as("a5 below b3; a4 is b3's parent and stays")
            .isEqualTo(expect(a1, second, 5));
        assertThat(TableRows.marks(raw, RING_B)).isEqualTo(expect(b1, second, 3));
    }

    @Test
    void aPreparedStatementBatchIsOneEventAndCountsTheTargetsOnly() throws Exception {
        var before = marks();
        int[] counts;
        try (PreparedStatement delete = app.prepareStatement("DELETE FROM " + h.parents + " WHERE id = ?")) {
            for (long id : new long[] {1, 3, 6, 99, 5}) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            counts = delete.executeBatch();
        }

        assertThat(counts).containsExactly(1, 1, 0, 0, 1);
        h.assertOneEvent(before, marks(), Set.of(1L, 3L, 5L));
    }

    @Test
    void aStatementBatchIsOneEventAndCountsTheTargetsOnly() throws Exception {
        var before = marks();
        int[] counts;
        try (Statement st = app.createStatement()) {
            // the child first: the parents' cascades, which run after the batch, reach the children table
            st.addBatch("DELETE FROM " + h.children + " WHERE id = 31");
            st.addBatch("DELETE FROM " + h.parents + " WHERE id = 2");
            st.addBatch("DELETE FROM " + h.parents + " WHERE id = 6");
            st.addBatch("DELETE FROM " + h.parents + " WHERE region_id = 2");
            counts = st.executeBatch();
        }

        assertThat(counts).as("child 31; 2; 6 (deleted earlier); region 2 = {2, 5} of which 2 is now deleted")
            .containsExactly(1, 1, 0, 1);
        h.assertOneEvent(before, marks(), Set.of(2L, 5L), Set.of(31L));
    }

    /**
     * A batch runs its soft deletes' cascades after its last entry. An entry that names a table those cascades reach,
     * after the soft delete they belong to, would run before them (a child the hard delete had removed would still
     * count, or be changed): the batch is refused, and nothing of it runs.
     */
    @Test
    void aBatchEntryNamingATableAnEarlierCascadeReachesIsRefused() throws Exception {
        var before = marks();
        try (Statement st = app.createStatement()) {
            st.addBatch("DELETE FROM " + h.parents + " WHERE id = 2");
            st.addBatch("DELETE FROM " + h.children + " WHERE id = 31");
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            // the batch is gone: the statement is usable, and an empty batch runs nothing
            assertThat(st.executeBatch()).isEmpty();
        }
        assertThat(marks()).isEqualTo(before);
    }

    /**
     * A batch entry's statements after its first run too: a COMMIT there ended the group's own transaction, and the
     * RESTRICT error that undid the rest came after the soft delete was committed (or, with ROLLBACK, the batch
     * reported success for entries it had undone). Refused like a COMMIT entry of its own.
     */
    @Test
    void transactionControlAfterTheFirstStatementOfABatchEntryIsRefused() throws Exception {
        var before = marks();
        try (Statement st = app.createStatement()) {
            st.addBatch("DELETE FROM " + h.parents + " WHERE id = 2");
            st.addBatch("SELECT 1; COMMIT");
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001")).hasMessageContaining("transaction control (COMMIT)");
        }
        assertThat(marks()).isEqualTo(before);
    }

    @Test
    void aSoftTruncateCascadesToo() throws Exception {
        var before = marks();

        Sql.execute(app, "TRUNCATE TABLE " + h.children);

        var after = marks();
        LocalDateTime at = after.get(h.children).get(11L).deletedAt();
        var expected = h.expectedAfter(before, at, Set.of(), before.get(h.children).keySet());
        assertThat(after).isEqualTo(expected);
        assertThat(Hierarchy.newlyDeleted(before, after, h.grandchildren)).hasSize(17);
        assertThat(Sql.longs(app, "SELECT COUNT(*) FROM " + h.grandchildren)).containsExactly(0L);
        assertThat(Sql.longs(app, "SELECT COUNT(*) FROM " + h.parents)).containsExactly(5L);
    }

    /** {@code before} with the rows {@code ids} marked deleted at {@code at}. */
    private static Map<Long, StoredRow> expect(Map<Long, StoredRow> before, LocalDateTime at, long... ids) {
        Map<Long, StoredRow> expected = new TreeMap<>(before);
        for (long id : ids) {
            assertThat(before.get(id).deleted()).as("row %d is live before", id).isFalse();
            expected.put(id, new StoredRow(true, true, at));
        }
        return expected;
    }
}