package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.Visibility;
import dev.softdelete.jdbc.rewrite.Rewrite;
import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.recognise.CatalogChange;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A prepared statement of a {@link ConnectionWrapper}; its SQL passed the gate once, when it was prepared. When that
 * made it a soft delete (or a restore), every execution runs as a group (a batch is one group). When the connection
 * has moved to other schemas since (and so rewrites with another catalog), the statement is rewritten again before
 * it runs: its steps then follow the keys of the tables it now reaches.
 */
public class PreparedStatementWrapper extends StatementWrapper implements PreparedStatement {
    private final PreparedStatement prepared;
    private final String sql;
    private final Visibility visibility;
    private Rewrite rewrite;
    /** The engine {@link #rewrite} came from. */
    private Object version;
    /** Whether the statement is DDL that may change the catalog (read once, not at every execution). */
    private final boolean changesCatalog;

    PreparedStatementWrapper(ConnectionWrapper connection, PreparedStatement delegate, Rewrite rewrite, String sql) {
        super(connection, delegate);
        this.prepared = delegate;
        this.rewrite = rewrite;
        this.sql = sql;
        this.visibility = connection.gate().visibility();
        this.version = connection.engine().version();
        this.changesCatalog = CatalogChange.inAnyStatement(sql, connection.dialect());
    }

    /**
     * The rewrite to run with: the one made when prepared, unless the connection rewrites with another engine now
     * (it moved to other schemas). Then the statement is rewritten again; the text the delegate was prepared with
     * must come out the same, or the statement is refused (prepare it again).
     */
    private Rewrite current() throws SQLException {
        SessionEngine engine = connection().engine();
        Object now = engine.versionBefore(sql);
        if (connection().gate().visibility() != visibility && !connection().gate().observing()) {
            visibilityUnchanged();
        }
        if (now == version || connection().gate().observing()) {
            return rewrite; // in observe mode statements go as written anyway
        }
        if (connection().dialect().isMySqlFamily() && rewrite.grouped() && movedSinceCreated()) {
            // Connector/J runs a prepared statement in the database it was prepared in, MariaDB's driver in the
            // current one: which tables its steps must reach depends on the vendor driver
            throw new SQLException("softdelete-jdbc refused the statement: it was prepared before the connection"
                    + " moved to another database, and soft-deletes; prepare it again",
                    StatementRefusedException.UNREWRITABLE);
        }
        Rewrite again;
        try {
            again = engine.rewrite(sql, visibility);
        } catch (StatementRefusedException e) {
            throw new SQLException(e.getMessage(), e.sqlState(), e);
        }
        if (!again.sqlFor(sql).equals(rewrite.sqlFor(sql))) {
            throw new SQLException("softdelete-jdbc refused the statement: it was prepared before the connection"
                    + " moved to other schemas, whose catalog rewrites it differently; prepare it again",
                    StatementRefusedException.UNREWRITABLE);
        }
        rewrite = again;
        version = now;
        return again;
    }

    /**
     * Refuses to run under the connection's visibility now a statement whose text depends on the visibility it was
     * prepared under: a pool's statement cache (DBCP2's {@code poolPreparedStatements}, c3p0's {@code maxStatements})
     * hands the same statement to a later borrower, who would read (or update) deleted rows after setting
     * {@code active} (found by a probe). A statement that reads no configured table, or whose hint decides, runs.
     */
    private void visibilityUnchanged() throws SQLException {
        Visibility now = connection().gate().visibility();
        Rewrite under;
        try {
            under = connection().gate().underVisibilityNow(sql);
        } catch (StatementRefusedException e) {
            throw new SQLException(e.getMessage(), e.sqlState(), e);
        }
        if (!under.sqlFor(sql).equals(rewrite.sqlFor(sql))) {
            throw new SQLException("softdelete-jdbc refused the statement: it was prepared while the connection's"
                    + " visibility was " + visibility.label() + " and the connection's visibility is now "
                    + now.label() + "; prepare it again under the visibility it is to run with, or use a hint"
                    + " (/* softdelete:include-deleted */) in its text (a pool's statement cache hands out statements"
                    + " prepared by an earlier borrower)", StatementRefusedException.UNREWRITABLE);
        }
    }

