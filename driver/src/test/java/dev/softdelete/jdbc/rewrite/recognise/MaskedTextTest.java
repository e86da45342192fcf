package dev.softdelete.jdbc.rewrite.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The masked copy the parser reads when it cannot read the original: same length, only harmless spans changed. */
class MaskedTextTest {
    private static final Set<String> CONFIGURED = Set.of("orders", "number");

    @Test
    void maskedSpansKeepEveryPosition() {
        String sql = "SELECT * FROM orders # comment\nWHERE id = 1 LOCK IN SHARE MODE";
        String masked = MaskedText.of(sql, Dialect.MARIADB, CONFIGURED);
        assertThat(masked).isEqualTo("SELECT * FROM orders          \nWHERE id = 1                   ");
        assertThat(masked).hasSameSizeAs(sql);
    }

    /** MariaDB's lock options after LOCK IN SHARE MODE (jOOQ's forShare().skipLocked() on MARIADB) go with it. */
    @Test
    void lockInShareModeIsMaskedWithItsLockOption() {
        for (String option : new String[] {" SKIP LOCKED", " NOWAIT", " WAIT 5", " skip locked"}) {
            String sql = "SELECT * FROM orders WHERE id = 1 LOCK IN SHARE MODE" + option;
            assertThat(MaskedText.of(sql, Dialect.MARIADB, CONFIGURED)).as(sql)
                    .isEqualTo("SELECT * FROM orders WHERE id = 1 " + " ".repeat(sql.length() - 34));
        }
        // WAIT without its number is not an option: left for the parser (which then fails the statement)
        assertThat(MaskedText.of("SELECT * FROM orders LOCK IN SHARE MODE WAIT", Dialect.MARIADB, CONFIGURED))
                .isEqualTo("SELECT * FROM orders " + " ".repeat("LOCK IN SHARE MODE".length()) + " WAIT");
    }

    /**
     * The string starts where the E does: masked as a blank and a string, an E-string opening a WHERE got the
     * filter's parenthesis between the E and its quote, {@code WHERE E('it\'s' = note) AND ...}.
     */
    @Test
    void escapeStringsBecomeOrdinaryStringsOfTheSameLength() {
        String sql = "SELECT * FROM t WHERE a = E'it\\'s' AND b = 'x'";
        assertThat(MaskedText.of(sql, Dialect.POSTGRESQL, CONFIGURED))
                .isEqualTo("SELECT * FROM t WHERE a = 'xxxxxx' AND b = 'x'");
    }

    @Test
    void onlyIsMaskedWhereItQualifiesATable() {
        assertThat(MaskedText.of("DELETE FROM ONLY orders", Dialect.POSTGRESQL, CONFIGURED))
                .isEqualTo("DELETE FROM      orders");
        assertThat(MaskedText.of("SELECT a FROM t JOIN ONLY u ON true", Dialect.POSTGRESQL, CONFIGURED))
                .isEqualTo("SELECT a FROM t JOIN      u ON true");
        assertThat(MaskedText.of("SELECT only FROM t", Dialect.POSTGRESQL, CONFIGURED)).isNull();
    }

    @Test
    void wordsThatNameAConfiguredTableAreNeverMasked() {
        assertThat(MaskedText.of("SELECT number FROM t WHERE number = 1", Dialect.POSTGRESQL, Set.of("orders")))
                .isEqualTo("SELECT zzzzzz FROM t WHERE zzzzzz = 1");
        assertThat(MaskedText.of("SELECT * FROM number", Dialect.POSTGRESQL, CONFIGURED)).isNull();
    }

    /**
     * A probe: {@code orders number} masked to {@code orders zzzzzz} qualified the filter with the filler, which named
     * another reference ({@code JOIN orders zzzzzz}) and left the first unfiltered. Names and aliases are not masked
     * (JSqlParser reads them), nor qualifiers; a filler is a word the text does not hold.
     */
    @Test
    void onlyExpressionsAreMaskedAndTheFillerIsNew() {
        assertThat(MaskedText.of("SELECT number.id FROM orders number JOIN orders zzzzzz ON zzzzzz.id = 11",
                Dialect.POSTGRESQL, Set.of("orders"))).isNull();
        assertThat(MaskedText.of("SELECT o.id FROM orders AS number, orders o", Dialect.POSTGRESQL,
                Set.of("orders"))).isNull();
        assertThat(MaskedText.of("SELECT zzzzzz FROM t WHERE number = 1", Dialect.POSTGRESQL, Set.of("orders")))
                .isEqualTo("SELECT zzzzzz FROM t WHERE zzzzzy = 1");
        assertThat(MaskedText.of("SELECT a, number FROM (SELECT 1) number WHERE (number > 0)", Dialect.POSTGRESQL,
                Set.of())).isEqualTo("SELECT a, zzzzzz FROM (SELECT 1) number WHERE (zzzzzz > 0)");
    }

    /** A probe: {@code FROM orders sql_cache}, the alias blanked, left the filter qualified by the outer table's name. */
    @Test
    void mysqlSelectModifiersAreMaskedOnlyAfterSelect() {
        assertThat(MaskedText.of("SELECT 1 FROM orders WHERE EXISTS (SELECT 1 FROM orders sql_cache WHERE id = 10)",
                Dialect.MARIADB, Set.of("orders"))).isNull();
        assertThat(MaskedText.of("SELECT DISTINCT SQL_NO_CACHE /* c */ SQL_BIG_RESULT id FROM t", Dialect.MARIADB,
                Set.of())).isEqualTo("SELECT DISTINCT              /* c */                id FROM t");
    }

