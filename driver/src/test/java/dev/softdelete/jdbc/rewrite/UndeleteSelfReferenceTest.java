package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UNDELETE on a self-referencing table: a parent that the same UNDELETE restores (the row itself, or a named row)
 * is not "still soft-deleted". Before, a row referencing itself, or a subtree named as a whole, was refused (SD002)
 * for ever, since the parent check ran before the restore and counted such parents as deleted.
 */
class UndeleteSelfReferenceTest {
    @TempDir
    Path dir;
    private Connection raw;
    private Connection app;

    @BeforeEach
    void open() throws Exception {
        String db = "jdbc:h2:mem:undelete_self_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        raw = DriverManager.getConnection(db);
        try (Statement st = raw.createStatement()) {
            st.execute("CREATE TABLE node (id INT PRIMARY KEY, parent_id INT REFERENCES node (id) ON DELETE CASCADE,"
                    + " is_deleted BOOLEAN DEFAULT FALSE NOT NULL, deleted_at TIMESTAMP(6))");
            st.execute("INSERT INTO node (id, parent_id) VALUES (1, NULL), (2, 1), (3, 2), (9, NULL)");
            st.execute("UPDATE node SET parent_id = 9 WHERE id = 9");
        }
        Path config = dir.resolve("softdelete.yml");
        Files.writeString(config, "version: 1\ntables:\n  node:\n    cascade:\n"
                + "      - { table: node, column: parent_id }\n");
        app = DriverManager.getConnection("jdbc:softdelete:" + db.substring("jdbc:".length())
                + ";softdelete.config=" + config);
    }

    @AfterEach
    void close() throws SQLException {
        app.close();
        try (Statement st = raw.createStatement()) {
            st.execute("SHUTDOWN");
        }
        raw.close();
    }

    @Test
    void aRowThatReferencesItselfIsRestored() throws SQLException {
        assertThat(update("DELETE FROM node WHERE id = 9")).isEqualTo(1);

        assertThat(update("UNDELETE FROM node WHERE id = 9")).isEqualTo(1);
        assertThat(live()).containsExactly(1, 2, 3, 9);
    }

    @Test
    void aSubtreeNamedAsAWholeIsRestoredAndAPartOfItStillIsNot() throws SQLException {
        update("DELETE FROM node WHERE id = 1");

        assertThatThrownBy(() -> update("UNDELETE FROM node WHERE id IN (2, 3)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
        assertThat(update("UNDELETE FROM node WHERE id IN (1, 2)")).isEqualTo(2);
        assertThat(live()).containsExactly(1, 2, 3, 9);
    }

    private int update(String sql) throws SQLException {
        try (Statement st = app.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private List<Integer> live() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM node ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
