package dev.softdelete.jdbc.execute;

import java.lang.reflect.Method;
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
 * <p>The vendor drivers track the server's transaction status from each response, without a round trip: pgjdbc's
 * {@code BaseConnection.getTransactionState()}, Connector/J's {@code ServerSession.inTransactionOnServer()}, the
 * MariaDB driver's server status flags. They are reached by reflection (the driver bundles no vendor driver), looked
 * up once per connection class, on the vendor connection the driver wraps; for any other driver the answer is no,
 * as before. The MariaDB driver also sets its flag after any failed statement, until the next response says
 * otherwise: a yes from it is asked of the server ({@code SELECT @@in_transaction}), which answers exactly.
 */
final class ServerTransaction {
    /** The MariaDB driver's server status flag for an open transaction. */
    private static final int MARIADB_IN_TRANSACTION = 1;

    private static final ClassValue<Probe> PROBES = new ClassValue<>() {
        @Override
        protected Probe computeValue(Class<?> type) {
            return Probe.of(type);
        }
    };

    private ServerTransaction() {
    }

    /** Whether {@code vendor} (the vendor's connection) has a transaction open on the server. */
    static boolean open(Connection vendor) throws SQLException {
        Probe probe = PROBES.get(vendor.getClass());
        if (!probe.open(vendor)) {
            return false;
        }
        if (probe.confirm == null) {
            return true;
        }
        try (Statement st = vendor.createStatement(); ResultSet rs = st.executeQuery(probe.confirm)) {
            return rs.next() && rs.getInt(1) != 0;
        }
    }

    /** The reflective path to one vendor's transaction status. */
    private static final class Probe {
        static final Probe NONE = new Probe(null, null, null, -1, null);

        /** The vendor's connection interface, which the connection class implements; null for none. */
        final Class<?> type;
        /** Methods from that interface to the status, each called on the previous one's result. */
        final Method[] path;
        /** PostgreSQL: the state's name when idle; else null. */
        final String idle;
        /** MariaDB: the status flag; else -1. */
        final int flag;
        /** A query whose first column is non-zero in a transaction, to confirm a yes with; null if none is needed. */
        final String confirm;

        private Probe(Class<?> type, Method[] path, String idle, int flag, String confirm) {
            this.type = type;
            this.path = path;
            this.idle = idle;
            this.flag = flag;
            this.confirm = confirm;
        }

        /** The probe for connections of class {@code connection}: the vendor interface it implements, if known. */
        static Probe of(Class<?> connection) {
            Probe p = find(connection, "org.postgresql.core.BaseConnection", "IDLE", -1, null, "getTransactionState");
            if (p == null) {
                p = find(connection, "com.mysql.cj.MysqlConnection", null, -1, null, "getSession", "getServerSession",
                        "inTransactionOnServer");
            }
            if (p == null) {
                p = find(connection, "org.mariadb.jdbc.Connection", null, MARIADB_IN_TRANSACTION,
                        "SELECT @@in_transaction", "getContext", "getServerStatus");
            }
            return p != null ? p : NONE;
        }

        private static Probe find(Class<?> connection, String typeName, String idle, int flag, String confirm,
                String... names) {
            try {
                Class<?> type = Class.forName(typeName, false, connection.getClassLoader());
                if (!type.isAssignableFrom(connection)) {
                    return null;
                }
                Method[] path = new Method[names.length];
                Class<?> on = type;
                for (int i = 0; i < names.length; i++) {
                    path[i] = on.getMethod(names[i]);
                    on = path[i].getReturnType();
                }
                return new Probe(type, path, idle, flag, confirm);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        boolean open(Connection vendor) {
            if (type == null) {
                return false;
            }
            try {
                Object value = vendor;
                for (Method m : path) {
                    value = m.invoke(value);
                }
                if (idle != null) {
                    return !idle.equals(String.valueOf(value));
                }
                if (flag >= 0) {
                    return (((Number) value).intValue() & flag) != 0;
                }
                return Boolean.TRUE.equals(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false; // a vendor version without the path: the JDBC flag decides, as before
            }
        }
    }
}
