package dev.softdelete.it.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import dev.softdelete.jdbc.SoftDeleteConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The optional batch-column (the delete event's id, shared by every row of one DELETE, cascades included) and
 * actor-column (the connection's softdelete.actor), and restore by batch id.
 */
@OnEachDatabase
class EventColumnsIT {
    private static final String P = "sdit_ev_parents";
    private static final String K = "sdit_ev_kids";

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        String url = db.rawUrl();
        raw = DriverManager.getConnection(url);
        String cols = ", is_deleted BOOLEAN NOT NULL DEFAULT FALSE, deleted_at " + db.timestampType()
                + " NULL, delete_batch VARCHAR(40), deleted_by VARCHAR(40))";
        Sql.execute(raw, "DROP TABLE IF EXISTS " + K, "DROP TABLE IF EXISTS " + P,
                "CREATE TABLE " + P + " (id INT PRIMARY KEY" + cols,
                "CREATE TABLE " + K + " (id INT PRIMARY KEY, parent_id INT" + cols,
                "INSERT INTO " + P + " (id) VALUES (1), (2), (3)",
                "INSERT INTO " + K + " (id, parent_id) VALUES (11, 1), (12, 1), (21, 2), (31, 3)");
        Path config = ConfigFile.writeRaw(dir, "version: 1\n"
                + "defaults:\n"
                + "  batch-column: delete_batch\n"
                + "  actor-column: deleted_by\n"
                + "tables:\n"
                + "  " + P + ":\n"
                + "    cascade:\n"
                + "      - { table: " + K + ", column: parent_id }\n"
                + "  " + K + ": {}\n");
        Properties props = ThroughDriver.properties(config);
        props.setProperty("softdelete.actor", "nightly-job");
        app = DriverManager.getConnection(ThroughDriver.url(url), props);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app; Connection r = raw) {
            // closes both
        }
    }

    private List<String> column(String table, String column) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (var st = raw.createStatement(); var rs = st.executeQuery("SELECT " + column + " FROM " + table
                + " ORDER BY id")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void everyRowOfOneDeleteSharesTheEventIdAndTheActor() throws Exception {
        Sql.update(app, "DELETE FROM " + P + " WHERE id IN (1, 2)");
        app.setClientInfo("softdelete.actor", "alice");
        Sql.update(app, "DELETE FROM " + P + " WHERE id = 3");

        List<String> parentBatches = column(P, "delete_batch");
        List<String> kidBatches = column(K, "delete_batch");
        assertThat(parentBatches.get(0)).isNotNull().isEqualTo(parentBatches.get(1));
        assertThat(parentBatches.get(2)).isNotNull().isNotEqualTo(parentBatches.get(0));
        assertThat(kidBatches).containsExactly(parentBatches.get(0), parentBatches.get(0), parentBatches.get(0),
                parentBatches.get(2));
        assertThat(column(P, "deleted_by")).containsExactly("nightly-job", "nightly-job", "alice");
        assertThat(column(K, "deleted_by")).containsExactly("nightly-job", "nightly-job", "nightly-job", "alice");
        assertThat(app.unwrap(SoftDeleteConnection.class).getActor()).isEqualTo("alice");
    }

    @Test
    void restoreMatchesChildrenByTheEventIdAndClearsTheEventColumns() throws Exception {
        Sql.update(app, "DELETE FROM " + K + " WHERE id = 12");
        Sql.update(app, "DELETE FROM " + P + " WHERE id = 1");

        assertThat(Sql.update(app, "UNDELETE FROM " + P + " WHERE id = 1")).isEqualTo(1);

        assertThat(Sql.longs(app, "SELECT id FROM " + K + " ORDER BY id")).containsExactly(11L, 21L, 31L);
        assertThat(column(K, "delete_batch").get(0)).isNull();
        assertThat(column(K, "deleted_by").get(0)).isNull();
        assertThat(column(K, "delete_batch").get(1)).as("kid 12 stays deleted, with its own event").isNotNull();
    }
}
