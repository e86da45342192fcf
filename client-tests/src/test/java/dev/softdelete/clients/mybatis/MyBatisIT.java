package dev.softdelete.clients.mybatis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.clients.support.BothSides;
import dev.softdelete.clients.support.Engine;
import dev.softdelete.clients.support.OnEachTarget;
import dev.softdelete.clients.support.ShopDatabases;
import dev.softdelete.clients.support.Target;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * MyBatis 3.5 with the mapper XML {@code ShopMapper.xml}: dynamic SQL ({@code <where>}, {@code <if>},
 * {@code <foreach>}, {@code <choose>}, {@code <set>}) for reads, deletes, updates and inserts, through MyBatis' own
 * pooled data source. One session factory on the hard database's raw URL, one on the driver's; every scenario must
 * observe the same on both.
 */
@OnEachTarget
class MyBatisIT {
    private static BothSides<SqlSessionFactory> mybatis;

    @Parameter
    Target target;

    private ShopDatabases shop;

    @BeforeParameterizedClassInvocation
    static void openFactories(Target target) throws SQLException {
        if (!target.tryReach()) {
            return; // each test then reports why, as skipped (or failed when databases are required)
        }
        ShopDatabases shop = ShopDatabases.of(target);
        String vendorDriver = shop.engine() == Engine.POSTGRESQL ? "org.postgresql.Driver" : "com.mysql.cj.jdbc.Driver";
        mybatis = new BothSides<>(factory("hard", vendorDriver, shop.hardUrl()),
                factory("soft", ShopDatabases.DRIVER_CLASS, shop.softUrl()));
    }

    @AfterParameterizedClassInvocation
    static void closeFactories() {
        if (mybatis != null) {
            for (SqlSessionFactory f : mybatis.both()) {
                ((PooledDataSource) f.getConfiguration().getEnvironment().getDataSource()).forceCloseAll();
            }
            mybatis = null;
        }
    }

    static SqlSessionFactory factory(String name, String driverClass, String url) {
        PooledDataSource dataSource = new PooledDataSource(driverClass, url, null, null);
        Configuration configuration = new Configuration(new Environment(name, new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.addInterceptor(new RecordingInterceptor());
        configuration.addMapper(ShopMapper.class);
        return new SqlSessionFactoryBuilder().build(configuration);
    }

    @BeforeEach
    void resetShop() throws SQLException {
        shop = ShopDatabases.of(target);
        shop.reset();
    }

    /** Runs {@code work} with the mapper of an auto-commit session, on both sides. */
    private <T> T same(String what, Function<ShopMapper, T> work) {
        return mybatis.same(what, factory -> {
            try (SqlSession session = factory.openSession(true)) {
                return work.apply(session.getMapper(ShopMapper.class));
            }
        });
    }

    private <T> T sameAndNotEmpty(String what, Function<ShopMapper, T> work) {
        T value = same(what, work);
        assertThat(value).as(what).isNotNull();
        if (value instanceof List) {
            assertThat((List<?>) value).as(what).isNotEmpty();
        }
        if (value instanceof Number) {
            assertThat(((Number) value).longValue()).as(what).isNotZero();
        }
        return value;
    }

    private static <T> List<String> strings(List<T> rows) {
        return rows.stream().map(String::valueOf).collect(Collectors.toList());
    }

    @Test
    void dynamicSelectsSeeOnlyLiveRows() throws SQLException {
        shop.deleteOnBoth("DELETE FROM customers WHERE id = 4", "DELETE FROM orders WHERE id IN (2, 12)",
                "DELETE FROM order_lines WHERE id = 10");
        sameAndNotEmpty("no criterion: <where> drops out", m -> strings(m.findOrders(new OrderFilter())));
        sameAndNotEmpty("<foreach> over customers", m -> strings(m.findOrders(new OrderFilter().customers(1L, 4L, 6L))));
        sameAndNotEmpty("statuses and a minimum total", m -> strings(m.findOrders(new OrderFilter()
                .statuses("NEW", "PAID").minTotal("500"))));
        sameAndNotEmpty("placed after a date", m -> strings(m.findOrders(new OrderFilter()
                .placedAfter(LocalDate.of(2024, 9, 1)))));
        sameAndNotEmpty("summaries over three joined tables", m -> strings(m.customerSummaries(null)));
        sameAndNotEmpty("summaries of US customers", m -> strings(m.customerSummaries("US")));
        sameAndNotEmpty("<choose>: otherwise", m -> m.countLines(null));
        sameAndNotEmpty("<choose>: when", m -> m.countLines(List.of(2L, 3L, 4L, 7L)));
    }

    @Test
    void dynamicDeletesSoftDeleteAndCascade() throws Exception {
        assertThat(this.<Integer>same("delete by ids", m -> m.deleteOrders(List.of(1L, 2L, 99L), null))).isEqualTo(2);
        sameAndNotEmpty("delete by status", m -> m.deleteOrders(null, "CANCELLED"));
        sameAndNotEmpty("delete ids with a status", m -> m.deleteOrders(List.of(3L, 4L, 6L), "PAID"));
        assertThat(this.<Integer>same("delete customers of two countries", m -> m.deleteCustomersIn(List.of("US", "FI"))))
                .isEqualTo(4);
        sameAndNotEmpty("what is left", m -> strings(m.findOrders(new OrderFilter())));
        mybatis.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("customers")).containsExactly(2L, 3L, 4L, 6L);
    }

    @Test
    void aDeleteWhoseConditionsAllDropOutDeletesEverythingSoftly() throws Exception {
        assertThat(this.<Integer>same("DELETE FROM orders with an empty <where>", m -> m.deleteOrders(null, null)))
                .isEqualTo(20);
        assertThat(this.<List<String>>same("no order is visible", m -> strings(m.findOrders(new OrderFilter()))))
                .isEmpty();
        assertThat(this.<Long>same("no line is visible", m -> m.countLines(null))).isZero();
        mybatis.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("order_lines")).as("all lines by the cascade map").hasSize(47);
        assertThat(shop.deletionTimestamps("orders", "order_lines")).as("one delete event").hasSize(1);
    }

