package dev.softdelete.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.softdelete.it.support.ConfigFile;
import dev.softdelete.it.support.CustomerTable;
import dev.softdelete.it.support.OnEachDatabase;
import dev.softdelete.it.support.Sql;
import dev.softdelete.it.support.TestDatabase;
import dev.softdelete.it.support.ThroughDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The driver behind HikariCP, configured the way an operator would: {@code driverClassName} and a
 * {@code jdbc:softdelete:} URL, the configuration file passed as a data source property.
 */
@OnEachDatabase
class HikariPoolIT {
    private static final String DRIVER_CLASS = "dev.softdelete.jdbc.SoftDeleteDriver";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    private Connection raw;
    private HikariDataSource pool;
    private CustomerTable customers;

    @BeforeEach
    void setUp() throws Exception {
        String url = database.rawUrl();
        raw = DriverManager.getConnection(url);
        customers = new CustomerTable(database, "sdit_pool_customers").recreate(raw)
            .insert(raw, 1, "Ada", "north")
            .insert(raw, 2, "Grace", "north")
            .insert(raw, 3, "Linus", "south");
        HikariConfig config = new HikariConfig();
        config.setPoolName("softdelete-it-" + database.name().toLowerCase());
        config.setDriverClassName(DRIVER_CLASS);
        config.setJdbcUrl(ThroughDriver.url(url));
        config.addDataSourceProperty(ThroughDriver.CONFIG_PROPERTY, ConfigFile.write(dir, customers.name()).toString());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(10_000);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (HikariDataSource p = pool; Connection r = raw) {
            // closes both
        }
    }

    @Test
    void deleteThroughThePoolIsSoft() throws Exception {
        try (Connection c = pool.getConnection()) {
            assertThat(Sql.update(c, "DELETE FROM " + customers.name() + " WHERE id = 2")).isEqualTo(1);
        }
        try (Connection c = pool.getConnection()) {
            assertThat(Sql.longs(c, "SELECT id FROM " + customers.name() + " ORDER BY id")).containsExactly(1L, 3L);
            assertThat(Sql.update(c, "DELETE FROM " + customers.name() + " WHERE id = 2")).isZero();
        }
        assertThat(customers.stored(raw, 2).deleted()).as("raw: row 2 is stored and marked").isTrue();
        assertThat(customers.stored(raw, 2).deletedAt()).isNotNull();
    }

    @Test
    void pooledConnectionUnwrapsToTheVendorConnection() throws Exception {
        try (Connection c = pool.getConnection()) {
            switch (database) {
                case POSTGRESQL:
                    assertThat(c.isWrapperFor(org.postgresql.PGConnection.class)).isTrue();
                    assertThat(c.unwrap(org.postgresql.PGConnection.class).getBackendPID()).isPositive();
                    break;
                case MARIADB:
                    assertThat(c.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)).isTrue();
                    assertThat(c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getServerVersion()).isNotNull();
                    break;
                default:
                    throw new IllegalStateException(database.name());
            }
        }
    }
}
