package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer;
import java.sql.Connection;
import java.util.regex.Pattern;

/**
 * Whether the session reads a backslash in a string literal otherwise than the driver's lexer and parser do: the
 * driver reads PostgreSQL's {@code '...'} without backslash escapes ({@code standard_conforming_strings} on) and
 * MySQL's and MariaDB's with them (no {@code NO_BACKSLASH_ESCAPES} in the {@code sql_mode}). A session that changed
 * the setting ends strings elsewhere: {@code SELECT 'x\', ' FROM orders -- '} is a query of two strings to the
 * driver and of every row of {@code orders}, deleted ones included, to PostgreSQL with the setting off; and a string
 * the driver reads as data may hold a second statement the server runs ({@code ; DELETE FROM orders}).
 *
 * <p>The vendor drivers follow the setting from each response, without a round trip: pgjdbc's
 * {@code BaseConnection.getStandardConformingStrings()} (from the server's parameter status), and the server status
 * flag {@code SERVER_STATUS_NO_BACKSLASH_ESCAPES} of the MySQL protocol (Connector/J's
 * {@code ServerSession.getStatusFlags()}, the MariaDB driver's {@code Context.getServerStatus()}). They are reached
 * by reflection ({@link VendorPath}), as {@link ServerTransaction} reaches the transaction state; H2 tells whether
 * its mode quotes names with square brackets; any other driver answers no.
 *
 * <p>Text without a backslash reads alike either way, so only a text with one that mentions a configured table is
 * refused, while the session reads it otherwise, or when the text itself holds the setting's name (a string of
 * several statements that changes it before the one that would be misread).
 */
final class SessionLexicalMode {
    /** The MySQL protocol's server status flag for {@code NO_BACKSLASH_ESCAPES}. */
    static final int NO_BACKSLASH_ESCAPES = 0x200;

    private static final ClassValue<Probe> PROBES = new ClassValue<>() {
        @Override
        protected Probe computeValue(Class<?> type) {
            return Probe.of(type);
        }
    };

    private SessionLexicalMode() {
    }

    /**
     * Whether {@code vendor}'s session reads backslashes in strings (H2: square brackets) otherwise than the driver
     * does.
     */
    static boolean readsOtherwise(Connection vendor) {
        return PROBES.get(vendor.getClass()).otherwise(vendor);
    }

    /**
     * Whether {@code sql} has the character whose reading the session's setting decides: a backslash on PostgreSQL,
     * MySQL and MariaDB, a square bracket on H2 (a quoted identifier, {@code [a']}, in its MSSQLServer mode, which the
     * driver's parser reads as an array bracket followed by a string: {@code SELECT [a'].id FROM orders [a']} read
     * deleted rows, and {@code SELECT 1 AS [a']; DELETE FROM orders ...; SELECT 1 AS [b']} deleted physically, in a
     * probe).
     */
    static boolean sensitive(String sql, Dialect dialect) {
        return sql.indexOf(dialect == Dialect.H2 ? '[' : '\\') >= 0;
    }

    /**
     * Why {@code sql} cannot be read with certainty in a session that reads backslashes otherwise ({@code otherwise})
     * or may be made to within the text itself, or null: the caller refuses it when it mentions a configured table.
     */
    static String refusal(String sql, Dialect dialect, boolean otherwise) {
        if (!sensitive(sql, dialect)) {
            return null;
        }
        if (dialect == Dialect.H2) {
            if (otherwise) {
                return "a square bracket in a statement that mentions a soft-delete table, on a session whose H2 mode"
                        + " (MSSQLServer) reads [...] as a quoted identifier, which softdelete-jdbc's parser does not:"
                        + " a quote or comment inside it would end elsewhere for the database";
            }
            if (namesSetting(sql, dialect)) {
                return "a square bracket in a statement that mentions a soft-delete table, with SET MODE in the same"
                        + " text: a mode changed there may read [...] as a quoted identifier";
            }
            if (semicolonBeforeMore(sql, dialect)) {
                // a statement before it may call a Java alias that runs SET MODE MSSQLServer (a probe read
                // soft-deleted rows through the second statement of such a text)
                return "a square bracket in a text of several statements that mentions a soft-delete table: a"
                        + " statement before it may change H2's mode (also through a function)";
            }
            return null;
        }
        if (otherwise) {
            return "a backslash in a statement that mentions a soft-delete table, on a session that reads backslashes in"
                    + " strings otherwise than softdelete-jdbc (" + (dialect == Dialect.POSTGRESQL
                            ? "standard_conforming_strings is off" : "the sql_mode has NO_BACKSLASH_ESCAPES")
                    + "): its strings and comments may end elsewhere for the server";
        }
        if (namesSetting(sql, dialect)) {
            return "a backslash in a statement that mentions a soft-delete table, with " + (dialect == Dialect.POSTGRESQL
                    ? "standard_conforming_strings" : "sql_mode") + " in the same text: a setting changed there would"
                    + " make the server read its strings otherwise than softdelete-jdbc";
        }
        if (dialect == Dialect.POSTGRESQL && semicolonBeforeMore(sql, dialect)) {
            // a statement before it may turn standard_conforming_strings off without naming it (a function whose body
            // calls set_config): a probe read soft-deleted rows through the second statement of such a text
            return "a backslash in a text of several statements that mentions a soft-delete table: a statement before"
                    + " it may change how the server reads backslashes in strings (standard_conforming_strings, also"
                    + " through a function)";
        }
        return null;
    }

