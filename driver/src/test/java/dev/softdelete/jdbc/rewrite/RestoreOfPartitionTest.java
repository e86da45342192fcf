package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.Options;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.catalog.Catalog;
import dev.softdelete.jdbc.rewrite.catalog.ForeignKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An UNDELETE that names a partition (or inheriting table) of a configured table restores as one of the configured
 * table would: it checks the parents of the ancestor's cascade edges and keys, and it brings back the children that
 * the database's ON DELETE CASCADE keys into the partitioned table took along (a probe restored a partition's row
 * under a still soft-deleted customer, and restored an order without its items).
 */
class RestoreOfPartitionTest {
    private final Catalog catalog = new Catalog(
            Map.of(new TableName("public", "orders_p1"), TableName.parse("orders")), Map.of(),
            List.of(new ForeignKey("reviews_order", new TableName("public", "reviews"), List.of("order_id"),
                    new TableName("public", "orders"), List.of("id"), ForeignKey.OnDelete.CASCADE)
                    .configured(TableName.parse("reviews"), TableName.parse("orders"))), List.of());
    private final RewriteEngine postgres = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL,
            catalog);

    @Test
    void aPartitionsRowIsNotRestoredUnderADeletedParentOfItsTable() throws Exception {
        RestorePlan ofTable = postgres.rewrite("UNDELETE FROM orders WHERE id = 1", Visibility.ACTIVE).restorePlan();
        RestorePlan ofPartition = postgres.rewrite("UNDELETE FROM orders_p1 WHERE id = 1", Visibility.ACTIVE)
                .restorePlan();
        assertThat(ofTable.guards).extracting(g -> g.query).singleElement().asString()
                .contains("FROM customers softdelete_p");
        assertThat(ofPartition.guards).extracting(g -> g.query).singleElement().asString()
                .contains("FROM customers softdelete_p").contains("SELECT orders_p1.customer_id FROM orders_p1");
    }

    @Test
    void aPartitionsRestoreBringsBackTheChildrenOfItsTablesCascadingKeys() throws Exception {
        RestorePlan ofTable = postgres.rewrite("UNDELETE FROM orders WHERE id = 1", Visibility.ACTIVE).restorePlan();
        RestorePlan ofPartition = postgres.rewrite("UNDELETE FROM orders_p1 WHERE id = 1", Visibility.ACTIVE)
                .restorePlan();
        assertThat(ofTable.edges).extracting(e -> e.restoreByParents).singleElement().asString()
                .startsWith("UPDATE reviews SET");
        assertThat(ofPartition.edges).extracting(e -> e.restoreByParents).singleElement().asString()
                .startsWith("UPDATE reviews SET");
        assertThat(ofPartition.captured).containsExactly("id", "deleted_at");
    }
}
