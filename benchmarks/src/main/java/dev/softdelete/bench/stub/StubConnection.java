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

/**
 * A connection that talks to nothing: statements it creates do no work, so that a benchmark measures only what the
 * driver's wrappers add. Whatever a benchmark does not call throws.
 */
public final class StubConnection implements Connection {
    private boolean autoCommit = true;
    private boolean closed;

    @Override
    public Statement createStatement() {
        return new StubStatement(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) {
        return new StubPreparedStatement(this, sql);
    }

    @Override
    public CallableStatement prepareCall(String p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public String nativeSQL(String sql) {
        return sql;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() {
        return autoCommit;
    }

    @Override
    public void commit() {
        // nothing to commit
    }

    @Override
    public void rollback() {
        // nothing to roll back
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setReadOnly(boolean p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setCatalog(String p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public String getCatalog() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setTransactionIsolation(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
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
    public Statement createStatement(int p0, int p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public CallableStatement prepareCall(String p0, int p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setHoldability(int p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getHoldability() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Savepoint setSavepoint(String p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void rollback(Savepoint p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void releaseSavepoint(Savepoint p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Statement createStatement(int p0, int p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, String[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean isValid(int timeout) {
        return !closed;
    }

    @Override
    public void setClientInfo(String p0, String p1) throws SQLClientInfoException {
        throw new SQLClientInfoException();
    }

    @Override
    public void setClientInfo(Properties p0) throws SQLClientInfoException {
        throw new SQLClientInfoException();
    }

    @Override
    public String getClientInfo(String p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Array createArrayOf(String p0, Object[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public Struct createStruct(String p0, Object[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setSchema(String p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public String getSchema() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void abort(Executor p0) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNetworkTimeout(Executor p0, int p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
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
