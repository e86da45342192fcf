package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.TestDatabases;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * A session that reads backslashes in strings otherwise than the driver (PostgreSQL with
 * {@code standard_conforming_strings} off, MySQL/MariaDB with {@code NO_BACKSLASH_ESCAPES}) ends strings elsewhere:
 * {@code SELECT 'x\', ' FROM orders -- '} is two strings to the driver and a query of every row of {@code orders} to
 * the server (a probe read the soft-deleted rows so, and deleted a row physically with {@code 'x\'; DELETE ...}).
 * Text with a backslash is then refused; text without one reads alike. The vendor side (pgjdbc, Connector/J, the
 * MariaDB driver) is reached by reflection and checked against the databases by a probe; H2 has no such setting.
 */
class SessionLexicalModeTest {
    private static final String MISREAD = "SELECT 'x\\', ' FROM orders -- '";

    @Test
    void aBackslashIsRefusedWhereTheSessionReadsItOtherwise() {
        assertThat(SessionLexicalMode.refusal(MISREAD, Dialect.POSTGRESQL, true))
                .contains("standard_conforming_strings is off");
        assertThat(SessionLexicalMode.refusal(MISREAD, Dialect.MYSQL, true)).contains("NO_BACKSLASH_ESCAPES");
        assertThat(SessionLexicalMode.refusal(MISREAD, Dialect.MARIADB, true)).contains("NO_BACKSLASH_ESCAPES");
    }

    @Test
    void textWithoutABackslashReadsAlikeEitherWay() {
        assertThat(SessionLexicalMode.refusal("SELECT 'x', ' FROM orders -- '", Dialect.POSTGRESQL, true)).isNull();
        assertThat(SessionLexicalMode.refusal("SELECT 'it''s' FROM orders", Dialect.MYSQL, true)).isNull();
    }

    @Test
    void aSessionThatReadsAsTheDriverDoesPassesBackslashes() {
        assertThat(SessionLexicalMode.refusal(MISREAD, Dialect.POSTGRESQL, false)).isNull();
        assertThat(SessionLexicalMode.refusal("SELECT 'it\\'s' FROM orders", Dialect.MYSQL, false)).isNull();
    }

    /**
     * A statement before may change the mode without naming it (a function whose body calls set_config, an H2 Java
     * alias running SET MODE): on PostgreSQL and H2 a text of several statements with a backslash (H2: a square
     * bracket) is refused; a trailing semicolon is not another statement; MySQL restores sql_mode after a routine.
     */
    @Test
    void aTextOfSeveralStatementsWithABackslashIsRefusedOnPostgresAndH2() {
        assertThat(SessionLexicalMode.refusal("SELECT f(); " + MISREAD, Dialect.POSTGRESQL, false))
                .contains("several statements");
        assertThat(SessionLexicalMode.refusal("CALL setmode(); SELECT [a'] FROM orders [a']", Dialect.H2, false))
                .contains("several statements");
        assertThat(SessionLexicalMode.refusal(MISREAD + ";  ;", Dialect.POSTGRESQL, false)).isNull();
        // a semicolon in a string or a comment separates nothing (a probe: 'text/html; charset=utf-8' was refused)
        assertThat(SessionLexicalMode.refusal("-- a; b\nSELECT 'text/html; charset=utf-8', 'C:\\x' FROM orders",
                Dialect.POSTGRESQL, false)).isNull();
        assertThat(SessionLexicalMode.refusal("SELECT f(); " + MISREAD, Dialect.MARIADB, false)).isNull();
    }

    @Test
    void theSettingChangedInTheSameTextIsRefusedBeforeItRuns() {
        assertThat(SessionLexicalMode.refusal("SET standard_conforming_strings = off; " + MISREAD,
                Dialect.POSTGRESQL, false)).contains("standard_conforming_strings");
        assertThat(SessionLexicalMode.refusal("SET SQL_MODE = 'NO_BACKSLASH_ESCAPES'; " + MISREAD, Dialect.MARIADB,
                false)).contains("sql_mode");
    }

    @Test
    void aBatchEntryThatNamesTheSettingIsFound() {
        // a batch refuses such an entry beside one with a backslash: each was checked before the other ran
        assertThat(SessionLexicalMode.namesSetting("SET standard_conforming_strings = off", Dialect.POSTGRESQL))
                .isTrue();
        assertThat(SessionLexicalMode.namesSetting("SET @@SESSION.sql_mode = 'NO_BACKSLASH_ESCAPES'",
                Dialect.MYSQL)).isTrue();
        assertThat(SessionLexicalMode.namesSetting("SET search_path = a", Dialect.POSTGRESQL)).isFalse();
        assertThat(SessionLexicalMode.namesSetting("SET sql_mode = ''", Dialect.H2)).isFalse();
        assertThat(SessionLexicalMode.namesSetting("SET MODE MSSQLServer", Dialect.H2)).isTrue();
    }

    @Test
    void h2InMsSqlServerModeReadsSquareBracketsAsQuotedNames() throws Exception {
        // [a'] is a name to H2 there, an array bracket and the start of a string to the parser: SELECT [a'].id FROM
        // orders [a'] read every row, deleted ones included, in a probe
        String bracketed = "SELECT [a'].id FROM orders [a']";
        assertThat(SessionLexicalMode.refusal(bracketed, Dialect.H2, true)).contains("MSSQLServer");
        assertThat(SessionLexicalMode.refusal(bracketed, Dialect.H2, false)).isNull();
        assertThat(SessionLexicalMode.refusal("SET MODE MSSQLServer; " + bracketed, Dialect.H2, false))
                .contains("SET MODE");
        assertThat(SessionLexicalMode.refusal(MISREAD, Dialect.H2, true)).isNull(); // H2 has no backslash escapes
        try (Connection plain = DriverManager.getConnection(TestDatabases.newH2Url());
                Connection mssql = DriverManager.getConnection(TestDatabases.newH2Url() + ";MODE=MSSQLServer")) {
            assertThat(SessionLexicalMode.readsOtherwise(plain)).isFalse();
            assertThat(SessionLexicalMode.readsOtherwise(mssql)).isTrue();
            try (java.sql.Statement st = plain.createStatement()) {
                st.execute("SET MODE MSSQLServer");
            }
            assertThat(SessionLexicalMode.readsOtherwise(plain)).isTrue();
        }
    }

    @Test
    void throughTheDriverH2InMsSqlServerModeNeitherLeaksNorDeletesPhysically() throws Exception {
        try (Connection c = TestDatabases.open(";MODE=MSSQLServer"); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, is_deleted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " deleted_at TIMESTAMP)");
            st.execute("INSERT INTO orders (id) VALUES (1), (2)");
            st.execute("DELETE FROM orders WHERE id = 2");
            for (String sql : new String[] {"SELECT [a'].id FROM orders [a']",
                    "SELECT 1 AS [a']; DELETE FROM orders WHERE id = 1; SELECT 1 AS [b']"}) {
                assertThatThrownBy(() -> st.execute(sql)).isInstanceOfSatisfying(java.sql.SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("SD001"));
            }
            try (java.sql.ResultSet rows = st.executeQuery("/* softdelete:include-deleted */ SELECT count(*) FROM"
                    + " orders")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
    }
}
