package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a statement that begins, ends or marks a transaction in SQL: {@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}, {@code ROLLBACK}, {@code SAVEPOINT}, {@code RELEASE}, {@code END}, {@code ABORT}, {@code XA ...},
 * and {@code SET} of {@code autocommit}, {@code TRANSACTION} or {@code completion_type}. Beside a soft delete whose
 * group runs in a transaction or savepoint of the driver's own (in one string, or one batch), such a statement
 * would end or nest under it.
 */
public final class TransactionControl {
    private static final Set<String> FIRST_WORDS = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT",
            "RELEASE", "END", "ABORT", "XA");
    private static final Set<String> SETTINGS = Set.of("AUTOCOMMIT", "TRANSACTION", "COMPLETION_TYPE");

    private TransactionControl() {
    }

    /** The word that makes statement {@code sql} transaction control (upper case), or null. */
    public static String word(String sql, Dialect dialect) {
        char c = sql.isEmpty() ? ' ' : sql.charAt(0);
        if (c < 128 && Character.isLetter(c) && "bscreax".indexOf(c | 0x20) < 0) {
            return null; // INSERT, UPDATE, DELETE, ...: answered at the first character
        }
        String first = null;
        for (Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind == Kind.COMMENT) {
                continue;
            }
            if (first == null) {
                if (t.kind != Kind.WORD) {
                    return null;
                }
                first = t.text(sql).toUpperCase(Locale.ROOT);
                if (FIRST_WORDS.contains(first)) {
                    return first;
                }
                if (!first.equals("SET")) {
                    return null;
                }
            } else if (t.kind == Kind.WORD && SETTINGS.contains(t.text(sql).toUpperCase(Locale.ROOT))) {
                return t.text(sql).toUpperCase(Locale.ROOT); // SET [SESSION] autocommit / TRANSACTION ...
            }
        }
        return null;
    }
}
