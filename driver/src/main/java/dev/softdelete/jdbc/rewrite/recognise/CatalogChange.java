package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises, by its first word, a statement that may change what the catalog says about configured tables: {@code
 * CREATE}, {@code ALTER}, {@code DROP} or {@code RENAME} of anything, also of a plain table (a foreign key into a
 * configured table added or dropped with it, a unique index). The driver reads the catalog again after one; a text
 * whose first word is another is answered at its first character.
 */
public final class CatalogChange {
    /** H2's {@code RUNSCRIPT} runs the SQL of a file, DDL among it. */
    private static final String[] WORDS = {"CREATE", "ALTER", "DROP", "RENAME", "RUNSCRIPT"};
    /** MariaDB's {@code SET STATEMENT var = value, ... FOR}, before the statement it runs. */
    private static final Pattern SET_STATEMENT = Pattern.compile("(?is)SET\\s+STATEMENT\\s.*?\\sFOR\\s+");

    private CatalogChange() {
    }

    /**
     * Whether statement {@code sql} (its first statement) starts with a word that may change the catalog, its leading
     * comments read as {@code dialect} reads them; also as MySQL runs it from an executable comment ({@code /*!50000 ALTER ...}) or MariaDB's {@code SET STATEMENT ... FOR}.
     */
    public static boolean startsAt(String sql, Dialect dialect) {
        if (sql.isEmpty()) {
            return false;
        }
        char c = sql.charAt(0);
        if (c < 128 && Character.isLetter(c) && "cadrs".indexOf(c | 0x20) < 0) {
            return false; // INSERT, UPDATE, ...: answered at the first character
        }
        if ((c | 0x20) == 's') { // SELECT goes no further than its third letter
            if (!sql.regionMatches(true, 0, "SET", 0, 3)) {
                return false;
            }
            return setStatementFor(sql, 0, dialect);
        }
        int executable = dialect.isMySqlFamily() ? executableCommentText(sql) : -1;
        if (executable >= 0) {
            // MySQL runs the comment's text, or skips it (a version above its own) and runs what follows: either may
            // be the DDL (a probe's "/*!999999 SELECT 1 */ ALTER TABLE ... DROP FOREIGN KEY" went unseen)
            int close = sql.indexOf("*/", executable);
            return startsAt(afterCommentClose(sql.substring(executable)), dialect)
                    || close >= 0 && startsAt(sql.substring(close + 2), dialect);
        }
        int start = Character.isLetter(c) ? 0 : LeadingComments.end(sql, dialect);
        if (start > 0 && sql.regionMatches(true, start, "SET", 0, 3)) {
            return setStatementFor(sql, start, dialect); // after a comment
        }
        for (String word : WORDS) {
            int end = start + word.length();
            if (sql.regionMatches(true, start, word, 0, word.length())
                    && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_')) {
                return !temporary(sql, end, dialect);
            }
        }
        return false;
    }

    /**
     * As {@link #startsAt}, for any statement of a text: a later one changes the catalog as surely ({@code SELECT 1;
     * RUNSCRIPT FROM 'f'} left a key the script created unfollowed; a probe).
     */
    public static boolean inAnyStatement(String sql, Dialect dialect) {
        if (startsAt(sql, dialect)) {
            return true;
        }
        if (sql.indexOf(';') < 0) {
            return false;
        }
        for (String text : OtherQuoteReadings.afterEverySemicolon(sql)) {
            if (startsAt(text, dialect)) {
                return true; // DDL the session may run where the lexer reads a string (see OtherQuoteReadings)
            }
        }
        return StatementWords.first(sql, dialect,
                (text, words) -> startsAt(text.substring(words.get(0).start), dialect) ? "yes" : null) != null;
    }

    /** Whether {@code sql} holds MariaDB's SET STATEMENT ... FOR at {@code start}, and DDL after it. */
    private static boolean setStatementFor(String sql, int start, Dialect dialect) {
        Matcher m = SET_STATEMENT.matcher(sql).region(start, sql.length());
        return m.lookingAt() && startsAt(afterCommentClose(sql.substring(m.end())), dialect);
    }

    /** {@code text} without the end of an executable comment it starts with ({@code /*!*}{@code / ALTER ...}). */
    private static String afterCommentClose(String text) {
        String trimmed = text.stripLeading();
        return trimmed.startsWith("*/") ? trimmed.substring(2) : text;
    }

    /** Where the text of an executable comment at the start of {@code sql} begins, after its version; else -1. */
    private static int executableCommentText(String sql) {
        int at = 0;
        while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
            at++;
        }
        int text = sql.startsWith("/*!", at) ? at + 3 : sql.startsWith("/*M!", at) ? at + 4 : -1;
        while (text >= 0 && text < sql.length() && Character.isDigit(sql.charAt(text))) {
            text++;
        }
        return text;
    }

    /**
     * Whether a temporary table follows ({@code CREATE [LOCAL | GLOBAL | CACHED ...] TEMP[ORARY]}, MySQL's
     * {@code DROP TEMPORARY TABLE}): it can reference no configured table (PostgreSQL and InnoDB allow no foreign
     * key from one), and Hibernate creates and drops one per bulk statement, each of which would read the catalog.
     */
    private static boolean temporary(String sql, int from, Dialect dialect) {
        int at = from;
        for (int words = 0; words < 3; words++) {
            at = LeadingComments.end(sql, at, dialect);
            int end = at;
            while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
                end++;
            }
            String word = sql.substring(at, end);
            if (word.equalsIgnoreCase("TEMPORARY") || word.equalsIgnoreCase("TEMP")) {
                return true;
            }
            if (!(word.equalsIgnoreCase("LOCAL") || word.equalsIgnoreCase("GLOBAL")
                    || word.equalsIgnoreCase("CACHED") || word.equalsIgnoreCase("MEMORY"))) {
                return false;
            }
            at = end;
        }
        return false;
    }
}
