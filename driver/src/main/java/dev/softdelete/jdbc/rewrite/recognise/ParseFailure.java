package dev.softdelete.jdbc.rewrite.recognise;

/** JSqlParser could not parse a statement, or ran out of its time budget. */
public final class ParseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public ParseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
