package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * PostgreSQL's TRUNCATE ... CASCADE of a plain table empties the tables with foreign keys to it: where a configured
 * table has one, the statement is refused though it names no configured table.
 */
class TruncateCascadeRefusalTest {
    /** orders (configured) references products (plain). */
    private static final Catalog ORDERS_REFERENCE_PRODUCTS = new Catalog(Map.of(), Map.of(), List.of(new ForeignKey(
            "orders_product", TableName.parse("orders"), List.of("product_id"), TableName.parse("products"),
            List.of("id"), ForeignKey.OnDelete.RESTRICT).configured(TableName.parse("orders"), null)), List.of());

    private static RewriteEngine engine(Dialect dialect, Catalog catalog) {
        return new RewriteEngine(Engines.config(Options.DEFAULTS), dialect, catalog);
    }

    @Test
    void truncateCascadeIsRefusedWhereAConfiguredTableHasAForeignKey() {
        RewriteEngine pg = engine(Dialect.POSTGRESQL, ORDERS_REFERENCE_PRODUCTS);
        for (String sql : new String[] {"TRUNCATE products CASCADE", "/* job */ truncate table products, tags cascade",
            "TRUNCATE products RESTART IDENTITY CASCADE", "SELECT 1; TRUNCATE products CASCADE",
            "/* nested /* in */ PostgreSQL */ TRUNCATE products CASCADE", "-- ends at the CR\rTRUNCATE products CASCADE",
            "select 1;truncate products cascade"}) {
            // both ways in: a text met before (rewrite) and a new one (rewriteNew)
            assertThatThrownBy(() -> pg.rewrite(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOfSatisfying(StatementRefusedException.class, e -> assertThat(e.sqlState())
                            .isEqualTo(StatementRefusedException.FORBIDDEN))
                    .hasMessageContaining("TRUNCATE ... CASCADE");
            assertThatThrownBy(() -> pg.rewriteNew(sql, Visibility.ACTIVE)).as(sql)
                    .isInstanceOf(StatementRefusedException.class);
        }
        // a text that also names a configured table elsewhere takes the parse path: refused there too
        assertThatThrownBy(() -> pg.rewrite("TRUNCATE products CASCADE -- not orders", Visibility.ACTIVE))
                .isInstanceOf(StatementRefusedException.class).hasMessageContaining("TRUNCATE ... CASCADE");
    }

    @Test
    void withoutCascadeWithTheHintOrWithoutSuchAKeyItGoesAsWritten() throws Exception {
        RewriteEngine pg = engine(Dialect.POSTGRESQL, ORDERS_REFERENCE_PRODUCTS);
        assertThat(pg.rewrite("TRUNCATE products", Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(pg.rewrite("TRUNCATE cascade_log", Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(pg.rewrite("SELECT 1; SELECT 2 FROM products", Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(pg.rewrite("SELECT 'truncate ... cascade'", Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(pg.rewrite("/* softdelete:hard-delete */ TRUNCATE products CASCADE", Visibility.ACTIVE)
                .unchanged()).isTrue();
        // a hint is for one statement, not for a string of several
        assertThatThrownBy(() -> pg.rewrite("/* softdelete:hard-delete */ SELECT 1; TRUNCATE products CASCADE",
                Visibility.ACTIVE)).isInstanceOf(StatementRefusedException.class);
        assertThat(engine(Dialect.POSTGRESQL, Catalog.EMPTY).rewrite("TRUNCATE products CASCADE", Visibility.ACTIVE)
                .unchanged()).isTrue();
        // MySQL's TRUNCATE has no CASCADE (and fails on a referenced table)
        assertThat(engine(Dialect.MARIADB, ORDERS_REFERENCE_PRODUCTS).rewrite("TRUNCATE products",
                Visibility.ACTIVE).unchanged()).isTrue();
    }
}
