package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The JMX name of a configuration's statistics, and its registration. */
class JmxRegistrationTest {

    @Test
    void theNameFollowsHikariCPsPattern() {
        ObjectName name = JmxRegistration.nameFor("/etc/shop/softdelete.yml");

        assertThat(name.toString()).isEqualTo("dev.softdelete:type=SoftDelete (/etc/shop/softdelete.yml)");
        assertThat(name.getKeyProperty("type")).isEqualTo("SoftDelete (/etc/shop/softdelete.yml)");
    }

    @Test
    void charactersAnUnquotedValueCannotHoldBecomeUnderscores() {
        assertThat(JmxRegistration.nameFor("classpath:softdelete.yml").toString())
                .isEqualTo("dev.softdelete:type=SoftDelete (classpath_softdelete.yml)");
        assertThat(JmxRegistration.nameFor("C:\\app\\a,b=c\"d*e?f\ng.yml").getKeyProperty("type"))
                .isEqualTo("SoftDelete (C_\\app\\a_b_c_d_e_f_g.yml)");
    }

    @Test
    void aTakenNameIsNotRegisteredTwice() throws Exception {
        String source = "jmx-registration-test-" + System.nanoTime();
        SoftDeleteStatistics first = new SoftDeleteStatistics(source, () -> 7);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();

        ObjectName name = JmxRegistration.register(first, source);
        try {
            assertThat(name).isNotNull();
            assertThat(server.getAttribute(name, "CacheSize")).isEqualTo(7L);
            assertThat(server.getAttribute(name, "ConfigSource")).isEqualTo(source);
            assertThat(JmxRegistration.register(new SoftDeleteStatistics(source, () -> 0), source)).isNull();
            assertThat(server.getAttribute(name, "CacheSize")).as("the first stays").isEqualTo(7L);
        } finally {
            server.unregisterMBean(name);
        }
    }
}
