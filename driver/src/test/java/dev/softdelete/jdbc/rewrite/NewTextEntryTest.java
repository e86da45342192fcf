package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RewriteEngine#rewriteNew}, the entry for texts a connection has not met recently: the pre-filter before the
 * shared cache. It must give what {@link RewriteEngine#rewrite} gives, for every text of the rewrite corpora, on a
 * fresh engine and on one that has the text cached already, and a text that names no configured table must leave the
 * cache as it was.
 */
class NewTextEntryTest {

    /** A corpus case with the dialect it is checked in. */
    static final class InDialect {
        final Dialect dialect;
        final RewriteCorpus.Case c;

        InDialect(Dialect dialect, RewriteCorpus.Case c) {
            this.dialect = dialect;
            this.c = c;
        }

        @Override
        public String toString() {
            return dialect + ": " + c;
        }
    }

    static List<InDialect> cases() throws IOException {
        List<InDialect> all = new ArrayList<>();
        for (RewriteCorpus.Case c : RewriteCorpusTest.common()) {
            all.add(new InDialect(Dialect.POSTGRESQL, c));
            all.add(new InDialect(Dialect.MYSQL, c));
        }
        for (RewriteCorpus.Case c : RewriteCorpusTest.postgres()) {
            all.add(new InDialect(Dialect.POSTGRESQL, c));
        }
        for (RewriteCorpus.Case c : RewriteCorpusTest.mysql()) {
            all.add(new InDialect(Dialect.MARIADB, c));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesWhatTheCacheFirstEntryGives(InDialect d) {
        String sql = d.c.sql;
        String expected = outcome(Engines.engine(d.dialect), sql, false);

        assertThat(outcome(Engines.engine(d.dialect), sql, true)).as("fresh engine").isEqualTo(expected);
        RewriteEngine warm = Engines.engine(d.dialect);
        for (int i = 0; i < 3; i++) {
            outcome(warm, sql, false); // seen twice: cached, with its shape's verdict
        }
        assertThat(outcome(warm, sql, true)).as("text cached").isEqualTo(expected);
        assertThat(outcome(warm, new String(sql), true)).as("an equal text").isEqualTo(expected);
    }

    @Test
    void aTextNamingNoConfiguredTableLeavesTheCacheAsItWas() throws Exception {
        RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);
        String plain = "SELECT id, amount FROM ledger WHERE id = ?";

        assertThat(engine.rewriteNew(plain, Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(engine.rewriteNew(plain, Visibility.ACTIVE).unchanged()).isTrue();
        assertThat(engine.cachedTexts()).isZero();
        engine.rewrite(plain, Visibility.ACTIVE);
        assertThat(engine.cachedTexts()).as("the doorkeeper had not noted it: seen once by rewrite").isZero();
        engine.rewrite(plain, Visibility.ACTIVE);
        assertThat(engine.cachedTexts()).as("seen twice by rewrite").isEqualTo(1);
    }

    @Test
    void newLiteralsOnAConfiguredTableTakeTheShapeAsBefore() throws Exception {
        RewriteEngine engine = Engines.engine(Dialect.POSTGRESQL);
        RewriteEngine reference = Engines.engine(Dialect.POSTGRESQL);
        for (int i = 0; i < 50; i++) {
            String sql = "SELECT * FROM orders WHERE id = " + i + " AND note <> 'n" + i + "'";
            assertThat(engine.rewriteNew(sql, Visibility.ACTIVE).sqlFor(sql))
                    .isEqualTo(reference.rewrite(sql, Visibility.ACTIVE).sqlFor(sql))
                    .isNotEqualTo(sql);
        }
        assertThat(engine.cachedTexts()).as("one shape, no one-off text").isEqualTo(1);
    }

    /** What the engine sends for {@code sql}, or the refusal's state and message. */
    private static String outcome(RewriteEngine engine, String sql, boolean asNew) {
        try {
            Rewrite r = asNew ? engine.rewriteNew(sql, Visibility.ACTIVE) : engine.rewrite(sql, Visibility.ACTIVE);
            StringBuilder checks = new StringBuilder();
            for (Rewrite.Guard g : r.checks()) {
                checks.append(g.hashCode()).append(' '); // a guard's query and message
            }
            return (r.unchanged() ? "unchanged" : "sent " + r.sqlFor(sql)) + " after " + r.after() + " checks "
                    + checks + "event " + r.deleteEvent() + " schema " + r.changesSchema() + " restore "
                    + r.restore();
        } catch (StatementRefusedException e) {
            return "refused " + e.sqlState() + " " + e.getMessage();
        }
    }
}
