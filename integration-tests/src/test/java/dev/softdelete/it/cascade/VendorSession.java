package dev.softdelete.it.cascade;

import dev.softdelete.it.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;

/** The vendor connection behind a driver connection: the same session and transaction, no rewriting. */
final class VendorSession {
    private VendorSession() {
    }

    /** Reads through it see the rows exactly as stored, including the transaction's uncommitted changes. */
    static Connection of(Connection app, TestDatabase database) throws SQLException {
        Class<?> vendor;
        try {
            vendor = Class.forName(database == TestDatabase.POSTGRESQL
                ? "org.postgresql.PGConnection" : "com.mysql.cj.jdbc.JdbcConnection");
        } catch (ClassNotFoundException e) {
            throw new AssertionError("vendor driver class missing", e);
        }
        Object unwrapped = app.unwrap(vendor);
        if (!(unwrapped instanceof Connection) || unwrapped == app) {
            throw new AssertionError("unwrap(" + vendor.getName() + ") did not reach the vendor connection");
        }
        return (Connection) unwrapped;
    }
}
