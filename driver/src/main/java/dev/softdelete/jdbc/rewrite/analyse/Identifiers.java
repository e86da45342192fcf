package dev.softdelete.jdbc.rewrite.analyse;

/** Quoted SQL identifiers: {@code "name"} (standard) and {@code `name`} (MySQL). */
public final class Identifiers {
    private Identifiers() {
    }

    public static boolean isQuoted(String identifier) {
        int n = identifier.length();
        if (n < 2) {
            return false;
        }
        char first = identifier.charAt(0);
        return (first == '"' || first == '`') && identifier.charAt(n - 1) == first;
    }

    /** The identifier without its quotes, doubled quote characters undoubled; unquoted ones unchanged. */
    public static String unquote(String identifier) {
        if (!isQuoted(identifier)) {
            return identifier;
        }
        String q = identifier.substring(0, 1);
        return identifier.substring(1, identifier.length() - 1).replace(q + q, q);
    }

    /** {@code A} to {@code Z} made lower case, nothing else: how PostgreSQL folds an unquoted name. */
    public static String asciiLowerCase(String name) {
        char[] c = null;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (c == null) {
                    c = name.toCharArray();
                }
                c[i] = (char) (ch + ('a' - 'A'));
            }
        }
        return c == null ? name : new String(c);
    }
}
