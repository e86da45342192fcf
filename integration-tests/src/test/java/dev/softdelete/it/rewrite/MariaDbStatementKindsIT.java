package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.OnMariaDB;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statement kinds as MariaDB has them, through the driver on the twin tables of {@link StatementKindsFixture}:
 * INSERT IGNORE (MySQL/MariaDB syntax) is refused like the other upserts; DELETE ... RETURNING is refused, because
 * MariaDB has DELETE ... RETURNING but no UPDATE ... RETURNING to send instead.
 */
@OnMariaDB
class MariaDbStatementKindsIT extends StatementKindsFixture {
    /**
     * MySQL's {@code INSERT IGNORE} skips a row whose key conflicts, also with a soft-deleted row; after a hard
     * delete the row would have been inserted. Neither skipping nor inserting is right, so it is refused like the
     * other upserts, and nothing changes.
     */
    @Test
    void insertIgnoreOfADeletedRowsKeyLeavesTheDeletedRowDeleted() throws Exception {
        // The one tolerated difference (README): the primary key of a soft-deleted row is not free, so a seed-style
        // INSERT IGNORE of that key inserts nothing where the hard-deleted table would insert the row again.
        String insert = "INSERT IGNORE INTO {p}orders (id, customer_id, total) VALUES (3, 1, 1)";
        Execution soft = Execution.run(app, twins.soft(insert), List.of());
        Execution hard = Execution.run(raw, twins.hard(insert), List.of());
        assertThat(hard.failed()).isFalse();
        assertThat(soft.failed()).isFalse();
        assertThat(soft.results()).isEqualTo(List.of("count 0"));
        assertStoredUnchanged();
    }

    /**
     * MariaDB ends a {@code --} comment at a line feed only: after {@code -- x\r} the server runs the DELETE on the
     * next line. The driver read its leading comments as PostgreSQL does and ran the line after the carriage return,
     * an UNDELETE, as its restore: the application's DELETE never happened (a probe).
     */
    @Test
    void anUndeleteInsideALineCommentIsNotRunAndTheDeleteAfterItIs() throws Exception {
        String text = "-- x\rUNDELETE FROM {p}orders WHERE id = 3\nDELETE FROM {p}orders WHERE id = 4";
        Execution soft = Execution.run(app, twins.soft(text), List.of());
        Execution hard = Execution.run(raw, twins.hard(text), List.of());
        assertThat(hard.results()).as("the hard-delete tables: the DELETE ran").isEqualTo(List.of("count 1"));
        assertThat(soft.results()).as("through the driver").isEqualTo(hard.results());
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    /**
     * DELETE forms MariaDB rejects, which the driver rewrote into an UPDATE MariaDB runs (a probe soft-deleted, with
     * cascades, where the DELETE failed): an alias in the single-table DELETE (1064 before MariaDB 11.6), a target that
     * names an aliased table by its table name (1109). Refused, nothing changed; the forms MariaDB takes still run.
     */
    @Test
    void deleteFormsMariaDbRejectsAreRefused() throws Exception {
        for (String form : List.of("DELETE FROM {p}orders o WHERE o.id = 4", "DELETE FROM {p}orders AS o WHERE id = 4",
                "DELETE {p}orders FROM {p}orders o WHERE o.id = 4",
                "DELETE FROM {p}orders USING {p}orders o WHERE o.id = 4")) {
            assertThat(Execution.run(raw, twins.hard(form), List.of()).failed()).as("MariaDB rejects: " + form)
                .isTrue();
            assertRefused(app, twins.soft(form), "SD001");
        }
        assertStoredUnchanged();
        String accepted = "DELETE o FROM {p}orders o WHERE o.id = 4";
        Execution hard = Execution.run(raw, twins.hard(accepted), List.of());
        assertThat(hard.results()).isEqualTo(List.of("count 1"));
        assertThat(Execution.run(app, twins.soft(accepted), List.of()).results()).isEqualTo(hard.results());
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    /**
     * The MariaDB driver leaves a statement's updatable result set open after the statement runs another query, and
     * with blankTableNameMeta names no table: deleteRow() of the older result set was judged by the newer query and
     * deleted the row physically (a probe). A result set keeps what its own query was.
     */
    @Test
    void anOlderResultSetsRowCallsAreJudgedByItsOwnQuery() throws Exception {
        String mariadbUrl = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()).replaceFirst("[?].*", "")
            + "?user=root&password=&blankTableNameMeta=true";
        try (Connection blank = connect(mariadbUrl, "");
             Statement st = blank.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE)) {
            ResultSet orders = st.executeQuery(twins.soft("SELECT id, note FROM {p}orders ORDER BY id"));
            assertThat(orders.next()).isTrue();
            st.execute("SELECT 1");
            assertThatThrownBy(orders::deleteRow).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD002"));
        }
        assertStoredUnchanged();
    }

