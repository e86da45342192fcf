package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.List;
import java.util.Locale;

/**
 * softdelete-jdbc's own session variables: the delete event's timestamp and batch id and the actor, which its
 * statements set ({@code @softdelete_event_at}, PostgreSQL's {@code softdelete.event_at} setting) and its UPDATE,
 * cascades, foreign-key checks and restores read. A statement of the application that names one could clear or forge
 * the event: a probe's {@code DELETE ... AND (@softdelete_event_at := NULL) IS NULL} soft-deleted a parent with no
 * timestamp, so its cascade found no children and its RESTRICT check no referencing rows. The pre-filter looks for
 * these names as it looks for table names; the engine refuses a text that has one.
 */
public final class OwnVariables {
    /** How the variables' names start, folded to lower case: MySQL's and H2's user variables, PostgreSQL's settings. */
    public static final List<String> PREFIXES = List.of("softdelete_event", "softdelete_actor", "softdelete.event",
            "softdelete.actor");

    /**
     * An {@code UPDATE} of PostgreSQL's {@code pg_settings} sets the setting its {@code name} column matches, which
     * may be an expression.
     */
    private static final String SETTINGS_VIEW = "pg_settings";

    private OwnVariables() {
    }

    /**
     * The first of the variables' names that {@code sql} holds, ignoring case: anywhere in its text, or in its
     * names read without quotes, comments and blanks ({@code SET "softdelete"."event_at"}, a comment between
     * {@code softdelete} and {@code .event_at}: PostgreSQL reads both as the setting); or, for a call that sets a
     * setting named by an expression, what it calls. Null when none.
     */
    public static String named(String sql, Dialect dialect) {
        if (!mayName(sql, dialect)) {
            return null;
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String p : PREFIXES) {
            if (lower.contains(p)) {
                return p;
            }
        }
        String text = dialect.isMySqlFamily() ? sql : UnicodeIdentifiers.spelledOut(sql, false);
        if (text == null) {
            text = sql; // an escape that cannot be decoded: the statement is refused for it elsewhere
        }
        List<SqlLexer.Token> tokens = SqlLexer.tokens(text, dialect);
        String names = names(text, tokens, dialect.isMySqlFamily());
        for (String p : PREFIXES) {
            if (names.contains(p)) {
                return p;
            }
        }
        if (!dialect.isMySqlFamily() && namesSettingsView(text, tokens)) {
            return SETTINGS_VIEW;
        }
        return settingByExpression(text, tokens) ? "set_config" : null;
    }

    /**
     * Whether {@code sql} could name one of the variables, in any case, also in a literal: it holds {@code softdelete},
     * {@code set_config} or {@code pg_settings}, a U&amp; name or (MySQL) an escape that could spell one. Reads the
     * text once, without copying it (the literal-shape path asks it of every new text).
     */
    public static boolean mayName(String sql, Dialect dialect) {
        boolean mysql = dialect.isMySqlFamily();
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '&' || c == '\\' && mysql) {
                return true;
            }
            char lower = (char) (c | 0x20);
            if (lower == 's' && (sql.regionMatches(true, i, "softdelete", 0, 10)
                    || sql.regionMatches(true, i, "set_config", 0, 10))
                    || lower == 'p' && sql.regionMatches(true, i, SETTINGS_VIEW, 0, SETTINGS_VIEW.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The words, quoted names (without their quotes) and symbols of {@code text} in lower case, one after the other
     * as the database reads them: comments and blanks left out, any other token a blank.
     */
    private static String names(String text, List<SqlLexer.Token> tokens, boolean mysql) {
        StringBuilder out = new StringBuilder(text.length());
        SqlLexer.Token previous = null;
        for (SqlLexer.Token t : tokens) {
            boolean afterAt = previous != null && previous.kind == SqlLexer.Kind.SYMBOL && previous.is(text, '@');
            if (t.kind != SqlLexer.Kind.COMMENT) {
                previous = t;
            }
            if (mysql && afterAt && (t.kind == SqlLexer.Kind.STRING || t.kind == SqlLexer.Kind.QUOTED)
                    && text.charAt(t.start) != '`') {
                // MySQL/MariaDB user variable named by a quoted string, @'softdelete_ev\ent_at': the server reads
                // backslash escapes and doubled quotes in it, so the name is compared as the server decodes it
                out.append(mysqlUnescaped(text.substring(t.start + 1, t.end - 1)));
                continue;
            }
            switch (t.kind) {
                case WORD:
                case SYMBOL:
                    out.append(text, t.start, t.end);
                    break;
                case QUOTED:
                    out.append(text, t.start + 1, t.end - 1);
                    break;
                case COMMENT:
                    break;
                default:
                    out.append(' ');
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** A quoted MySQL name's content as the server reads it: {@code \\x} is {@code x}, a doubled quote one quote. */
    private static String mysqlUnescaped(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                out.append(body.charAt(++i));
            } else if ((c == '\'' || c == '"') && i + 1 < body.length() && body.charAt(i + 1) == c) {
                out.append(c);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code text} names PostgreSQL's {@code pg_settings} as a whole name (not a part of another one). */
    private static boolean namesSettingsView(String text, List<SqlLexer.Token> tokens) {
        for (SqlLexer.Token t : tokens) {
            String name = t.name(text);
            if (name != null && name.equalsIgnoreCase(SETTINGS_VIEW)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} calls PostgreSQL's {@code set_config} with a first argument other than a plain string
     * literal: a probe wrote {@code set_config('soft' || 'delete.event_at', …)}, {@code format(…)} and
     * {@code E'softdelete\x2eevent_at'}, names a search of the text does not find. A plain literal is the name
     * itself, and {@link #named} has read it.
     */
    private static boolean settingByExpression(String text, List<SqlLexer.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            SqlLexer.Token t = tokens.get(i);
            String name = t.name(text);
            if (name == null || !name.equalsIgnoreCase("set_config")) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).kind == SqlLexer.Kind.COMMENT) {
                j++;
            }
            if (j >= tokens.size() || !tokens.get(j).is(text, '(')) {
                continue; // not a call: a column or alias of that name
            }
            int k = j + 1;
            while (k < tokens.size() && tokens.get(k).kind == SqlLexer.Kind.COMMENT) {
                k++;
            }
            int comma = k + 1;
            while (comma < tokens.size() && tokens.get(comma).kind == SqlLexer.Kind.COMMENT) {
                comma++;
            }
            // a plain literal without backslashes: standard_conforming_strings off would read escapes in it
            boolean plainLiteral = k < tokens.size() && tokens.get(k).kind == SqlLexer.Kind.STRING
                    && text.charAt(tokens.get(k).start) == '\''
                    && text.substring(tokens.get(k).start, tokens.get(k).end).indexOf('\\') < 0
                    && comma < tokens.size() && tokens.get(comma).is(text, ',');
            if (!plainLiteral) {
                return true;
            }
        }
        return false;
    }
}
