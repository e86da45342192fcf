package dev.softdelete.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * JSqlParser's parse alone, on the calling thread: {@code new CCJSqlParser(new StringProvider(sql)).Statements()}
 * with the copy of JSqlParser 5.3 shaded into the driver's jar, the very classes the driver parses with (so that
 * the baseline shares their JIT-compiled code, as it would in an application). Reached by name: the shaded classes
 * exist only in the packaged jar, and this module also compiles without it.
 */
final class ShadedParser {
    private static final String PACKAGE = "dev.softdelete.jdbc.shaded.jsqlparser.";
    private static final MethodHandle NEW_PROVIDER;
    private static final MethodHandle NEW_PARSER;
    private static final MethodHandle WITH_COMPLEX;
    private static final MethodHandle STATEMENTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> provider = Class.forName(PACKAGE + "parser.Provider");
            Class<?> stringProvider = Class.forName(PACKAGE + "parser.StringProvider");
            Class<?> parser = Class.forName(PACKAGE + "parser.CCJSqlParser");
            NEW_PROVIDER = lookup.findConstructor(stringProvider, MethodType.methodType(void.class, String.class));
            NEW_PARSER = lookup.findConstructor(parser, MethodType.methodType(void.class, provider));
            Method withComplex = parser.getMethod("withAllowComplexParsing", boolean.class);
            WITH_COMPLEX = lookup.unreflect(withComplex);
            STATEMENTS = lookup.unreflect(parser.getMethod("Statements"));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ShadedParser() {
    }

    /** The parse with JSqlParser's defaults (complex parsing allowed). */
    static Object parse(String sql) throws Throwable {
        return STATEMENTS.invoke(NEW_PARSER.invoke(NEW_PROVIDER.invoke(sql)));
    }

    /** The parse in simple mode, which the driver tries first. */
    static Object parseSimple(String sql) throws Throwable {
        return STATEMENTS.invoke(WITH_COMPLEX.invoke(NEW_PARSER.invoke(NEW_PROVIDER.invoke(sql)), false));
    }
}
