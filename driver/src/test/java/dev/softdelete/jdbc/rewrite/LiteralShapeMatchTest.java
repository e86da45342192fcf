package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LiteralShape#match}, which reads a statement against the shape of another instead of lexing it, against the
 * lexer itself: whenever it finds a shape, the lexer finds the same shape with the same literals. Every statement of
 * the rewrite corpora is shaped, then each of its literals is replaced by each of a list of replacements (literals of
 * every kind, literals the lexer refuses, things that are no literal at all), and the two answers compared.
 */
class LiteralShapeMatchTest {
    /** What a literal is replaced by: literals of each kind, literals in doubt, and text that is none. */
    private static final String[] REPLACEMENTS = {"0", "7", "123456789012345678901234567890", "3.25", "1e3", "2E-7",
        "1e", "1.", "1.2.3", "5x", "0x1F", "-1", "12abc", "1 2", "''", "'x'", "'it''s'", "'a\\b'", "'a\\'b'",
        "'a\\\\'", "'$x'", "'$$'", "'(('", "'/*!50000 x*/'", "'?'", "'unterminated", "'x''", "'ünï'", "'a' 'b'", "'--'",
        "'/*'", "'x'y", "abc", "?", "(1)", "NULL", "'x'::int", "", " ", "'", "1'a'", "N'x'", "$1"};
    private static final Dialect[] DIALECTS = {Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2};

    private int matched;
    private int compared;

    @Test
    void aStatementWithOtherLiteralsMatchesItsShapeAsTheLexerFindsIt() {
        LiteralShape shape = LiteralShape.of(
                "SELECT id, customer_id, total, note FROM bench_orders WHERE id = 17 AND note <> 'x5'",
                Dialect.POSTGRESQL);
        LiteralShape same = shape.match(
                "SELECT id, customer_id, total, note FROM bench_orders WHERE id = 4242 AND note <> 'it''s'");
        assertThat(same).isNotNull();
        assertThat(same.text()).isEqualTo(shape.text());
        assertThat(same.literal(0)).isEqualTo("4242");
        assertThat(same.literal(1)).isEqualTo("'it''s'");
        assertThat(same.reinsert("SELECT x FROM t WHERE (id = ? AND note <> ?) AND t.is_deleted = FALSE"))
                .isEqualTo("SELECT x FROM t WHERE (id = 4242 AND note <> 'it''s') AND t.is_deleted = FALSE");
    }

    @Test
    void whatTheLexerWouldDecideOtherwiseDoesNotMatch() {
        LiteralShape pg = LiteralShape.of("SELECT * FROM orders WHERE note = 'a' AND id = 1 LIMIT 5",
                Dialect.POSTGRESQL);
        assertThat(pg.match("SELECT * FROM orders WHERE note = 'a\\' AND id = 1 LIMIT 5"))
                .as("a backslash outside MySQL").isNull();
        assertThat(pg.match("SELECT * FROM orders WHERE note = '$a' AND id = 1 LIMIT 5")).as("a dollar").isNull();
        assertThat(pg.match("SELECT * FROM orders WHERE note = 'a' AND id = 1 LIMIT 5.5"))
                .as("a decimal after LIMIT").isNull();
        assertThat(pg.match("SELECT * FROM orders WHERE note = 'a' AND id = 1x LIMIT 5")).as("a glued word").isNull();
        assertThat(pg.match("SELECT * FROM orders WHERE note = 'a' AND id = 1 LIMIT 5 ")).as("one more space")
                .isNull();
        assertThat(pg.match("SELECT * FROM orders WHERE note = 7 AND id = 1 LIMIT 5")).as("another kind").isNull();
        LiteralShape my = LiteralShape.of("SELECT * FROM orders WHERE note = 'a' AND id = 1", Dialect.MARIADB);
        assertThat(my.match("SELECT * FROM orders WHERE note = 'a\\'b' AND id = 1")).isNotNull();
        assertThat(my.match("SELECT * FROM orders WHERE note = '/*!x*/' AND id = 1"))
                .as("an executable comment in a MySQL string").isNull();
        String nested = "SELECT " + "(".repeat(98) + "1" + ")".repeat(98) + " FROM orders WHERE note = ";
        LiteralShape deep = LiteralShape.of(nested + "'a'", Dialect.POSTGRESQL);
        assertThat(deep.match(nested + "'b'")).isNotNull();
        assertThat(LiteralShape.of(nested + "'((('", Dialect.POSTGRESQL)).as("the lexer's count").isNull();
        assertThat(deep.match(nested + "'((('")).as("parentheses in a literal beyond the count").isNull();
    }

