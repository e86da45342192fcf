package dev.softdelete.cli.migrate;

import java.util.List;

/**
 * What {@code migrate} would change in a database, as {@link MigrationPlanner} found it: the steps in the order they
 * run, and notes on what it leaves alone (and why). No step means the schema is ready.
 */
public final class MigrationPlan {
    public final List<MigrationStep> steps;
    public final List<String> notes;
    /** Whether the database runs the steps in one transaction (PostgreSQL) or commits each statement (MySQL, H2). */
    public final boolean transactional;

    MigrationPlan(List<MigrationStep> steps, List<String> notes, boolean transactional) {
        this.steps = List.copyOf(steps);
        this.notes = List.copyOf(notes);
        this.transactional = transactional;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The number of statements of all steps. */
    public int statementCount() {
        int n = 0;
        for (MigrationStep s : steps) {
            n += s.statements.size();
        }
        return n;
    }
}
