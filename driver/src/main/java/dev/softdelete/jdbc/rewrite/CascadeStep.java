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
    private final KeyedStatement updateByKeys;

    private CascadeStep(String statement, String keyQuery, KeyedStatement updateByKeys) {
        this.statement = statement;
        this.keyQuery = keyQuery;
        this.updateByKeys = updateByKeys;
    }

    /** A step that is one statement. */
    public static CascadeStep statement(String sql) {
        return new CascadeStep(sql, null, null);
    }

    /** A step in two: {@code keyQuery} selects the parent keys; {@code updateByKeys} runs with them. */
    public static CascadeStep byKeys(String keyQuery, KeyedStatement updateByKeys) {
        return new CascadeStep(null, keyQuery, updateByKeys);
    }

    /** The single statement, or null for a step in two. */
    public String statement() {
        return statement;
    }

    public String keyQuery() {
        return keyQuery;
    }

    public KeyedStatement updateByKeys() {
        return updateByKeys;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CascadeStep)) {
            return false;
        }
        CascadeStep other = (CascadeStep) o;
        return Objects.equals(statement, other.statement) && Objects.equals(keyQuery, other.keyQuery)
                && Objects.equals(updateByKeys, other.updateByKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statement, keyQuery, updateByKeys);
    }

    @Override
    public String toString() {
        return statement != null ? statement : keyQuery + " -> " + updateByKeys;
    }
}
