package dev.softdelete.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the annotated class once per {@link TestDatabase}. The class receives the database in a field
 * annotated {@code @Parameter}, usable from {@code @BeforeEach}. Tests of syntax or behaviour that only one database
 * has go into a class annotated {@link OnPostgreSQL} or {@link OnMariaDB} instead of skipping on the other.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public @interface OnEachDatabase {
}
