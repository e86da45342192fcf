package dev.softdelete.jdbc.rewrite.recognise;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MySQL/MariaDB statements that set the session's client or connection character set ({@code SET NAMES}, {@code SET
 * CHARACTER SET}, {@code SET character_set_client}): to GBK, SJIS, BIG5, CP932 or GB18030 the server would read the
 * second byte of a character as a backslash or a backtick where the driver reads neither, ending strings and quoted
 * names elsewhere (probes read soft-deleted rows and deleted physically after {@code SET NAMES gbk}). Such a statement
 * is refused, as is one that sets the character set from an expression the driver cannot read.
 */
public final class ClientCharacterSet {
    /** SET [SESSION] NAMES / CHARACTER SET / CHARSET, or an assignment of character_set_client / _connection. */
    private static final Pattern SETTING = Pattern.compile("(?i)\\bset\\s+(?:(?:session|local)\\s+)?(?:names|character"
            + "\\s+set|charset)\\b|character_set_(?:client|connection)\\s*:?=");
    private static final Pattern HIDING = Pattern.compile("(?i)\\b(big5|cp932|gbk|sjis|gb18030)\\b");

    private ClientCharacterSet() {
    }

    /** Why {@code sql} must be refused, or null. */
    public static String refusal(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.indexOf("names") < 0 && lower.indexOf("char") < 0) {
            return null;
        }
        if (!SETTING.matcher(sql).find()) {
            return null;
        }
        if (HIDING.matcher(sql).find()) {
            return "it sets a character set (GBK, SJIS, BIG5, CP932, GB18030) in which a character's second byte may be"
                    + " a backslash or a backtick, which softdelete-jdbc would read otherwise than the server";
        }
        // @@session.character_set_client names the setting; a user variable or a call is a value it cannot read
        String values = lower.replace("@@session.", "").replace("@@local.", "").replace("@@", "");
        if (values.indexOf('@') >= 0 || values.indexOf('(') >= 0) {
            return "it sets the session's character set from an expression softdelete-jdbc cannot read";
        }
        return null;
    }
}
