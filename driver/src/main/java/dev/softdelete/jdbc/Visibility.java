package dev.softdelete.jdbc;

import java.util.Locale;

/** Which rows of soft-delete tables a statement sees. */
public enum Visibility {
    /** Live rows only: the database looks as if deleted rows were gone. The default. */
    ACTIVE("active"),
    /** Live and soft-deleted rows: the table as it is stored. */
    INCLUDE_DELETED("include-deleted"),
    /** Soft-deleted rows only. */
    ONLY_DELETED("only-deleted");

    private final String label;

    Visibility(String label) {
        this.label = label;
    }

    /** The name used in client info, connection properties and hints: {@code active}, {@code include-deleted}, ... */
    public String label() {
        return label;
    }

    /** Parses a label; null when it names no visibility. */
    public static Visibility fromLabel(String label) {
        if (label == null) {
            return null;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (Visibility v : values()) {
            if (v.label.equals(l)) {
                return v;
            }
        }
        return null;
    }
}
