package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Locale;

/**
 * DDL that takes the referential-integrity guards away: {@code DROP TRIGGER} or {@code DROP FUNCTION} of one
 * (their names start with {@link #PREFIX}), and PostgreSQL's {@code ALTER TABLE t DISABLE TRIGGER USER} (or the
 * guard by name) and {@code ENABLE REPLICA TRIGGER} of the guard. Load scripts disable user triggers to skip their
 * own audit triggers, keeping the foreign keys, which are system triggers; a guard stands for a foreign key, and
 * with it gone a child can be written under a soft-deleted parent, which the hard-deleted table's key refuses (a
 * probe). {@code DISABLE TRIGGER ALL} also turns the keys off, on a hard-deleted table as well, and passes.
 */
public final class GuardTriggerDdl {
    /** How the names of the guards' triggers (and PostgreSQL's functions) start. */
    public static final String PREFIX = "softdelete_guard";

    private GuardTriggerDdl() {
    }

    /** What in {@code sql}, in any of its statements, takes a guard away; null when nothing does. */
    public static String disabling(String sql, Dialect dialect) {
        if (!StatementWords.mayStartWith(sql, dialect, "DROP", "ALTER")) {
            return null;
        }
        return StatementWords.first(sql, dialect, GuardTriggerDdl::disables);
    }

    private static String disables(String sql, List<Token> words) {
        if (words.size() > 2 && words.get(0).is(sql, "DROP")
                && (words.get(1).is(sql, "TRIGGER") || words.get(1).is(sql, "FUNCTION"))) {
            int i = 2;
            if (i + 1 < words.size() && words.get(i).is(sql, "IF") && words.get(i + 1).is(sql, "EXISTS")) {
                i += 2;
            }
            // DROP FUNCTION a(), b(): each name; DROP TRIGGER [IF EXISTS] [schema.]name [ON t]
            for (; i < words.size(); i++) {
                List<String> parts = StatementWords.qualifiedName(sql, words, i);
                if (!parts.isEmpty() && isGuard(parts.get(parts.size() - 1))) {
                    return "DROP " + words.get(1).text(sql).toUpperCase(Locale.ROOT) + " of a guard";
                }
                i += Math.max(0, 2 * parts.size() - 2);
            }
            return null;
        }
        if (words.size() > 3 && words.get(0).is(sql, "ALTER") && words.get(1).is(sql, "TABLE")) {
            for (int i = 2; i + 2 < words.size(); i++) {
                boolean disable = words.get(i).is(sql, "DISABLE") && words.get(i + 1).is(sql, "TRIGGER");
                boolean replica = words.get(i).is(sql, "ENABLE") && words.get(i + 1).is(sql, "REPLICA")
                        && i + 3 < words.size() && words.get(i + 2).is(sql, "TRIGGER");
                Token what = words.get(i + (replica ? 3 : 2));
                if ((disable && (what.is(sql, "USER") || isGuard(what.text(sql)))) || (replica
                        && isGuard(what.text(sql)))) {
                    return "ALTER TABLE ... " + (disable ? "DISABLE" : "ENABLE REPLICA") + " TRIGGER "
                            + what.text(sql);
                }
            }
        }
        return null;
    }

    private static boolean isGuard(String written) {
        return Identifiers.unquote(written).toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }
}
