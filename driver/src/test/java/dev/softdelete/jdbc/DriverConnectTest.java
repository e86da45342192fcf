package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connect}: the configuration lookup and its errors (SQLState SD000), the {@code softdelete.*} properties
 * and the properties that reach the database's driver.
 */
class DriverConnectTest {
    private final SoftDeleteDriver driver = new SoftDeleteDriver();

    @Test
    void aMissingConfigurationFileRefusesTheConnection(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yml");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, missing.toString());

        assertThatThrownBy(() -> driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("file not found")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"));
    }

    @Test
    void anInvalidConfigurationNamesFileLineAndKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"),
                "version: 1\ntables:\n  orders:\n    flag-type: yes-please\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());

        assertThatThrownBy(() -> driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(file + ":4:")
                .hasMessageContaining("tables.orders.flag-type")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"))
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(dev.softdelete.config.ConfigException.class));
    }

    @Test
    void aConfigurationFileInATempDirectoryIsUsed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  invoices: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());

        try (Connection connection = driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void theConfigurationMayBeNamedInTheUrl() throws SQLException {
        String url = TestDatabases.softDeleteUrl(TestDatabases.newH2Url()) + ";softdelete.config="
                + TestDatabases.CONFIG;

        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void theUrlWinsOverTheProperties(@TempDir Path dir) throws SQLException {
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, dir.resolve("missing.yml").toString());
        String url = TestDatabases.softDeleteUrl(TestDatabases.newH2Url()) + ";softdelete.config="
                + TestDatabases.CONFIG;

        try (Connection connection = driver.connect(url, info)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void theInitialVisibilityComesFromTheProperties() throws SQLException {
        Properties info = TestDatabases.configProperties();
        info.setProperty(SoftDeleteDriver.VISIBILITY_PROPERTY, "include-deleted");

        try (Connection connection = driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info)) {
            assertThat(connection.unwrap(SoftDeleteConnection.class).getVisibility())
                    .isEqualTo(Visibility.INCLUDE_DELETED);
        }
    }

    @Test
    void theInitialVisibilityMayBeNamedInTheUrl() throws SQLException {
        String url = TestDatabases.softDeleteUrl(TestDatabases.newH2Url()) + ";softdelete.visibility=only-deleted";

        try (Connection connection = driver.connect(url, TestDatabases.configProperties())) {
            assertThat(connection.unwrap(SoftDeleteConnection.class).getVisibility())
                    .isEqualTo(Visibility.ONLY_DELETED);
        }
    }

    @Test
    void theDefaultVisibilityIsActive() throws SQLException {
        try (Connection connection = TestDatabases.open()) {
            assertThat(connection.unwrap(SoftDeleteConnection.class).getVisibility()).isEqualTo(Visibility.ACTIVE);
        }
    }

    @Test
    void anInvalidVisibilityRefusesTheConnection() {
        Properties info = TestDatabases.configProperties();
        info.setProperty(SoftDeleteDriver.VISIBILITY_PROPERTY, "everything");

        assertThatThrownBy(() -> driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("everything")
                .hasMessageContaining("include-deleted")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"));
    }

    @Test
    void anUnknownOwnPropertyRefusesTheConnection() {
        Properties info = TestDatabases.configProperties();
        info.setProperty("softdelete.visiblity", "active");

        assertThatThrownBy(() -> driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("softdelete.visiblity")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"));
    }

    @Test
    void userAndPasswordReachTheDatabase() throws SQLException {
        String h2Url = TestDatabases.newH2Url();
        try (Connection owner = DriverManager.getConnection(h2Url, "alice", "secret")) {
            Properties right = TestDatabases.configProperties();
            right.setProperty("user", "alice");
            right.setProperty("password", "secret");
            Properties wrong = TestDatabases.configProperties();
            wrong.setProperty("user", "alice");
            wrong.setProperty("password", "guess");

            assertThat(owner.isValid(1)).isTrue();
            try (Connection connection = driver.connect(TestDatabases.softDeleteUrl(h2Url), right)) {
                assertThat(connection.getMetaData().getUserName()).isEqualToIgnoringCase("alice");
            }
            assertThatThrownBy(() -> driver.connect(TestDatabases.softDeleteUrl(h2Url), wrong))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
        }
    }

    @Test
    void theGivenPropertiesAreNotChanged() throws SQLException {
        Properties info = TestDatabases.configProperties();
        info.setProperty("user", "sa");

        try (Connection connection = driver.connect(TestDatabases.softDeleteUrl(TestDatabases.newH2Url()), info)) {
            assertThat(connection.isValid(1)).isTrue();
            assertThat(info).containsOnlyKeys("softdelete.config", "user");
        }
    }

    @Test
    void theDatabaseIsNotOpenedWhenTheConfigurationIsUnusable(@TempDir Path dir) throws SQLException {
        String h2Url = TestDatabases.newH2Url();
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, dir.resolve("missing.yml").toString());

        assertThatThrownBy(() -> driver.connect(TestDatabases.softDeleteUrl(h2Url + ";DB_CLOSE_DELAY=-1"), info))
                .isInstanceOf(SQLException.class);
        // Had the failed connect opened the database, DB_CLOSE_DELAY=-1 would have kept it in existence.
        assertThatThrownBy(() -> DriverManager.getConnection(h2Url + ";IFEXISTS=TRUE"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("not found");
        try (Connection opened = driver.connect(TestDatabases.softDeleteUrl(h2Url), TestDatabases.configProperties());
             Connection probe = DriverManager.getConnection(h2Url + ";IFEXISTS=TRUE")) {
            assertThat(opened.isValid(1)).isTrue();
            assertThat(probe.isValid(1)).isTrue();
        }
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /**
     * A connection opened before its configuration file changed keeps the configuration it opened with; when it
     * moved to other schemas it picked its engine with that old configuration, which replaced the newer engine every
     * connection of the file shares: orders, configured since, were deleted physically by another connection.
     */
    @Test
    void aMoveOnAConnectionOfAnOlderConfigurationDoesNotBringItBack(@TempDir Path dir) throws Exception {
        String h2 = TestDatabases.newH2Url();
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        try (Connection raw = DriverManager.getConnection(h2)) {
            execute(raw, "CREATE TABLE customers (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)", "CREATE TABLE orders (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT"
                    + " FALSE NOT NULL, deleted_at TIMESTAMP)", "INSERT INTO orders (id) VALUES (1), (2)");
            try (Connection older = driver.connect(TestDatabases.softDeleteUrl(h2), info)) {
                Files.writeString(file, "version: 1\ntables:\n  customers: {}\n  orders: {}\n");
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                        System.currentTimeMillis() + 5_000));
                try (Connection newer = driver.connect(TestDatabases.softDeleteUrl(h2), info)) {
                    older.setSchema("PUBLIC");
                    execute(newer, "DELETE FROM orders WHERE id = 1");
                }
            }
            assertThat(TestDatabases.count(raw, "orders")).as("order 1 is still stored").isEqualTo(2);
        }
    }

    /**
     * Each unnamed in-memory H2 database is the connection's own: the first one's catalog (no foreign keys) served
     * the next, whose RESTRICT key then went unchecked.
     */
    @Test
    void unnamedInMemoryH2DatabasesHaveCatalogsOfTheirOwn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("softdelete.yml"), "version: 1\ntables:\n  customers: {}\n");
        Properties info = new Properties();
        info.setProperty(SoftDeleteDriver.CONFIG_PROPERTY, file.toString());
        String schema = ";INIT=CREATE TABLE customers (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                + " deleted_at TIMESTAMP)\\;CREATE TABLE payments (id INT PRIMARY KEY, customer_id INT REFERENCES"
                + " customers (id) ON DELETE RESTRICT)\\;INSERT INTO customers (id) VALUES (1)\\;INSERT INTO"
                + " payments VALUES (10, 1)";
        try (Connection first = driver.connect("jdbc:softdelete:h2:mem:", info);
             Connection second = driver.connect("jdbc:softdelete:h2:mem:" + schema, info)) {
            assertThat(first.isValid(1)).isTrue();
            assertThatThrownBy(() -> execute(second, "DELETE FROM customers WHERE id = 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
        }
    }
}