    @Test
    void everyMatchOfTheCorporaIsWhatTheLexerFinds() throws IOException {
        List<String> corpus = new ArrayList<>();
        for (String r : new String[] {"/rewrite/common.txt", "/rewrite/postgres.txt", "/rewrite/mysql.txt"}) {
            RewriteCorpus.load(r).forEach(c -> corpus.add(c.sql));
        }
        Random random = new Random(41);
        for (Dialect dialect : DIALECTS) {
            for (String sql : corpus) {
                LiteralShape shape = LiteralShape.of(sql, dialect);
                if (shape == null) {
                    continue;
                }
                assertThat(shape.match(sql)).as("%s matches itself", sql).isNotNull();
                String[] parts = split(shape);
                for (int i = 1; i < parts.length; i += 2) {
                    if (parts[i].equals("?")) {
                        continue; // a marker of the text, not a literal
                    }
                    for (String replacement : REPLACEMENTS) {
                        String[] varied = parts.clone();
                        varied[i] = replacement;
                        check(shape, String.join("", varied), dialect);
                    }
                }
                for (int k = 0; k < 20; k++) {
                    String[] varied = parts.clone();
                    for (int i = 1; i < parts.length; i += 2) {
                        if (!parts[i].equals("?") && random.nextBoolean()) {
                            varied[i] = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)];
                        }
                    }
                    check(shape, String.join("", varied), dialect);
                }
            }
        }
        System.out.printf("[shape match] %d statements compared with the lexer, %d matched%n", compared, matched);
        assertThat(matched).as("statements matched").isGreaterThan(compared / 10);
    }

    private void check(LiteralShape shape, String other, Dialect dialect) {
        compared++;
        LiteralShape match = shape.match(other);
        if (match == null) {
            return;
        }
        matched++;
        LiteralShape lexed = LiteralShape.of(other, dialect);
        assertThat(lexed).as("%s: the lexer finds a shape in %s", dialect, other).isNotNull();
        assertThat(match.text()).as("%s: %s", dialect, other).isEqualTo(lexed.text());
        assertThat(match.literalCount()).isEqualTo(lexed.literalCount());
        for (int i = 0; i < match.literalCount(); i++) {
            assertThat(match.literal(i)).as("%s: literal %d of %s", dialect, i, other).isEqualTo(lexed.literal(i));
        }
        String marked = lexed.text().replace("?", "[?]");
        assertThat(match.reinsert(marked)).isEqualTo(lexed.reinsert(marked));
    }

    /**
     * The statement of {@code shape} cut at its literals and markers: text, then a literal or "?", then text, and so
     * on. Found by putting the literals back into the shape with each {@code ?} between two characters no statement
     * of the corpora holds.
     */
    private static String[] split(LiteralShape shape) {
        String around = shape.reinsert(shape.text().replace("?", "\u0001?\u0002"));
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = around.indexOf('\u0001', at);
            if (open < 0) {
                parts.add(around.substring(at));
                return parts.toArray(new String[0]);
            }
            int close = around.indexOf('\u0002', open);
            parts.add(around.substring(at, open));
            parts.add(around.substring(open + 1, close));
            at = close + 1;
        }
    }
}