    /**
     * SQL text handed to the server may set the sql_mode without naming it whole: an entry after it that has a
     * backslash was read as the session read strings before the batch ran. A probe's UPDATE ended its string at the
     * backslash under NO_BACKSLASH_ESCAPES and ran the DELETE after it unrewritten. Refused, nothing changed.
     */
    @Test
    void aBatchEntryWithABackslashAfterDynamicSqlIsRefused() throws Exception {
        try (Statement st = app.createStatement()) {
            st.addBatch("EXECUTE IMMEDIATE CONCAT('SET sql', '_mode = CONCAT(@@sql', '_mode, '',NO_BACKSLASH_ESCAPES'')')");
            st.addBatch(twins.soft("UPDATE {p}orders SET note = 'x\\'; DELETE FROM {p}orders WHERE id = 1; -- '"));
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        assertStoredUnchanged();
    }

    /** EXECUTE of a statement prepared before the batch may set the sql_mode too (a probe's UPDATE changed a deleted row). */
    @Test
    void aBatchEntryExecutingAPreparedStatementCountsAsChangingTheSqlMode() throws Exception {
        try (Statement st = app.createStatement()) {
            st.execute("PREPARE skit_s1 FROM 'SET SESSION sql_mode = CONCAT(@@sql_mode, '',NO_BACKSLASH_ESCAPES'')'");
            st.addBatch("EXECUTE skit_s1");
            st.addBatch(twins.soft("UPDATE {p}orders SET note = 'x\\' WHERE id = 3 OR note = ' -- '"));
            assertThatThrownBy(st::executeBatch).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        assertStoredUnchanged();
    }

    /**
     * A table without a flag whose timestamp column the server sets on every UPDATE: any edit of a live row marked it
     * deleted (a probe's row vanished after an UPDATE of another column). Refused when the connection opens.
     */
    @Test
    void aTimestampOnlyTableStampedOnEveryUpdateIsRefusedAtConnect() throws Exception {
        Sql.execute(raw, "CREATE OR REPLACE TABLE skit_stamped (id INT PRIMARY KEY, body VARCHAR(20),"
            + " removed_at TIMESTAMP(6) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6))");
        try {
            Path config = ConfigFile.writeRaw(Files.createTempDirectory(dir, "stamped"), "version: 1\ntables:\n"
                + "  skit_stamped:\n    flag-column: null\n    timestamp-column: removed_at\n");
            assertThatThrownBy(() -> ThroughDriver.connect(url, config)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("SD000")).hasMessageContaining("ON UPDATE");
        } finally {
            Sql.execute(raw, "DROP TABLE IF EXISTS skit_stamped");
        }
    }

    /**
     * Under GBK (SJIS, BIG5, CP932) the second byte of a character may be a backslash or a backtick, which the driver
     * reads otherwise than the server: probes read soft-deleted rows and deleted physically, also through a prepared
     * statement's escaped value. Such a session is refused when it opens, and a statement that sets it is refused.
     */
    @Test
    void aCharacterSetThatHidesBackslashesIsRefused() throws Exception {
        assertRefused(app, "SET NAMES gbk", "SD001");
        String mariadbUrl = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()).replaceFirst("[?].*", "")
            + "?user=root&password=&sessionVariables=character_set_client=gbk";
        assertThatThrownBy(() -> connect(mariadbUrl, "").close())
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
    }

    @Test
    void deleteReturningIsRefusedOnMariaDb() throws Exception {
        assertRefused(app, twins.soft("DELETE FROM {p}orders WHERE id = 1 RETURNING id"), "SD001");
        assertStoredUnchanged();
    }

    /**
     * A multi-table UPDATE that sets columns of a configured table on the nullable side of a RIGHT JOIN: the driver
     * would read that table through a filtered derived table, which MariaDB cannot update (it failed with its own
     * 1288). Refused by the driver, nothing changed.
     */
    @Test
    void anUpdateOfATableReadThroughADerivedTableIsRefused() throws Exception {
        assertRefused(app, twins.soft("UPDATE {p}products pr RIGHT JOIN {p}orders o ON o.product_id = pr.id"
            + " SET o.total = 99 WHERE o.id = 1"), "SD001");
        assertStoredUnchanged();
    }

    /**
     * A statement JSqlParser cannot parse passes unchanged only when its tokens name no configured table; those
     * tokens must be read with MySQL's backslash escapes. Read without them, {@code 'a\''} ends at its second quote and
     * the next string swallows the subquery on orders, which MariaDB runs (deleted orders counted).
     */
    @Test
    void anUnparseableStatementsTokensAreReadWithMySqlsStringEscapes() throws Exception {
        Sql.execute(raw, "CREATE OR REPLACE TABLE skit_versioned (id INT) WITH SYSTEM VERSIONING",
            "INSERT INTO skit_versioned VALUES (1)");
        try {
            String sql = twins.soft("SELECT 'a\\'', (SELECT COUNT(*) FROM {p}orders) AS n FROM skit_versioned"
                + " FOR SYSTEM_TIME ALL -- '");
            assertThat(Sql.longs(raw, sql.replace("'a\\'', ", ""))).as("the raw database runs it")
                .containsExactly(12L);
            assertRefused(app, sql, "SD001");
        } finally {
            Sql.execute(raw, "DROP TABLE skit_versioned");
        }
    }
}
