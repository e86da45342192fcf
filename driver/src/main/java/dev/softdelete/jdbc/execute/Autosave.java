package dev.softdelete.jdbc.execute;

import java.lang.reflect.Method;
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
    private static final ClassValue<Method> GETTERS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Class<?> pg = Class.forName("org.postgresql.PGConnection", false, type.getClassLoader());
                return pg.isAssignableFrom(type) ? pg.getMethod("getAutosave") : null;
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }
    };

    private Autosave() {
    }

    /** Whether pgjdbc's autosave is on for {@code vendor}, the vendor's connection. */
    static boolean on(Connection vendor) {
        Method getter = GETTERS.get(vendor.getClass());
        if (getter == null) {
            return false;
        }
        try {
            Object mode = getter.invoke(vendor);
            return mode instanceof Enum && !"NEVER".equals(((Enum<?>) mode).name());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
