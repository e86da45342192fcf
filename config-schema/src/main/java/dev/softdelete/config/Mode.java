package dev.softdelete.config;

import java.util.Locale;

/**
 * Whether the driver acts on what it decides, or only records it: {@code options.mode} in {@code softdelete.yml},
 * overridden per connection by the {@code softdelete.mode} property.
 */
public enum Mode {
    /** Statements are rewritten or refused as decided. The default. */
    ENFORCE,
    /**
     * Statements are sent as the application wrote them; what the driver would have done (rewrite, refuse, leave
     * alone) is only counted and logged. The driver's own statement, {@code UNDELETE}, still runs.
     */
    OBSERVE;

    /** The name written in {@code softdelete.yml} and connection properties: {@code enforce}, {@code observe}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a label names, ignoring case and surrounding blanks; null when it names none. */
    public static Mode fromLabel(String label) {
        if (label == null) {
            return null;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (Mode m : values()) {
            if (m.label().equals(l)) {
                return m;
            }
        }
        return null;
    }
}
