package dev.softdelete.clients.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.clients.support.BothSides;
import dev.softdelete.clients.support.Engine;
import dev.softdelete.clients.support.OnEachTarget;
import dev.softdelete.clients.support.ShopDatabases;
import dev.softdelete.clients.support.Target;
import dev.softdelete.jdbc.SoftDeleteConnection;
import dev.softdelete.jdbc.Visibility;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HikariCP in front of the driver, configured only with {@code jdbcUrl=jdbc:softdelete:...}, once with
 * {@code driverClassName} and once without (Hikari then asks {@code DriverManager}, which finds the driver through
 * its service entry). The reference is a pool on the hard database's raw URL. A pool of one connection makes every
 * borrow reuse the same physical connection.
 */
@OnEachTarget
class HikariPoolIT {
    @Parameter
    Target target;

    private ShopDatabases shop;
    private BothSides<HikariDataSource> pools;

    @BeforeEach
    void setUp() throws SQLException {
        shop = ShopDatabases.of(target);
        shop.reset();
    }

    @AfterEach
    void tearDown() {
        if (pools != null) {
            pools.both().forEach(HikariDataSource::close);
        }
    }

    private void open(boolean withDriverClassName) {
        HikariConfig soft = config("soft", shop.softUrl());
        if (withDriverClassName) {
            soft.setDriverClassName(ShopDatabases.DRIVER_CLASS);
        }
        pools = new BothSides<>(new HikariDataSource(config("hard", shop.hardUrl())), new HikariDataSource(soft));
    }

    private static HikariConfig config(String name, String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("clients-" + name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(10_000);
        return config;
    }

    @ParameterizedTest(name = "driverClassName set: {0}")
    @ValueSource(booleans = {true, false})
    void pooledConnectionsDeleteSoftlyAndReadLikeTheReference(boolean withDriverClassName) throws SQLException {
        open(withDriverClassName);
        int deleted = pools.same("DELETE through a pooled connection", pool -> {
            try (Connection c = pool.getConnection(); PreparedStatement ps =
                    c.prepareStatement("DELETE FROM customers WHERE country = ?")) {
                ps.setString(1, "US");
                return ps.executeUpdate();
            }
        });
        assertThat(deleted).isEqualTo(3);
        pools.same("a transaction on the same pooled connection, rolled back", pool -> {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                int count;
                try (Statement st = c.createStatement()) {
                    count = st.executeUpdate("DELETE FROM orders WHERE status = 'NEW'");
                }
                c.rollback();
                return count;
            }
        });
        pools.sameAndNotEmpty("reads on the reused connection", pool -> {
            try (Connection c = pool.getConnection()) {
                return ShopDatabases.rows(c, "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id"
                        + " WHERE o.status <> 'CANCELLED' ORDER BY o.id");
            }
        });
        shop.assertSameShop();
        assertThat(shop.softDeletedIds("orders")).containsExactly(4L, 5L, 7L, 8L, 9L, 10L, 12L, 13L, 18L, 19L);
    }

    @ParameterizedTest(name = "driverClassName set: {0}")
    @ValueSource(booleans = {true, false})
    void unwrapThroughThePoolReachesTheDriverAndTheVendorConnection(boolean withDriverClassName) throws Exception {
        open(withDriverClassName);
        shop.deleteOnBoth("DELETE FROM orders WHERE id = 1");
        try (Connection c = pools.soft().getConnection()) {
            assertThat(c.isWrapperFor(SoftDeleteConnection.class)).isTrue();
            SoftDeleteConnection driver = c.unwrap(SoftDeleteConnection.class);
            assertThat(driver.getVisibility()).isEqualTo(Visibility.ACTIVE);

            Class<?> vendorType = shop.engine() == Engine.POSTGRESQL
                    ? org.postgresql.PGConnection.class : com.mysql.cj.jdbc.JdbcConnection.class;
            assertThat(c.isWrapperFor(vendorType)).isTrue();
            Object unwrapped = c.unwrap(vendorType);
            assertThat(unwrapped).isInstanceOf(Connection.class).isNotSameAs(c)
                    .isNotInstanceOf(SoftDeleteConnection.class);
            Connection vendor = (Connection) unwrapped;
            if (vendor instanceof org.postgresql.PGConnection) {
                assertThat(((org.postgresql.PGConnection) vendor).getBackendPID()).isPositive();
            }

            String count = "SELECT COUNT(*) FROM orders";
            assertThat(longs(c, count)).as("through the driver").containsExactly(19L);
            assertThat(longs(vendor, count)).as("on the vendor connection: not rewritten").containsExactly(20L);
        }
        try (Connection c = pools.hard().getConnection()) {
            assertThat(longs(c, "SELECT COUNT(*) FROM orders")).as("reference").containsExactly(19L);
        }
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
        }
        return values;
    }
}
