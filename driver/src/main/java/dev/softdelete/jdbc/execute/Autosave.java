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
    private static final ClassValue<VendorPath> GETTERS = new ClassValue<>() {
        @Override
        protected VendorPath computeValue(Class<?> type) {
            return VendorPath.find(type, "org.postgresql.PGConnection", "getAutosave");
        }
    };

    private Autosave() {
    }

    /**
     * Turns pgjdbc's autosave off on {@code vendor} for a group that runs behind a savepoint of its own in the
     * caller's transaction, and returns the mode to put back with {@link #restore} (null when it was off, or cannot
     * be changed). With {@code cleanupSavepoints=true}, pgjdbc releases its own savepoint after each statement, and
     * that release destroys every savepoint set after it: the group's savepoint would be gone by its end (3B001).
     */
    static Object suspend(Connection vendor) {
        GetterAndSetter path = PATHS.get(vendor.getClass());
        Object mode = path.getter == null ? null : path.getter.value(vendor);
        if (!(mode instanceof Enum) || "NEVER".equals(((Enum<?>) mode).name()) || path.setter == null) {
            return null;
        }
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object never = Enum.valueOf((Class) ((Enum<?>) mode).getDeclaringClass(), "NEVER");
            path.setter.invoke(vendor, never);
            return mode;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Puts back the mode {@link #suspend} returned; nothing for null. */
    static void restore(Connection vendor, Object mode) {
        if (mode == null) {
            return;
        }
        try {
            PATHS.get(vendor.getClass()).setter.invoke(vendor, mode);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a closed connection: nothing to put back
        }
    }

    private static final class GetterAndSetter {
        final VendorPath getter;
        final Method setter;

        GetterAndSetter(Class<?> type) {
            getter = GETTERS.get(type);
            Method m = null;
            try {
                Class<?> pg = Class.forName("org.postgresql.PGConnection", false, type.getClassLoader());
                if (pg.isAssignableFrom(type)) {
                    Class<?> mode = pg.getMethod("getAutosave").getReturnType();
                    m = pg.getMethod("setAutosave", mode);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                m = null;
            }
            setter = m;
        }
    }

    private static final ClassValue<GetterAndSetter> PATHS = new ClassValue<>() {
        @Override
        protected GetterAndSetter computeValue(Class<?> type) {
            return new GetterAndSetter(type);
        }
    };

    /** Whether pgjdbc's autosave is on for {@code vendor}, the vendor's connection. */
    static boolean on(Connection vendor) {
        VendorPath getter = GETTERS.get(vendor.getClass());
        Object mode = getter == null ? null : getter.value(vendor);
        return mode instanceof Enum && !"NEVER".equals(((Enum<?>) mode).name());
    }
}
