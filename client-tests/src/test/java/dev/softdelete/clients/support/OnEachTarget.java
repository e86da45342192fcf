package dev.softdelete.clients.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of the annotated class once per database of {@link Targets#current()}: PostgreSQL and
 * MySQL/MariaDB from the environment, or PostgreSQL, MariaDB and MySQL in containers. The class receives the
 * {@link dev.softdelete.clients.support.Target} in a field annotated {@code @Parameter}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@MethodSource("dev.softdelete.clients.support.Targets#all")
public @interface OnEachTarget {
}
