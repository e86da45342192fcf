package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

/** What a batch entry after a soft delete may not do: change the session state its cascades and checks read. */
class SessionStateChangeTest {
    @Test
    void settingsChangedBySetOrSetConfigAreFound() {
        for (String sql : new String[] {"SET TIME ZONE 'UTC'", "/* c */ set search_path = s2",
            "UPDATE t SET v = set_config('TimeZone', 'UTC', false)", "SELECT pg_catalog.set_config ('a.b', 'c', true)",
            "UPDATE t SET v = U&\"set\\005fconfig\"('TimeZone', 'UTC', false)", "UPDATE pg_settings SET setting = 'x'"}) {
            assertThat(SessionStateChange.mayChange(sql, Dialect.POSTGRESQL)).as(sql).isTrue();
        }
        assertThat(SessionStateChange.mayChange("UPDATE t SET v = (@x := 1)", Dialect.MARIADB)).isTrue();
    }

    /** A column or table only named set_config is no call (a probe's batch was refused for one). */
    @Test
    void aNameThatIsNoCallIsNoChange() {
        assertThat(SessionStateChange.mayChange("UPDATE cfg SET set_config = 'x' WHERE id = 2", Dialect.POSTGRESQL))
                .isFalse();
        assertThat(SessionStateChange.mayChange("UPDATE cfg SET set_config = 'x' WHERE id = 2", Dialect.MARIADB))
                .isFalse();
        assertThat(SessionStateChange.namesSettingFunction("DELETE FROM cfg WHERE set_config = 'x'",
                Dialect.POSTGRESQL)).isFalse();
    }
}
