package dev.softdelete.jdbc.execute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether the database has a transaction open on a connection whose JDBC auto-commit is on: the application began
 * one in SQL ({@code BEGIN}, {@code START TRANSACTION}), which the vendor's driver does not turn into
 * {@code getAutoCommit() == false}. A soft delete's group must not then run as its own transaction: its
 * {@code commit()} would commit the application's work before the application's own {@code ROLLBACK}.
 *
 * <p>Likewise a session whose autocommit the application turned off in SQL ({@code SET autocommit = 0}), which
 * Connector/J does not turn into {@code getAutoCommit() == false} either (the MariaDB driver does): the next
 * statement opens a transaction that is the application's. And the other way round, a session that Connector/J
 * believes in manual-commit mode while the server autocommits ({@code SET autocommit = 1} in SQL): there the group
 * must open its own transaction, in SQL ({@link #autocommitting}).
 *
 * <p>The vendor drivers track the server's transaction status from each response, without a round trip: pgjdbc's
 * {@code BaseConnection.getTransactionState()}, Connector/J's server status flags
 * ({@code ServerSession.getStatusFlags()}: in a transaction, autocommit), the MariaDB driver's server status flags.
 * They are reached by reflection ({@link VendorPath}; the driver bundles no vendor driver), looked up once per
 * connection class, on the vendor connection the driver wraps; for any other driver the answer is no, as before. The
 * MariaDB driver also sets its flag after any failed statement, until the next response says otherwise: a yes from it
 * is asked of the server ({@code SELECT @@in_transaction}), which answers exactly.
 */
final class ServerTransaction {
    /** The server status flag for an open transaction (MySQL protocol, both vendor drivers). */
    private static final int IN_TRANSACTION = 1;
    /** The server status flag for autocommit (MySQL protocol). */
    private static final int AUTOCOMMIT = 2;

    private static final ClassValue<Probe> PROBES = new ClassValue<>() {
        @Override
        protected Probe computeValue(Class<?> type) {
            return Probe.of(type);
        }
    };

    private ServerTransaction() {
    }

    /**
     * Whether {@code vendor} (the vendor's connection) has a transaction open on the server, or will have at its next
     * statement because the server's autocommit is off.
     */
    static boolean open(Connection vendor) throws SQLException {
        Probe probe = PROBES.get(vendor.getClass());
        if (probe.open(vendor)) {
            return probe.confirm == null || ask(vendor, probe.confirm);
        }
        // Connector/J clears its flags after a failed statement: an autocommit flag that says off is asked of the
        // server, which answers exactly (a round trip only then)
        return probe.autocommitOff(vendor) && !ask(vendor, "SELECT @@autocommit");
    }

    /**
     * Whether {@code vendor} (the vendor's connection) is known to have no transaction open: only where its driver
     * tracks the state without a round trip as pgjdbc does (IDLE); for any other driver the answer is no.
     */
    static boolean knownIdle(Connection vendor) {
        Probe probe = PROBES.get(vendor.getClass());
        if (probe.idle == null) {
            return false;
        }
        Object state = probe.value(vendor);
        return state != null && probe.idle.equals(String.valueOf(state));
    }

    /**
     * Whether the server autocommits each statement on {@code vendor}, with no transaction open, whatever the vendor
     * driver believes (known for Connector/J only; else no). Connector/J's flags cannot tell after a failed
     * statement (it clears them), so without an open transaction the server is asked: a round trip for a group that
     * is the first statement of the application's transaction.
     */
    static boolean autocommitting(Connection vendor) throws SQLException {
        Probe probe = PROBES.get(vendor.getClass());
        int flags = probe.autocommitFlag < 0 ? -1 : probe.flags(vendor);
        return flags >= 0 && (flags & IN_TRANSACTION) == 0 && ask(vendor, "SELECT @@autocommit");
    }

    /** Whether {@code query}'s first column is non-zero. */
    private static boolean ask(Connection vendor, String query) throws SQLException {
        try (Statement st = vendor.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    /** The reflective path to one vendor's transaction status. */
    private static final class Probe {
        static final Probe NONE = new Probe(null, null, -1, -1, null);

        /** From the vendor's connection interface (the connection class implements it) to the status; null: none. */
        final VendorPath path;
        /** PostgreSQL: the state's name when idle; else null. */
        final String idle;
        /** MySQL protocol: the status flag of an open transaction; else -1. */
        final int flag;
        /** MySQL protocol, where the vendor driver does not follow it itself: the autocommit flag; else -1. */
        final int autocommitFlag;
        /** A query whose first column is non-zero in a transaction, to confirm a yes with; null if none is needed. */
        final String confirm;

        private Probe(VendorPath path, String idle, int flag, int autocommitFlag, String confirm) {
            this.path = path;
            this.idle = idle;
            this.flag = flag;
            this.autocommitFlag = autocommitFlag;
            this.confirm = confirm;
        }

        /** The probe for connections of class {@code connection}: the vendor interface it implements, if known. */
        static Probe of(Class<?> connection) {
            Probe p = find(connection, "org.postgresql.core.BaseConnection", "IDLE", -1, -1, null,
                    "getTransactionState");
            if (p == null) {
                p = find(connection, "com.mysql.cj.MysqlConnection", null, IN_TRANSACTION, AUTOCOMMIT, null,
                        "getSession", "getServerSession", "getStatusFlags");
            }
            if (p == null) {
                p = find(connection, "org.mariadb.jdbc.Connection", null, IN_TRANSACTION, -1,
                        "SELECT @@in_transaction", "getContext", "getServerStatus");
            }
            return p != null ? p : NONE;
        }

        private static Probe find(Class<?> connection, String typeName, String idle, int flag, int autocommitFlag,
                String confirm, String... names) {
            VendorPath path = VendorPath.find(connection, typeName, names);
            return path == null ? null : new Probe(path, idle, flag, autocommitFlag, confirm);
        }

        boolean open(Connection vendor) {
            if (path == null) {
                return false;
            }
            if (flag >= 0) {
                int flags = flags(vendor);
                return flags >= 0 && (flags & flag) != 0;
            }
            Object value = value(vendor);
            return value != null && !idle.equals(String.valueOf(value));
        }

        /** Whether the vendor driver's flags say the server's autocommit is off (where it follows that flag). */
        boolean autocommitOff(Connection vendor) {
            int flags = autocommitFlag < 0 ? -1 : flags(vendor);
            return flags >= 0 && (flags & autocommitFlag) == 0;
        }

        /** The server status flags; -1 when unknown. */
        int flags(Connection vendor) {
            Object value = path == null ? null : value(vendor);
            return value instanceof Number ? ((Number) value).intValue() : -1;
        }

        /** The end of the path, or null when the vendor version has no such path (the JDBC flag decides, as before). */
        Object value(Connection vendor) {
            return path == null ? null : path.value(vendor);
        }
    }
}
