package dev.softdelete.cli;

/** The process exit statuses of every subcommand. */
final class ExitStatus {
    /** The command did what it was asked; {@code check} found no error. */
    static final int OK = 0;
    /** {@code check} found errors, or the command failed (database, configuration, unknown table). */
    static final int PROBLEMS = 1;
    /** The command line itself is wrong: unknown option, missing value, wrong number of arguments. */
    static final int USAGE = 2;

    private ExitStatus() {
    }
}
