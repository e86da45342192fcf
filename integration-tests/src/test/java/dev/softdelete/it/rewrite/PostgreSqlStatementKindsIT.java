package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.it.support.OnPostgreSQL;
import dev.softdelete.it.support.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statement kinds only PostgreSQL has, through the driver on the twin tables of {@link StatementKindsFixture}: MERGE
 * (PostgreSQL 15+) is refused; DELETE ... RETURNING, which the driver sends as UPDATE ... RETURNING (which MariaDB
 * does not have), returns what a hard delete returns, unless it would show the soft-delete columns.
 */
@OnPostgreSQL
class PostgreSqlStatementKindsIT extends StatementKindsFixture {
    @Test
    void mergeIntoAConfiguredTableIsRefused() throws Exception {
        assertRefused(app, twins.soft("MERGE INTO {p}orders o USING {p}products p ON o.product_id = p.id"
            + " WHEN MATCHED THEN DELETE"), "SD001");
        assertRefused(app, twins.soft("MERGE INTO {p}orders o USING {p}products p ON o.product_id = p.id"
            + " WHEN MATCHED THEN UPDATE SET total = 0 WHEN NOT MATCHED THEN INSERT (id, total) VALUES (p.id, 0)"),
            "SD001");
        assertStoredUnchanged();
    }

    @Test
    void truncateCascadeOfAPlainTableThatAConfiguredTableReferencesIsRefused() throws Exception {
        // NOT VALID: the key is in the catalog without checking the rows already there
        Sql.execute(raw, twins.soft("ALTER TABLE {p}orders ADD CONSTRAINT {p}orders_product FOREIGN KEY (product_id)"
            + " REFERENCES {p}products (id) NOT VALID"));
        try (Connection c = connect(url, "")) { // a new configuration: the catalog is read with the new key
            assertRefused(c, twins.soft("TRUNCATE {p}products CASCADE"), "SD002");
            assertRefused(c, twins.soft("TRUNCATE TABLE {p}customers, {p}products RESTART IDENTITY CASCADE"), "SD002");
            // not the first statement of the text, or behind comments that PostgreSQL reads otherwise than a scan
            // that does not nest them or ends line comments at line feeds only
            assertRefused(c, twins.soft("SELECT 1; TRUNCATE {p}products CASCADE"), "SD002");
            assertRefused(c, twins.soft("/* a /* nested */ comment */ TRUNCATE {p}products CASCADE"), "SD002");
            assertRefused(c, twins.soft("-- a comment\rTRUNCATE {p}products CASCADE"), "SD002");
        }
        assertThat(Sql.single(raw, twins.soft("SELECT COUNT(*) FROM {p}orders"))).as("raw: the orders are all there")
            .isEqualTo("12");
        assertStoredUnchanged();
    }

