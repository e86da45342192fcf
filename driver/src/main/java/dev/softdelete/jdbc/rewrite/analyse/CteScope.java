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

    /**
     * Whether a reference written {@code writtenName} (without schema) names a CTE visible in {@code scope}. Never on
     * H2, which reads a name as the table of that name before a CTE of that name.
     */
    static boolean visible(CteScope scope, String writtenName, Dialect dialect) {
        if (dialect == Dialect.H2) {
            return false;
        }
        String wanted = key(writtenName, dialect);
        for (CteScope s = scope; s != null; s = s.outer) {
            for (String n : s.names) {
                if (key(n, dialect).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A name as the database compares it: unquoted names fold to lower case; quoted ones keep their case, except on
     * MySQL and MariaDB, which compare CTE names ignoring case either way. So PostgreSQL's
     * {@code WITH orders AS (...) ... FROM "orders"} reads the CTE, as the database does; {@code "Orders"} is another
     * name there. PostgreSQL folds A to Z only: a CTE {@code ticKets} written with the Kelvin sign, which Java's
     * lower case makes a {@code k}, is not {@code tickets} there (a probe read the table's deleted rows through it).
     */
    private static String key(String name, Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) {
            name = Identifiers.postgresKept(name); // the first 63 bytes of a longer name
        }
        if (Identifiers.isQuoted(name)) {
            String bare = Identifiers.unquote(name);
            return dialect.quotedNamesIgnoreCase() ? bare.toLowerCase(Locale.ROOT) : bare;
        }
        return dialect == Dialect.POSTGRESQL ? Identifiers.asciiLowerCase(name) : name.toLowerCase(Locale.ROOT);
    }
}
