package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prepared soft delete batched again on a table its cascade reaches (a self-cascading tree): the cascades run after
 * the batch, so a later entry would still find rows an earlier entry's cascade takes. Refused with nothing sent; the
 * same statement once runs, cascade included.
 */
class PreparedBatchCascadeTest {
    private static Connection open(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  categories:\n"
                + "    cascade:\n      - { table: categories, column: parent_id }\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        Connection c = DriverManager.getConnection(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE categories (id INT PRIMARY KEY, parent_id INT, is_deleted BOOLEAN DEFAULT FALSE"
                    + " NOT NULL, deleted_at TIMESTAMP)");
            st.execute("INSERT INTO categories (id, parent_id) VALUES (1, NULL), (2, 1), (3, 2), (4, NULL)");
        }
        return c;
    }

    /** The batch is refused with {@code state}; nothing of it runs. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Statement st, String state) {
        return assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo(state));
    }

    private static long live(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM categories")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theSameDeleteBatchedAgainOnASelfCascadingTableIsRefused(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM categories WHERE id = ?")) {
            for (int id : new int[] {1, 3}) {
                ps.setInt(1, id);
                ps.addBatch();
            }
            assertRefused(ps, "SD001");
            assertThat(live(c)).as("nothing of the batch ran").isEqualTo(4);

            ps.setInt(1, 1);
            ps.addBatch();
            assertThat(ps.executeBatch()).containsExactly(1);
            assertThat(live(c)).as("1 and its descendants 2 and 3 deleted").isEqualTo(1);
        }
    }

    /** A batch with transaction control and a cascading soft delete: COMMIT would end the group's own transaction. */
    @Test
    void transactionControlInABatchWithACascadingDeleteIsRefused(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir); Statement st = c.createStatement()) {
            st.addBatch("UPDATE categories SET parent_id = parent_id WHERE id = 4");
            st.addBatch("/* done */ COMMIT");
            st.addBatch("DELETE FROM categories WHERE id = 1");
            assertRefused(st, "SD001")
                    .hasMessageContaining("transaction control (COMMIT)");
            assertThat(live(c)).as("nothing of the batch ran").isEqualTo(4);

            st.addBatch("DELETE FROM categories WHERE id = 1");
            assertThat(st.executeBatch()).containsExactly(1);
            assertThat(live(c)).isEqualTo(1);
        }
    }

    /**
     * Transaction control after an entry's first statement, or a CALL whose procedure may commit (H2, MySQL,
     * MariaDB): refused as a COMMIT entry is.
     */
    @Test
    void transactionControlInsideAnEntryOrACallIsRefusedToo(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir); Statement st = c.createStatement()) {
            st.addBatch("DELETE FROM categories WHERE id = 1");
            st.addBatch("SELECT 1; COMMIT");
            assertRefused(st, "SD001").hasMessageContaining("transaction control (COMMIT)");
            st.addBatch("DELETE FROM categories WHERE id = 1");
            st.addBatch("CALL 1");
            assertRefused(st, "SD001").hasMessageContaining("transaction control (CALL)");
            assertThat(live(c)).as("nothing of the batches ran").isEqualTo(4);
        }
    }

    /**
     * Later entries are read for the names of the tables an earlier cascade reaches as tokens: the name in a string,
     * a comment or a longer identifier is not the table, and the batch runs.
     */
    @Test
    void aLaterEntryIsRefusedOnlyForTheTableNameItselfNotForTextContainingIt(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40), subcategories INT)");
            st.addBatch("DELETE FROM categories WHERE id = 1");
            st.addBatch("INSERT INTO notes (id, body, subcategories) VALUES (1, 'categories gone', 3)"
                    + " /* categories */");
            assertThat(st.executeBatch()).containsExactly(1, 1);
            assertThat(live(c)).as("1 and its descendants 2 and 3 deleted").isEqualTo(1);

            st.addBatch("DELETE FROM categories WHERE id = 4");
            st.addBatch("UPDATE notes SET body = 'x' WHERE id IN (SELECT id FROM \"CATEGORIES\")");
            assertRefused(st, "SD001");
            assertThat(live(c)).as("nothing of the refused batch ran").isEqualTo(1);
        }
    }

    /** An UNDELETE in a batch, alone or not, is refused with nothing sent (README: Restore). */
    @Test
    void anUndeleteInABatchIsRefused(@TempDir Path dir) throws Exception {
        try (Connection c = open(dir); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM categories WHERE id = 4");
            st.addBatch("UPDATE categories SET parent_id = NULL WHERE id = 1");
            st.addBatch("UNDELETE FROM categories WHERE id = 4");
            assertRefused(st, "SD002");
            st.addBatch("UNDELETE FROM categories WHERE id = 4");
            assertRefused(st, "SD002");
            assertThat(live(c)).as("4 still deleted").isEqualTo(3);

            assertThat(st.executeUpdate("UNDELETE FROM categories WHERE id = 4")).isEqualTo(1);
            assertThat(live(c)).isEqualTo(4);
        }
    }
}
