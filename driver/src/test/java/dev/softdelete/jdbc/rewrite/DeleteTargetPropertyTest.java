package dev.softdelete.jdbc.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One property over generated DELETE statements on every dialect: when a target of the DELETE denotes a configured
 * table, the text sent is never a DELETE (the statement is rewritten into an UPDATE, or refused). The generator
 * writes single-table, PostgreSQL USING, and MySQL's multi-table forms (targets before FROM, or before USING), with
 * targets named by table or by alias, qualified or not, quoted in each dialect's ways and in every case style,
 * with comments and hints around them; it knows which table each target denotes by the dialect's own rules for
 * identifiers, independently of the engine.
 */
class DeleteTargetPropertyTest {
    private static final int STATEMENTS_PER_DIALECT = 3_000;

    /** A table the generator may name: its schema (or null), its name, and whether it is configured. */
    private record Table(String schema, String name, boolean configured) {
    }

    /** Tables of {@link Engines#config}: customers, orders, reviews, flags, sales.invoices; and plain ones. */
    private static final List<Table> TABLES = List.of(
            new Table(null, "customers", true), new Table(null, "orders", true), new Table(null, "reviews", true),
            new Table(null, "flags", true), new Table("sales", "invoices", true),
            new Table(null, "payments", false), new Table(null, "products", false), new Table(null, "audit", false),
            new Table("archive", "invoices", false));

    /** One table reference as written, and what it denotes. */
    private record Ref(String written, String alias, boolean configured) {
        /** How a target list names this reference: its alias if it has one, else its name as written. */
        String targetName() {
            return alias != null ? alias : written;
        }
    }

    private final Random random = new Random(Long.getLong("softdelete.property.seed", 20261203L));

    @Test
    void noConfiguredTargetIsEverSentAsADelete() throws Exception {
        int rewritten = 0;
        int refused = 0;
        int plainSent = 0;
        for (Dialect dialect : List.of(Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.MARIADB, Dialect.H2)) {
            RewriteEngine engine = Engines.engine(dialect);
            for (int i = 0; i < STATEMENTS_PER_DIALECT; i++) {
                List<Ref> targets = new ArrayList<>();
                String sql = generate(dialect, targets);
                boolean configuredTarget = targets.stream().anyMatch(Ref::configured);
                String sent;
                try {
                    sent = engine.rewrite(sql, Visibility.values()[random.nextInt(3)]).sqlFor(sql);
                } catch (StatementRefusedException e) {
                    refused++;
                    continue;
                }
                if (configuredTarget) {
                    assertThat(isDelete(sent)).as("%s: %s%n was sent as %s", dialect, sql, sent).isFalse();
                    rewritten++;
                } else if (isDelete(sent)) {
                    plainSent++;
                }
            }
        }
        System.out.printf("[delete-targets] %d statements: %d with a configured target rewritten, %d refused,"
                + " %d plain deletes sent%n", 4 * STATEMENTS_PER_DIALECT, rewritten, refused, plainSent);
        assertThat(rewritten).as("statements with a configured target that were rewritten").isGreaterThan(1_000);
        assertThat(plainSent).as("statements with only plain targets that went as DELETE").isGreaterThan(1_000);
    }

