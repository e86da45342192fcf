package dev.softdelete.config;

/** What to do with a statement that mentions a configured table but cannot be rewritten with certainty. */
public enum OnUnparseable {
    /** Refuse it with an SQLException; the database is not touched. The default. */
    REJECT,
    /** Send it unchanged. Deleted rows may then be visible to it, or be lost by it. */
    PASSTHROUGH
}
