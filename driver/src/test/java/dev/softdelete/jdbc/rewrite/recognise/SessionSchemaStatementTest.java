package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

/** The statements after which a connection's session finds tables in other schemas. */
class SessionSchemaStatementTest {
    @Test
    void movesToOtherSchemas() {
        for (String sql : new String[] {"SET search_path TO tenant_a, public", "set SESSION search_path = 'x'",
            "SET LOCAL search_path TO x", "/* tenant */ SET search_path TO x", "SET SCHEMA 'x'", "RESET search_path",
            "RESET ALL", "DISCARD ALL", "use tenant_db", "USE `tenant-db`", "SET SCHEMA_SEARCH_PATH APP, PUBLIC",
            "SET \"search_path\" TO t2", "SET ROLE t2", "SET SESSION AUTHORIZATION t2", "RESET ROLE",
            "SET session_authorization = 'r'", "SET \"role\" = 'r'", "RESET session_authorization"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.POSTGRESQL)).as(sql).isTrue();
        }
        // MySQL runs the text of an executable comment
        assertThat(SessionSchemaStatement.matches("/*!USE db2*/", Dialect.MYSQL)).isTrue();
        assertThat(SessionSchemaStatement.matches(" /*!50001 USE db2 */", Dialect.MARIADB)).isTrue();
        assertThat(SessionSchemaStatement.matches("/*M!USE db2*/", Dialect.MARIADB)).isTrue();
        assertThat(SessionSchemaStatement.matches("/* app */ /*!USE db2*/", Dialect.MYSQL)).isTrue();
        assertThat(SessionSchemaStatement.matches("/* app */ /*!SELECT 1*/", Dialect.MYSQL)).isFalse();
        // a probe: MySQL and MariaDB read a line comment on past a carriage return, up to the line feed only; the
        // USE is comment there, and the DELETE after it ran unrewritten
        assertThat(SessionSchemaStatement.matches("-- x\rUSE db2\nDELETE FROM orders", Dialect.MARIADB)).isFalse();
        assertThat(SessionSchemaStatement.matches("# x\rUSE db2\nDELETE FROM orders", Dialect.MYSQL)).isFalse();
        assertThat(SessionSchemaStatement.matches("-- x\r\nUSE db2", Dialect.MYSQL)).isTrue();
        assertThat(SessionSchemaStatement.matches("-- x\rSET search_path = s2", Dialect.POSTGRESQL)).isTrue();
        // probes: a Unicode-escaped name (PostgreSQL), and a USE after an executable comment (MariaDB) moved unseen
        assertThat(SessionSchemaStatement.matches("SET U&\"search\\005Fpath\" TO s2", Dialect.POSTGRESQL)).isTrue();
        assertThat(SessionSchemaStatement.inSeveral("SELECT 1; SET U&\"search\\005Fpath\" TO s2",
                Dialect.POSTGRESQL)).isTrue();
        assertThat(SessionSchemaStatement.matches("/*!999999 x */ USE db2", Dialect.MARIADB)).isTrue();
        assertThat(SessionSchemaStatement.matches("/*!*/ USE db2", Dialect.MARIADB)).isTrue();
        assertThat(SessionSchemaStatement.inSeveral("SELECT 1; /*!USE db2*/", Dialect.MARIADB)).isTrue();
    }

    /** A schema created, renamed or dropped may change what the search path finds ("$user", a dropped schema). */
    @Test
    void schemaDdlMayMoveTheSession() {
        for (String sql : new String[] {"CREATE SCHEMA postgres", "create schema if not exists tenant_b",
            "DROP SCHEMA tenant_b CASCADE", "ALTER SCHEMA a RENAME TO b", "DROP DATABASE shop"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.POSTGRESQL)).as(sql).isTrue();
        }
        for (String sql : new String[] {"CREATE TABLE schema_x (i INT)", "DROP TABLE t", "ALTER TABLE t ADD c INT",
            "CREATE INDEX i ON t (c)"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.POSTGRESQL)).as(sql).isFalse();
        }
    }

    /** The words as the database reads them: a comment where a space could be, a quoted name right after USE. */
    @Test
    void movesWithCommentsOrNoSpaceBetweenTheirWords() {
        for (String sql : new String[] {"SET/**/search_path TO sales", "SET /* x */ search_path TO sales",
            "SET LOCAL/**/search_path = sales", "SET SESSION -- why\n AUTHORIZATION r", "RESET/**/ALL",
            "DISCARD/**/ALL"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.POSTGRESQL)).as(sql).isTrue();
        }
        for (String sql : new String[] {"USE`other_db`", "USE/**/other_db", "use # db\nother_db"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.MARIADB)).as(sql).isTrue();
        }
        for (String sql : new String[] {"SET/**/search_pathx = 1", "SET SESSION sql_mode = ''", "USE", "USE;",
            "SET SESSION", "RESET sql_mode", "DISCARD PLANS"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.MARIADB)).as(sql).isFalse();
        }
    }

    /** In a text of several statements: the others would be rewritten with the catalog of the schemas before. */
    @Test
    void aMoveAmongSeveralStatementsIsFound() {
        assertThat(SessionSchemaStatement.inSeveral("SELECT 1; SET search_path TO t2", Dialect.POSTGRESQL)).isTrue();
        assertThat(SessionSchemaStatement.inSeveral("SET search_path = t2; DELETE FROM c WHERE id = 3",
                Dialect.POSTGRESQL)).isTrue();
        assertThat(SessionSchemaStatement.inSeveral("USE db2; DELETE FROM c", Dialect.MARIADB)).isTrue();
        assertThat(SessionSchemaStatement.inSeveral("SET search_path TO t2;", Dialect.POSTGRESQL)).isFalse();
        assertThat(SessionSchemaStatement.inSeveral("SELECT ';'; SELECT 'USE x'", Dialect.POSTGRESQL)).isFalse();
    }

    @Test
    void otherStatementsDoNot() {
        for (String sql : new String[] {"SELECT * FROM t", "SET TIME ZONE 'UTC'", "SET search_pathx = 1",
            "UPDATE t SET search_path = 1", "SETsearch_path", "DELETE FROM t", "RESET timezone", "DISCARD PLANS",
            "user", "SET", ""}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.POSTGRESQL)).as(sql).isFalse();
        }
        assertThat(SessionSchemaStatement.matches("USE db", Dialect.GENERIC)).isFalse();
    }

    @Test
    void aStatementAfterAMoveInAnExecutableCommentIsNoMove() {
        // the server skips a comment whose version is above its own and runs the statement: it went as a move,
        // unrewritten (a probe read deleted rows and deleted physically so)
        for (String sql : new String[] {"/*!999999 USE shop */ SELECT id FROM items",
                "/*M!999999 USE shop */ DELETE FROM children WHERE id = 13", "/*!USE shop*/ UPDATE t SET a = 1"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.MARIADB)).as(sql).isFalse();
        }
        for (String sql : new String[] {"/*!USE shop*/", "/*!50001 USE shop */ ", "/*!USE shop*/ -- note",
                "/*!USE shop*/; SELECT 1", "/*!999999 USE a */ USE b"}) {
            assertThat(SessionSchemaStatement.matches(sql, Dialect.MARIADB)).as(sql).isTrue();
        }
    }

    @Test
    void aMoveAfterASemicolonInsideQuotesIsAMoveWhereTheSessionMayReadTheQuotesOtherwise() {
        // under NO_BACKSLASH_ESCAPES (MySQL), ANSI_QUOTES, or standard_conforming_strings off (PostgreSQL) the server
        // runs the USE / SET that the lexer reads inside a string (a probe moved the session unseen so)
        assertThat(SessionSchemaStatement.inSeveral("SELECT '\\'; USE other; SELECT ' -- '", Dialect.MARIADB))
                .isTrue();
        assertThat(SessionSchemaStatement.inSeveral("SELECT 1 AS \"\\\"; USE other; SELECT 1 AS \" -- \"",
                Dialect.MYSQL)).isTrue();
        assertThat(SessionSchemaStatement.inSeveral("SELECT '\\' , ' ; SET search_path = s9; SELECT '\\' -- '",
                Dialect.POSTGRESQL)).isTrue();
        // and a move in an executable comment there (a probe)
        assertThat(SessionSchemaStatement.inSeveral("SELECT '\\'; /*!USE other*/; SELECT ' -- '", Dialect.MARIADB))
                .isTrue();
        // without a character the session may read otherwise, the lexer's reading stands
        assertThat(SessionSchemaStatement.inSeveral("SELECT 'a; USE other'; SELECT 1", Dialect.MARIADB)).isFalse();
    }

    @Test
    void onlyAMoveOfNamesGoesAsWritten() {
        for (String sql : new String[] {"SET search_path TO \"$user\", public", "SET search_path = 'a,b'",
                "CREATE SCHEMA IF NOT EXISTS orders AUTHORIZATION app", "DROP SCHEMA a, b CASCADE -- orders",
                "SET SCHEMA_SEARCH_PATH A, B", "RESET ALL"}) {
            assertThat(SessionSchemaStatement.namesOnly(sql, Dialect.POSTGRESQL)).as(sql).isTrue();
        }
        assertThat(SessionSchemaStatement.namesOnly("USE `orders_db`", Dialect.MARIADB)).isTrue();
        // H2 evaluates an expression in SET SCHEMA; PostgreSQL's CREATE SCHEMA creates the elements it lists
        assertThat(SessionSchemaStatement.namesOnly("SET SCHEMA CASE WHEN EXISTS (SELECT 1 FROM orders WHERE id = 5)"
                + " THEN 'PUBLIC' ELSE 'INFORMATION_SCHEMA' END", Dialect.H2)).isFalse();
        assertThat(SessionSchemaStatement.namesOnly("CREATE SCHEMA s CREATE VIEW v AS SELECT id FROM orders",
                Dialect.POSTGRESQL)).isFalse();
        assertThat(SessionSchemaStatement.namesOnly("CREATE SCHEMA s CREATE TABLE c AS TABLE orders",
                Dialect.POSTGRESQL)).isFalse();
    }
}
