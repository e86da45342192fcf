package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statements after which the driver reads the catalog again, whatever tables they name. */
class CatalogChangeTest {
    @Test
    void ddlOfAnyTableMayChangeTheCatalog() {
        for (String sql : new String[] {"ALTER TABLE payments DROP CONSTRAINT pay_fk", "drop table refunds",
            "/* migration 12 */ CREATE TABLE refs (id INT REFERENCES orders (id))", "  CREATE UNIQUE INDEX i ON t (c)",
            "RENAME TABLE a TO b", "-- v2\nALTER TABLE memos RENAME COLUMN cust TO cust_id"}) {
            assertThat(CatalogChange.startsAt(sql)).as(sql).isTrue();
        }
        for (String sql : new String[] {"DELETE FROM orders", "SELECT 1", "UPDATE t SET created = 1", "", "CREATED",
            "DROPS", "COMMIT", "/* ALTER */ SELECT 1"}) {
            assertThat(CatalogChange.startsAt(sql)).as(sql).isFalse();
        }
    }
}
