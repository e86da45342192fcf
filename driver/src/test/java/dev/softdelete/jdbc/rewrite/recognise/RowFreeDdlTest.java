package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexical DDL classifier: what it lets pass unparsed, and the statements it must never let pass (they read or
 * remove rows, or hide a second statement).
 */
class RowFreeDdlTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "DROP TABLE orders IF EXISTS",
        "DROP TABLE IF EXISTS orders CASCADE;",
        "CREATE INDEX ON orders (name)",
        "CREATE UNIQUE INDEX orders_email ON orders (email) WHERE is_deleted = FALSE",
        "create table orders (id int primary key, name varchar(10), index (name))",
        "CREATE TABLE t (id INT REFERENCES orders (id) ON DELETE CASCADE ON UPDATE NO ACTION)",
        "CREATE TABLE t (ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)",
        "CREATE TABLE t (id INT GENERATED ALWAYS AS IDENTITY, n INT GENERATED ALWAYS AS (id * 2) STORED)",
        "CREATE TEMPORARY TABLE t LIKE orders",
        "CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM (1) TO (1000)",
        "CREATE INDEX i ON orders (id) WITH (fillfactor = 70)",
        "ALTER TABLE orders ADD COLUMN deleted_at TIMESTAMP NULL",
        "ALTER TABLE orders ADD PARTITION (PARTITION p9 VALUES LESS THAN (1000))",
        "ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4",
        "ALTER TABLE orders ENGINE = InnoDB",
        "COMMENT ON TABLE orders IS 'select * from orders; delete from orders'",
        "GRANT SELECT, DELETE ON orders TO app WITH GRANT OPTION",
        "REVOKE DELETE ON orders FROM app",
        "RENAME TABLE orders TO orders_old",
        "/* migration 12 */ DROP INDEX orders_email -- done",
    })
    void ddlThatCannotTouchRowsPasses(String sql) {
        assertThat(RowFreeDdl.matches(sql, Dialect.POSTGRESQL) || RowFreeDdl.matches(sql, Dialect.MARIADB))
                .as(sql).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE t AS SELECT * FROM orders",
        "CREATE TABLE t AS TABLE orders",
        "CREATE TABLE t (id) AS VALUES (1)",
        "CREATE TABLE t SELECT * FROM orders",
        "CREATE TABLE t (id INT) IGNORE SELECT id FROM orders",
        "CREATE TABLE t AS WITH x AS (SELECT 1) SELECT * FROM x",
        "CREATE VIEW v AS SELECT * FROM orders",
        "CREATE MATERIALIZED VIEW v AS SELECT * FROM orders",
        "CREATE OR REPLACE RULE r AS ON SELECT TO orders DO INSTEAD SELECT 1",
        "CREATE TRIGGER t BEFORE DELETE ON orders FOR EACH ROW DELETE FROM items",
        "CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM orders $$ LANGUAGE sql",
        "CREATE SCHEMA s CREATE VIEW v AS SELECT * FROM orders",
        "DROP TABLE t; DELETE FROM orders",
        "DROP TABLE t; /* x */ SELECT * FROM orders",
        "ALTER TABLE orders DROP PARTITION p0",
        "ALTER TABLE orders TRUNCATE PARTITION p0",
        "ALTER TABLE orders EXCHANGE PARTITION p0 WITH TABLE archive",
        "ALTER TABLE orders DETACH PARTITION orders_2026",
        "ALTER TABLE orders CONVERT PARTITION p0 TO TABLE archive",
        "ALTER TABLE orders_child NO INHERIT orders",
        "ALTER IGNORE TABLE orders ADD UNIQUE KEY uq (customer_id, total)",
        "ALTER ONLINE IGNORE TABLE orders ADD UNIQUE (total), LOCK = SHARED",
        "ALTER TABLE archive CONVERT TABLE orders TO PARTITION p1 VALUES LESS THAN (200)",
        "ALTER TABLE orders ENGINE = MRG_MyISAM",
        "ALTER TABLE orders ENGINE BLACKHOLE",
        "ALTER TABLE orders DISCARD TABLESPACE",
        "/*!50000 DELETE FROM orders */",
        "DROP TABLE 'unterminated",
        "DELETE FROM orders",
        "TRUNCATE orders",
        "SELECT * FROM orders",
        "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d",
        "EXPLAIN ANALYZE DELETE FROM orders",
        "COPY orders TO STDOUT",
        "ALTER TABLE orders ADD COLUMN x INT DEFAULT (SELECT 1)",
    })
    void statementsThatMayReadOrRemoveRowsDoNot(String sql) {
        assertThat(RowFreeDdl.matches(sql, Dialect.POSTGRESQL)).as("PostgreSQL: %s", sql).isFalse();
        assertThat(RowFreeDdl.matches(sql, Dialect.MARIADB)).as("MariaDB: %s", sql).isFalse();
        assertThat(RowFreeDdl.matches(sql, Dialect.H2)).as("H2: %s", sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DROP TABLE t # comment; DELETE FROM orders\n",
        "DROP TABLE t -- ; DELETE FROM orders\n",
    })
    void commentsAreCommentsOnlyWhereTheServerSaysSo(String sql) {
        // on MySQL '#' starts a comment: the DELETE is inside it; elsewhere '#' is an operator and the DELETE is real
        assertThat(RowFreeDdl.matches(sql, Dialect.MARIADB)).as(sql).isTrue();
        assertThat(RowFreeDdl.matches("DROP TABLE t # x; DELETE FROM orders", Dialect.POSTGRESQL)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE orders DROP PARTITION p0", "alter table orders truncate partition p1, p2"})
    void partitionOperationsThatRemoveRowsAreNamed(String sql) {
        assertThat(RowFreeDdl.removesPartitionRows(sql, Dialect.MARIADB)).isTrue();
        assertThat(RowFreeDdl.removesPartitionRows("ALTER TABLE orders ADD COLUMN x INT", Dialect.MARIADB))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE ev_2025", "SELECT 1; DROP TABLE ev_2025", "BEGIN; DROP TABLE IF EXISTS ev_2025 CASCADE;",
        "SELECT 1; /* c */ drop table public.ev_2025"})
    void aDropTableIsNamedInAnyStatementOfTheText(String sql) {
        // a probe: a DROP TABLE of a partition that was not the text's first statement passed, its rows gone
        assertThat(RowFreeDdl.droppedTables(sql, Dialect.POSTGRESQL)).as(sql).isNotNull()
                .anySatisfy(name -> assertThat(name[1]).isEqualTo("ev_2025"));
        assertThat(RowFreeDdl.droppedTables("SELECT 1; SELECT 2", Dialect.POSTGRESQL)).isNull();
    }
}
