package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

class DynamicSqlTest {
    @Test
    void preparedAndImmediateSqlTextOnMySqlAndH2() {
        for (Dialect d : new Dialect[] {Dialect.MYSQL, Dialect.MARIADB, Dialect.H2}) {
            assertThat(DynamicSql.find("PREPARE s FROM 'DELETE FROM orders'", d)).as(d.name())
                    .isEqualTo("PREPARE ... FROM");
            assertThat(DynamicSql.find(" -- x\n/* y */ prepare s from @q", d)).isEqualTo("PREPARE ... FROM");
            assertThat(DynamicSql.find("EXECUTE /* c */ IMMEDIATE 'SELECT 1'", d)).isEqualTo("EXECUTE IMMEDIATE");
            assertThat(DynamicSql.find("EXECUTE s USING @a", d)).isNull();
            assertThat(DynamicSql.find("PREPARED_ORDERS", d)).isNull();
            assertThat(DynamicSql.find("SELECT * FROM orders WHERE note = 'PREPARE'", d)).isNull();
        }
        // PostgreSQL's PREPARE takes a statement, not a string, and the parser reads it
        assertThat(DynamicSql.find("PREPARE p AS SELECT * FROM orders", Dialect.POSTGRESQL)).isNull();
    }

    @Test
    void routineBodiesAreSqlTheDatabaseRunsLater() {
        for (Dialect d : Dialect.values()) {
            assertThat(DynamicSql.find("CREATE OR REPLACE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql", d))
                    .as(d.name()).isEqualTo("CREATE FUNCTION / PROCEDURE, a routine body");
            assertThat(DynamicSql.find("/* m */ create definer = `root`@`%` procedure p() DELETE FROM t", d))
                    .isEqualTo("CREATE FUNCTION / PROCEDURE, a routine body");
            assertThat(DynamicSql.find("CREATE TABLE function_log (procedure VARCHAR(10))", d)).isNull();
            assertThat(DynamicSql.find("CREATE VIEW v AS SELECT * FROM t", d)).isNull();
        }
    }

