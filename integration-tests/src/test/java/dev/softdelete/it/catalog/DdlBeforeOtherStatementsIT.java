package dev.softdelete.it.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * DDL on a soft-delete table followed, in one string or one batch, by statements that read or remove rows. The
 * driver rewrites the whole string or batch with the catalog of before it runs: a probe renamed the table, deleted
 * its soft-deleted row physically under the new name and renamed it back, in one {@code execute} (and the same as a
 * batch), and read it through a table the DDL made its parent. Such strings and batches are refused, nothing of them
 * run; DDL followed by DDL alone goes through.
 *
 * <p>Fixture: {@code sdit_dd} (configured) with row 1 live and row 2 soft-deleted.
 */
@OnEachDatabase
class DdlBeforeOtherStatementsIT {
    private static final String DROP = "DROP TABLE IF EXISTS sdit_dd, sdit_dd_zz, sdit_dd_copy";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private Connection app;

    @BeforeEach
    void setUp() throws Exception {
        raw = DriverManager.getConnection(database.rawUrl());
        Sql.execute(raw, DROP, "CREATE TABLE sdit_dd (id INT PRIMARY KEY, v VARCHAR(10), is_deleted BOOLEAN NOT NULL"
                + " DEFAULT FALSE, deleted_at " + database.timestampType() + " NULL)",
            "INSERT INTO sdit_dd (id, v) VALUES (1, 'live'), (2, 'gone')",
            "UPDATE sdit_dd SET is_deleted = TRUE, deleted_at = '2020-01-01 00:00:00' WHERE id = 2");
        String url = database.rawUrl() + (database == TestDatabase.POSTGRESQL ? "" : "&allowMultiQueries=true");
        app = ThroughDriver.connect(url, ConfigFile.write(dir, "sdit_dd"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection a = app) {
            Sql.execute(raw, DROP);
        } finally {
            raw.close();
        }
    }

    private String[] renameDeleteRenameBack() {
        return database == TestDatabase.POSTGRESQL
            ? new String[] {"ALTER TABLE sdit_dd RENAME TO sdit_dd_zz", "DELETE FROM sdit_dd_zz WHERE id = 2",
                "ALTER TABLE sdit_dd_zz RENAME TO sdit_dd"}
            : new String[] {"RENAME TABLE sdit_dd TO sdit_dd_zz", "DELETE FROM sdit_dd_zz WHERE id = 2",
                "RENAME TABLE sdit_dd_zz TO sdit_dd"};
    }

    @Test
    void aStringWithDdlBeforeADeleteIsRefused() throws SQLException {
        String string = String.join("; ", renameDeleteRenameBack());
        // refused for the DDL before the DELETE, or, first, for the rename back to a configured table's name
        assertThatThrownBy(() -> Sql.execute(app, string)).isInstanceOf(SQLException.class)
            .hasMessageMatching("(?s).*(DDL on a soft-delete table|would hide the table sdit_dd).*")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD001"));
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_dd ORDER BY id")).as("nothing ran").containsExactly(1L, 2L);
    }

    @Test
    void aBatchWithDdlBeforeADeleteIsRefused() throws SQLException {
        try (Statement st = app.createStatement()) {
            // the rename back to a configured table's name is refused when batched; the batch then when it runs
            assertThatThrownBy(() -> {
                for (String sql : renameDeleteRenameBack()) {
                    st.addBatch(sql);
                }
                st.executeBatch();
            }).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD001"));
            st.clearBatch();
        }
        assertThat(Sql.longs(raw, "SELECT id FROM sdit_dd ORDER BY id")).as("nothing ran").containsExactly(1L, 2L);
    }

    /** DDL that reads rows (a query's CREATE TABLE) is no exception: it would be rewritten with the old catalog. */
    @Test
    void aBatchWithDdlBeforeACreateTableAsSelectIsRefused() throws SQLException {
        try (Statement st = app.createStatement()) {
            st.addBatch("ALTER TABLE sdit_dd ADD COLUMN x INT");
            st.addBatch("CREATE TABLE sdit_dd_copy AS SELECT id FROM sdit_dd");
            assertThatThrownBy(st::executeBatch).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD001"));
        }
        assertThat(Sql.longs(raw, "SELECT COUNT(*) FROM sdit_dd")).as("nothing ran").containsExactly(2L);
    }

    @Test
    void ddlFollowedByDdlAloneGoesThrough() throws SQLException {
        Sql.execute(app, "ALTER TABLE sdit_dd ADD COLUMN x INT; ALTER TABLE sdit_dd ADD COLUMN y INT");
        assertThat(Sql.longs(app, "SELECT COUNT(y) + COUNT(*) FROM sdit_dd")).containsExactly(1L);
    }
}
