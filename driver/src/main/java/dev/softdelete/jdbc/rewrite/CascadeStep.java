package dev.softdelete.jdbc.rewrite;

import java.util.Objects;

/**
 * One cascade edge of a delete event: soft-delete the live children of the parent rows the event deleted. Either a
 * single statement, or — on MySQL/MariaDB, whose UPDATE with a subquery scans and locks the whole child table — a
 * non-locking read of the parent keys followed by an UPDATE of the children by those keys, through the foreign-key
 * index.
 */
public final class CascadeStep {
    private final String statement;
    private final String keyQuery;
    private final String updateByKeys;
    private final int keyWidth;

    private CascadeStep(String statement, String keyQuery, String updateByKeys, int keyWidth) {
        this.statement = statement;
        this.keyQuery = keyQuery;
        this.updateByKeys = updateByKeys;
        this.keyWidth = keyWidth;
    }

    /** A step that is one statement. */
    public static CascadeStep statement(String sql) {
        return new CascadeStep(sql, null, null, 0);
    }

    /**
     * A step in two: {@code keyQuery} selects the parent keys ({@code keyWidth} columns); {@code updateByKeys} ends
     * in {@code IN } and is completed with a list of key tuples.
     */
    public static CascadeStep byKeys(String keyQuery, String updateByKeys, int keyWidth) {
        return new CascadeStep(null, keyQuery, updateByKeys, keyWidth);
    }

    /** The single statement, or null for a step in two. */
    public String statement() {
        return statement;
    }

    public String keyQuery() {
        return keyQuery;
    }

    public String updateByKeys() {
        return updateByKeys;
    }

    public int keyWidth() {
        return keyWidth;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CascadeStep)) {
            return false;
        }
        CascadeStep other = (CascadeStep) o;
        return Objects.equals(statement, other.statement) && Objects.equals(keyQuery, other.keyQuery)
                && Objects.equals(updateByKeys, other.updateByKeys) && keyWidth == other.keyWidth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(statement, keyQuery, updateByKeys, keyWidth);
    }

    @Override
    public String toString() {
        return statement != null ? statement : keyQuery + " -> " + updateByKeys + "(...)";
    }
}