    @Test
    void theFirstWordIsFoundPastCommentsAsTheDatabaseReadsThem() {
        String create = "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'DELETE FROM items'";
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.H2}) {
            // a carriage return ends the line comment; block comments nest
            assertThat(DynamicSql.find("--x\r" + create, d)).as(d.name()).isNotNull();
            assertThat(DynamicSql.find("/* /* */ */ " + create, d)).as(d.name()).isNotNull();
        }
        assertThat(DynamicSql.find("--x\rCREATE SYNONYM s FOR items", Dialect.H2)).isNotNull();
        for (Dialect d : new Dialect[] {Dialect.MYSQL, Dialect.MARIADB}) {
            assertThat(DynamicSql.find("# x\nCREATE PROCEDURE p() DELETE FROM items", d)).as(d.name()).isNotNull();
            assertThat(DynamicSql.find("/* /* */ CREATE PROCEDURE p() DELETE FROM items", d)).as(d.name()).isNotNull();
        }
    }

    @Test
    void h2QuotesNamesWithBackticksAndHasSlashCommentsAndDollarStrings() {
        // a quote inside them opens no string for H2: the code after it is read
        assertThat(DynamicSql.find("SELECT 1 AS `'`; EXECUTE IMMEDIATE 'DELETE FROM items'; SELECT 1 AS `'`",
                Dialect.H2)).isEqualTo("EXECUTE IMMEDIATE");
        assertThat(DynamicSql.find("SELECT 1 // '\n; EXECUTE IMMEDIATE 'DELETE FROM items'; SELECT 1 // '\n",
                Dialect.H2)).isEqualTo("EXECUTE IMMEDIATE");
        assertThat(DynamicSql.find("SELECT $$'$$; EXECUTE IMMEDIATE 'DELETE FROM items'; SELECT $$'$$", Dialect.H2))
                .isEqualTo("EXECUTE IMMEDIATE");
        assertThat(DynamicSql.find("SELECT `'`.x, CSVWRITE('f.csv', 'SELECT * FROM items') FROM (SELECT 1 AS x) `'`",
                Dialect.H2)).isEqualTo("csvwrite(...)");
        assertThat(DynamicSql.find("SELECT $$EXECUTE IMMEDIATE$$", Dialect.H2)).isNull();
    }

    @Test
    void functionsThatRunTextAreCallsByWholeName() {
        assertThat(DynamicSql.find("SELECT query_to_xml('SELECT 1', true, false, '')", Dialect.POSTGRESQL))
                .isEqualTo("query_to_xml(...)");
        assertThat(DynamicSql.find("SELECT PG_CATALOG.TABLE_TO_XML\n('t', true, false, '')", Dialect.POSTGRESQL))
                .isEqualTo("table_to_xml(...)");
        assertThat(DynamicSql.find("SELECT my_query_to_xml('x')", Dialect.POSTGRESQL)).isNull();
        assertThat(DynamicSql.find("SELECT 'query_to_xml' FROM t", Dialect.POSTGRESQL)).isNull();
        // inside a string literal it is data (and the literal shape, which has ? there, must agree)
        assertThat(DynamicSql.find("SELECT * FROM t WHERE a = 'it''s query_to_xml(x)'", Dialect.POSTGRESQL)).isNull();
        assertThat(DynamicSql.find("SELECT 'x''' || query_to_xml('q', true, false, '')", Dialect.POSTGRESQL))
                .isEqualTo("query_to_xml(...)");
        // MySQL: a backslash escapes the quote after it, and an escaped backslash does not
        assertThat(DynamicSql.find("CALL f('a\\', execute_prepared_stmt(')", Dialect.MYSQL)).isNull();
        assertThat(DynamicSql.find("CALL f('a\\\\', execute_prepared_stmt('x'))", Dialect.MYSQL))
                .isEqualTo("execute_prepared_stmt(...)");
        assertThat(DynamicSql.find("CALL sys.execute_prepared_stmt('DELETE FROM t')", Dialect.MARIADB))
                .isEqualTo("execute_prepared_stmt(...)");
        assertThat(DynamicSql.find("CALL CSVWRITE('x.csv', 'SELECT * FROM t')", Dialect.H2))
                .isEqualTo("csvwrite(...)");
        // each dialect's own list
        assertThat(DynamicSql.find("CALL CSVWRITE('x.csv', 'SELECT * FROM t')", Dialect.POSTGRESQL)).isNull();
        // H2's linked table reads the table (or query) its last argument names
        assertThat(DynamicSql.find("CREATE FORCE LINKED TABLE l('org.h2.Driver', 'jdbc:h2:mem:x', 'sa', '', 'ITEMS')",
                Dialect.H2)).isEqualTo("CREATE LINKED TABLE, a table or query named in a string");
        assertThat(DynamicSql.find("CREATE LINKED TABLE l('d', 'u', 'sa', '', 'ITEMS')", Dialect.POSTGRESQL))
                .isNull();
        assertThat(DynamicSql.find("SELECT query_to_xml('SELECT 1')", Dialect.MYSQL)).isNull();
        // PostgreSQL's foreign tables reach a table of a foreign server, which may be this database (a probe's
        // postgres_fdw table over customers read soft-deleted rows and deleted physically)
        for (String sql : new String[] {"CREATE FOREIGN TABLE ft (id int) SERVER loop OPTIONS (table_name 'ITEMS')",
            "ALTER /* x */ FOREIGN TABLE ft OPTIONS (SET table_name 'ITEMS')",
            "IMPORT FOREIGN SCHEMA public LIMIT TO (items) FROM SERVER loop INTO shadow"}) {
            assertThat(DynamicSql.find(sql, Dialect.POSTGRESQL)).as(sql).startsWith("CREATE / ALTER FOREIGN TABLE");
        }
        for (String sql : new String[] {"ALTER TABLE items ADD FOREIGN KEY (o) REFERENCES orders (id)",
            "CREATE TABLE t (id int, FOREIGN KEY (id) REFERENCES items (id))"}) {
            assertThat(DynamicSql.find(sql, Dialect.POSTGRESQL)).as(sql).isNull();
        }
    }

    /**
     * H2's Java functions and triggers run statements of their own, and a synonym reaches a table under another
     * name: a function deleting from a configured table deleted physically at each call, and a DELETE through a
     * synonym of it removed rows (its reads showed deleted ones).
     */
    @Test
    void h2JavaRoutinesAndSynonymsAreFound() {
        assertThat(DynamicSql.find("CREATE ALIAS killo AS $$ int killo(java.sql.Connection c, int id) throws Exception"
                + " { return c.createStatement().executeUpdate(\"DELETE FROM orders WHERE id = \" + id); } $$",
                Dialect.H2)).isEqualTo("CREATE ALIAS / TRIGGER, Java source that runs SQL of its own");
        assertThat(DynamicSql.find("CREATE TRIGGER t BEFORE INSERT ON p FOR EACH ROW AS $$ org.h2.api.Trigger"
                + " create() { return null; } $$", Dialect.H2))
                .isEqualTo("CREATE ALIAS / TRIGGER, Java source that runs SQL of its own");
        assertThat(DynamicSql.find("CREATE OR REPLACE SYNONYM osyn FOR orders", Dialect.H2))
                .startsWith("CREATE SYNONYM");
        assertThat(DynamicSql.find("CREATE SYNONYM osyn FOR orders", Dialect.POSTGRESQL)).isNull();
    }

    @Test
    void foundInAnyStatementOfTheTextAndWhateverFollowsTheName() {
        for (Dialect d : new Dialect[] {Dialect.MYSQL, Dialect.MARIADB, Dialect.H2}) {
            assertThat(DynamicSql.find("SELECT 1; EXECUTE IMMEDIATE 'DELETE FROM t'", d)).as(d.name())
                    .isEqualTo("EXECUTE IMMEDIATE");
            assertThat(DynamicSql.find("SELECT 1; PREPARE s FROM 'DELETE FROM t'; EXECUTE s", d))
                    .isEqualTo("PREPARE ... FROM");
        }
        assertThat(DynamicSql.find("SELECT \"query_to_xml\"('select 1', true, false, '')", Dialect.POSTGRESQL))
                .isEqualTo("query_to_xml(...)");
        assertThat(DynamicSql.find("SELECT query_to_xml/**/('select 1', true, false, '')", Dialect.POSTGRESQL))
                .isEqualTo("query_to_xml(...)");
        assertThat(DynamicSql.find("CALL sys.`execute_prepared_stmt`('DELETE FROM t')", Dialect.MARIADB))
                .isEqualTo("execute_prepared_stmt(...)");
    }

    @Test
    void postgresDoWithAQuotedBodyButNotOnConflictDo() {
        for (String sql : new String[] {"DO 'BEGIN DELETE FROM t; END'", "SELECT 1; do $$BEGIN NULL; END$$",
            "DO LANGUAGE plpgsql 'BEGIN NULL; END'", "DO /* c */ E'BEGIN NULL; END'"}) {
            assertThat(DynamicSql.find(sql, Dialect.POSTGRESQL)).as(sql).isEqualTo("DO");
        }
        assertThat(DynamicSql.find("INSERT INTO t VALUES (1) ON CONFLICT (id) DO NOTHING", Dialect.POSTGRESQL))
                .isNull();
        assertThat(DynamicSql.find("INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = 'x'",
                Dialect.POSTGRESQL)).isNull();
    }
}