    /**
     * Whether {@code sql} names the setting that decides how the dialect reads backslashes in strings (PostgreSQL's
     * {@code standard_conforming_strings}, MySQL's and MariaDB's {@code sql_mode}); never on H2.
     */
    static boolean namesSetting(String sql, Dialect dialect) {
        if (dialect == Dialect.H2) {
            return containsIgnoreCase(sql, "mode") && H2_MODE.matcher(sql).find();
        }
        String setting = dialect == Dialect.POSTGRESQL ? "standard_conforming_strings"
                : dialect.isMySqlFamily() ? "sql_mode" : null;
        return setting != null && containsIgnoreCase(sql, setting);
    }

    /**
     * Whether {@code sql} has a semicolon followed by more than blanks, comments and semicolons (a later statement,
     * maybe), read as the database reads the text before it runs: a semicolon inside a string, a quoted name or a
     * comment separates nothing (the session reads this text as the driver does, or {@code otherwise} refused it
     * already; only a statement run before a later one could change that). A text the lexer cannot end is counted
     * as several statements.
     */
    static boolean semicolonBeforeMore(String sql, Dialect dialect) {
        if (sql.indexOf(';') < 0) {
            return false;
        }
        boolean semicolon = false;
        for (SqlLexer.Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind == SqlLexer.Kind.UNTERMINATED) {
                return true;
            }
            if (t.kind == SqlLexer.Kind.COMMENT) {
                continue;
            }
            if (t.is(sql, ';')) {
                semicolon = true;
            } else if (semicolon) {
                return true;
            }
        }
        return false;
    }

    /** H2's {@code SET MODE}, with anything between the words (a comment). */
    private static final Pattern H2_MODE = Pattern.compile("(?i)\\bSET\\b.*\\bMODE\\b", Pattern.DOTALL);

    /**
     * Whether {@code text} holds {@code word} (lower case ASCII letters, digits, underscores) in any case. Every
     * {@code Statement.addBatch} asks this: one comparison per character, a full one only where the first letter
     * matches.
     */
    static boolean containsIgnoreCase(String text, String word) {
        char first = word.charAt(0);
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** The reflective path to one vendor's setting. */
    private static final class Probe {
        static final Probe NONE = new Probe(null, false, -1);

        /** From the vendor's connection to the setting; null for none. */
        final VendorPath path;
        /** PostgreSQL: the path ends in a boolean that is true when the session reads as the driver does. */
        final boolean conforming;
        /** MySQL protocol: the status flag that says the session reads otherwise; else -1. */
        final int flag;

        private Probe(VendorPath path, boolean conforming, int flag) {
            this.path = path;
            this.conforming = conforming;
            this.flag = flag;
        }

        static Probe of(Class<?> connection) {
            Probe p = find(connection, "org.postgresql.core.BaseConnection", true, -1,
                    "getStandardConformingStrings");
            if (p == null) {
                p = find(connection, "com.mysql.cj.MysqlConnection", false, NO_BACKSLASH_ESCAPES, "getSession",
                        "getServerSession", "getStatusFlags");
            }
            if (p == null) {
                p = find(connection, "org.mariadb.jdbc.Connection", false, NO_BACKSLASH_ESCAPES, "getContext",
                        "getServerStatus");
            }
            if (p == null) {
                // H2: the session's mode, whose flag says whether [...] quotes a name (MSSQLServer)
                p = find(connection, "org.h2.jdbc.JdbcConnection", false, -1, "getSession", "getDynamicSettings",
                        ".mode", ".squareBracketQuotedNames");
            }
            return p != null ? p : NONE;
        }

        private static Probe find(Class<?> connection, String typeName, boolean conforming, int flag,
                String... names) {
            VendorPath path = VendorPath.find(connection, typeName, names);
            return path == null ? null : new Probe(path, conforming, flag);
        }

        boolean otherwise(Connection vendor) {
            if (path == null) {
                return false;
            }
            Object value = path.value(vendor);
            if (conforming) {
                return Boolean.FALSE.equals(value);
            }
            if (flag < 0) {
                return Boolean.TRUE.equals(value); // H2: square brackets quote names
            }
            return value instanceof Number && (((Number) value).intValue() & flag) != 0;
        }
    }
}
