package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

/** The statements after which the driver reads the catalog again, whatever tables they name. */
class CatalogChangeTest {
    /** A later statement of a text changes the catalog as surely (a probe: SELECT 1; RUNSCRIPT ... on H2). */
    @Test
    void aLaterStatementOfATextMayChangeTheCatalog() {
        assertThat(CatalogChange.inAnyStatement("SELECT 1; RUNSCRIPT FROM 'f.sql'", Dialect.H2)).isTrue();
        assertThat(CatalogChange.inAnyStatement("SET @x = 1; ALTER TABLE kid DROP FOREIGN KEY fk_k", Dialect.MARIADB))
                .isTrue();
        assertThat(CatalogChange.inAnyStatement("SELECT 1; SELECT 'ALTER TABLE t'", Dialect.POSTGRESQL)).isFalse();
        assertThat(CatalogChange.inAnyStatement("UPDATE t SET a = 1", Dialect.POSTGRESQL)).isFalse();
    }

    @Test
    void ddlOfAnyTableMayChangeTheCatalog() {
        for (String sql : new String[] {"ALTER TABLE payments DROP CONSTRAINT pay_fk", "drop table refunds",
            "/* migration 12 */ CREATE TABLE refs (id INT REFERENCES orders (id))", "  CREATE UNIQUE INDEX i ON t (c)",
            "RENAME TABLE a TO b", "-- v2\nALTER TABLE memos RENAME COLUMN cust TO cust_id",
            // as MySQL/MariaDB run them: from an executable comment, after SET STATEMENT ... FOR (a probe found the
            // key these dropped still checked by the driver)
            "/*! ALTER TABLE kid DROP FOREIGN KEY fk_k */", " /*!50000 DROP TABLE kid */", "/*M!100500 ALTER TABLE kid"
                + " DROP FOREIGN KEY fk_k */", "SET STATEMENT max_statement_time=10 FOR ALTER TABLE kid DROP FOREIGN KEY"
                + " fk_k", "set statement lock_wait_timeout = 5, sql_mode = '' for\ncreate table t (id int)",
            "/* migration 42 */ SET STATEMENT max_statement_time=10 FOR ALTER TABLE kid DROP FOREIGN KEY fk_k",
            "/*!*/ ALTER TABLE kid DROP FOREIGN KEY fk_k",
            "/*M!100301 SET STATEMENT max_statement_time=10 FOR */ ALTER TABLE kid DROP FOREIGN KEY fk_k",
            // H2's RUNSCRIPT runs a file's DDL (a probe: a key it created went unchecked)
            "RUNSCRIPT FROM 'schema.sql'"}) {
            assertThat(CatalogChange.startsAt(sql, Dialect.MARIADB)).as(sql).isTrue();
        }
        for (String sql : new String[] {"DELETE FROM orders", "SELECT 1", "UPDATE t SET created = 1", "", "CREATED",
            "DROPS", "COMMIT", "/* ALTER */ SELECT 1", "create temporary table HTE_orders (id INT)",
            "CREATE LOCAL TEMPORARY TABLE HT_orders (id INT)",
            "create cached local temporary table if not exists x (i INT)",
            "CREATE TEMP TABLE t AS SELECT 1", "DROP TEMPORARY TABLE IF EXISTS HTE_orders",
            "SET STATEMENT max_statement_time=10 FOR SELECT 1", "SET search_path TO app", "SELECT 'SET STATEMENT'",
            "/*!40101 SET NAMES utf8 */", "/* ALTER */ SELECT 1", "/*! SELECT 1 */"}) {
            assertThat(CatalogChange.startsAt(sql, Dialect.MARIADB)).as(sql).isFalse();
        }
    }

    @Test
    void readsLeadingCommentsAsTheDatabaseDoes() {
        // PostgreSQL and H2 nest block comments: the ALTER runs there; MySQL reads "SELECT 1 */ ..." (an error)
        String nested = "/* /* */ SELECT 1 */ ALTER TABLE kid DROP CONSTRAINT fk_k";
        assertThat(CatalogChange.startsAt(nested, Dialect.POSTGRESQL)).isTrue();
        assertThat(CatalogChange.startsAt(nested, Dialect.H2)).isTrue();
        assertThat(CatalogChange.startsAt(nested, Dialect.MARIADB)).isFalse();
        // MySQL ends a line comment at a line feed only: the ALTER runs there
        String crLine = "-- x\rSELECT 1\nALTER TABLE kid DROP FOREIGN KEY fk_k";
        assertThat(CatalogChange.startsAt(crLine, Dialect.MYSQL)).isTrue();
        assertThat(CatalogChange.startsAt(crLine, Dialect.POSTGRESQL)).isFalse();
        // and between the words of CREATE ... TEMPORARY: a nested comment hides no plain table
        assertThat(CatalogChange.startsAt("CREATE /* /* */ TEMPORARY */ TABLE t (id INT)", Dialect.POSTGRESQL))
                .isTrue();
    }

    @Test
    void ddlAfterAnExecutableCommentOrH2sBlanksAndCommentsIsACatalogChange() {
        // MySQL skips a comment whose version is above its own and runs the DDL after it; H2 reads U+00A0 and control
        // characters as blanks and // as a comment (probes dropped a key the driver still checked)
        assertThat(CatalogChange.startsAt("/*!999999 SELECT 1 */ ALTER TABLE extra DROP FOREIGN KEY fk_e",
                Dialect.MARIADB)).isTrue();
        assertThat(CatalogChange.startsAt("/*M!999999 SELECT 1 */ ALTER TABLE extra DROP FOREIGN KEY fk_e",
                Dialect.MARIADB)).isTrue();
        for (String sql : new String[] {"\u00A0ALTER TABLE extra DROP CONSTRAINT fk_e",
                "\u0001ALTER TABLE extra DROP CONSTRAINT fk_e", "// c\nALTER TABLE extra DROP CONSTRAINT fk_e",
                "\u3000DROP TABLE extra"}) {
            assertThat(CatalogChange.startsAt(sql, Dialect.H2)).as(sql).isTrue();
        }
        assertThat(CatalogChange.startsAt("/*!999999 SELECT 1 */ SELECT 2", Dialect.MARIADB)).isFalse();
    }
}
