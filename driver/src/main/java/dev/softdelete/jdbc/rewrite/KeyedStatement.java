package dev.softdelete.jdbc.rewrite;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A statement that runs once per chunk of keys the driver read before it (a cascade step or foreign-key check on
 * MySQL/MariaDB, a restore along a cascade edge): its text up to a match of key columns, the match written for the
 * number of keys at hand with one marker per value, and the text after it. The keys are bound in order, each key's
 * values in the order of its columns.
 *
 * <p>The match is {@code c IN (?, ?)} or {@code (c1, c2) IN ((?, ?), (?, ?))}, except in an UPDATE by a composite
 * key on MySQL/MariaDB, where it is {@code ((c1 = ? AND c2 = ?) OR (c1 = ? AND c2 = ?))}: MariaDB 10.11 does not
 * range-optimise a single-table UPDATE by a row-value IN list, so at REPEATABLE READ it scanned and locked the whole
 * table (an UNDELETE waited for another transaction's unrelated row and blocked every insert; a probe). Its
 * SELECTs by such a list are range-optimised, locking ones too.
 */
public final class KeyedStatement {
    private final String head;
    private final List<String> columns;
    private final String tail;
    private final boolean orsOfEqualities;

    private KeyedStatement(String head, List<String> columns, String tail, boolean orsOfEqualities) {
        this.head = Objects.requireNonNull(head, "head");
        this.columns = List.copyOf(columns);
        this.tail = Objects.requireNonNull(tail, "tail");
        this.orsOfEqualities = orsOfEqualities && this.columns.size() > 1;
    }

    /** A query: {@code head}, {@code columns IN (keys)}, {@code tail}. */
    public static KeyedStatement query(String head, List<String> columns, String tail) {
        return new KeyedStatement(head, columns, tail, false);
    }

    /** An UPDATE ending in the match of {@code columns}, written as described above for its dialect. */
    public static KeyedStatement update(String head, List<String> columns, boolean dialectIsMySqlFamily) {
        return new KeyedStatement(head, columns, "", dialectIsMySqlFamily);
    }

    /** How many columns a key has. */
    public int width() {
        return columns.size();
    }

    /** The text to run with {@code count} keys. */
    public String forKeys(int count) {
        if (orsOfEqualities) {
            String one = "(" + String.join(" = ? AND ", columns) + " = ?)";
            return head + "(" + String.join(" OR ", Collections.nCopies(count, one)) + ")" + tail;
        }
        String one = columns.size() == 1 ? "?"
                : "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return head + match() + "(" + String.join(", ", Collections.nCopies(count, one)) + ")" + tail;
    }

    /** The text with {@code keys} written in place of the list, for people ({@code explain}, logs). */
    public String shown(String keys) {
        return head + match() + "(" + keys + ")" + tail;
    }

    private String match() {
        return (columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")") + " IN ";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyedStatement)) {
            return false;
        }
        KeyedStatement other = (KeyedStatement) o;
        return head.equals(other.head) && columns.equals(other.columns) && tail.equals(other.tail)
                && orsOfEqualities == other.orsOfEqualities;
    }

    @Override
    public int hashCode() {
        return Objects.hash(head, columns, tail, orsOfEqualities);
    }

    @Override
    public String toString() {
        return shown("...");
    }
}
