package dev.softdelete.cli.migrate;

import dev.softdelete.cli.check.DatabaseTable;
import java.util.List;

/**
 * One change of a migration: why it is there (a sentence, written into the script as a comment), the statements
 * that make it, the table they work on, and what they cost the table (so that large tables get an estimate first).
 */
public final class MigrationStep {
    /** What the statements do to the table's rows while they run. */
    public enum Cost {
        /** Only the catalog changes (a trigger, a column added without rewriting the table). */
        CATALOG,
        /** Every row is read (an index is built, a NOT NULL is verified); writes to the table wait meanwhile. */
        SCAN,
        /** Every row is written again (the table is copied or rewritten). */
        REWRITE
    }

    public final String purpose;
    public final List<String> statements;
    /** The table the statements work on; null when none in particular. */
    public final DatabaseTable table;
    public final Cost cost;

    public MigrationStep(String purpose, List<String> statements, DatabaseTable table, Cost cost) {
        this.purpose = purpose;
        this.statements = List.copyOf(statements);
        this.table = table;
        this.cost = cost;
    }
}