    @Override
    Rewrite sentRewrite() {
        return rewrite;
    }

    @Override
    String sentText() {
        return sql;
    }

    private <T> T run(StatementGroups.SqlCall<T> call) throws SQLException {
        ReentrantLock lock = connection().executions();
        lock.lock();
        try {
            return runLocked(call);
        } finally {
            lock.unlock();
        }
    }

    private <T> T runLocked(StatementGroups.SqlCall<T> call) throws SQLException {
        executing();
        Rewrite r;
        try {
            r = current();
        } catch (SQLException refused) {
            throw noResult(refused);
        }
        if (r.grouped()) {
            try {
                return groups().run(List.of(r), call, prepared);
            } catch (SQLException failed) {
                throw groupFailed(failed);
            }
        }
        T result;
        try {
            result = call.call();
        } catch (SQLException failed) {
            connection().statementFailed(r, failed);
            throw failed;
        }
        afterPlainStatement(r, sql, changesCatalog);
        return result;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return wrap(run(prepared::executeQuery));
    }

    @Override
    public int executeUpdate() throws SQLException {
        return run(prepared::executeUpdate);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        prepared.setNull(parameterIndex, sqlType);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        prepared.setBoolean(parameterIndex, x);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        prepared.setByte(parameterIndex, x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        prepared.setShort(parameterIndex, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        prepared.setInt(parameterIndex, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        prepared.setLong(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        prepared.setFloat(parameterIndex, x);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        prepared.setDouble(parameterIndex, x);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        prepared.setBigDecimal(parameterIndex, x);
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        prepared.setString(parameterIndex, x);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        prepared.setBytes(parameterIndex, x);
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        prepared.setDate(parameterIndex, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        prepared.setTime(parameterIndex, x);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        prepared.setTimestamp(parameterIndex, x);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x, length);
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        prepared.setUnicodeStream(parameterIndex, x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x, length);
    }

    @Override
    public void clearParameters() throws SQLException {
        prepared.clearParameters();
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        prepared.setObject(parameterIndex, x);
    }

    @Override
    public boolean execute() throws SQLException {
        return run(prepared::execute);
    }

    @Override
    public void addBatch() throws SQLException {
        Rewrite r = current();
        prepared.addBatch();
        // each entry is this statement: its text matters only when it has steps, and then it is the rewritten one
        batched(r, r.sqlFor(""), sql, true);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        prepared.setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        prepared.setRef(parameterIndex, x);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        prepared.setBlob(parameterIndex, x);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        prepared.setClob(parameterIndex, x);
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        prepared.setArray(parameterIndex, ArrayWrapper.delegateOf(x));
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return prepared.getMetaData();
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        prepared.setDate(parameterIndex, x, cal);
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        prepared.setTime(parameterIndex, x, cal);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        prepared.setTimestamp(parameterIndex, x, cal);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        prepared.setNull(parameterIndex, sqlType, typeName);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        prepared.setURL(parameterIndex, x);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        return prepared.getParameterMetaData();
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        prepared.setRowId(parameterIndex, x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        prepared.setNString(parameterIndex, value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        prepared.setNCharacterStream(parameterIndex, value, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        prepared.setNClob(parameterIndex, value);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        prepared.setClob(parameterIndex, reader, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        prepared.setBlob(parameterIndex, inputStream, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        prepared.setNClob(parameterIndex, reader, length);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        prepared.setSQLXML(parameterIndex, xmlObject);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        prepared.setCharacterStream(parameterIndex, reader, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        prepared.setAsciiStream(parameterIndex, x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        prepared.setBinaryStream(parameterIndex, x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        prepared.setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        prepared.setNCharacterStream(parameterIndex, value);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        prepared.setClob(parameterIndex, reader);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        prepared.setBlob(parameterIndex, inputStream);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        prepared.setNClob(parameterIndex, reader);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        prepared.setObject(parameterIndex, x, targetSqlType);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return run(prepared::executeLargeUpdate);
    }
}