    @Test
    void generatedKeysOfASoftDeleteAreRefusedAndNamedColumnsReturnWhatAHardDeleteReturns() throws Exception {
        // pgjdbc would append RETURNING *, which shows is_deleted and deleted_at as the soft delete set them
        String delete = twins.soft("DELETE FROM {p}orders WHERE id = 2");
        assertThatThrownBy(() -> app.prepareStatement(delete, Statement.RETURN_GENERATED_KEYS))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        try (Statement st = app.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate(delete, Statement.RETURN_GENERATED_KEYS))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            // named keys become RETURNING "name", ...: a soft-delete column, *, or the whole row by the table's name
            String table = twins.soft("{p}orders");
            // pgjdbc reads one name that starts with * ("* ", "*x") as RETURNING * too
            for (String[] names : new String[][] {{"is_deleted"}, {"id", "deleted_at"}, {"*"}, {"* "}, {"*x"},
                {table}}) {
                assertThatThrownBy(() -> st.executeUpdate(delete, names)).as(String.join(", ", names))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
                assertThatThrownBy(() -> app.prepareStatement(delete, names)).as(String.join(", ", names))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            }
            // pgjdbc appends the clause to each statement of a text: the first DELETE's is checked too (a probe read
            // is_deleted and deleted_at of the rows it soft-deleted)
            String two = delete + "; " + twins.soft("DELETE FROM {p}products WHERE id = -1");
            assertThatThrownBy(() -> app.prepareStatement(two, new String[] {"is_deleted"}))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
        }
        // DELETE ... RETURNING of the whole row, by the table's name or alias, written out
        for (String returning : new String[] {"DELETE FROM {p}orders WHERE id = 2 RETURNING {p}orders",
            "DELETE FROM {p}orders o WHERE id = 2 RETURNING row_to_json(o)",
            "DELETE FROM {p}orders o WHERE id = 2 RETURNING o::text"}) {
            assertRefused(app, twins.soft(returning), "SD001");
        }
        assertStoredUnchanged();
        String template = "DELETE FROM {p}orders WHERE customer_id = 8";
        List<String> soft;
        List<String> hard;
        try (PreparedStatement ps = app.prepareStatement(twins.soft(template), new String[] {"id", "total"})) {
            ps.executeUpdate();
            soft = keys(ps);
        }
        try (PreparedStatement ps = raw.prepareStatement(twins.hard(template), new String[] {"id", "total"})) {
            ps.executeUpdate();
            hard = keys(ps);
        }
        assertThat(soft).isNotEmpty().isEqualTo(hard);
        // a text with its own RETURNING, or ending in a semicolon, gets no second clause, nor a SELECT one (pgjdbc
        // appends to INSERT, UPDATE, DELETE and WITH only; refused before: over-refusals)
        for (String own : new String[] {"DELETE FROM {p}orders WHERE customer_id = 9 RETURNING id, total",
            "DELETE FROM {p}orders WHERE customer_id = 10;",
            "SELECT 1; DELETE FROM {p}orders WHERE customer_id = 11"}) {
            try (PreparedStatement ps = app.prepareStatement(twins.soft(own), new String[] {"id", "total"})) {
                ps.execute();
            }
        }
        assertDeletedRowsKept();
    }

    private static List<String> keys(Statement st) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.getGeneratedKeys()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2));
            }
        }
        Collections.sort(rows);
        return rows;
    }

    @Test
    void deleteReturningReturnsWhatAHardDeleteReturns() throws Exception {
        for (String template : List.of("DELETE FROM {p}orders WHERE total < 100 RETURNING id",
            "DELETE FROM {p}orders o WHERE o.customer_id = 8 RETURNING o.id, o.total, o.note")) {
            Execution soft = Execution.run(app, twins.soft(template), List.of());
            Execution hard = Execution.run(raw, twins.hard(template), List.of());
            assertThat(soft.failed()).as("%s: %s", template, soft.describeError()).isFalse();
            assertThat(soft.results()).as(template).isEqualTo(hard.results());
        }
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }

    @Test
    void deleteReturningThatWouldShowTheSoftDeleteColumnsIsRefused() throws Exception {
        assertRefused(app, twins.soft("DELETE FROM {p}orders WHERE id = 1 RETURNING *"), "SD001");
        assertRefused(app, twins.soft("DELETE FROM {p}orders o WHERE o.id = 1 RETURNING o.id, o.deleted_at"),
            "SD001");
        assertRefused(app, twins.soft("DELETE FROM {p}reviews WHERE id = 1 RETURNING removed_at"), "SD001");
        assertStoredUnchanged();
    }

    /**
     * pgjdbc's {@code ??} (the jsonb operator {@code ?}, which a prepared statement must double) and the JDBC escapes
     * {@code {oj ...}} and {@code {escape 'c'}}: filtered and run as on the hard-delete tables (they were refused).
     */
    @Test
    void doubledQuestionMarksAndJdbcEscapesReadWhatAHardDeleteLeaves() throws Exception {
        for (String template : List.of(
            "SELECT o.id, c.name FROM {oj {p}customers c LEFT OUTER JOIN {p}orders o ON o.customer_id = c.customer_id}"
                + " ORDER BY c.customer_id, o.id",
            "SELECT c.customer_id FROM {p}customers c WHERE c.name LIKE 'c!_%' {escape '!'} OR c.name LIKE ?"
                + " ORDER BY 1",
            "SELECT id FROM {p}orders o WHERE jsonb_build_object('t', o.total) ?? ? AND o.id > CAST(? AS INT)"
                + " ORDER BY id",
            "SELECT id FROM {p}orders WHERE jsonb_build_object('t', total, 'n', note) ??| ?::text[] ORDER BY id")) {
            List<String> params = template.contains("LIKE ?") ? List.of("%")
                : template.contains("??|") ? List.of("{n}") : template.contains("??") ? List.of("t", "0") : List.of();
            Execution soft = Execution.run(app, twins.soft(template), params);
            Execution hard = Execution.run(raw, twins.hard(template), params);
            assertThat(soft.failed()).as("%s: %s", template, soft.describeError()).isFalse();
            assertThat(soft.results()).as(template).isEqualTo(hard.results());
        }
        String delete = "DELETE FROM {p}orders WHERE jsonb_build_object('t', total) ?? ? AND customer_id = CAST(? AS INT)";
        Execution soft = Execution.run(app, twins.soft(delete), List.of("t", "8"));
        Execution hard = Execution.run(raw, twins.hard(delete), List.of("t", "8"));
        assertThat(soft.failed()).as(soft.describeError()).isFalse();
        assertThat(soft.results()).isEqualTo(hard.results());
        assertSameVisibleRows();
        assertDeletedRowsKept();
    }
}
