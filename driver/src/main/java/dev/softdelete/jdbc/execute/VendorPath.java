package dev.softdelete.jdbc.execute;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;

/**
 * A path from a vendor driver's connection to a value it keeps (a transaction state, a server status flag, a
 * session setting): public methods, or public fields written {@code .name}, each taken on the previous one's result,
 * starting at a vendor interface the connection class implements. The driver bundles no vendor driver, so the path
 * is resolved by reflection, once per connection class by its users; a vendor version without it gives no path, and
 * a path that fails when followed gives null, so that the caller falls back to what it did without.
 */
final class VendorPath {
    private final Member[] members;

    private VendorPath(Member[] members) {
        this.members = members;
    }

    /**
     * The path {@code names} from {@code typeName}, when {@code connection} implements that type and the vendor
     * version has every step; else null.
     */
    static VendorPath find(Class<?> connection, String typeName, String... names) {
        try {
            Class<?> type = Class.forName(typeName, false, connection.getClassLoader());
            if (!type.isAssignableFrom(connection)) {
                return null;
            }
            Member[] members = new Member[names.length];
            Class<?> on = type;
            for (int i = 0; i < names.length; i++) {
                if (names[i].startsWith(".")) {
                    Field f = on.getField(names[i].substring(1));
                    members[i] = f;
                    on = f.getType();
                } else {
                    Method m = on.getMethod(names[i]);
                    members[i] = m;
                    on = m.getReturnType();
                }
            }
            return new VendorPath(members);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The value at the end of the path from {@code vendor}, or null when a step fails. */
    Object value(Object vendor) {
        try {
            Object value = vendor;
            for (Member m : members) {
                value = m instanceof Method ? ((Method) m).invoke(value) : ((Field) m).get(value);
            }
            return value;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
