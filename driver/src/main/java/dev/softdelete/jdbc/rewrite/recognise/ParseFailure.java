package dev.softdelete.jdbc.rewrite.recognise;

/** JSqlParser could not parse a statement, or ran out of its time budget. */
public final class ParseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean overBudget;

    public ParseFailure(String message, Throwable cause, boolean overBudget) {
        super(message, cause);
        this.overBudget = overBudget;
    }

    /** True when the parse was stopped by its time budget rather than by a syntax error. */
    public boolean overBudget() {
        return overBudget;
    }
}
