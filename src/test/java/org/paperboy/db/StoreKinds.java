package org.paperboy.db;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a store test once per store kind ({@link TestDatabases#kinds()}: SQLite, and PostgreSQL), the
 * kind as its {@code String} parameter: {@code @StoreKinds void reimportingChangesNothing(String kind)}.
 * On a class it runs the whole class once per store kind, the kind as the constructor's or a
 * {@code @BeforeParameterizedClassInvocation} method's {@code String} parameter: for classes that
 * share one expensive fixture per store. The one place that says which stores a test runs against.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ParameterizedClass(name = "{0}")
@MethodSource("org.paperboy.db.TestDatabases#kinds")
public @interface StoreKinds {}
