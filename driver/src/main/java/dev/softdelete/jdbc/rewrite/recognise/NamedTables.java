package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.Locale;
import java.util.Set;

/**
 * Does a text name one of some tables, read as the database reads it ({@link SqlLexer}): a name in a string, a
 * dollar-quoted body or a comment is not one, a name in an executable comment ({@code /*!}) is, and so is a quoted
 * one in any case. For the batch check of soft deletes whose cascades run after the batch's last entry, where a
 * later entry naming a table those reach must be found whatever the dialect's comment and escape rules.
 */
public final class NamedTables {
    /** What {@link #first} returns for a text that cannot be read to its end: taken as naming one. */
    public static final String UNREADABLE = "?";

    private final Set<String> names;
    private final Dialect dialect;

    /** @param names unqualified table names, lower case */
    public NamedTables(Set<String> names, Dialect dialect) {
        this.names = Set.copyOf(names);
        this.dialect = dialect;
    }

    /** The first of the names that {@code sql} names, {@link #UNREADABLE}, or null. */
    public String first(String written) {
        // a table written U&"pl\0061inref" is plainref to the database (a probe)
        String sql = dialect.isMySqlFamily() ? written : UnicodeIdentifiers.spelledOut(written, false);
        if (sql == null) {
            return UNREADABLE;
        }
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            String found = null;
            if (t.kind == Kind.UNTERMINATED) {
                return UNREADABLE;
            } else if (t.kind == Kind.WORD) {
                found = named(t.text(sql));
            } else if (t.kind == Kind.QUOTED) {
                String text = t.text(sql);
                found = named(text.substring(1, text.length() - 1));
            } else if (t.kind == Kind.EXECUTABLE_COMMENT) {
                String text = t.text(sql);
                found = first(text.substring(text.indexOf('!') + 1, text.length() - 2));
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String named(String word) {
        String name = word.toLowerCase(Locale.ROOT);
        return names.contains(name) ? name : null;
    }
}
