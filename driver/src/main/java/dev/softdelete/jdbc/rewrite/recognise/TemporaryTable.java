package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Statements that give the session a relation of its own under a name: a temporary table, view or sequence
 * ({@code CREATE [OR REPLACE] TEMP[ORARY] TABLE | VIEW | SEQUENCE}, PostgreSQL's {@code CREATE TABLE pg_temp.x}), or
 * a relation renamed ({@code ALTER TABLE t RENAME TO x}, MySQL's {@code RENAME TABLE t TO x}). A temporary relation
 * hides the table of its name from the session, on MySQL and MariaDB even where the name is qualified with its
 * database, so the driver's own statements, which name the tables of a cascade, a foreign-key check or a restore,
 * would read and change it, or other rows through it (probes soft-deleted the orders of a live customer, let a
 * RESTRICT key's parent go, and soft-deleted rows of an unrelated table through a temporary view).
 */
public final class TemporaryTable {
    /** Words that may stand between CREATE and the kind of what it creates. */
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "GLOBAL", "LOCAL", "CACHED", "MEMORY",
            "UNLOGGED", "RECURSIVE", "TEMP", "TEMPORARY");
    /** Kinds of relation a name can be given to. */
    private static final Set<String> RELATIONS = Set.of("TABLE", "VIEW", "SEQUENCE");

    private TemporaryTable() {
    }

    /**
     * The first name of {@code sql}, in any of its statements, given to a temporary relation or to a relation
     * renamed, that is among {@code names} (lower case; PostgreSQL's compared as it keeps them); null when there is
     * none. A text that neither starts with CREATE, ALTER, RENAME or (MariaDB's SET STATEMENT) SET, comments aside,
     * nor holds a semicolon (or on MySQL/MariaDB an executable comment) is answered without being lexed.
     */
    public static String shadowing(String sql, Dialect dialect, Set<String> names) {
        if (!StatementWords.mayStartWith(sql, dialect, "CREATE", "ALTER", "RENAME", "SET", "BEGIN")) {
            return null;
        }
        return StatementWords.first(sql, dialect, (text, words) -> named(text, words, dialect, names));
    }

    /** The offending name one statement (its tokens, comments left out) gives, or null. */
    private static String named(String sql, List<Token> words, Dialect dialect, Set<String> names) {
        if (words.isEmpty()) {
            return null;
        }
        if (words.size() > 2 && words.get(0).is(sql, "SET") && words.get(1).is(sql, "STATEMENT")) {
            // MariaDB's SET STATEMENT var = value, ... FOR <statement>
            for (int i = 2; i < words.size(); i++) {
                if (words.get(i).is(sql, "FOR")) {
                    return named(sql, words.subList(i + 1, words.size()), dialect, names);
                }
            }
            return null;
        }
        if (words.get(0).is(sql, "CREATE")) {
            boolean temporary = false;
            int i = 1;
            while (i < words.size() && words.get(i).kind == Kind.WORD
                    && MODIFIERS.contains(upper(sql, words.get(i)))) {
                temporary |= words.get(i).is(sql, "TEMP") || words.get(i).is(sql, "TEMPORARY");
                i++;
            }
            if (i < words.size() && words.get(i).is(sql, "MATERIALIZED")) {
                i++;
            }
            if (i >= words.size() || !RELATIONS.contains(upper(sql, words.get(i)))) {
                return null;
            }
            i++;
            if (i + 2 < words.size() && words.get(i).is(sql, "IF")) {
                i += 3; // IF NOT EXISTS
            }
            List<String> parts = StatementWords.qualifiedName(sql, words, i);
            boolean tempSchema = parts.size() > 1 && bare(parts.get(parts.size() - 2)).toLowerCase(Locale.ROOT)
                    .startsWith("pg_temp");
            return (temporary || tempSchema) && !parts.isEmpty() ? among(parts.get(parts.size() - 1), dialect, names)
                    : null;
        }
        for (int i = 1; i + 1 < words.size(); i++) {
            // ALTER ... RENAME TO x (a relation renamed; RENAME a TO b renames a column), RENAME TABLE a TO x, b TO y
            boolean renamed = words.get(0).is(sql, "ALTER") ? words.get(i - 1).is(sql, "RENAME")
                    && (words.get(i).is(sql, "TO") || words.get(i).is(sql, "AS"))
                    : words.get(0).is(sql, "RENAME") && words.get(i).is(sql, "TO");
            if (renamed) {
                List<String> parts = StatementWords.qualifiedName(sql, words, i + 1);
                String name = parts.isEmpty() ? null : among(parts.get(parts.size() - 1), dialect, names);
                if (name != null) {
                    return name;
                }
            }
        }
        return null;
    }

    /** {@code written} when it names one of {@code names} as the database folds and cuts it; else null. */
    private static String among(String written, Dialect dialect, Set<String> names) {
        String name = bare(written);
        String key;
        if (dialect == Dialect.POSTGRESQL) {
            String kept = Identifiers.postgresKept(name);
            key = Identifiers.isQuoted(written) ? kept : Identifiers.asciiLowerCase(kept);
        } else {
            key = name.toLowerCase(Locale.ROOT);
        }
        return names.contains(key) ? name : null;
    }

    private static String bare(String written) {
        return Identifiers.unquote(written);
    }

    private static String upper(String sql, Token t) {
        return t.text(sql).toUpperCase(Locale.ROOT);
    }
}
