package dev.softdelete.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the annotated class on {@link TestDatabase#POSTGRESQL} only: for syntax or behaviour that
 * MariaDB does not have. Like {@link OnEachDatabase}, the class receives the database in a field annotated
 * {@code @Parameter}, so it can share a fixture with a class that runs on each database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(value = TestDatabase.class, names = "POSTGRESQL")
public @interface OnPostgreSQL {
}
