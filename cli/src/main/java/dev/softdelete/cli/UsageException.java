package dev.softdelete.cli;

/** The command line is wrong; the message says how. Ends the command with {@link ExitStatus#USAGE}. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
