package dev.softdelete.jdbc.execute;

import java.sql.Connection;

/**
 * Whether pgjdbc sets a savepoint of its own before each statement of a transaction on a connection: its
 * {@code autosave} option ({@code always} or {@code conservative}; {@code PGConnection.getAutosave()}), which can be
 * changed at any time, so it is asked at each use. Every statement of such a transaction, the first included, runs in
 * a subtransaction, where PostgreSQL refuses {@code SET TRANSACTION ISOLATION LEVEL} (25001): a group that needs its
 * own level sets it on the session before its transaction instead.
 *
 * <p>Reached by reflection on the vendor connection, the method looked up once per connection class; for any other
 * driver, or a pgjdbc without the option, the answer is no.
 */
final class Autosave {
    private static final ClassValue<VendorPath> GETTERS = new ClassValue<>() {
        @Override
        protected VendorPath computeValue(Class<?> type) {
            return VendorPath.find(type, "org.postgresql.PGConnection", "getAutosave");
        }
    };

    private Autosave() {
    }

    /** Whether pgjdbc's autosave is on for {@code vendor}, the vendor's connection. */
    static boolean on(Connection vendor) {
        VendorPath getter = GETTERS.get(vendor.getClass());
        Object mode = getter == null ? null : getter.value(vendor);
        return mode instanceof Enum && !"NEVER".equals(((Enum<?>) mode).name());
    }
}
