package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The statements of a text as their words (comments left out), for the recognisers that look at what a statement
 * does without a parse ({@link TemporaryTable}, {@link GuardTriggerDdl}): split at semicolons, and on MySQL/MariaDB
 * with the code of each executable comment ({@code /*! ... *}{@code /}, which the server runs) read as a text of its
 * own. A DDL keyword inside a statement also starts one: MariaDB's {@code SET STATEMENT ... FOR DROP TRIGGER ...} and
 * {@code BEGIN NOT ATOMIC DROP ...}, a PL/pgSQL body's {@code BEGIN DROP SCHEMA ...} run it as surely (probes).
 */
public final class StatementWords {
    /** Words that start DDL wherever they stand in a statement. */
    private static final Set<String> DDL_WORDS = Set.of("DROP", "ALTER", "CREATE");

    /** What one statement's words tell; null for nothing. */
    interface Check {
        String of(String sql, List<Token> words);
    }

    private StatementWords() {
    }

    /** The first answer {@code check} gives for a statement of {@code sql}; null when none gives one. */
    static String first(String sql, Dialect dialect, Check check) {
        List<Token> all = SqlLexer.tokens(sql, dialect);
        List<Token> statement = new ArrayList<>();
        for (int i = 0; i <= all.size(); i++) {
            Token t = i < all.size() ? all.get(i) : null;
            String found = null;
            if (t == null || t.is(sql, ';')) {
                found = statement.isEmpty() ? null : check.of(sql, statement);
                for (int k = 1; found == null && k < statement.size(); k++) {
                    if (startsDdl(sql, statement, k)) {
                        found = check.of(sql, statement.subList(k, statement.size()));
                    }
                }
                statement.clear();
            } else if (t.kind == Kind.EXECUTABLE_COMMENT) {
                found = first(executableCode(t.text(sql)), dialect, check);
            } else if (t.kind != Kind.COMMENT) {
                statement.add(t);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Whether a statement of {@code sql} may start with one of {@code words}: the text starts with one (comments
     * aside), or holds a semicolon, or on MySQL/MariaDB an executable comment. A new text that names no configured
     * table comes here: one pass for the semicolon, a second only on MySQL/MariaDB for a comment.
     */
    static boolean mayStartWith(String sql, Dialect dialect, String... words) {
        if (sql.isEmpty()) {
            return false;
        }
        char c = sql.charAt(0);
        if (c == '#') {
            return true;
        }
        int start = Character.isLetter(c) ? 0 : LeadingComments.end(sql, dialect);
        for (String w : words) {
            if (sql.regionMatches(true, start, w, 0, w.length())) {
                return true;
            }
        }
        return sql.indexOf(';') >= 0 || (dialect.isMySqlFamily() && executableComment(sql));
    }

    /**
     * Whether a statement of {@code sql} may be DDL that the recognisers of a text naming no configured table look
     * for ({@link TemporaryTable}, {@link GuardTriggerDdl}, {@link RowFreeDdl#droppedSchemas}): one look for all of
     * them on the path every new text on plain tables takes.
     */
    public static boolean mayHoldDdl(String sql, Dialect dialect) {
        // BEGIN: MariaDB's compound statement; EXECUTE, PREPARE, DO: SQL text handed to the database
        return mayStartWith(sql, dialect, "CREATE", "ALTER", "RENAME", "SET", "DROP", "BEGIN", "EXECUTE", "PREPARE",
                "DO");
    }

    /** The parts of the dotted name at {@code from}, as written. */
    static List<String> qualifiedName(String sql, List<Token> words, int from) {
        List<String> parts = new ArrayList<>();
        int i = from;
        while (i < words.size() && (words.get(i).kind == Kind.WORD || words.get(i).kind == Kind.QUOTED)) {
            parts.add(words.get(i).text(sql));
            if (i + 1 >= words.size() || !words.get(i + 1).is(sql, '.')) {
                break;
            }
            i += 2;
        }
        return parts;
    }

    /** Whether word {@code k} of a statement starts DDL: DROP, ALTER, CREATE, or RENAME TABLE. */
    private static boolean startsDdl(String sql, List<Token> words, int k) {
        Token t = words.get(k);
        return t.kind == Kind.WORD && (DDL_WORDS.contains(t.text(sql).toUpperCase(Locale.ROOT))
                || t.is(sql, "RENAME") && k + 1 < words.size() && words.get(k + 1).is(sql, "TABLE"));
    }

    /** Whether {@code sql} has {@code /*!} or MariaDB's {@code /*M!}. */
    private static boolean executableComment(String sql) {
        for (int at = sql.indexOf("/*"); at >= 0; at = sql.indexOf("/*", at + 2)) {
            if (sql.startsWith("!", at + 2) || sql.startsWith("M!", at + 2)) {
                return true;
            }
        }
        return false;
    }

    /** The code of an executable comment: {@code /*!50000 CREATE ... *}{@code /} without its marks and version. */
    private static String executableCode(String comment) {
        int from = comment.startsWith("/*M!") ? 4 : 3;
        while (from < comment.length() && Character.isDigit(comment.charAt(from))) {
            from++;
        }
        return comment.substring(from, Math.max(from, comment.length() - 2));
    }
}
