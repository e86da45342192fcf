package dev.softdelete.jdbc.rewrite.recognise;

import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import dev.softdelete.jdbc.rewrite.analyse.Identifiers;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Kind;
import dev.softdelete.jdbc.rewrite.recognise.SqlLexer.Token;
import java.util.BitSet;
import java.util.Locale;

/**
 * Names written with letters whose upper case is several letters ({@code ß} is {@code SS}, {@code ﬀ} is {@code FF}):
 * H2 folds a name with {@code toUpperCase(Locale.ENGLISH)}, so {@code addreßes} is its table {@code ADDRESSES},
 * while the pre-filter and the engine compare names letter by letter and saw no configured table (a probe read
 * deleted rows and deleted physically through such a spelling).
 */
public final class ExpandingUpperCase {
    /** The characters whose upper case is longer than they are. */
    private static final BitSet EXPANDING = new BitSet();

    static {
        for (char c = 0xDF; c < Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate(c) && String.valueOf(c).toUpperCase(Locale.ENGLISH).length() > 1) {
                EXPANDING.set(c);
            }
        }
    }

    private ExpandingUpperCase() {
    }

    /**
     * The first name of {@code sql} (unquoted or quoted: H2's CASE_INSENSITIVE_IDENTIFIERS folds quoted ones too)
     * written with such a letter whose upper case is a configured table's name ({@code configured}); null when there
     * is none.
     */
    public static String configuredName(String sql, java.util.function.Predicate<String> configured) {
        if (!expands(sql)) {
            return null;
        }
        for (Token t : SqlLexer.tokens(sql, Dialect.H2)) {
            if (t.kind == Kind.WORD || t.kind == Kind.QUOTED) {
                String name = Identifiers.unquote(t.text(sql));
                if (expands(name) && configured.test(name.toUpperCase(Locale.ENGLISH))) {
                    return name;
                }
            }
        }
        return null;
    }

    private static boolean expands(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0xDF && EXPANDING.get(c)) {
                return true;
            }
        }
        return false;
    }
}
