package dev.softdelete.jdbc.rewrite.analyse;

/** A range of the original SQL text: {@code [start, end)} in UTF-16 offsets. */
public final class Span {
    public final int start;
    public final int end;

    public Span(int start, int end) {
        this.start = start;
        this.end = end;
    }

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    @Override
    public String toString() {
        return "[" + start + "," + end + ")";
    }
}
