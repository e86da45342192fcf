package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.config.Mode;
import dev.softdelete.jdbc.Visibility;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The split of connection properties into the driver's own settings and the delegate's properties. */
class ConnectionSettingsTest {

    @Test
    void ownPropertiesStayHereAndTheRestGoesToTheDelegate() throws SQLException {
        Properties defaults = new Properties();
        defaults.setProperty("password", "secret");
        Properties info = new Properties(defaults);
        info.setProperty("user", "alice");
        info.setProperty("softdelete.config", "classpath:a.yml");
        info.setProperty("softdelete.visibility", "only-deleted");

        ConnectionSettings settings = ConnectionSettings.of(SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x"), info);

        assertThat(settings.configLocation()).isEqualTo("classpath:a.yml");
        assertThat(settings.visibility()).isEqualTo(Visibility.ONLY_DELETED);
        assertThat(settings.delegateProperties()).containsOnlyKeys("user", "password")
                .containsEntry("password", "secret");
    }

    @Test
    void urlParametersWinOverProperties() throws SQLException {
        Properties info = new Properties();
        info.setProperty("softdelete.config", "classpath:from-properties.yml");

        ConnectionSettings settings = ConnectionSettings.of(
                SoftDeleteUrl.parse("jdbc:softdelete:postgresql://db/a?softdelete.config=/from-url.yml"), info);

        assertThat(settings.configLocation()).isEqualTo("/from-url.yml");
    }

    @Test
    void withoutPropertiesTheDefaultsApply() throws SQLException {
        ConnectionSettings settings = ConnectionSettings.of(SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x"), null);

        assertThat(settings.configLocation()).isNull();
        assertThat(settings.visibility()).isEqualTo(Visibility.ACTIVE);
        assertThat(settings.mode()).isNull();
        assertThat(settings.mode(Mode.OBSERVE)).as("unset: the configuration's mode").isEqualTo(Mode.OBSERVE);
        assertThat(settings.delegateProperties()).isEmpty();
    }

    @Test
    void theModeOfTheConnectionWinsOverTheConfigurations() throws SQLException {
        ConnectionSettings settings = ConnectionSettings.of(
                SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x;softdelete.mode=Observe"), null);

        assertThat(settings.mode()).isEqualTo(Mode.OBSERVE);
        assertThat(settings.mode(Mode.ENFORCE)).isEqualTo(Mode.OBSERVE);
        assertThat(SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x;softdelete.mode=observe").delegateUrl())
                .isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void anUnknownModeIsAConfigurationError() {
        Properties info = new Properties();
        info.setProperty("softdelete.mode", "dry-run");

        assertThatThrownBy(() -> ConnectionSettings.of(SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x"), info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("softdelete.mode: 'dry-run' is not a mode; use enforce or observe")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("SD000"));
    }

    /** A setting spelt with another case went to the database's driver, which ignored it: enforce mode, silently. */
    @Test
    void aSoftDeleteSettingInAnotherCaseIsRefusedAsUnknown() {
        Properties info = new Properties();
        info.setProperty("softDelete.mode", "observe");
        assertThatThrownBy(() -> ConnectionSettings.of(
                SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x"), info))
                .isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD000"))
                .hasMessageContaining("Unknown soft-delete property softDelete.mode");
        assertThatThrownBy(() -> ConnectionSettings.of(
                SoftDeleteUrl.parse("jdbc:softdelete:h2:mem:x;SOFTDELETE.MODE=observe"), null))
                .isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("SD000"));
    }
}
