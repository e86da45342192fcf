package dev.softdelete.clients.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

import dev.softdelete.clients.support.BothSides;
import dev.softdelete.clients.support.Engine;
import dev.softdelete.clients.support.OnEachTarget;
import dev.softdelete.clients.support.ShopDatabases;
import dev.softdelete.clients.support.SqlLog;
import dev.softdelete.clients.support.Target;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.Parameter;

/**
 * jOOQ 3.19 without code generation: tables and columns by name, qualified with the schema ({@code "public"} on
 * PostgreSQL, the database on MySQL and MariaDB) and quoted as jOOQ does by default. Every scenario runs per dialect
 * that fits the server (POSTGRES; MARIADB and MYSQL rendering against MariaDB; MYSQL against MySQL), on the hard
 * reference and through the driver, from the same seed rows, and must observe the same.
 */
@OnEachTarget
class JooqIT {
    private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);

    @Parameter
    Target target;

    private ShopDatabases shop;

    @BeforeEach
    void setUp() throws SQLException {
        if (target.tryReach()) {
            shop = ShopDatabases.of(target);
        }
    }

    /** Without a database: one dynamic test, which reports why (skipped, or failed when databases are required). */
    private Stream<DynamicTest> unreachable() {
        return Stream.of(DynamicTest.dynamicTest("no database", () -> ShopDatabases.of(target)));
    }

    /** One side: a DSLContext on a connection, and the schema that qualifies the shop's tables there. */
    static final class Db {
        final DSLContext ctx;
        final String schema;

        Db(Connection c, SQLDialect dialect, Engine engine) throws SQLException {
            this.ctx = DSL.using(new DefaultConfiguration().set(c).set(dialect)
                    .set(new Settings().withExecuteLogging(false))
                    .set(ExecuteListener.onRenderEnd(e -> SqlLog.record(e.sql()))));
            this.schema = engine == Engine.POSTGRESQL ? "public" : c.getCatalog();
        }

        /** {@code "schema"."name"}. */
        Table<Record> table(String name) {
            return DSL.table(name(schema, name));
        }

        /** {@code "schema"."name" as "alias"}. */
        Table<Record> table(String name, String alias) {
            return table(name).as(alias);
        }
    }

    @FunctionalInterface
    interface Scenario {
        void run(BothSides<Db> db, SQLDialect dialect) throws Exception;
    }

    private List<SQLDialect> dialects() {
        switch (shop.engine()) {
            case POSTGRESQL:
                return List.of(SQLDialect.POSTGRES);
            case MARIADB:
                return List.of(SQLDialect.MARIADB, SQLDialect.MYSQL);
            default:
                return List.of(SQLDialect.MYSQL);
        }
    }

    /** One dynamic test per dialect, each from freshly seeded databases. */
    private Stream<DynamicTest> perDialect(List<SQLDialect> dialects, Scenario scenario) {
        return dialects.stream().map(dialect -> DynamicTest.dynamicTest(dialect.name(), () -> {
            shop.reset();
            try (Connection hard = shop.hard(); Connection soft = shop.soft()) {
                scenario.run(new BothSides<>(new Db(hard, dialect, shop.engine()),
                        new Db(soft, dialect, shop.engine())), dialect);
            }
        }));
    }

    private Stream<DynamicTest> perDialect(Scenario scenario) {
        if (shop == null) {
            return unreachable();
        }
        return perDialect(dialects(), scenario);
    }

    private static <T> Field<T> f(String qualifier, String column, org.jooq.DataType<T> type) {
        return field(name(qualifier, column), type);
    }

    private static Field<Long> id(String qualifier) {
        return f(qualifier, "id", SQLDataType.BIGINT);
    }

    private static List<String> rows(Result<? extends Record> result) {
        return result.stream().map(r -> Arrays.toString(r.intoArray())).collect(Collectors.toList());
    }

    private static List<String> fetch(Db db, java.util.function.Function<DSLContext, ResultQuery<?>> query) {
        return rows(query.apply(db.ctx).fetch());
    }

    @TestFactory
    Stream<DynamicTest> qualifiedQuotedNamesInJoinsAndAggregates() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM customers WHERE id = 2", "DELETE FROM orders WHERE id = 13");
            String rendered = db.soft().ctx.render(db.soft().ctx.selectCount().from(db.soft().table("orders")));
            assertThat(rendered).as("jOOQ's qualified, quoted table name").contains(
                    dialect == SQLDialect.POSTGRES ? "\"public\".\"orders\"" : "`softdelete_clients_soft`.`orders`");
            db.sameAndNotEmpty("customers and their order counts (left join)", s -> fetch(s, ctx -> ctx
                    .select(f("c", "name", SQLDataType.VARCHAR), count(id("o")))
                    .from(s.table("customers", "c"))
                    .leftJoin(s.table("orders", "o")).on(f("o", "customer_id", SQLDataType.BIGINT).eq(id("c")))
                    .groupBy(f("c", "name", SQLDataType.VARCHAR))
                    .orderBy(f("c", "name", SQLDataType.VARCHAR))));
            db.sameAndNotEmpty("columns qualified with schema and table, no alias", s -> fetch(s, ctx -> ctx
                    .select(field(name(s.schema, "orders", "id"), SQLDataType.BIGINT))
                    .from(s.table("orders"))
                    .join(s.table("customers")).on(field(name(s.schema, "orders", "customer_id"))
                            .eq(field(name(s.schema, "customers", "id"))))
                    .where(field(name(s.schema, "customers", "country"), SQLDataType.VARCHAR).eq("US"))
                    .orderBy(field(name(s.schema, "orders", "id")))));
        });
    }

    @TestFactory
    Stream<DynamicTest> fetchCountAndFetchExists() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE status = 'PAID'", "DELETE FROM customers WHERE id = 7");
            db.sameAndNotEmpty("fetchCount of a select", s -> s.ctx.fetchCount(s.ctx.selectFrom(s.table("orders"))
                    .where(f("orders", "total", SQLDataType.DECIMAL).gt(new BigDecimal("300")))));
            db.sameAndNotEmpty("fetchCount of a table", s -> s.ctx.fetchCount(s.table("order_lines")));
            assertThat(db.<Boolean>same("fetchExists of a deleted customer's orders", s -> s.ctx.fetchExists(
                    selectOne().from(s.table("orders", "o")).where(f("o", "customer_id", SQLDataType.BIGINT).eq(7L)))))
                    .isFalse();
            assertThat(db.<Boolean>same("fetchExists of a live customer's orders", s -> s.ctx.fetchExists(
                    s.table("orders"), field(name("customer_id"), SQLDataType.BIGINT).eq(1L)))).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> windowFunctions() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE id IN (2, 8, 13)");
            Field<BigDecimal> total = f("o", "total", SQLDataType.DECIMAL);
            Field<Long> customer = f("o", "customer_id", SQLDataType.BIGINT);
            db.sameAndNotEmpty("row_number and a running sum per customer", s -> fetch(s, ctx -> ctx
                    .select(id("o"), customer,
                            rowNumber().over().partitionBy(customer).orderBy(total.desc(), id("o")),
                            sum(total).over().partitionBy(customer))
                    .from(s.table("orders", "o"))
                    .orderBy(customer, id("o"))));
        });
    }

    @TestFactory
    Stream<DynamicTest> offsetFetchPagination() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE id IN (3, 4, 5)");
            ResultQuery<?> page = db.soft().ctx.selectFrom(db.soft().table("orders")).orderBy(ID).offset(2).limit(5);
            // jOOQ renders the standard form for PostgreSQL and MariaDB (10.6+), LIMIT for MySQL.
            assertThat(db.soft().ctx.render(page)).contains(dialect == SQLDialect.MYSQL ? "limit" : "fetch next");
            db.sameAndNotEmpty("third to seventh live order", s -> fetch(s, ctx -> ctx
                    .selectFrom(s.table("orders")).orderBy(ID).offset(2).limit(5)));
            db.sameAndNotEmpty("top three customers by spend", s -> fetch(s, ctx -> ctx
                    .select(f("c", "name", SQLDataType.VARCHAR), sum(f("o", "total", SQLDataType.DECIMAL)).as("spent"))
                    .from(s.table("customers", "c")).join(s.table("orders", "o"))
                    .on(f("o", "customer_id", SQLDataType.BIGINT).eq(id("c")))
                    .groupBy(f("c", "name", SQLDataType.VARCHAR))
                    .orderBy(field(name("spent")).desc())
                    .limit(3)));
        });
    }

    @TestFactory
    Stream<DynamicTest> lateralJoin() {
        // PostgreSQL, and MySQL from 8.0.14; MariaDB has no LATERAL.
        if (shop == null) {
            return unreachable();
        }
        List<SQLDialect> dialects = shop.engine() == Engine.MARIADB ? List.of() : dialects();
        return perDialect(dialects, (db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE id IN (2, 9)");
            db.sameAndNotEmpty("each customer's biggest live order", s -> fetch(s, ctx -> ctx
                    .select(f("c", "name", SQLDataType.VARCHAR), f("x", "total", SQLDataType.DECIMAL))
                    .from(s.table("customers", "c"))
                    .crossJoin(lateral(select(f("o", "total", SQLDataType.DECIMAL))
                            .from(s.table("orders", "o"))
                            .where(f("o", "customer_id", SQLDataType.BIGINT).eq(id("c")))
                            .orderBy(f("o", "total", SQLDataType.DECIMAL).desc())
                            .limit(1)).as("x"))
                    .orderBy(f("c", "name", SQLDataType.VARCHAR))));
        });
    }

    @TestFactory
    Stream<DynamicTest> unionOfConfiguredAndPlainTables() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM customers WHERE country = 'US'");
            db.sameAndNotEmpty("names of customers and products", s -> fetch(s, ctx -> ctx
                    .select(f("c", "name", SQLDataType.VARCHAR)).from(s.table("customers", "c"))
                    .unionAll(select(f("p", "name", SQLDataType.VARCHAR)).from(s.table("products", "p")))
                    .orderBy(1)));
        });
    }

    @TestFactory
    Stream<DynamicTest> deleteFromAnAliasedTable() {
        return perDialect((db, dialect) -> {
            db.sameAndNotEmpty("deleteFrom(orders.as(\"x\"))", s -> s.ctx.deleteFrom(s.table("orders", "x"))
                    .where(f("x", "status", SQLDataType.VARCHAR).eq("CANCELLED")).execute());
            db.verify(shop::assertSameShop);
            assertThat(shop.softDeletedIds("orders")).containsExactly(1L, 5L, 14L, 15L, 20L);
        });
    }

    @TestFactory
    Stream<DynamicTest> deleteUsingAnotherTable() {
        return perDialect((db, dialect) -> {
            db.sameAndNotEmpty("deleteFrom(orders).using(customers)", s -> s.ctx.deleteFrom(s.table("orders"))
                    .using(s.table("customers"))
                    .where(field(name(s.schema, "orders", "customer_id")).eq(field(name(s.schema, "customers", "id"))))
                    .and(field(name(s.schema, "customers", "country"), SQLDataType.VARCHAR).eq("US"))
                    .execute());
            db.verify(shop::assertSameShop);
            assertThat(shop.softDeletedIds("orders")).containsExactly(4L, 5L, 7L, 8L, 9L, 10L, 12L, 13L, 18L, 19L);
        });
    }

    @TestFactory
    Stream<DynamicTest> deleteWithASubqueryAndAParameterBatch() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE id = 4");
            db.sameAndNotEmpty("delete the lines of US customers' orders", s -> s.ctx.deleteFrom(s.table("order_lines"))
                    .where(field(name("order_id"), SQLDataType.BIGINT).in(select(id("o"))
                            .from(s.table("orders", "o")).join(s.table("customers", "c"))
                            .on(f("o", "customer_id", SQLDataType.BIGINT).eq(id("c")))
                            .where(f("c", "country", SQLDataType.VARCHAR).eq("US"))))
                    .execute());
            db.same("a batch of deletes by key", s -> Arrays.toString(s.ctx.batch(
                    s.ctx.deleteFrom(s.table("customers")).where(ID.eq((Long) null)))
                    .bind(1L).bind(99L).bind(6L).bind(1L).execute()));
            db.verify(shop::assertSameShop);
        });
    }

    @TestFactory
    Stream<DynamicTest> updateJoinedWithAnotherTable() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE id IN (4, 7)", "DELETE FROM customers WHERE id = 6");
            db.sameAndNotEmpty("mark the orders of US customers", s -> {
                Table<Record> o = s.table("orders", "o");
                Table<Record> c = s.table("customers", "c");
                Query update = dialect == SQLDialect.POSTGRES
                        ? s.ctx.update(o).set(f("o", "status", SQLDataType.VARCHAR), inline("US")).from(c)
                                .where(f("o", "customer_id", SQLDataType.BIGINT).eq(id("c")))
                                .and(f("c", "country", SQLDataType.VARCHAR).eq("US"))
                        : s.ctx.update(o.join(c).on(f("o", "customer_id", SQLDataType.BIGINT).eq(id("c"))))
                                .set(f("o", "status", SQLDataType.VARCHAR), inline("US"))
                                .where(f("c", "country", SQLDataType.VARCHAR).eq("US"));
                return update.execute();
            });
            db.verify(shop::assertSameShop);
        });
    }

    @TestFactory
    Stream<DynamicTest> insertSelectReadsOnlyLiveRows() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE status = 'NEW' AND total > 1000");
            db.sameAndNotEmpty("insert into audit_log select from orders", s -> s.ctx
                    .insertInto(s.table("audit_log"), field(name("message"), SQLDataType.VARCHAR))
                    .select(select(DSL.concat(inline("new order "), id("o").cast(SQLDataType.VARCHAR(20))))
                            .from(s.table("orders", "o")).where(f("o", "status", SQLDataType.VARCHAR).eq("NEW")))
                    .execute());
            db.verify(shop::assertSameShop);
        });
    }

    @TestFactory
    Stream<DynamicTest> selectForUpdateInATransaction() {
        return perDialect((db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM orders WHERE id = 1");
            db.sameAndNotEmpty("lock customer 1's live orders", s -> s.ctx.transactionResult(cfg -> rows(DSL.using(cfg)
                    .selectFrom(s.table("orders")).where(field(name("customer_id"), SQLDataType.BIGINT).eq(1L))
                    .orderBy(ID).forUpdate().fetch())));
        });
    }

    @TestFactory
    Stream<DynamicTest> upsertsOnThePrimaryKeyAreRefused() {
        // customers has no unique key but its primary key, which soft-deleted rows still hold: an upsert on it could
        // update a deleted row (losing what it held) where the hard-deleted table would insert. The driver refuses it
        // and names the key; UpsertIT (integration-tests) shows upserts on a soft-delete-aware key working.
        // MySQL's rendering (a row alias, MySQL 8.0.19+) is not valid on MariaDB: MariaDB gets the MARIADB one only.
        if (shop == null) {
            return unreachable();
        }
        List<SQLDialect> dialects = shop.engine() == Engine.MARIADB ? List.of(SQLDialect.MARIADB) : dialects();
        return perDialect(dialects, (db, dialect) -> {
            shop.deleteOnBoth("DELETE FROM customers WHERE id = 8");
            Field<String> name = field(name("name"), SQLDataType.VARCHAR);
            Field<String> country = field(name("country"), SQLDataType.VARCHAR);
            for (long id : new long[] {1L, 8L}) {
                assertThatThrownBy(() -> db.soft().ctx
                        .insertInto(db.soft().table("customers"), ID, name, country)
                        .values(id, "Timothy", "GB")
                        .onConflict(ID).doUpdate()
                        .set(name, "Timothy (updated)")
                        .execute())
                        .as("upsert of customer %d on the primary key", id)
                        .hasMessageContaining("still holds the keys of soft-deleted rows")
                        .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("SD001"));
            }
            db.verify(shop::assertSameShop);
        });
    }
}
