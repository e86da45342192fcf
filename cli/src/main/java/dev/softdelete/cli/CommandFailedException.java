package dev.softdelete.cli;

/**
 * The command line is well formed but the command cannot do its work (say, the table named is not configured).
 * Ends the command with {@link ExitStatus#PROBLEMS}.
 */
final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }
}
