package dev.softdelete.it.support;

import java.util.regex.Pattern;

/** JDBC URL helpers for messages. */
final class Urls {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private Urls() {
    }

    /** The URL with any {@code password=} value hidden, fit for a test report. */
    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }
}
