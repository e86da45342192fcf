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

    /**
     * The identifier as PostgreSQL keeps it: a name longer than 63 bytes (NAMEDATALEN - 1) in UTF-8 cut to its first
     * 63, whole characters only, inside its quotes when quoted.
     */
    public static String postgresKept(String identifier) {
        if (identifier.length() <= 63 / 4) {
            return identifier; // no name this short reaches 63 bytes
        }
        boolean quoted = isQuoted(identifier);
        String name = quoted ? unquote(identifier) : identifier;
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > 63) {
                String kept = name.substring(0, i);
                return quoted ? "\"" + kept.replace("\"", "\"\"") + "\"" : kept;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return identifier;
    }
}
