package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** How applications and pools find the driver, and what it says about itself. */
class DriverRegistrationTest {

    @Test
    void driverManagerFindsTheDriverForItsUrls() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:softdelete:postgresql://db/app")).isInstanceOf(SoftDeleteDriver.class);
    }

    @Test
    void theServiceFileNamesTheDriver() {
        assertThat(ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::type))
                .contains(SoftDeleteDriver.class);
    }

    @Test
    void poolsCanInstantiateItByClassName() throws Exception {
        // What HikariCP does with driverClassName.
        Object driver = Class.forName("dev.softdelete.jdbc.SoftDeleteDriver").getConstructor().newInstance();

        assertThat(driver).isInstanceOf(Driver.class);
        assertThat(((Driver) driver).acceptsURL("jdbc:softdelete:h2:mem:x")).isTrue();
    }

    @Test
    void describesItself() {
        SoftDeleteDriver driver = new SoftDeleteDriver();

        assertThat(driver.getMajorVersion()).isZero();
        assertThat(driver.getMinorVersion()).isEqualTo(1);
        assertThat(driver.jdbcCompliant()).isFalse();
        assertThat(driver.getParentLogger().getName()).isEqualTo("dev.softdelete.jdbc");
    }

    @Test
    void propertyInfoAddsTheOwnPropertiesToTheDelegates() throws SQLException {
        Properties info = TestDatabases.configProperties();
        info.setProperty(SoftDeleteDriver.VISIBILITY_PROPERTY, "only-deleted");
        info.setProperty(SoftDeleteDriver.ACTOR_PROPERTY, "batch-job");
        info.setProperty(SoftDeleteDriver.MODE_PROPERTY, "observe");

        DriverPropertyInfo[] properties = new SoftDeleteDriver().getPropertyInfo("jdbc:softdelete:h2:mem:x", info);

        assertThat(properties).extracting(p -> p.name)
                .endsWith("softdelete.config", "softdelete.visibility", "softdelete.actor", "softdelete.mode");
        DriverPropertyInfo config = properties[properties.length - 4];
        DriverPropertyInfo visibility = properties[properties.length - 3];
        assertThat(properties[properties.length - 2].value).isEqualTo("batch-job");
        assertThat(properties[properties.length - 1].value).isEqualTo("observe");
        assertThat(properties[properties.length - 1].choices).containsExactly("enforce", "observe");
        assertThat(config.value).isEqualTo(TestDatabases.CONFIG);
        assertThat(visibility.value).isEqualTo("only-deleted");
        assertThat(visibility.choices).containsExactly("active", "include-deleted", "only-deleted");
        assertThat(Arrays.stream(properties).map(p -> p.description)).doesNotContainNull();
    }
}
