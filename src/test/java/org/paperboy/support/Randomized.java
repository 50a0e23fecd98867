package org.paperboy.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that attacks the code with random input drawn from its {@code java.util.Random} parameter;
 * see {@link RandomSeed} for how a failing run is repeated.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(RandomSeed.class)
public @interface Randomized {}
