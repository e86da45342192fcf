package dev.softdelete.jdbc.execute;

import dev.softdelete.jdbc.SoftDeleteMXBean;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Publishes the statistics of a configuration in the platform MBean server, named the way HikariCP names its pool
 * beans ({@code com.zaxxer.hikari:type=Pool (poolName)}): {@code dev.softdelete:type=SoftDelete (<source>)}.
 */
final class JmxRegistration {
    /** The ObjectName domain of the driver's beans. */
    static final String DOMAIN = "dev.softdelete";
    private static final Logger LOGGER = Logger.getLogger("dev.softdelete.jdbc.config");

    private JmxRegistration() {
    }

    /** The name of the bean of the configuration read from {@code source}. */
    static ObjectName nameFor(String source) {
        try {
            return new ObjectName(DOMAIN + ":type=SoftDelete (" + unquotedValue(source) + ")");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("not a valid ObjectName for " + source, e);
        }
    }

    /** {@code text} with the characters an unquoted ObjectName value cannot hold replaced by {@code _}. */
    static String unquotedValue(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(",=:\"*?\n\r".indexOf(c) >= 0 ? '_' : c);
        }
        return b.toString();
    }

    /**
     * Registers {@code bean} under the name for {@code source}; returns the name, or null when it could not be
     * registered (the name is taken, by another copy of the driver in another class loader for instance, or the
     * runtime has no JMX), which is logged at WARNING: the driver works on without it.
     */
    static ObjectName register(SoftDeleteMXBean bean, String source) {
        ObjectName name = nameFor(source);
        try {
            // wrapped: the MXBean interface is public, the class implementing it need not be
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new StandardMBean(bean, SoftDeleteMXBean.class, true), name);
            return name;
        } catch (InstanceAlreadyExistsException e) {
            LOGGER.warning("softdelete-jdbc: the JMX name " + name + " is taken (another copy of the driver?);"
                    + " the statistics of " + source + " are not published");
        } catch (JMException | RuntimeException | LinkageError e) {
            LOGGER.log(Level.WARNING, "softdelete-jdbc: the statistics of " + source
                    + " cannot be published on JMX", e);
        }
        return null;
    }
}
