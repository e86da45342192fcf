package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import org.junit.jupiter.api.Test;

class LexicalDisagreementTest {
    private static String refusal(String sql, Dialect dialect) {
        LexicalDisagreement d = LexicalDisagreement.of(sql, dialect);
        return d == null ? null : d.refusal;
    }

    private static boolean masks(String sql, Dialect dialect) {
        LexicalDisagreement d = LexicalDisagreement.of(sql, dialect);
        return d != null && d.refusal == null;
    }

    @Test
    void mysqlCodeThatTheParserTakesForACommentIsRefused() {
        for (Dialect dialect : new Dialect[] {Dialect.MYSQL, Dialect.MARIADB}) {
            assertThat(refusal("SELECT * FROM t WHERE a = 1 /*! OR 1 = 1 */", dialect)).contains("executable");
            assertThat(refusal("SELECT * FROM t WHERE a = 1 /*M!100000 OR 1 = 1 */", dialect)).contains("executable");
            assertThat(refusal("SELECT * FROM t WHERE a = 1 /*!50000 UNION SELECT * FROM t */", dialect)).isNotNull();
            assertThat(refusal("SELECT 1 --1 FROM t", dialect)).contains("minus signs");
            assertThat(refusal("SELECT 1 ---\n", dialect)).contains("minus signs");
            assertThat(refusal("SELECT 4 // 2 FROM t", dialect)).contains("//");
        }
    }

    @Test
    void mysqlCommentsThatTheParserReadsOtherwiseAreMasked() {
        assertThat(masks("SELECT * FROM t #x", Dialect.MARIADB)).isTrue();
        assertThat(masks("SELECT * FROM t /* a /* b */ WHERE 1 = 1", Dialect.MARIADB)).isTrue();
        assertThat(masks("SELECT * FROM t -- a\r WHERE 1 = 1", Dialect.MYSQL)).isTrue();
        assertThat(MaskedText.of("SELECT * FROM t #x\nWHERE a /* b /* c */ = 1 -- d\r e\n", Dialect.MARIADB,
                java.util.Set.of())).isEqualTo("SELECT * FROM t " + " ".repeat(2) + "\nWHERE a " + " ".repeat(12)
                        + " = 1 " + " ".repeat(7) + "\n");
    }

    @Test
    void commentsBothReadAlikeAndLookalikesInLiteralsAreLeftAlone() {
        for (String sql : new String[] {"SELECT 1", "SELECT 1 -- x\n FROM t", "SELECT 1 --\tx", "SELECT 1 --",
            "SELECT /* plain */ 1", "SELECT '--1', '/*!', '#', '//' FROM t", "SELECT `a#b`, \"c--d\" FROM t",
            "SELECT /*!40001 SQL_NO_CACHE */ * FROM t", "SELECT /*+ BKA(t) */ * FROM t", "SELECT 1 - -1, 4 / 2"}) {
            assertThat(LexicalDisagreement.of(sql, Dialect.MARIADB)).as(sql).isNull();
        }
    }

    /**
     * Modifiers in an executable comment are read alike only where modifiers stand: after a table MariaDB reads
     * SQL_NO_CACHE, SQL_CACHE and SQL_BUFFER_RESULT as its alias, which the parser does not see (a probe's subquery
     * went unfiltered).
     */
    @Test
    void executableCommentsOfModifiersAreReadAlikeOnlyAfterSelect() {
        for (String sql : new String[] {"SELECT /*! STRAIGHT_JOIN */ o.id FROM o JOIN c ON c.id = o.c",
            "SELECT DISTINCT /*!40001 SQL_NO_CACHE */ /*!SQL_BUFFER_RESULT*/ id FROM t",
            "SELECT /*!SQL_CALC_FOUND_ROWS*/ id FROM t LIMIT 1"}) {
            assertThat(LexicalDisagreement.of(sql, Dialect.MARIADB)).as(sql).isNull();
        }
        for (String sql : new String[] {"SELECT id FROM t /*!40001 SQL_NO_CACHE */ WHERE a = 1",
            "SELECT id FROM t WHERE a IN (SELECT a FROM t /*!SQL_BUFFER_RESULT*/)", "SELECT id, /*!SQL_CACHE*/ a FROM t",
            "SELECT /*!DISTINCT*/ id FROM t", "SELECT /*!1000001 SQL_NO_CACHE */ id FROM t"}) {
            assertThat(refusal(sql, Dialect.MARIADB)).as(sql).contains("executable comment");
        }
    }

    /** MariaDB's sql_mode=MSSQL reads [...] as a quoted name (a probe hid a query of a configured table in one). */
    @Test
    void aSquareBracketIsRefusedOnMySql() {
        assertThat(refusal("SELECT count(*) AS [n'], (SELECT count(*) FROM t) AS [m'] -- '", Dialect.MARIADB))
                .contains("square bracket");
        assertThat(LexicalDisagreement.of("SELECT '[x]' FROM t", Dialect.MARIADB)).isNull();
    }

