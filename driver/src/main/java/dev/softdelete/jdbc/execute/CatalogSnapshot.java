package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.rewrite.StatementRefusedException;
import dev.softdelete.jdbc.rewrite.analyse.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether the catalog read on a connection now would be an old one. PostgreSQL's catalog tables are read like any
 * table, with the transaction's snapshot: inside a REPEATABLE READ or SERIALIZABLE transaction, a partition created
 * or a foreign key added since the transaction began is missing from what the driver reads, though the statements of
 * that transaction reach the partition by name and the database acts on the key. Such a read, shared with the other
 * connections of its engine, made deletes through a new partition physical (a probe with two connections).
 */
final class CatalogSnapshot {
    private CatalogSnapshot() {
    }

    /**
     * Whether {@code vendor} is in a PostgreSQL transaction at REPEATABLE READ or SERIALIZABLE: its catalog reads
     * see the catalog as of the transaction's snapshot. A round trip, only inside a transaction.
     */
    static boolean old(Connection vendor, Dialect dialect) throws SQLException {
        if (dialect != Dialect.POSTGRESQL || !ServerTransaction.open(vendor)) {
            return false;
        }
        try (Statement st = vendor.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('transaction_isolation')")) {
            return rs.next() && !rs.getString(1).startsWith("read ");
        }
    }

    /** Reads on a connection. */
    @FunctionalInterface
    interface Reads<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code reads} on {@code vendor} in auto-commit mode when no transaction is open there (as pgjdbc knows;
     * with another driver, as before): on PostgreSQL with auto-commit off they would begin the application's next
     * transaction, whose snapshot they would take, and which would then look {@link #old} to the next read.
     */
    static <T> T outsideTransaction(Connection vendor, Dialect dialect, Reads<T> reads) throws SQLException {
        boolean own = dialect == Dialect.POSTGRESQL && !vendor.getAutoCommit() && ServerTransaction.knownIdle(vendor);
        if (own) {
            vendor.setAutoCommit(true);
        }
        try {
            return reads.run();
        } finally {
            if (own) {
                vendor.setAutoCommit(false);
            }
        }
    }

    /** Refuses a catalog read on {@code vendor} when it would be {@link #old}. */
    static void refuseOld(Connection vendor, Dialect dialect) throws SQLException {
        if (old(vendor, dialect)) {
            throw new SQLException("softdelete-jdbc refused the statement: foreign keys or partitions changed (DDL)"
                    + " since the driver last read them, and this connection's REPEATABLE READ or SERIALIZABLE"
                    + " transaction would read them as of its snapshot; end the transaction (COMMIT or ROLLBACK) and"
                    + " run the statement in a new one", StatementRefusedException.UNREWRITABLE);
        }
    }
}
