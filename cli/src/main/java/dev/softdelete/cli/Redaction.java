package dev.softdelete.cli;

import java.util.regex.Pattern;

/** Hides passwords in URLs and messages before they are printed. */
final class Redaction {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");

    private Redaction() {
    }

    /** The text with every {@code password=} value replaced by {@code ***}. */
    static String redact(String text) {
        return text == null ? null : PASSWORD.matcher(text).replaceAll("$1***");
    }
}
