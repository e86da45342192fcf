package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.h2.jdbc.JdbcResultSet;
import org.junit.jupiter.api.Test;

/** Result sets read as values (cursors) are wrapped, unless the caller asks for the vendor's class. */
class CursorWrappingTest {

    @Test
    void resultSetValuesAreWrappedAndOtherValuesAreNot() throws Exception {
        try (Connection raw = DriverManager.getConnection(TestDatabases.newH2Url());
             ResultSet cursor = raw.createStatement().executeQuery("SELECT 1")) {
            assertThat(ResultSetWrapper.wrapCursor(cursor, null)).isInstanceOf(ResultSetWrapper.class);
            assertThat(ResultSetWrapper.wrapCursor(cursor, ResultSet.class, null)).isInstanceOf(ResultSetWrapper.class);
            assertThat(ResultSetWrapper.wrapCursor((JdbcResultSet) cursor, JdbcResultSet.class, null))
                    .isSameAs(cursor);
            assertThat(ResultSetWrapper.wrapCursor("text", null)).isEqualTo("text");
            assertThat(ResultSetWrapper.wrapCursor(7, Integer.class, null)).isEqualTo(7);
        }
    }
}
