package dev.softdelete.bench.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/** A statement that sends nothing anywhere; it remembers the last SQL text so that the work is not dead code. */
public class StubStatement implements Statement {
    final StubConnection connection;
    String lastSql;
    private boolean closed;

    StubStatement(StubConnection connection) {
        this.connection = connection;
    }

    /** The last SQL text handed to this statement. */
    public String lastSql() {
        return lastSql;
    }

    @Override
    public ResultSet executeQuery(String sql) {
        lastSql = sql;
        return null;
    }

    @Override
    public int executeUpdate(String sql) {
        lastSql = sql;
        return 1;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setMaxFieldSize(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getMaxRows() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setMaxRows(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setQueryTimeout(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void cancel() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
        // no warnings
    }

    @Override
    public void setCursorName(String p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean execute(String sql) {
        lastSql = sql;
        return sql.length() > 0;
    }

    @Override
    public ResultSet getResultSet() {
        return null;
    }

    @Override
    public int getUpdateCount() {
        return 1;
    }

    @Override
    public boolean getMoreResults() {
        return false;
    }

    @Override
    public void setFetchDirection(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setFetchSize(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getFetchSize() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getResultSetType() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void addBatch(String sql) {
        lastSql = sql;
    }

    @Override
    public void clearBatch() {
        // nothing batched
    }

    @Override
    public int[] executeBatch() {
        return new int[0];
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean getMoreResults(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int executeUpdate(String p0, int p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int executeUpdate(String p0, int[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int executeUpdate(String p0, String[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean execute(String p0, int p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean execute(String p0, int[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean execute(String p0, String[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setPoolable(boolean p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean isPoolable() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
