package dev.softdelete.cli.check;

/** One result of {@code check}: a severity, what it is about (a table, column or database object) and a sentence. */
public final class Finding {
    private final Severity severity;
    private final String subject;
    private final String message;

    public Finding(Severity severity, String subject, String message) {
        this.severity = severity;
        this.subject = subject;
        this.message = message;
    }

    public Severity severity() {
        return severity;
    }

    /** What the finding is about: {@code orders}, {@code orders.deleted_at}, {@code view public.v}. */
    public String subject() {
        return subject;
    }

    public String message() {
        return message;
    }

    /** The report line: {@code ERROR  orders.deleted_at: ...}. */
    @Override
    public String toString() {
        return String.format("%-5s  %s: %s", severity, subject, message);
    }
}
