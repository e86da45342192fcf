package dev.softdelete.jdbc.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each wrapper implements every method of its JDBC interface itself, default methods included: an interface
 * default would bypass the delegate (and, for {@code executeLargeUpdate}, the rewrite).
 */
class WrapperCompletenessTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ConnectionWrapper, java.sql.Connection",
        "StatementWrapper, java.sql.Statement",
        "PreparedStatementWrapper, java.sql.PreparedStatement",
        "CallableStatementWrapper, java.sql.CallableStatement",
        "ResultSetWrapper, java.sql.ResultSet",
        "DatabaseMetaDataWrapper, java.sql.DatabaseMetaData",
    })
    void noInterfaceMethodIsLeftToTheInterface(String wrapper, String jdbcInterface) throws Exception {
        Class<?> wrapperClass = Class.forName(getClass().getPackageName() + "." + wrapper);
        Class<?> iface = Class.forName(jdbcInterface);

        List<String> notImplemented = new ArrayList<>();
        for (Method method : iface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method implementation = wrapperClass.getMethod(method.getName(), method.getParameterTypes());
            if (implementation.getDeclaringClass().isInterface()) {
                notImplemented.add(method.toString());
            }
        }

        assertThat(notImplemented).isEmpty();
    }
}
