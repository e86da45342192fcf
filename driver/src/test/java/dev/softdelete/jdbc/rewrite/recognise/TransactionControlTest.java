package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

class TransactionControlTest {
    @Test
    void statementsThatBeginEndOrMarkATransaction() {
        assertThat(TransactionControl.word("commit", Dialect.POSTGRESQL)).isEqualTo("COMMIT");
        assertThat(TransactionControl.word("/* x */ SAVEPOINT s", Dialect.POSTGRESQL)).isEqualTo("SAVEPOINT");
        assertThat(TransactionControl.word("\tSTART TRANSACTION", Dialect.MARIADB)).isEqualTo("START");
        assertThat(TransactionControl.word("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE", Dialect.MARIADB))
                .isEqualTo("TRANSACTION");
        assertThat(TransactionControl.word("SET @@autocommit = 0", Dialect.MARIADB)).isEqualTo("AUTOCOMMIT");
        assertThat(TransactionControl.word("XA START 'x'", Dialect.MARIADB)).isEqualTo("XA");
    }

    @Test
    void otherStatementsAreNot() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "SET search_path = public", "SELECT 1",
                "-- COMMIT\nDELETE FROM t", "'COMMIT'", "", "(SELECT 1)"}) {
            assertThat(TransactionControl.word(sql, Dialect.POSTGRESQL)).as(sql).isNull();
        }
    }
}