    @Test
    void deleteWithSubqueriesBuiltByForeach() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id = 7");
        sameAndNotEmpty("lines of desks and rugs in paid orders",
                m -> m.deleteLinesOfProducts(List.of("Desk", "Rug"), "PAID"));
        sameAndNotEmpty("lines of pens anywhere", m -> m.deleteLinesOfProducts(List.of("Pen"), null));
        mybatis.verify(shop::assertSameShop);
    }

    @Test
    void updateWithSetChangesOnlyLiveRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (9, 12)");
        sameAndNotEmpty("NEW to OPEN for big orders, bumping the version", m -> m.updateStatus("NEW", "OPEN",
                new BigDecimal("500")));
        sameAndNotEmpty("PAID to DONE", m -> m.updateStatus("PAID", "DONE", null));
        mybatis.verify(shop::assertSameShop);
    }

    @Test
    void insertWithGeneratedKeysThenDeleteIt() throws Exception {
        Long id = same("insert an order, key generated", m -> {
            OrderRow row = new OrderRow(8L, "NEW", "42.00", LocalDate.of(2025, 3, 1));
            m.insertOrder(row);
            return row.getId();
        });
        assertThat(id).isEqualTo(1000L);
        assertThat(this.<Integer>same("delete it", m -> m.deleteOrders(List.of(id), "NEW"))).isEqualTo(1);
        assertThat(this.<List<String>>same("find it", m -> strings(m.findOrders(new OrderFilter().customers(8L)))))
                .isEmpty();
        mybatis.verify(shop::assertSameShop);
    }

    @Test
    void batchExecutorGivesTheSameCountsPerStatement() throws Exception {
        String counts = mybatis.same("deletes and an update in one BATCH session", factory -> {
            try (SqlSession session = factory.openSession(ExecutorType.BATCH, false)) {
                ShopMapper m = session.getMapper(ShopMapper.class);
                m.deleteOrders(List.of(1L), null);
                m.deleteOrders(List.of(2L), null);
                m.deleteOrders(List.of(1L, 3L), null);
                m.updateStatus("PAID", "DONE", null);
                List<BatchResult> results = session.flushStatements();
                session.commit();
                return results.stream().map(r -> Arrays.toString(r.getUpdateCounts()))
                        .collect(Collectors.joining(" "));
            }
        });
        assertThat(counts).isNotBlank();
        mybatis.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("orders")).containsExactly(1L, 2L, 3L);
    }
}
