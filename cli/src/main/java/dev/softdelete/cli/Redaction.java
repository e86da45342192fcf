package dev.softdelete.cli;

import java.util.regex.Pattern;

/** Hides passwords in URLs and messages before they are printed. */
final class Redaction {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
    /** {@code //user:password@host}, which Connector/J and MariaDB's driver accept. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^/@\\s]*@");

    private Redaction() {
    }

    /** The text with every {@code password=} value, and the password of a URL's user info, replaced by {@code ***}. */
    static String redact(String text) {
        return text == null ? null
                : USER_INFO.matcher(PASSWORD.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }
}
