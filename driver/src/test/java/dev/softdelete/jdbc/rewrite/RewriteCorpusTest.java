package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rewrite engine as a pure function over corpora of statements: each case states the exact text that must
 * reach the database, that the text is sent unchanged, or that it is refused with a given SQLState.
 */
class RewriteCorpusTest {

    static List<RewriteCorpus.Case> postgres() throws IOException {
        return RewriteCorpus.load("/rewrite/postgres.txt");
    }

    static List<RewriteCorpus.Case> mysql() throws IOException {
        return RewriteCorpus.load("/rewrite/mysql.txt");
    }

    static List<RewriteCorpus.Case> common() throws IOException {
        return RewriteCorpus.load("/rewrite/common.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("common")
    void commonOnPostgres(RewriteCorpus.Case c) {
        check(Dialect.POSTGRESQL, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("common")
    void commonOnMySql(RewriteCorpus.Case c) {
        check(Dialect.MYSQL, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postgres")
    void postgresOnly(RewriteCorpus.Case c) {
        check(Dialect.POSTGRESQL, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mysql")
    void mysqlOnly(RewriteCorpus.Case c) {
        check(Dialect.MARIADB, c);
    }

    static void check(Dialect dialect, RewriteCorpus.Case c) {
        RewriteEngine engine = Engines.engine(dialect);
        String expected = c.expected;
        if (expected.startsWith(RewriteCorpus.REFUSED)) {
            String state = expected.substring(RewriteCorpus.REFUSED.length()).trim();
            assertThatThrownBy(() -> engine.rewrite(c.sql, Visibility.ACTIVE))
                    .isInstanceOf(StatementRefusedException.class)
                    .satisfies(e -> assertThat(((StatementRefusedException) e).sqlState()).isEqualTo(state));
            return;
        }
        Rewrite out = rewrite(engine, c.sql);
        // <now> is the delete event's timestamp: the database's clock when the statement times itself (see
        // SelfTimedEventTest for which statements do), else the one the driver sets on the session before it
        expected = expected.replace("<now>", out.selfTimed() ? dialect.statementTimestamp() : dialect.eventTimestamp());
        if (RewriteCorpus.SAME.equals(expected)) {
            assertThat(out.unchanged()).as("sent unchanged").isTrue();
        } else {
            assertThat(out.sqlFor(c.sql)).isEqualTo(expected);
        }
    }

    private static Rewrite rewrite(RewriteEngine engine, String sql) {
        try {
            return engine.rewrite(sql, Visibility.ACTIVE);
        } catch (StatementRefusedException e) {
            throw new AssertionError("refused: " + e.getMessage(), e);
        }
    }
}