    /** A DELETE statement of one of the dialect's forms; {@code targets} receives the references it deletes from. */
    private String generate(Dialect dialect, List<Ref> targets) {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(6) == 0) {
            b.append(comment()).append(' ');
        }
        if (random.nextInt(10) == 0) {
            b.append("WITH ").append(name(pick(), dialect)).append(" AS (SELECT 1 AS id) ");
        }
        b.append("DELETE ");
        if (random.nextInt(5) == 0) {
            b.append(dialect.isMySqlFamily() ? "/*+ NO_RANGE_OPTIMIZATION(x) */ " : comment() + ' ');
        }
        int form = dialect.isMySqlFamily() ? random.nextInt(3) : dialect == Dialect.POSTGRESQL
                ? random.nextInt(2) : 0;
        List<Ref> refs = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            refs.add(ref(dialect, i, form != 0));
        }
        switch (form) {
            case 0: { // single-table (PostgreSQL: USING list read alongside)
                Ref target = refs.get(0);
                targets.add(target);
                b.append("FROM ").append(space()).append(declaration(target));
                if (dialect == Dialect.POSTGRESQL && n > 1) {
                    b.append(" USING ").append(declarations(refs.subList(1, n), ", "));
                }
                break;
            }
            case 1: // MySQL: DELETE t1[, t2] FROM refs; PostgreSQL: DELETE FROM t USING refs (t listed again)
                if (dialect.isMySqlFamily()) {
                    List<Ref> chosen = chooseTargets(refs, targets);
                    b.append(targetList(chosen)).append(space()).append(" FROM ").append(joined(refs));
                } else {
                    Ref target = refs.get(0);
                    targets.add(target);
                    b.append("FROM ").append(declaration(target)).append(" USING ")
                            .append(declarations(refs, ", "));
                }
                break;
            default: { // MySQL: DELETE FROM t1[, t2] USING refs
                List<Ref> chosen = chooseTargets(refs, targets);
                b.append("FROM ").append(targetList(chosen)).append(" USING ").append(declarations(refs, ", "));
            }
        }
        b.append(space());
        if (random.nextBoolean()) {
            b.append(" WHERE ").append(qualifier(refs.get(0))).append(".id = ").append(random.nextInt(9));
        }
        return b.toString();
    }

    private List<Ref> chooseTargets(List<Ref> refs, List<Ref> targets) {
        List<Ref> chosen = new ArrayList<>();
        for (Ref r : refs) {
            if (chosen.isEmpty() || random.nextInt(3) == 0) {
                chosen.add(r);
            }
        }
        targets.addAll(chosen);
        return chosen;
    }

    private String targetList(List<Ref> chosen) {
        List<String> names = new ArrayList<>();
        for (Ref r : chosen) {
            names.add(r.targetName());
        }
        return String.join(", " + (random.nextInt(4) == 0 ? comment() + " " : ""), names);
    }

    private String joined(List<Ref> refs) {
        StringBuilder b = new StringBuilder(declaration(refs.get(0)));
        for (int i = 1; i < refs.size(); i++) {
            switch (random.nextInt(3)) {
                case 0:
                    b.append(", ").append(declaration(refs.get(i)));
                    break;
                case 1:
                    b.append(" JOIN ").append(declaration(refs.get(i))).append(" ON ")
                            .append(qualifier(refs.get(i))).append(".id = ").append(qualifier(refs.get(0)))
                            .append(".id");
                    break;
                default:
                    b.append(" LEFT JOIN ").append(declaration(refs.get(i))).append(" ON ")
                            .append(qualifier(refs.get(i))).append(".id = ").append(qualifier(refs.get(0)))
                            .append(".id");
            }
        }
        return b.toString();
    }

    private String declarations(List<Ref> refs, String separator) {
        List<String> parts = new ArrayList<>();
        for (Ref r : refs) {
            parts.add(declaration(r));
        }
        return String.join(separator, parts);
    }

    private String declaration(Ref r) {
        if (r.alias == null) {
            return r.written;
        }
        return r.written + (random.nextBoolean() ? " AS " : " ") + r.alias;
    }

    private static String qualifier(Ref r) {
        return r.targetName();
    }

    /** A reference to a random table, written in one of the dialect's ways, aliased or not. */
    private Ref ref(Dialect dialect, int index, boolean multi) {
        Table t = pick();
        boolean qualified = t.schema != null ? random.nextInt(3) != 0 : random.nextInt(4) == 0;
        String schema = t.schema != null ? t.schema : "shop";
        String casedName = cased(t.name);
        boolean quoted = random.nextInt(3) == 0;
        String name = quoted ? quote(casedName, dialect) : casedName;
        String written = qualified ? (quoted ? quote(schema, dialect) : schema) + "." + name : name;
        boolean configured = denotesConfigured(qualified ? schema : null, casedName, quoted, dialect);
        String alias = null;
        if (random.nextInt(multi ? 2 : 3) == 0) {
            String base = random.nextInt(4) == 0 ? cased(pick().name) : "t";
            alias = random.nextInt(3) == 0 ? quote(base + index, dialect) : base + index;
        }
        return new Ref(written, alias, configured);
    }

    /**
     * Whether a name written this way may denote a configured table (all of them are stored in lower case): on
     * MySQL/MariaDB names compare ignoring case (table names are case-sensitive on some servers, so the engine must
     * assume the worst); on PostgreSQL and H2 an unquoted name folds to the stored case, a quoted one does not. An
     * unqualified name may be any schema's table (the search path is unknown), and a table configured without a
     * schema is configured in every schema.
     */
    private static boolean denotesConfigured(String schema, String casedName, boolean quoted, Dialect dialect) {
        boolean folds = dialect.isMySqlFamily() || !quoted;
        if (!folds && !casedName.equals(casedName.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (Table t : TABLES) {
            if (t.configured && t.name.equalsIgnoreCase(casedName)
                    && (schema == null || t.schema == null || t.schema.equals(schema))) {
                return true;
            }
        }
        return false;
    }

    private Table pick() {
        return TABLES.get(random.nextInt(TABLES.size()));
    }

    private String name(Table t, Dialect dialect) {
        return random.nextBoolean() ? cased(t.name) : quote(cased(t.name), dialect);
    }

    private String cased(String name) {
        switch (random.nextInt(4)) {
            case 0:
                return name.toUpperCase(Locale.ROOT);
            case 1:
                return Character.toUpperCase(name.charAt(0)) + name.substring(1);
            default:
                return name;
        }
    }

    private String quote(String name, Dialect dialect) {
        boolean backtick = dialect.isMySqlFamily() && random.nextInt(4) != 0;
        return backtick ? "`" + name + "`" : "\"" + name + "\"";
    }

    private String comment() {
        switch (random.nextInt(3)) {
            case 0:
                return "/* c */";
            case 1:
                return "/* softdelete:include-deleted */";
            default:
                return "-- note\n";
        }
    }

    private String space() {
        return random.nextInt(5) == 0 ? " " + comment() : "";
    }

    /**
     * Whether {@code sql} is a DELETE statement: its first keyword, after comments and a WITH clause, is DELETE.
     * Deliberately lexical and independent of the engine.
     */
    static boolean isDelete(String sql) {
        String s = stripLeadingComments(sql);
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("WITH")) {
            int depth = 0;
            for (int i = 4; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        String rest = stripLeadingComments(s.substring(i + 1)).toUpperCase(Locale.ROOT);
                        if (!rest.startsWith(",")) {
                            return rest.startsWith("DELETE");
                        }
                    }
                }
            }
            return false;
        }
        return upper.startsWith("DELETE");
    }

    private static String stripLeadingComments(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("/*")) {
                s = s.substring(s.indexOf("*/") + 2).strip();
            } else if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else {
                return s;
            }
        }
    }
}