    @Test
    void postgresAndH2ReadCommentsAsTheParserDoesButForDoubleSlash() {
        assertThat(refusal("SELECT 4 // 2", Dialect.POSTGRESQL)).contains("//");
        for (String sql : new String[] {"SELECT 1 /* a /* b */ c */", "SELECT 1 -- a\r, 2", "SELECT 1 --1",
            "SELECT '//', 'a#b' #> '{x}'", "SELECT 1 /*! 2 */"}) {
            assertThat(LexicalDisagreement.of(sql, Dialect.POSTGRESQL)).as(sql).isNull();
        }
        assertThat(LexicalDisagreement.of("SELECT 4 // 2\n", Dialect.H2)).isNull();
    }

    @Test
    void literalsTheParserOrTheServersSettingsReadOtherwise() {
        assertThat(refusal("SELECT \"\\\" --\", id FROM t", Dialect.MARIADB)).contains("double-quoted");
        // a MySQL string with a backslash: JSqlParser may end it elsewhere ('a''\'--'), so the copy it parses has
        // an ordinary string of the same length
        assertThat(masks("SELECT \"a\", 'b\\'' FROM t", Dialect.MARIADB)).isTrue();
        assertThat(MaskedText.of("SELECT 'a''\\'--' FROM t", Dialect.MARIADB, java.util.Set.of()))
                .isEqualTo("SELECT 'xxxxxxx' FROM t");
        assertThat(masks("SELECT id FROM t WHERE a <> E'\\' --'", Dialect.POSTGRESQL)).isTrue();
        assertThat(refusal("SELECT $\u00e9$ --$\u00e9$, id FROM t", Dialect.POSTGRESQL)).contains("dollar");
        // Hibernate's escape clause; with standard_conforming_strings off it would read on (README: out of reach)
        // and is not refused, but parsed masked: JSqlParser cannot read 'q\'' (a backslash, then a doubled quote)
        assertThat(masks("SELECT id FROM t WHERE a LIKE ? ESCAPE '\\'", Dialect.POSTGRESQL)).isTrue();
        assertThat(masks("SELECT id FROM t WHERE a = 'q\\'' -- '", Dialect.POSTGRESQL)).isTrue();
        for (String sql : new String[] {"SELECT 'a_%' FROM t", "SELECT id FROM t WHERE id = $1"}) {
            assertThat(LexicalDisagreement.of(sql, Dialect.POSTGRESQL)).as(sql).isNull();
        }
        // dollar quotes are parsed masked: JSqlParser reads a quote or a comment start in a tagged one as code
        for (String sql : new String[] {"SELECT $q$'$q$ FROM t", "SELECT $q$ -- $q$ FROM t", "SELECT $$y$$ FROM t"}) {
            assertThat(masks(sql, Dialect.POSTGRESQL)).as(sql).isTrue();
        }
    }

    @Test
    void quotesTheParserReadsOtherwiseThanEveryDatabaseAreRefused() {
        // PostgreSQL takes every character outside ASCII for a dollar quote's tag, letter or not: the parser read a
        // dollar sign and a string to the end (a probe hid a query and a DELETE so)
        for (char tag : new char[] {'\u2160', '\u00B7', '\u200B', '\uFEFF', '\u0660', '\u00E9'}) {
            String sql = "SELECT $" + tag + "$'$" + tag + "$ AS q, id FROM t --'";
            assertThat(refusal(sql, Dialect.POSTGRESQL)).as(sql).contains("dollar quote");
        }
        // Oracle's alternative quoting, which the parser knows: a name and a string to every database
        for (Dialect d : new Dialect[] {Dialect.MARIADB, Dialect.POSTGRESQL, Dialect.H2}) {
            assertThat(refusal("SELECT q'[', id FROM t, (SELECT 1 q) z -- ]'", d)).as(d.name()).contains("q'");
            assertThat(refusal("SELECT NQ'{' FROM t -- }'", d)).as(d.name()).contains("q'");
        }
        assertThat(refusal("SELECT 'q', x'41', n'abc' FROM t", Dialect.MARIADB)).isNull();
        // MySQL and MariaDB start a name with $: $$ is a name there, a dollar-quoted string to the parser
        assertThat(refusal("SELECT $$, id FROM t, (SELECT 1 AS $$) z -- $$", Dialect.MARIADB)).contains("starts with $");
        assertThat(refusal("SELECT a$b, '$$' FROM t", Dialect.MARIADB)).isNull();
    }

    @Test
    void aBackslashAfterANonAsciiCharacterIsRefusedOnMySql() {
        // under SET NAMES gbk the last byte of あ's UTF-8 and the backslash are one character: the quote after it
        // ends the string (a probe read soft-deleted rows and deleted physically so)
        assertThat(refusal("SELECT id FROM t WHERE name = '\u3042\\' OR id = 1 /* ' -- */", Dialect.MARIADB))
                .contains("multi-byte");
        assertThat(refusal("SELECT id FROM t WHERE name = 'a\\' ", Dialect.MARIADB)).isNull();
    }
}
