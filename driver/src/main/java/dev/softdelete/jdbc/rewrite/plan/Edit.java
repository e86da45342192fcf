package dev.softdelete.jdbc.rewrite.plan;

/**
 * One change to the original SQL text: replace {@code [start, end)} with {@code text} ({@code start == end} inserts).
 * Edits at the same position apply in the order they were planned.
 */
public final class Edit {
    public final int start;
    public final int end;
    public final String text;
    final int sequence;

    Edit(int start, int end, String text, int sequence) {
        this.start = start;
        this.end = end;
        this.text = text;
        this.sequence = sequence;
    }

    @Override
    public String toString() {
        return "[" + start + "," + end + ")->'" + text + "'";
    }
}
