package dev.softdelete.jdbc.rewrite.analyse;

import java.util.List;
import java.util.Locale;

/**
 * The common-table-expression names visible at one place in a statement, linked to the enclosing scope. A table
 * reference without schema whose name is visible here denotes the CTE, not the table.
 */
final class CteScope {
    private final List<String> names;
    private final CteScope outer;

    CteScope(List<String> names, CteScope outer) {
        this.names = names;
        this.outer = outer;
    }

    static boolean visible(CteScope scope, String writtenName) {
        String wanted = key(writtenName);
        for (CteScope s = scope; s != null; s = s.outer) {
            for (String n : s.names) {
                if (key(n).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Unquoted names compare ignoring case, quoted ones exactly; never the lenient direction. */
    private static String key(String name) {
        return Identifiers.isQuoted(name) ? "\"" + Identifiers.unquote(name) : name.toLowerCase(Locale.ROOT);
    }
}
