package dev.softdelete.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.softdelete.jdbc.execute.SoftDeleteUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code jdbc:softdelete:} URL: the prefix, the delegate URL and the {@code softdelete.*} parameters. */
class DriverUrlTest {
    private final SoftDeleteDriver driver = new SoftDeleteDriver();

    @Test
    void acceptsOnlyItsPrefix() {
        assertThat(driver.acceptsURL("jdbc:softdelete:postgresql://db/app")).isTrue();
        assertThat(driver.acceptsURL("jdbc:softdelete:h2:mem:x")).isTrue();
        assertThat(driver.acceptsURL("jdbc:postgresql://db/app")).isFalse();
        assertThat(driver.acceptsURL("jdbc:softdelete")).isFalse();
        assertThat(driver.acceptsURL("JDBC:SOFTDELETE:h2:mem:x")).isFalse();
        assertThat(driver.acceptsURL(null)).isFalse();
    }

    @Test
    void acceptsUrlDoesNoIo() {
        // An unresolvable host, a missing configuration and no PostgreSQL driver: only the prefix is looked at.
        String url = "jdbc:softdelete:postgresql://host.invalid:1/db?softdelete.config=/no/such/softdelete.yml";
        assertThat(assertTimeoutPreemptively(Duration.ofMillis(500), () -> driver.acceptsURL(url))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:softdelete:postgresql://db:5432/app",
        "jdbc:softdelete:postgresql://db/app?ssl=true&sslmode=verify-full&ApplicationName=a%20b",
        "jdbc:softdelete:mysql://db/app?useSSL=false&&serverTimezone=UTC&",
        "jdbc:softdelete:h2:mem:x;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "jdbc:softdelete:sqlserver://db:1433;databaseName=app;encrypt=true",
        "jdbc:softdelete:postgresql://db/app?",
        "jdbc:softdelete:postgresql://db/app?password=a;b?c&x=softdelete.config",
    })
    void withoutOwnParametersTheDelegateUrlIsTheRestByteForByte(String url) throws SQLException {
        SoftDeleteUrl parsed = SoftDeleteUrl.parse(url);

        assertThat(parsed.delegateUrl()).isEqualTo("jdbc:" + url.substring("jdbc:softdelete:".length()));
        assertThat(parsed.parameters()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://db/a?softdelete.config=/sd.yml | jdbc:postgresql://db/a",
        "postgresql://db/a?softdelete.config=/sd.yml&ssl=true&a=b | jdbc:postgresql://db/a?ssl=true&a=b",
        "postgresql://db/a?ssl=true&softdelete.config=/sd.yml&a=b | jdbc:postgresql://db/a?ssl=true&a=b",
        "postgresql://db/a?ssl=true&a=b&softdelete.config=/sd.yml | jdbc:postgresql://db/a?ssl=true&a=b",
        "mysql://db/a?softdelete.config=/sd.yml&softdelete.visibility=only-deleted | jdbc:mysql://db/a",
        "h2:mem:x;softdelete.config=/sd.yml;MODE=PostgreSQL | jdbc:h2:mem:x;MODE=PostgreSQL",
        "h2:mem:x;MODE=PostgreSQL;softdelete.config=/sd.yml | jdbc:h2:mem:x;MODE=PostgreSQL",
        "h2:mem:x;MODE=DB2;softdelete.config=/sd.yml;DB_CLOSE_DELAY=-1 | jdbc:h2:mem:x;MODE=DB2;DB_CLOSE_DELAY=-1",
    })
    void ownParametersAreCutOutAndTheRestIsKept(String rest, String delegateUrl) throws SQLException {
        SoftDeleteUrl parsed = SoftDeleteUrl.parse("jdbc:softdelete:" + rest);

        assertThat(parsed.delegateUrl()).isEqualTo(delegateUrl);
        assertThat(parsed.parameters()).containsEntry("softdelete.config", "/sd.yml");
    }

    @Test
    void parametersKeepTheirValuesAndOrder() throws SQLException {
        SoftDeleteUrl parsed = SoftDeleteUrl.parse(
                "jdbc:softdelete:h2:mem:x;softdelete.visibility=include-deleted;softdelete.config=classpath:a=b.yml");

        assertThat(parsed.parameters()).containsExactly(Map.entry("softdelete.visibility", "include-deleted"),
                Map.entry("softdelete.config", "classpath:a=b.yml"));
    }

    /** A setting given twice opened with the last one (enforce, then observe: deletes real; a probe). */
    @Test
    void aSettingGivenTwiceIsAnError() {
        String url = "jdbc:softdelete:h2:mem:twice;softdelete.mode=enforce;softdelete.mode=observe";

        assertThatThrownBy(() -> driver.connect(url, TestDatabases.configProperties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("softdelete.mode twice")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("SD000");
    }

    @Test
    void theDriverNamedTwiceIsAnErrorNotALoop() {
        String url = "jdbc:softdelete:softdelete:h2:mem:x";

        assertThatThrownBy(() -> driver.connect(url, TestDatabases.configProperties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("twice")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("SD000");
        assertThatThrownBy(() -> DriverManager.getConnection(url, TestDatabases.configProperties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void foreignUrlsAreNotThisDriversBusiness() throws SQLException {
        assertThat(driver.connect("jdbc:h2:mem:foreign", new Properties())).isNull();
        assertThat(driver.getPropertyInfo("jdbc:h2:mem:foreign", new Properties())).isEmpty();
    }

    @Test
    void connectsThroughTheDelegateWithoutShowingItTheOwnParameters() throws SQLException {
        // H2 refuses settings it does not know, so this only connects if softdelete.config is cut out.
        String url = TestDatabases.softDeleteUrl(TestDatabases.newH2Url())
                + ";softdelete.config=" + TestDatabases.CONFIG + ";MODE=PostgreSQL";

        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(connection).isInstanceOf(SoftDeleteConnection.class);
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("PostgreSQL");
            }
        }
    }

    @Test
    void aUrlWithoutADriverForItFailsToConnect() {
        assertThatThrownBy(() -> driver.connect("jdbc:softdelete:nosuchdatabase://db/app",
                TestDatabases.configProperties()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("jdbc:nosuchdatabase://db/app")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }
}
