package dev.softdelete.cli.check;

import java.util.regex.Pattern;

/**
 * Whether SQL text (a view, trigger or routine body) mentions a table name as a whole word, quoted or not, in any
 * case. It may also match a column or alias of that name: good enough for a warning.
 */
final class Mentions {
    private Mentions() {
    }

    static boolean mentions(String sql, String tableName) {
        if (sql == null || tableName == null) {
            return false;
        }
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(tableName) + "(?![\\w$])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(sql).find();
    }
}
