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
 * PostgreSQL: a foreign key declared on a plain table that other tables inherit from holds that table's own rows
 * only; its cascade and its RESTRICT check name the child {@code ONLY} (a probe soft-deleted an inheriting table's
 * row that the hard delete's cascade left, and failed a delete with 23503 that the hard delete let through). A
 * {@code cascade:} edge of the map keeps reaching the inheriting tables' rows.
 */
class InheritedTableKeyTest {
    private static ForeignKey key(String name, String child, String column, String parent, ForeignKey.OnDelete rule,
            String configuredChild, String configuredParent) {
        return new ForeignKey(name, new TableName("public", child), List.of(column), new TableName("public", parent),
                List.of("id"), rule).configured(configuredChild == null ? null : TableName.parse(configuredChild),
                TableName.parse(configuredParent)).ofChildRowsOnly();
    }

    private final RewriteEngine postgres = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL,
            new Catalog(Map.of(), Map.of(), List.of(
                    key("reviews_order", "reviews", "order_id", "orders", ForeignKey.OnDelete.CASCADE, "reviews",
                            "orders"),
                    key("notes_order", "notes", "order_id", "orders", ForeignKey.OnDelete.RESTRICT, null, "orders"),
                    key("orders_customer", "orders", "customer_id", "customers", ForeignKey.OnDelete.CASCADE,
                            "orders", "customers")), List.of()));

    @Test
    void aKeysCascadeAndCheckReachTheChildsOwnRowsOnly() throws Exception {
        Rewrite delete = postgres.rewrite("DELETE FROM orders WHERE id = 1", Visibility.ACTIVE);
        assertThat(delete.after()).extracting(CascadeStep::statement).singleElement().asString()
                .startsWith("UPDATE ONLY public.reviews SET");
        assertThat(delete.checks()).extracting(g -> g.query).singleElement().asString()
                .startsWith("SELECT order_id FROM ONLY public.notes WHERE");
    }

    /**
     * A key into a plain table that other tables inherit from references that table's own rows: a DELETE of it checks
     * the rows deleted from it alone, and a DELETE of an inheriting table (a probe's {@code events_b}, holding a key
     * value that a row of {@code events} holds too) checks none of its rows against the key.
     */
    @Test
    void aKeyIntoAnInheritedTableReferencesItsOwnRowsOnly() throws Exception {
        Catalog catalog = new Catalog(Map.of(new TableName("public", "orders_x"), TableName.parse("orders")),
                Map.of(), List.of(new ForeignKey("notes_order", new TableName("public", "notes"), List.of("order_id"),
                        new TableName("public", "orders"), List.of("id"), ForeignKey.OnDelete.RESTRICT)
                        .configured(null, TableName.parse("orders")).ofParentRowsOnly()), List.of());
        RewriteEngine engine = new RewriteEngine(Engines.config(Options.DEFAULTS), Dialect.POSTGRESQL, catalog);
        assertThat(engine.rewrite("DELETE FROM orders WHERE id = 1", Visibility.ACTIVE).checks())
                .extracting(g -> g.query).singleElement().asString()
                .contains("IN (SELECT id FROM ONLY public.orders WHERE public.orders.deleted_at = ");
        assertThat(engine.rewrite("DELETE FROM orders_x WHERE id = 1", Visibility.ACTIVE).checks()).isEmpty();
    }

    @Test
    void anEdgeOfTheMapReachesTheInheritingTablesToo() throws Exception {
        assertThat(postgres.rewrite("DELETE FROM customers WHERE id = 1", Visibility.ACTIVE).after())
                .extracting(CascadeStep::statement).first().asString().startsWith("UPDATE public.orders SET");
    }
}
