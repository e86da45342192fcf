package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch check's reading of later entries: as the database reads them, not as JSqlParser's lexer does. */
class NamedTablesTest {
    private static final NamedTables POSTGRES = new NamedTables(Set.of("kids", "refs"), Dialect.POSTGRESQL);
    private static final NamedTables MYSQL = new NamedTables(Set.of("kids", "refs"), Dialect.MYSQL);

    @Test
    void namesInStringsCommentsAndLongerWordsAreNotTables() {
        assertThat(POSTGRES.first("INSERT INTO log (msg, kidsnap) VALUES ('kids gone') /* kids */ -- refs")).isNull();
        assertThat(POSTGRES.first("SELECT $q$ UPDATE kids $q$")).isNull();
        assertThat(MYSQL.first("INSERT INTO log VALUES ('a\\' kids') # kids")).isNull();
    }

    @Test
    void namesTheDatabaseReadsAsCodeAreFoundWhereJSqlParsersLexerWouldMissThem() {
        // PostgreSQL: E'\'' is one string, and the UPDATE after it is code
        assertThat(POSTGRES.first("WITH q AS (SELECT E'\\'' AS s) UPDATE kids SET par_id = 2 FROM q -- '"))
                .isEqualTo("kids");
        assertThat(POSTGRES.first("SELECT $q$'$q$; UPDATE kids SET par_id = 2")).isEqualTo("kids");
        // MySQL: an apostrophe in a # comment opens no string; --1 is minus minus one; /*! */ runs
        assertThat(MYSQL.first("UPDATE # don't\n kids SET par_id = 2")).isEqualTo("kids");
        assertThat(MYSQL.first("DELETE r FROM (SELECT 1--1 AS x) d, refs r WHERE r.pid = 3")).isEqualTo("refs");
        assertThat(MYSQL.first("DELETE FROM /*!refs*/ WHERE pid = 3")).isEqualTo("refs");
    }

    @Test
    void quotedQualifiedAndOtherCaseNamesAreFound() {
        assertThat(POSTGRES.first("UPDATE \"KIDS\" SET x = 1")).isEqualTo("kids");
        assertThat(MYSQL.first("UPDATE shop.`Kids` SET x = 1")).isEqualTo("kids");
        assertThat(MYSQL.first("UPDATE Refs SET x = 1")).isEqualTo("refs");
    }

    /** {@code U&"..."} is the name it spells: a probe's later entry wrote the referencing table so. */
    @Test
    void unicodeEscapedNamesAreReadAsTheyAreSpelled() {
        assertThat(POSTGRES.first("DELETE FROM U&\"r\\0065fs\" WHERE id = 1")).isEqualTo("refs");
        assertThat(POSTGRES.first("DELETE FROM U&\"r\\zzzz\" WHERE id = 1")).isEqualTo(NamedTables.UNREADABLE);
    }

    @Test
    void aTextThatCannotBeReadToItsEndCounts() {
        assertThat(POSTGRES.first("UPDATE log SET msg = 'unterminated")).isEqualTo(NamedTables.UNREADABLE);
    }
}
