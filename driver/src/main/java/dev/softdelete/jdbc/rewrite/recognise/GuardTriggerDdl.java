package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Locale;

/**
 * DDL that takes the referential-integrity guards away: {@code DROP TRIGGER}, {@code FUNCTION}, {@code ROUTINE} or
 * {@code PROCEDURE} of one (their names start with {@link #PREFIX}), PostgreSQL's {@code DROP EXTENSION} or
 * {@code LANGUAGE plpgsql} (which takes the guard functions with it), {@code ALTER TRIGGER} / {@code ALTER FUNCTION}
 * of one (renamed, it would be dropped under another name), {@code CREATE OR REPLACE} of its name (a body that checks
 * nothing), PostgreSQL's {@code ALTER TABLE t DISABLE TRIGGER USER} (or the guard by name) and
 * {@code ENABLE REPLICA TRIGGER} of the guard, and such trigger DDL with a Unicode-escaped name, which may spell a
 * guard's. Load scripts disable user triggers to skip their own audit triggers, keeping the foreign keys, which are
 * system triggers; a guard stands for a foreign key, and with it gone a child can be written under a soft-deleted
 * parent, which the hard-deleted table's key refuses (a probe). {@code DISABLE TRIGGER ALL} also turns the keys off,
 * on a hard-deleted table as well, and passes.
 */
public final class GuardTriggerDdl {
    /** How the names of the guards' triggers (and PostgreSQL's functions) start. */
    public static final String PREFIX = "softdelete_guard";

    private GuardTriggerDdl() {
    }

    /** What in {@code sql}, in any of its statements, takes a guard away; null when nothing does. */
    public static String disabling(String sql, Dialect dialect) {
        if (!StatementWords.mayStartWith(sql, dialect, "DROP", "ALTER", "CREATE", "SET", "BEGIN")) {
            return null;
        }
        return StatementWords.first(sql, dialect, GuardTriggerDdl::disables);
    }

    private static String disables(String sql, List<Token> words) {
        boolean aboutTriggers = words.size() > 2 && (words.get(0).is(sql, "DROP") || words.get(0).is(sql, "ALTER"))
                && (words.get(1).is(sql, "TRIGGER") || words.get(1).is(sql, "FUNCTION") || words.get(1).is(sql,
                        "ROUTINE") || words.get(1).is(sql, "PROCEDURE") || words.get(1).is(sql, "TABLE")
                        && words.stream().anyMatch(w -> w.is(sql, "TRIGGER")));
        if (aboutTriggers && unicodeEscapedName(sql, words)) {
            // PostgreSQL's U&"softdelete_guar\0064": a guard's name the words below would not recognise (a probe)
            return words.get(0).text(sql).toUpperCase(Locale.ROOT) + " " + words.get(1).text(sql).toUpperCase(
                    Locale.ROOT) + " with a Unicode-escaped name (U&\"...\"), which may be a guard's";
        }
        if (words.size() > 4 && words.get(0).is(sql, "CREATE") && words.get(1).is(sql, "OR")
                && words.get(2).is(sql, "REPLACE")) {
            // CREATE OR REPLACE FUNCTION softdelete_guard_t() ... / CREATE OR REPLACE TRIGGER softdelete_guard...:
            // a guard replaced by a body that checks nothing (a probe); migrate runs these on the raw driver
            int i = 3;
            if (words.get(i).is(sql, "DEFINER")) {
                // MariaDB's DEFINER = user@host, CURRENT_USER, CURRENT_USER() (a probe): up to the object's kind
                while (i < words.size() && i < 12 && !isRoutineKind(sql, words.get(i))) {
                    i++;
                }
            }
            if (i + 1 < words.size() && isRoutineKind(sql, words.get(i))) {
                List<String> parts = StatementWords.qualifiedName(sql, words, i + 1);
                if (!parts.isEmpty() && isGuard(parts.get(parts.size() - 1))) {
                    return "CREATE OR REPLACE " + words.get(i).text(sql).toUpperCase(Locale.ROOT) + " of a guard";
                }
            }
            return null;
        }
        if (words.size() > 2 && words.get(0).is(sql, "ALTER")
                && (words.get(1).is(sql, "TRIGGER") || words.get(1).is(sql, "FUNCTION")
                        || words.get(1).is(sql, "ROUTINE"))) {
            // ALTER TRIGGER guard ON t RENAME TO x / ALTER FUNCTION guard() RENAME TO x: under its new name a DROP
            // of it is not recognised (a probe); nor is a guard moved to another schema or extension
            List<String> parts = StatementWords.qualifiedName(sql, words, 2);
            if (!parts.isEmpty() && isGuard(parts.get(parts.size() - 1))) {
                return "ALTER " + words.get(1).text(sql).toUpperCase(Locale.ROOT) + " of a guard";
            }
            return null;
        }
        if (words.size() > 2 && words.get(0).is(sql, "DROP")
                && (words.get(1).is(sql, "EXTENSION") || words.get(1).is(sql, "LANGUAGE"))
                && words.stream().anyMatch(w -> Identifiers.unquote(w.text(sql)).equalsIgnoreCase("plpgsql"))) {
            // PostgreSQL's guard functions are PL/pgSQL: with CASCADE they go with it, and the triggers with them
            return "DROP " + words.get(1).text(sql).toUpperCase(Locale.ROOT) + " plpgsql, which the guards are"
                    + " written in";
        }
        if (words.size() > 2 && words.get(0).is(sql, "DROP") && (words.get(1).is(sql, "TRIGGER")
                || words.get(1).is(sql, "FUNCTION") || words.get(1).is(sql, "ROUTINE")
                || words.get(1).is(sql, "PROCEDURE"))) {
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

    /** Whether the words hold a PostgreSQL Unicode-escaped identifier: U, then & and a quoted name, adjacent. */
    private static boolean unicodeEscapedName(String sql, List<Token> words) {
        for (int i = 0; i + 2 < words.size(); i++) {
            Token u = words.get(i);
            Token amp = words.get(i + 1);
            Token name = words.get(i + 2);
            if (u.is(sql, "U") && amp.is(sql, '&') && amp.start == u.end && name.start == amp.end
                    && sql.charAt(name.start) == '"') {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoutineKind(String sql, Token word) {
        return word.is(sql, "FUNCTION") || word.is(sql, "TRIGGER") || word.is(sql, "PROCEDURE");
    }

    private static boolean isGuard(String written) {
        return Identifiers.unquote(written).toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }
}
