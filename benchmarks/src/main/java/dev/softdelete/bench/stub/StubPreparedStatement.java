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

/** A prepared statement that binds its parameters to nothing. */
public final class StubPreparedStatement extends StubStatement implements PreparedStatement {
    private long lastLong;
    private String lastString;

    StubPreparedStatement(StubConnection connection, String sql) {
        super(connection);
        this.lastSql = sql;
    }

    /** The last long bound (keeps the binding from being dead code). */
    public long lastLong() {
        return lastLong;
    }

    @Override
    public ResultSet executeQuery() {
        return null;
    }

    @Override
    public int executeUpdate() {
        return 1;
    }

    @Override
    public void setNull(int p0, int p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBoolean(int p0, boolean p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setByte(int p0, byte p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setShort(int p0, short p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setInt(int parameterIndex, int x) {
        lastLong = x;
    }

    @Override
    public void setLong(int parameterIndex, long x) {
        lastLong = x;
    }

    @Override
    public void setFloat(int p0, float p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setDouble(int p0, double p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBigDecimal(int p0, BigDecimal p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setString(int parameterIndex, String x) {
        lastString = x;
    }

    @Override
    public void setBytes(int p0, byte[] p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setDate(int p0, Date p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setTime(int p0, Time p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setTimestamp(int p0, Timestamp p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int p0, InputStream p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void clearParameters() {
        lastString = null;
    }

    @Override
    public void setObject(int p0, Object p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setObject(int p0, Object p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public boolean execute() {
        return lastSql.length() > 0;
    }

    @Override
    public void addBatch() {
        // nothing to batch
    }

    @Override
    public void setCharacterStream(int p0, Reader p1, int p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setRef(int p0, Ref p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBlob(int p0, Blob p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setClob(int p0, Clob p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setArray(int p0, Array p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setDate(int p0, Date p1, Calendar p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setTime(int p0, Time p1, Calendar p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setTimestamp(int p0, Timestamp p1, Calendar p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNull(int p0, int p1, String p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setURL(int p0, URL p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setRowId(int p0, RowId p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNString(int p0, String p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNClob(int p0, NClob p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setClob(int p0, Reader p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBlob(int p0, InputStream p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNClob(int p0, Reader p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setSQLXML(int p0, SQLXML p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setObject(int p0, Object p1, int p2, int p3) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setCharacterStream(int p0, Reader p1, long p2) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setAsciiStream(int p0, InputStream p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBinaryStream(int p0, InputStream p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setCharacterStream(int p0, Reader p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNCharacterStream(int p0, Reader p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setClob(int p0, Reader p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setBlob(int p0, InputStream p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }

    @Override
    public void setNClob(int p0, Reader p1) throws SQLException {
        throw new SQLFeatureNotSupportedException("stub");
    }
}
