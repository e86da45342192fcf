package dev.softdelete.jdbc.rewrite.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.Cascade;
import dev.softdelete.config.FlagType;
import dev.softdelete.config.Options;
import dev.softdelete.config.SoftDeleteConfig;
import dev.softdelete.config.TableConfig;
import dev.softdelete.config.TableName;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnquotedNamesTest {
    private static SoftDeleteConfig config(String table, String flag, String cascadeColumn) {
        return new SoftDeleteConfig("test", List.of(
                new TableConfig(TableName.parse(table), flag, FlagType.BOOLEAN, "deleted_at",
                        List.of(new Cascade(TableName.parse("members"), List.of(cascadeColumn), List.of("id")))),
                new TableConfig(TableName.parse("members"), "is_deleted", FlagType.BOOLEAN, "deleted_at", List.of())),
                Options.DEFAULTS);
    }

    @Test
    void ordinaryNamesPassOnEveryDialect() {
        for (Dialect d : Dialect.values()) {
            assertThat(UnquotedNames.firstNeedingQuotes(config("groups_", "is_deleted", "group_id"), Catalog.EMPTY,
                    d)).as(d.name()).isNull();
        }
        // words that are keywords somewhere but name columns fine unquoted
        for (String name : new String[] {"name", "type", "status", "value_", "position", "level", "text", "date"}) {
            assertThat(UnquotedNames.needsQuotes(name, Dialect.POSTGRESQL)).as(name).isFalse();
            assertThat(UnquotedNames.needsQuotes(name, Dialect.MARIADB)).as(name).isFalse();
        }
    }

    @Test
    void aReservedWordIsFoundWhereverTheDriverWritesIt() {
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "user"), Catalog.EMPTY,
                Dialect.POSTGRESQL)).isEqualTo("column user of the cascade from grp to members");
        assertThat(UnquotedNames.firstNeedingQuotes(config("order", "is_deleted", "grp_id"), Catalog.EMPTY,
                Dialect.MYSQL)).isEqualTo("table order (soft-delete table order)");
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "current_user", "grp_id"), Catalog.EMPTY,
                Dialect.MARIADB)).isEqualTo("column current_user of soft-delete table grp");
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "value"), Catalog.EMPTY,
                Dialect.H2)).isEqualTo("column value of the cascade from grp to members");
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "key"), Catalog.EMPTY,
                Dialect.POSTGRESQL)).as("key is not reserved in PostgreSQL").isNull();
    }

    @Test
    void theColumnsOfForeignKeysIntoConfiguredTablesCountToo() {
        ForeignKey key = new ForeignKey("fk_owner", TableName.parse("notes"), List.of("user"),
                TableName.parse("members"), List.of("id"), ForeignKey.OnDelete.RESTRICT)
                .configured(null, TableName.parse("members"));
        Catalog catalog = new Catalog(Map.of(), Map.of(), List.of(key), List.of());
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "grp_id"), catalog,
                Dialect.POSTGRESQL)).isEqualTo("column user of foreign key fk_owner of notes into members");
    }

    /**
     * The catalog's names are written as it stores them. A schema "MixT" reached through the search path came out as
     * MixT, which PostgreSQL folds to mixt: the steps reached another schema's tables, and purge let a cascade remove
     * live rows. MySQL keeps the case of a name without quotes.
     */
    @Test
    void aCatalogNameWithCapitalsNeedsQuotesOnPostgreSql() {
        ForeignKey key = new ForeignKey("orders_customer", new TableName("MixT", "orders"), List.of("customer_id"),
                new TableName("MixT", "customers"), List.of("id"), ForeignKey.OnDelete.CASCADE)
                .configured(null, TableName.parse("customers"));
        Catalog catalog = new Catalog(Map.of(), Map.of(), List.of(key), List.of());
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "grp_id"), catalog,
                Dialect.POSTGRESQL)).isEqualTo("schema MixT (foreign key orders_customer of MixT.orders into"
                        + " MixT.customers)");
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "grp_id"), catalog, Dialect.MARIADB))
                .isNull();
        // H2 folds to upper case by default (to lower with DATABASE_TO_LOWER, not at all when case-insensitive)
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "grp_id"), catalog, Dialect.H2,
                UnquotedNames.Folding.UPPER)).isEqualTo("table MixT.orders (foreign key orders_customer of MixT.orders"
                        + " into MixT.customers)");
        assertThat(UnquotedNames.firstNeedingQuotes(config("grp", "is_deleted", "grp_id"), catalog, Dialect.H2,
                UnquotedNames.Folding.NONE)).isNull();
    }

    @Test
    void mySqlEightsOwnReservedWordsAreFineOnMariaDb() {
        for (String word : new String[] {"groups", "rank", "system", "function", "row", "window"}) {
            assertThat(UnquotedNames.needsQuotes(word, Dialect.MYSQL)).as(word).isTrue();
            assertThat(UnquotedNames.needsQuotes(word, Dialect.MARIADB)).as(word).isFalse();
        }
        assertThat(UnquotedNames.needsQuotes("current_user", Dialect.MARIADB)).isTrue();
    }

    @Test
    void aNameWithCharactersThatNeedQuotesIsFound() {
        assertThat(UnquotedNames.needsQuotes("order lines", Dialect.POSTGRESQL)).isTrue();
        assertThat(UnquotedNames.needsQuotes("naïve", Dialect.MARIADB)).isTrue();
        assertThat(UnquotedNames.needsQuotes("_x$1", Dialect.MARIADB)).isFalse();
    }
}
