package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

/** What may follow a soft delete with cascades or checks in a batch: statements that only add rows. */
class InsertOnlyTest {
    @Test
    void plainInsertsMatch() {
        assertThat(InsertOnly.matches("INSERT INTO log (msg) VALUES ('update; delete')", Dialect.POSTGRESQL)).isTrue();
        assertThat(InsertOnly.matches("/* audit */ insert into log select id from t; INSERT INTO x VALUES (1)",
                Dialect.MYSQL)).isTrue();
        assertThat(InsertOnly.matches("INSERT INTO \"update\" VALUES (1)", Dialect.POSTGRESQL)).isTrue();
    }

    @Test
    void anythingThatChangesOrRemovesRowsDoesNot() {
        for (String sql : new String[] {"UPDATE t SET x = 1", "DELETE FROM t", "CALL p()", "SELECT f()",
            "WITH d AS (DELETE FROM t RETURNING id) INSERT INTO log SELECT id FROM d",
            "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET x = 2",
            "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE x = 2", "REPLACE INTO t VALUES (1)",
            "INSERT INTO t VALUES (1); DELETE FROM t", "INSERT INTO t VALUES ('unterminated", ""}) {
            assertThat(InsertOnly.matches(sql, Dialect.MYSQL)).as(sql).isFalse();
        }
        assertThat(InsertOnly.matches("/*!50000 DELETE FROM t */ INSERT INTO t VALUES (1)", Dialect.MYSQL)).isFalse();
    }
}
