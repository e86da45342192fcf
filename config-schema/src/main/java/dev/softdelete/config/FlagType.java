package dev.softdelete.config;

/** How the flag column stores "deleted": a SQL BOOLEAN, or an integer column holding 0 and 1 (TINYINT). */
public enum FlagType {
    BOOLEAN,
    INTEGER
}
