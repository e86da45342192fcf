package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.util.Locale;
import java.util.Set;

/**
 * Whether every statement of a text is a plain INSERT, which adds rows and neither changes nor removes any: no
 * upsert ({@code ON CONFLICT}, {@code ON DUPLICATE KEY UPDATE}), no {@code REPLACE}, no data-modifying {@code WITH}.
 * A batch runs its soft deletes' cascades and foreign-key checks after its last entry; an entry after such a soft
 * delete that changes or removes rows could change what they find without naming any table they read: a probe's
 * DELETE of a partition of the referencing table, of a plain table whose {@code ON DELETE CASCADE} took the
 * referencing row, or through a view of it, each left a RESTRICT error unraised (besides INSERTs, a batch takes
 * there soft deletes and UPDATEs of configured tables' non-key columns: see {@code RewriteEngine}). Read from the
 * tokens, words only (a quoted name is a name); any word that could start an upsert or a change makes the answer
 * no, names included.
 */
public final class InsertOnly {
    private static final Set<String> CHANGING_WORDS = Set.of("update", "delete", "conflict", "duplicate", "replace",
            "merge", "truncate");

    private InsertOnly() {
    }

    public static boolean matches(String sql, Dialect dialect) {
        if (!OtherQuoteReadings.afterEverySemicolon(sql).isEmpty()) {
            return false; // a session that reads its quotes otherwise may run another statement after a semicolon
        }
        boolean statementStart = true;
        boolean any = false;
        for (SqlLexer.Token t : SqlLexer.tokens(sql, dialect)) {
            if (t.kind == SqlLexer.Kind.COMMENT) {
                continue;
            }
            if (t.kind == SqlLexer.Kind.UNTERMINATED || t.kind == SqlLexer.Kind.EXECUTABLE_COMMENT) {
                return false; // what it holds cannot be read here
            }
            if (t.is(sql, ';')) {
                statementStart = true;
                continue;
            }
            if (statementStart) {
                if (!t.is(sql, "insert")) {
                    return false;
                }
                any = true;
                statementStart = false;
            } else if (t.kind == SqlLexer.Kind.WORD && CHANGING_WORDS.contains(t.text(sql).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return any;
    }
}
