package dev.softdelete.config;

/** What {@code TRUNCATE} of a configured table does. */
public enum TruncatePolicy {
    /** Refuse it with an SQLException. The default. */
    REJECT,
    /** Soft-delete every live row instead. */
    SOFT_DELETE
}
