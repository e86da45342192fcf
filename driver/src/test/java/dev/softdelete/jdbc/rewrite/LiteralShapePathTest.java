package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.config.OnUnparseable;
import dev.softdelete.config.Options;
import dev.softdelete.config.TruncatePolicy;
import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.LiteralShape;
import dev.softdelete.jdbc.rewrite.recognise.ParseFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The literal-insensitive path against the exact path: every statement of the rewrite corpora, literal-varying
 * variants of each, statements in the style of legacy code that concatenates literals, and mutants of the corpora,
 * go through an engine with the shape path and one without; the outcomes must be identical: the same text, the
 * same statements around it, the same delete event, or the same refusal with the same message.
 */
class LiteralShapePathTest {
    private static final String[] NUMBERS = {"0", "7", "42", "123456", "99999999999", "3.25", "1e3", "0.5"};
    private static final String[] STRINGS = {"''", "'x'", "'it''s'", "'what?'", "'orders'", "'DELETE FROM customers'",
        "'ünï cødé'", "'%A_'", "'--'", "'/*'", "'*/'", "'$$'", "' ; '", "'\"'", "'`'", "'?'", "'a''''b'"};
    private static final String[] MYSQL_STRINGS = {"'a\\'b'", "'back\\\\slash'", "'\\''", "'tab\\t'"};
    private static final Pattern LITERAL = Pattern.compile("'(?:[^'\\\\]|''|\\\\.)*'|(?<![\\w.])\\d+(?:\\.\\d+)?");

    /** Legacy-style statements: {n} an integer, {d} a decimal, {s} a string, all concatenated into the text. */
    private static final String[] TEMPLATES = {
        "SELECT * FROM orders WHERE id = {n}",
        "select o.id, o.total from orders o where o.customer_id = {n} and o.note like {s} order by o.id limit {n}",
        "SELECT * FROM orders WHERE total > {d} LIMIT {n} OFFSET {n}",
        "DELETE FROM customers WHERE id = {n}",
        "DELETE FROM orders WHERE id = {n} OR note = {s}",
        "delete from reviews where id in ({n}, {n}, {n})",
        "UPDATE orders SET total = {d}, note = {s} WHERE id = {n}",
        "UPDATE customers SET name = {s} WHERE id = {n} AND name <> {s}",
        "INSERT INTO orders (id, customer_id, total, note) VALUES ({n}, {n}, {d}, {s})",
        "INSERT INTO orders (id, note) VALUES ({n}, {s}), ({n}, {s})",
        "INSERT INTO archive (id) SELECT id FROM orders WHERE total > {n}",
        "SELECT (SELECT count(*) FROM orders WHERE total > {n}) FROM products",
        "SELECT coalesce((SELECT max(id) FROM customers WHERE name = {s}), {n}) FROM products",
        "SELECT c.name, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS n FROM customers c WHERE c.id = {n}",
        "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.total > {d})",
        "SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id AND o.total > {n}"
                + " LEFT JOIN reviews r ON r.order_id = o.id WHERE c.name = {s} AND r.stars >= {n}",
        "SELECT * FROM customers c RIGHT JOIN orders o ON o.customer_id = c.id WHERE o.id = {n}",
        "UNDELETE FROM orders WHERE id = {n}",
        "UNDELETE FROM customers c WHERE c.name = {s}",
        "/* softdelete:include-deleted */ SELECT * FROM orders WHERE id = {n}",
        "/* softdelete:only-deleted */ SELECT * FROM orders WHERE id = {n}",
        "/* softdelete:hard-delete */ DELETE FROM orders WHERE id = {n}",
        "/* app=shop */ SELECT * FROM orders WHERE note = {s} -- trailing\n AND id = {n}",
        "SELECT * FROM orders WHERE note = {s} AND id = ?",
        "SELECT * FROM orders WHERE id = ? AND total BETWEEN {n} AND {d}",
        "SELECT * FROM orders WHERE id IN ({n}, {n}, {n})",
        "SELECT CASE WHEN total > {n} THEN {s} ELSE {s} END FROM orders",
        "SELECT * FROM orders WHERE note = 'orders' AND id = {n}",
        "SELECT {s} FROM orders",
        "SELECT {n}, {s} AS label FROM orders o",
        "SELECT * FROM products WHERE name = {s}",
        "SELECT * FROM orders WHERE id = {n}; DELETE FROM orders WHERE id = {n}",
        "INSERT INTO orders (id) VALUES ({n}) ON CONFLICT (id) DO NOTHING",
        "INSERT INTO orders (id) VALUES ({n}) ON DUPLICATE KEY UPDATE total = {n}",
        "SELECT * FROM orders WHERE -{n} < total AND total < {n}*{n}",
        "SELECT * FROM orders WHERE created > DATE '2024-01-0{n}'",
        "SELECT * FROM orders WHERE id = {n} FOR UPDATE",
        "WITH big AS (SELECT * FROM orders WHERE total > {n}) SELECT * FROM big WHERE id = {n}",
        "(SELECT id FROM customers WHERE id = {n}) UNION (SELECT customer_id FROM orders WHERE total = {d})",
        "SELECT * FROM flags WHERE id = {n}",
        "TRUNCATE orders",
        "SELECT * FROM sales.invoices i WHERE i.total = {d}",
        "SELECT * FROM orders o WHERE o.note = {s} AND o.note <> {s} AND o.note LIKE {s} ESCAPE '!'",
        "SELECT id FROM orders ORDER BY 1 LIMIT {n}",
        "SELECT * FROM orders LIMIT {n}, {n}",
        "SELECT * FROM orders WHERE id = {n} LOCK IN SHARE MODE",
        "SELECT round(total, {n}), substr(note, {n}, {n}) FROM orders WHERE id={n}",
        "SELECT CAST(total AS DECIMAL(10,2)) FROM orders WHERE id = {n}",
        "SELECT * FROM orders WHERE id = {n} /* ? */",
        "SELECT * FROM orders WHERE id = {n} AND note = N{s}",
        "SELECT * FROM orders WHERE id={n}AND total>{n}",
        "DELETE FROM orders WHERE id = {n} RETURNING id, total",
        "SELECT * FROM orders WHERE note = E'x' AND id = {n}",
        "SELECT * FROM orders WHERE note = {s} {s}",
    };

