package dev.softdelete.clients.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.clients.model.Customer;
import dev.softdelete.clients.model.PurchaseOrder;
import dev.softdelete.clients.spring.app.CustomerRepository;
import dev.softdelete.clients.spring.app.OrderRepository;
import dev.softdelete.clients.spring.app.RecordingStatementInspector;
import dev.softdelete.clients.spring.app.ShopApplication;
import dev.softdelete.clients.support.BothSides;
import dev.softdelete.clients.support.OnEachTarget;
import dev.softdelete.clients.support.ShopDatabases;
import dev.softdelete.clients.support.Target;
import dev.softdelete.jdbc.SoftDeleteConnection;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Spring Boot 4 application ({@link ShopApplication}) with Spring Data JPA and HikariCP, configured by properties
 * only, started twice per database: on the hard database's raw URL, and on the soft one's {@code jdbc:softdelete:}
 * URL. Its schema and seed scripts run at start-up through whichever URL it has; its repositories must then observe
 * the same on both.
 */
@OnEachTarget
class SpringBootIT {
    private static BothSides<ConfigurableApplicationContext> apps;
    /** Both databases' stored rows right after the applications started, before any test reset them. */
    private static Map<String, List<String>> startupRows;

    @Parameter
    Target target;

    private ShopDatabases shop;

    @BeforeParameterizedClassInvocation
    static void startApplications(Target target) throws SQLException {
        if (!target.tryReach()) {
            return; // each test then reports why, as skipped (or failed when databases are required)
        }
        ShopDatabases shop = ShopDatabases.of(target);
        for (String url : List.of(shop.hardUrl(), shop.softRawUrl())) {
            try (Connection raw = java.sql.DriverManager.getConnection(url); Statement st = raw.createStatement()) {
                // Nothing left from other tests: only the application's scripts can create the shop.
                st.execute("DROP TABLE IF EXISTS reviews, order_lines, orders, customers, products, audit_log");
            }
        }
        Map<String, Object> soft = properties(shop, shop.softUrl(), ShopDatabases.DRIVER_CLASS);
        // Where the driver finds softdelete.yml: the class path is its default; an application may say so.
        soft.put("spring.datasource.hikari.data-source-properties.softdelete.config", "classpath:softdelete.yml");
        apps = new BothSides<>(start(properties(shop, shop.hardUrl(), null)), start(soft));
        startupRows = new LinkedHashMap<>();
        try (Connection hard = shop.hard(); Connection softRaw = shop.softRaw()) {
            for (String table : ShopDatabases.TABLES) {
                String all = "SELECT * FROM " + table + " ORDER BY id";
                startupRows.put("hard " + table, ShopDatabases.rows(hard, all));
                startupRows.put("soft " + table, ShopDatabases.rows(softRaw, all));
            }
        }
    }

    @AfterParameterizedClassInvocation
    static void stopApplications() {
        if (apps != null) {
            apps.both().forEach(ConfigurableApplicationContext::close);
            apps = null;
        }
    }

    /** What an operator writes into application.properties; {@code driverClassName} null leaves the key out. */
    static Map<String, Object> properties(ShopDatabases shop, String url, String driverClassName) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", url);
        if (driverClassName != null) {
            p.put("spring.datasource.driver-class-name", driverClassName);
        }
        p.put("spring.datasource.hikari.maximum-pool-size", "2");
        p.put("spring.sql.init.mode", "always");
        p.put("spring.sql.init.schema-locations", "classpath:" + shop.schemaScript());
        p.put("spring.sql.init.data-locations", "classpath:" + ShopDatabases.dataScript());
        p.put("spring.jpa.hibernate.ddl-auto", "none");
        p.put("spring.jpa.open-in-view", "false");
        p.put("spring.jpa.properties.hibernate.session_factory.statement_inspector",
                RecordingStatementInspector.class.getName());
        return p;
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(ShopApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .run();
    }

    @BeforeEach
    void resetShop() throws SQLException {
        shop = ShopDatabases.of(target);
        shop.reset();
    }

    private <T> T same(String what, Function<ConfigurableApplicationContext, T> work) {
        return apps.same(what, work::apply);
    }

    private <T> T sameAndNotEmpty(String what, Function<ConfigurableApplicationContext, T> work) {
        return apps.sameAndNotEmpty(what, work::apply);
    }

    private static CustomerRepository customers(ConfigurableApplicationContext app) {
        return app.getBean(CustomerRepository.class);
    }

