package dev.softdelete.jdbc.execute;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * An SQL array of the driver. The database driver's own array hands out its elements as a result set whose
 * statement belongs to the database driver's connection ({@code getResultSet().getStatement().getConnection()}),
 * on which a DELETE would run as written, physically. Here that result set is the driver's, with no statement, as a
 * database metadata result set has none.
 */
final class ArrayWrapper implements Array {
    private final Array delegate;

    private ArrayWrapper(Array delegate) {
        this.delegate = delegate;
    }

    /** {@code array} wrapped, or null. */
    static Array of(Array array) {
        return array == null || array instanceof ArrayWrapper ? array : new ArrayWrapper(array);
    }

    /** The database driver's array behind {@code array}, to hand back to it (a parameter, an updated column). */
    static Array delegateOf(Array array) {
        return array instanceof ArrayWrapper ? ((ArrayWrapper) array).delegate : array;
    }

    /** {@code value} wrapped when it is an array; otherwise itself. */
    static Object wrapIfArray(Object value) {
        return value instanceof Array ? of((Array) value) : value;
    }

    private static ResultSet elements(ResultSet rs) {
        return rs == null ? null : new ResultSetWrapper(rs, null);
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        return delegate.getBaseTypeName();
    }

    @Override
    public int getBaseType() throws SQLException {
        return delegate.getBaseType();
    }

    @Override
    public Object getArray() throws SQLException {
        return delegate.getArray();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return delegate.getArray(map);
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return delegate.getArray(index, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return delegate.getArray(index, count, map);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return elements(delegate.getResultSet());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return elements(delegate.getResultSet(map));
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        return elements(delegate.getResultSet(index, count));
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return elements(delegate.getResultSet(index, count, map));
    }

    @Override
    public void free() throws SQLException {
        delegate.free();
    }

    /** The database driver's text of the array (PostgreSQL's {@code {1,2}}), which its drivers read back. */
    @Override
    public String toString() {
        return delegate.toString();
    }
}