    private static final class Outcome {
        final String text;
        final boolean unchanged;
        final boolean deleteEvent;
        /** The steps of a restore, with their roles; empty otherwise. */
        final List<String> restore;
        final List<CascadeStep> after;
        final boolean afterRepeats;
        /** The foreign-key checks after a soft delete. */
        final List<String> checks;
        final String refusal;
        /** Refused because the parse ran over its budget: a matter of the clock, not of the text. */
        final boolean overBudget;

        Outcome(String sql, Rewrite r) {
            text = r.sqlFor(sql);
            unchanged = r.unchanged();
            deleteEvent = r.deleteEvent();
            restore = new ArrayList<>();
            if (r.restore()) {
                r.restorePlan().steps(text).forEach(step -> restore.add(step[0] + ": " + step[1]));
            }
            after = r.after();
            afterRepeats = r.afterRepeats();
            checks = new ArrayList<>();
            r.checks().forEach(g -> checks.add(g.query + " / " + g.message));
            refusal = null;
            overBudget = false;
        }

        Outcome(StatementRefusedException e) {
            text = null;
            unchanged = false;
            deleteEvent = false;
            restore = List.of();
            after = List.of();
            afterRepeats = false;
            checks = List.of();
            refusal = e.sqlState() + ": " + e.getMessage();
            overBudget = e.getCause() instanceof ParseFailure && ((ParseFailure) e.getCause()).overBudget();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Outcome)) {
                return false;
            }
            Outcome x = (Outcome) o;
            if ((overBudget || x.overBudget) && refusal != null && x.refusal != null) {
                // A parse near its budget (JSqlParser takes seconds on some broken input) may fail by the clock on
                // one side and by its syntax on the other: both refuse, with the same state; the message may differ.
                return refusal.substring(0, 5).equals(x.refusal.substring(0, 5));
            }
            return Objects.equals(text, x.text) && unchanged == x.unchanged && deleteEvent == x.deleteEvent
                    && restore.equals(x.restore) && after.equals(x.after) && afterRepeats == x.afterRepeats
                    && checks.equals(x.checks) && Objects.equals(refusal, x.refusal);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, refusal);
        }

        @Override
        public String toString() {
            return refusal != null ? "refused " + refusal
                    : (unchanged ? "unchanged" : text) + (deleteEvent ? " [event]" : "") + (restore.isEmpty() ? ""
                    : " restore " + restore) + (after.isEmpty() ? "" : " after " + after) + (checks.isEmpty() ? ""
                    : " checks " + checks);
        }
    }

    /** Both paths for one dialect and set of options, with counts of what the shape path answered. */
    private static final class Pair {
        final Dialect dialect;
        final RewriteEngine exact;
        final RewriteEngine shaped;
        final List<String> mismatches = new ArrayList<>();
        int checked;
        int byShape;
        int rewrittenByShape;

        Pair(Dialect dialect, Options options) {
            this.dialect = dialect;
            this.exact = new RewriteEngine(Engines.config(options), dialect, false);
            this.shaped = new RewriteEngine(Engines.config(options), dialect, true);
        }

        void check(String sql) {
            for (Visibility v : Visibility.values()) {
                check(sql, v);
            }
        }

        void check(String sql, Visibility v) {
            Outcome expected = outcome(exact, sql, v);
            Rewrite direct = shaped.rewriteByShape(sql, v);
            Outcome actual = outcome(shaped, sql, v);
            checked++;
            if (!expected.equals(actual)) {
                mismatches.add(dialect + " " + v + ": " + sql + "\n  exact: " + expected + "\n  shape: " + actual);
            }
            if (direct != null) {
                byShape++;
                rewrittenByShape += direct.unchanged() ? 0 : 1;
                Outcome viaShape = new Outcome(sql, direct);
                if (!expected.equals(viaShape)) {
                    mismatches.add(dialect + " " + v + " (shape path): " + sql + "\n  exact: " + expected
                            + "\n  shape: " + viaShape);
                }
            }
        }

        void assertNoMismatch() {
            assertThat(mismatches).as("%s: %d of %d outcomes differ", dialect, mismatches.size(), checked).isEmpty();
        }
    }

    private static Outcome outcome(RewriteEngine engine, String sql, Visibility v) {
        try {
            return new Outcome(sql, engine.rewrite(sql, v));
        } catch (StatementRefusedException e) {
            return new Outcome(e);
        }
    }

    private static List<String> corpus(String... resources) throws IOException {
        List<String> sql = new ArrayList<>();
        for (String r : resources) {
            RewriteCorpus.load(r).forEach(c -> sql.add(c.sql));
        }
        return sql;
    }

    /** {@code sql} with every literal the pattern finds replaced by another of its kind. */
    private static String vary(String sql, Dialect dialect, Random random) {
        Matcher m = LITERAL.matcher(sql);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String literal = m.group();
            String replacement;
            if (literal.startsWith("'")) {
                replacement = dialect.isMySqlFamily() && random.nextInt(4) == 0
                        ? MYSQL_STRINGS[random.nextInt(MYSQL_STRINGS.length)] : STRINGS[random.nextInt(STRINGS.length)];
            } else {
                replacement = literal.contains(".") ? NUMBERS[5 + random.nextInt(3)]
                        : NUMBERS[random.nextInt(5)];
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String fill(String template, Dialect dialect, Random random) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{n}", i)) {
                b.append(NUMBERS[random.nextInt(5)]);
                i += 3;
            } else if (template.startsWith("{d}", i)) {
                b.append(NUMBERS[random.nextInt(NUMBERS.length)]);
                i += 3;
            } else if (template.startsWith("{s}", i)) {
                b.append(dialect.isMySqlFamily() && random.nextInt(4) == 0
                        ? MYSQL_STRINGS[random.nextInt(MYSQL_STRINGS.length)] : STRINGS[random.nextInt(STRINGS.length)]);
                i += 3;
            } else {
                b.append(template.charAt(i++));
            }
        }
        return b.toString();
    }

    private static void runCorpus(Pair pair, List<String> statements, int variants, long seed) {
        Random random = new Random(seed);
        for (String sql : statements) {
            pair.check(sql);
            for (int k = 0; k < variants; k++) {
                pair.check(vary(sql, pair.dialect, random));
            }
        }
    }

    @Test
    void corporaAndTheirVariantsGetIdenticalOutcomesOnBothPaths() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.H2}) {
            Pair p = new Pair(d, Options.DEFAULTS);
            runCorpus(p, corpus("/rewrite/common.txt"), 6, 11);
            pairs.add(p);
        }
        Pair pg = new Pair(Dialect.POSTGRESQL, Options.DEFAULTS);
        runCorpus(pg, corpus("/rewrite/postgres.txt"), 6, 12);
        pairs.add(pg);
        Pair maria = new Pair(Dialect.MARIADB, Options.DEFAULTS);
        runCorpus(maria, corpus("/rewrite/mysql.txt"), 6, 13);
        pairs.add(maria);
        for (Options o : new Options[] {new Options(OnUnparseable.PASSTHROUGH, TruncatePolicy.REJECT),
            new Options(OnUnparseable.REJECT, TruncatePolicy.SOFT_DELETE)}) {
            Pair lenientPg = new Pair(Dialect.POSTGRESQL, o);
            runCorpus(lenientPg, corpus("/rewrite/common.txt", "/rewrite/postgres.txt"), 3, 14);
            pairs.add(lenientPg);
            Pair lenientMaria = new Pair(Dialect.MARIADB, o);
            runCorpus(lenientMaria, corpus("/rewrite/common.txt", "/rewrite/mysql.txt"), 3, 15);
            pairs.add(lenientMaria);
        }
        report("corpora", pairs);
    }

    /**
     * The order legacy code sends statements in: one visibility, a statement, then others of its shape with other
     * literals. The engine then reads each of those against the shape it answered last instead of lexing it
     * ({@link RecentShapes}); the outcomes must still be the exact path's.
     */
    @Test
    void statementsAfterOneOfTheirShapeGetIdenticalOutcomes() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        int afterTheirShape = 0;
        Random random = new Random(17);
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2}) {
            List<String> statements = corpus("/rewrite/common.txt",
                    d == Dialect.MARIADB ? "/rewrite/mysql.txt" : "/rewrite/postgres.txt");
            for (String t : TEMPLATES) {
                statements.add(fill(t, d, random));
            }
            for (Options o : new Options[] {Options.DEFAULTS,
                new Options(OnUnparseable.PASSTHROUGH, TruncatePolicy.SOFT_DELETE)}) {
                Pair p = new Pair(d, o);
                for (Visibility v : Visibility.values()) {
                    for (String sql : statements) {
                        p.check(sql, v);
                        LiteralShape shape = LiteralShape.of(sql, d);
                        for (int k = 0; k < 4; k++) {
                            String other = vary(sql, d, random);
                            p.check(other, v);
                            afterTheirShape += shape != null && shape.match(other) != null ? 1 : 0;
                        }
                    }
                }
                pairs.add(p);
            }
        }
        System.out.printf("[shape] %d statements followed one of their shape%n", afterTheirShape);
        report("after their shape", pairs);
        assertThat(afterTheirShape).as("statements that followed one of their shape").isGreaterThan(1_000);
    }

    @Test
    void legacyStatementsWithConcatenatedLiteralsGetIdenticalOutcomes() {
        List<Pair> pairs = new ArrayList<>();
        Random random = new Random(21);
        for (Dialect d : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.H2}) {
            for (Options o : new Options[] {Options.DEFAULTS,
                new Options(OnUnparseable.PASSTHROUGH, TruncatePolicy.SOFT_DELETE)}) {
                Pair p = new Pair(d, o);
                for (String template : TEMPLATES) {
                    for (int k = 0; k < 12; k++) {
                        p.check(fill(template, d, random));
                    }
                }
                pairs.add(p);
            }
        }
        report("templates", pairs);
        int rewritten = pairs.stream().mapToInt(p -> p.rewrittenByShape).sum();
        int checked = pairs.stream().mapToInt(p -> p.checked).sum();
        assertThat(rewritten).as("outcomes the shape path rewrote").isGreaterThan(checked / 3);
    }

    @Test
    void mutantsOfTheCorporaGetIdenticalOutcomes() throws IOException {
        List<String> corpus = corpus("/rewrite/common.txt", "/rewrite/postgres.txt", "/rewrite/mysql.txt");
        String[] noise = {"(", ")", ",", "WHERE", "AND", "OR", "NOT", "SELECT", "FROM", "orders", "'s'", "?", "1",
            "=", "-", "--x\n", "/* c */", "LIMIT 1", "LIMIT", "OFFSET", "2.5", "'a''b'", "\"q\"", "`b`", "$1", "E'x'",
            "N'x'", "DATE", "INTERVAL", "IN", "::int", "x1", "1x", "'it\\'s'", "#", ";", "AS", "VARCHAR(", "ON"};
        long seed = Long.getLong("softdelete.shape.seed", 31);
        int count = Integer.getInteger("softdelete.shape.mutants", 600);
        Random random = new Random(seed);
        List<Pair> pairs = List.of(new Pair(Dialect.POSTGRESQL, Options.DEFAULTS),
                new Pair(Dialect.MARIADB, Options.DEFAULTS));
        for (int i = 0; i < count; i++) {
            Pair pair = pairs.get(i % 2);
            List<String> tokens = new ArrayList<>(List.of(corpus.get(random.nextInt(corpus.size())).split(" ")));
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                int at = random.nextInt(tokens.size() + 1);
                if (random.nextBoolean() && at < tokens.size()) {
                    tokens.set(at, noise[random.nextInt(noise.length)]);
                } else {
                    tokens.add(at, noise[random.nextInt(noise.length)]);
                }
            }
            String mutant = String.join(" ", tokens);
            pair.check(mutant);
            pair.check(vary(mutant, pair.dialect, random));
        }
        report("mutants (seed " + seed + ")", pairs);
    }

    private static void report(String what, List<Pair> pairs) {
        int checked = 0;
        int byShape = 0;
        int rewritten = 0;
        for (Pair p : pairs) {
            checked += p.checked;
            byShape += p.byShape;
            rewritten += p.rewrittenByShape;
        }
        System.out.printf("[shape] %s: %d outcomes compared, %d answered by the shape path (%d rewritten)%n", what,
                checked, byShape, rewritten);
        pairs.forEach(Pair::assertNoMismatch);
        assertThat(byShape).as("outcomes the shape path answered").isPositive();
    }
}
