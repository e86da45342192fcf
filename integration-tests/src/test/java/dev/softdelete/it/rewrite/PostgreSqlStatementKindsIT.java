package dev.softdelete.it.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.it.support.OnPostgreSQL;
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
}
