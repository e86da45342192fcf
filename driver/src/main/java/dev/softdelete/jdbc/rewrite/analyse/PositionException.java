package dev.softdelete.jdbc.rewrite.analyse;

/** The parse tree's positions cannot be trusted for splicing into this text. */
public final class PositionException extends Exception {
    private static final long serialVersionUID = 1L;

    public PositionException(String message) {
        super(message);
    }
}
