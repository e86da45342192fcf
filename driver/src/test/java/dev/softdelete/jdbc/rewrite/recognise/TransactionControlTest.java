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

    /** PostgreSQL's PREPARE TRANSACTION ends the transaction; a PREPARE of a statement does not. */
    @Test
    void prepareTransactionEndsOne() {
        assertThat(TransactionControl.word("PREPARE TRANSACTION 'x'", Dialect.POSTGRESQL)).isEqualTo("PREPARE");
        assertThat(TransactionControl.word("prepare /* 2pc */ transaction 'x'", Dialect.POSTGRESQL))
                .isEqualTo("PREPARE");
        assertThat(TransactionControl.word("PREPARE p AS SELECT 1", Dialect.POSTGRESQL)).isNull();
        assertThat(TransactionControl.word("PREPARE s FROM 'SELECT 1'", Dialect.MARIADB)).isNull();
    }

    /** A batch entry runs all its statements: one after the first may end the driver's transaction too. */
    @Test
    void anyStatementOfAnEntryCounts() {
        assertThat(TransactionControl.inAny("UPDATE plain SET v = 'q' WHERE id = 1; COMMIT", Dialect.POSTGRESQL))
                .isEqualTo("COMMIT");
        assertThat(TransactionControl.inAny("SELECT 1;\n/* x */ ROLLBACK;", Dialect.MARIADB)).isEqualTo("ROLLBACK");
        assertThat(TransactionControl.inAny("SELECT ';COMMIT'; SELECT 2", Dialect.POSTGRESQL)).isNull();
        assertThat(TransactionControl.inAny("INSERT INTO t VALUES (1)", Dialect.MARIADB)).isNull();
    }

    /**
     * A procedure can COMMIT on MySQL, MariaDB and H2, and the server runs an executable comment's code; PostgreSQL
     * refuses transaction control in a procedure called inside a transaction block.
     */
    @Test
    void aCallOrAnExecutableCommentMayEndOne() {
        assertThat(TransactionControl.wordOrCall("CALL p_commit()", Dialect.MARIADB)).isEqualTo("CALL");
        assertThat(TransactionControl.wordOrCall("{call p_commit()}", Dialect.MYSQL)).isEqualTo("CALL");
        assertThat(TransactionControl.wordOrCall("{? = call f()}", Dialect.H2)).isEqualTo("CALL");
        assertThat(TransactionControl.wordOrCall("/* x */ call p()", Dialect.H2)).isEqualTo("CALL");
        assertThat(TransactionControl.wordOrCall("CALL p()", Dialect.POSTGRESQL)).isNull();
        assertThat(TransactionControl.wordOrCall("/*!COMMIT*/", Dialect.MYSQL)).isEqualTo("an executable comment");
        assertThat(TransactionControl.wordOrCall("SELECT 1 /*M! ; COMMIT */", Dialect.MARIADB))
                .isEqualTo("an executable comment");
        assertThat(TransactionControl.inAny("SELECT 1; CALL p()", Dialect.MARIADB)).isEqualTo("CALL");
        assertThat(TransactionControl.wordOrCall("SELECT 1 /* CALL p() */", Dialect.MARIADB)).isNull();
        assertThat(TransactionControl.wordOrCall("INSERT INTO t VALUES (1)", Dialect.MARIADB)).isNull();
    }

    /** DDL and the like commit implicitly on MySQL, MariaDB and H2 (PostgreSQL's DDL is transactional). */
    @Test
    void aStatementThatCommitsImplicitlyMayEndOne() {
        assertThat(TransactionControl.wordOrCall("CREATE TABLE IF NOT EXISTS tmp_a (i INT)", Dialect.MARIADB))
                .isEqualTo("CREATE, which commits implicitly");
        assertThat(TransactionControl.wordOrCall("/* x */ LOCK TABLES t WRITE", Dialect.MYSQL))
                .isEqualTo("LOCK, which commits implicitly");
        assertThat(TransactionControl.wordOrCall("ANALYZE TABLE t", Dialect.H2)).startsWith("ANALYZE");
        assertThat(TransactionControl.wordOrCall("SET PASSWORD = PASSWORD('x')", Dialect.MARIADB))
                .startsWith("SET PASSWORD");
        assertThat(TransactionControl.inAny("CREATE TABLE tmp_b (i INT); DELETE FROM c WHERE id = ?",
                Dialect.MARIADB)).startsWith("CREATE");
        for (String sql : new String[] {"SELECT 1", "update t set a = 1", "(SELECT 1)", "SET @x = 1",
            "REPLACE INTO t VALUES (1)", "WITH a AS (SELECT 1) SELECT * FROM a", "MERGE INTO t KEY (id) VALUES (1)"}) {
            assertThat(TransactionControl.wordOrCall(sql, Dialect.H2)).as(sql).isNull();
        }
        assertThat(TransactionControl.wordOrCall("CREATE TABLE t (i INT)", Dialect.POSTGRESQL)).isNull();
        // SET: a variable does not commit; H2's settings and MariaDB's SET DEFAULT ROLE / SET STATEMENT ... FOR do
        assertThat(TransactionControl.wordOrCall("SET @p = 'password'", Dialect.MARIADB)).isNull();
        assertThat(TransactionControl.wordOrCall("SET SESSION sql_mode = ''", Dialect.MARIADB)).isNull();
        assertThat(TransactionControl.wordOrCall("SET DEFAULT ROLE NONE", Dialect.MARIADB)).startsWith("SET DEFAULT");
        assertThat(TransactionControl.wordOrCall("SET STATEMENT max_statement_time = 1 FOR ANALYZE TABLE t",
                Dialect.MARIADB)).startsWith("SET STATEMENT");
        assertThat(TransactionControl.wordOrCall("SET MODE REGULAR", Dialect.H2)).startsWith("SET MODE");
        assertThat(TransactionControl.wordOrCall("SET @x = 1", Dialect.H2)).isNull();
    }

    @Test
    void otherStatementsAreNot() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "SET search_path = public", "SELECT 1",
                "-- COMMIT\nDELETE FROM t", "'COMMIT'", "", "(SELECT 1)"}) {
            assertThat(TransactionControl.word(sql, Dialect.POSTGRESQL)).as(sql).isNull();
        }
    }

    @Test
    void transactionControlAfterASemicolonOfAnotherQuoteReadingIsFound() {
        // under NO_BACKSLASH_ESCAPES the server runs INSERT; COMMIT; INSERT, where the lexer reads one INSERT (a
        // probe hid the COMMIT from a batch's rule so)
        String text = "INSERT INTO plain VALUES (1, '\\'); COMMIT; INSERT INTO plain VALUES (2, ' -- ')";
        assertThat(TransactionControl.inAny(text, Dialect.MARIADB)).isEqualTo("COMMIT");
        assertThat(InsertOnly.matches(text, Dialect.MARIADB)).isFalse();
        assertThat(TransactionControl.inAny("INSERT INTO plain VALUES (1, 'a; b')", Dialect.MARIADB)).isNull();
    }

    @Test
    void aQuotedSettingNameIsTransactionControlToo() {
        // MariaDB takes SET `autocommit` = 1 (a probe committed a group's soft delete away with it)
        assertThat(TransactionControl.word("SET `autocommit` = 1", Dialect.MARIADB)).isEqualTo("AUTOCOMMIT");
        assertThat(TransactionControl.inAny("DELETE FROM t WHERE id = 1; SET `autocommit` = 1", Dialect.MARIADB))
                .isEqualTo("AUTOCOMMIT");
    }
}