    private static OrderRepository orders(ConfigurableApplicationContext app) {
        return app.getBean(OrderRepository.class);
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.toList());
    }

    @Test
    void theApplicationStartedOnTheDriverAndItsScriptsRanThroughIt() throws SQLException {
        DataSource dataSource = apps.soft().getBean(DataSource.class);
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(((HikariDataSource) dataSource).getJdbcUrl()).startsWith("jdbc:softdelete:");
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.isWrapperFor(SoftDeleteConnection.class)).isTrue();
        }
        for (String table : ShopDatabases.TABLES) {
            assertThat(startupRows.get("soft " + table)).as("%s as the soft application's scripts left it", table)
                    .isNotEmpty().isEqualTo(startupRows.get("hard " + table));
        }
        assertThat(startupRows.get("soft orders")).hasSize(20);
    }

    @Test
    void deleteByIdSoftDeletesAndTheCascadeMapFollows() throws Exception {
        same("deleteById(2)", app -> {
            customers(app).deleteById(2L);
            return "deleted";
        });
        assertThat(this.<Boolean>same("findById(2) is empty", app -> customers(app).findById(2L).isPresent()))
                .isFalse();
        sameAndNotEmpty("orders of US customers", app -> strings(orders(app).findByCustomerCountryOrderById("US")));
        apps.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("orders")).containsExactly(4L, 5L, 18L);
    }

    @Test
    void derivedDeleteQueriesSoftDelete() throws Exception {
        assertThat(this.<Long>same("deleteByCountry(\"US\")", app -> customers(app).deleteByCountry("US")))
                .isEqualTo(3L);
        assertThat(this.<List<String>>same("deleteByStatus(\"CANCELLED\") returns what it removed",
                app -> orders(app).deleteByStatus("CANCELLED").stream().map(o -> String.valueOf(o.getId()))
                        .collect(Collectors.toList()))).containsExactly("1", "14", "15", "20");
        assertThat(this.<Boolean>same("existsByName of a deleted customer", app -> customers(app)
                .existsByName("Grace"))).isFalse();
        apps.verify(shop::assertSameShop);
    }

    @Test
    void modifyingQueriesUpdateAndDeleteOnlyLiveRows() throws Exception {
        shop.deleteOnBoth("DELETE FROM orders WHERE id IN (3, 9)");
        sameAndNotEmpty("@Modifying update", app -> orders(app).renameStatus("NEW", "OPEN"));
        sameAndNotEmpty("@Modifying delete", app -> orders(app).deleteSmallOrders(new BigDecimal("400")));
        apps.verify(shop::assertSameShop);
    }

    @Test
    void deleteAllByIdInBatch() throws Exception {
        same("deleteAllByIdInBatch", app -> {
            orders(app).deleteAllByIdInBatch(List.of(1L, 2L, 99L));
            return "deleted";
        });
        assertThat(this.<Long>same("count()", app -> orders(app).count())).isEqualTo(18L);
        apps.verify(shop::assertSameShop);
    }

    @Test
    void readsHideDeletedRows() throws SQLException {
        shop.deleteOnBoth("DELETE FROM customers WHERE id = 6", "DELETE FROM orders WHERE id IN (2, 11)");
        sameAndNotEmpty("findAll(Sort)", app -> strings(customers(app).findAll(Sort.by("name"))));
        sameAndNotEmpty("count()", app -> orders(app).count());
        assertThat(this.<Boolean>same("existsById of a deleted order", app -> orders(app).existsById(2L))).isFalse();
        assertThat(this.<Boolean>same("existsById of an order deleted by the cascade",
                app -> orders(app).existsById(12L))).isFalse();
        sameAndNotEmpty("a page and its total", app -> {
            Page<PurchaseOrder> page = orders(app).findByStatusNot("CANCELLED", PageRequest.of(1, 4, Sort.by("id")));
            return page.getTotalElements() + " " + strings(page.getContent());
        });
        sameAndNotEmpty("countByStatus", app -> orders(app).countByStatus("PAID"));
        sameAndNotEmpty("native count", app -> orders(app).countNative(1L));
        sameAndNotEmpty("findByCountryOrderByName", app -> strings(customers(app).findByCountryOrderByName("US")));
    }

    @Test
    void aRolledBackTransactionLeavesEverythingVisible() throws Exception {
        sameAndNotEmpty("delete in a transaction that fails, then count", app -> {
            TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            try {
                tx.executeWithoutResult(status -> {
                    customers(app).deleteById(1L);
                    customers(app).flush();
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
            return orders(app).count() + " orders, customer 1 " + customers(app).findById(1L).map(Customer::getName)
                    .orElse("gone");
        });
        apps.verify(shop::assertSameShop);
        assertThat(shop.softDeletedIds("customers")).isEmpty();
    }

    @Test
    void hikariDataSourcePropertiesReachTheDriver() {
        Map<String, Object> properties = properties(shop, shop.softUrl(), ShopDatabases.DRIVER_CLASS);
        properties.put("spring.datasource.hikari.data-source-properties.softdelete.config", "classpath:missing.yml");
        String outcome;
        try (ConfigurableApplicationContext app = start(properties)) {
            outcome = "started with " + app.getBean(DataSource.class);
        } catch (RuntimeException e) {
            outcome = rootCause(e).getMessage();
        }
        assertThat(outcome).as("the driver was asked for the configuration the property names")
                .contains("missing.yml");
    }

    /**
     * Spring Boot derives the driver class from the URL, and knows no {@code jdbc:softdelete:} URL: without
     * {@code spring.datasource.driver-class-name} the application does not start.
     */
    @Test
    void withoutDriverClassNameTheApplicationDoesNotStart() {
        String outcome;
        try (ConfigurableApplicationContext app = start(properties(shop, shop.softUrl(), null))) {
            outcome = "started with " + ((HikariDataSource) app.getBean(DataSource.class)).getDriverClassName();
        } catch (RuntimeException e) {
            outcome = rootCause(e).getMessage();
        }
        assertThat(outcome).isEqualTo("Failed to determine a suitable driver class");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