    @Test
    void nothingInsideStringsCommentsOrQuotesIsMasked() {
        assertThat(MaskedText.of("SELECT 'LOCK IN SHARE MODE', `number` FROM t /* ONLY # */", Dialect.MARIADB,
                Set.of())).isNull();
        assertThat(MaskedText.of("SELECT '# not a comment' FROM t", Dialect.MARIADB, Set.of())).isNull();
        assertThat(MaskedText.of("SELECT 1 # a comment", Dialect.POSTGRESQL, Set.of())).isNull();
    }

    @Test
    void anUnterminatedQuoteMasksNothing() {
        assertThat(MaskedText.of("SELECT * FROM t # x\nWHERE a = 'open", Dialect.MARIADB, Set.of())).isNull();
    }

    @Test
    void mysqlModifiersAndHintsThatDoNotChangeWhatIsReadAreBlanked() {
        assertThat(MaskedText.of("SELECT HIGH_PRIORITY SQL_NO_CACHE id FROM t USE INDEX FOR ORDER BY (PRIMARY)",
                Dialect.MARIADB, Set.of()))
                .isEqualTo("SELECT                            id FROM t USE INDEX              (PRIMARY)");
        assertThat(MaskedText.of("SELECT id FROM t WHERE BINARY name = ?", Dialect.MARIADB, Set.of()))
                .isEqualTo("SELECT id FROM t WHERE        name = ?");
        assertThat(MaskedText.of("SELECT CAST(x AS BINARY) FROM t", Dialect.MARIADB, Set.of())).isNull();
    }

    @Test
    void postgresLockStrengthsAndFurtherLockingClausesAreBlanked() {
        assertThat(MaskedText.of("SELECT 1 FROM a JOIN b ON true FOR NO KEY UPDATE OF a FOR SHARE OF b",
                Dialect.POSTGRESQL, Set.of()))
                .isEqualTo("SELECT 1 FROM a JOIN b ON true FOR        UPDATE OF a " + " ".repeat(14));
        assertThat(MaskedText.of("SELECT 1 FROM a FOR KEY SHARE", Dialect.POSTGRESQL, Set.of()))
                .isEqualTo("SELECT 1 FROM a FOR     SHARE");
    }

    /** The JDBC escapes the vendor drivers unwrap: their braces (and {@code oj}) become blanks, the rest is read. */
    @Test
    void jdbcOuterJoinAndLikeEscapesAreReadWithoutTheirBraces() {
        String join = "SELECT * FROM {oj orders o LEFT OUTER JOIN t ON o.id = t.oid} WHERE o.id = 1";
        assertThat(MaskedText.of(join, Dialect.POSTGRESQL, CONFIGURED))
                .isEqualTo(join.replace("{oj", "(  ").replace('}', ')'));
        String like = "SELECT * FROM orders WHERE note LIKE 'a!_%' {ESCAPE '!'}";
        assertThat(MaskedText.of(like, Dialect.H2, CONFIGURED))
                .isEqualTo(like.replace("{ESCAPE '!'}", "escape   '!'"));
        // H2 reads '\\' as a string; the parser as the start of one that goes on: masked, then moved
        String backslash = "SELECT * FROM orders WHERE note LIKE 'a\\_%' {escape '\\'}";
        assertThat(MaskedText.of(backslash, Dialect.H2, CONFIGURED))
                .isEqualTo("SELECT * FROM orders WHERE note LIKE 'xxxx' escape   'x'");
        String nested = "SELECT * FROM {oj orders o LEFT JOIN {oj t LEFT JOIN u ON t.a = u.a} ON o.id = t.b}";
        assertThat(MaskedText.of(nested, Dialect.H2, CONFIGURED))
                .isEqualTo(nested.replace("{oj", "(  ").replace('}', ')'));
    }

    @Test
    void otherBracesAndBracesInStringsStay() {
        assertThat(MaskedText.of("SELECT '{oj x}' FROM orders", Dialect.POSTGRESQL, CONFIGURED)).isNull();
        assertThat(MaskedText.of("SELECT {fn ucase(a)} FROM orders", Dialect.POSTGRESQL, CONFIGURED)).isNull();
        assertThat(MaskedText.of("SELECT * FROM {oj orders o LEFT JOIN t ON o.id = t.oid", Dialect.POSTGRESQL,
                CONFIGURED)).isNull();
    }

    /** pgjdbc sends {@code ??} as the {@code ?} operator: read as another binary operator, never as parameters. */
    @Test
    void pgjdbcDoubledQuestionMarksAreReadAsAnOperator() {
        assertThat(MaskedText.of("SELECT * FROM orders WHERE doc ?? ? AND doc ??| ? AND doc ??& ?", Dialect.POSTGRESQL,
                CONFIGURED)).isEqualTo("SELECT * FROM orders WHERE doc @> ? AND doc @>  ? AND doc @>  ?");
        assertThat(MaskedText.of("SELECT '??' FROM orders WHERE a = ?", Dialect.POSTGRESQL, CONFIGURED)).isNull();
        assertThat(MaskedText.of("SELECT * FROM orders WHERE a = ? ?", Dialect.POSTGRESQL, CONFIGURED)).isNull();
    }
}
