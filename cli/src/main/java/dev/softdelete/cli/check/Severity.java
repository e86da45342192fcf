package dev.softdelete.cli.check;

/** How bad a finding is. */
public enum Severity {
    /** The check passed. */
    OK,
    /** The driver works, but something behaves differently from what the application may expect. */
    WARN,
    /** The driver cannot work correctly with the schema as it is. */
    ERROR
}
