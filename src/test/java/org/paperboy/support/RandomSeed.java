package org.paperboy.support;

import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Lucene-style randomness for {@link Randomized} tests: the test's {@link Random} parameter is seeded
 * from {@code -Dtests.seed=HEX} when given, else from a fresh seed, and a failure names its seed so
 * the very same run can be repeated: {@code ./mvnw test -Dtest=ListingRandomTest -Dtests.seed=…}.
 */
public final class RandomSeed implements ParameterResolver, TestExecutionExceptionHandler {
  public static final String PROPERTY = "tests.seed";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RandomSeed.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Random.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String given = System.getProperty(PROPERTY);
    long seed = given == null || given.isBlank() ? ThreadLocalRandom.current().nextLong()
        : Long.parseUnsignedLong(given.strip(), 16);
    context.getStore(NAMESPACE).put(context.getUniqueId(), seed);
    return new Random(seed);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    Long seed = context.getStore(NAMESPACE).get(context.getUniqueId(), Long.class);
    if (seed == null) throw failure;
    String hex = HexFormat.of().withUpperCase().toHexDigits(seed);
    String repeat = "reproduce with: ./mvnw test -Dtest=" + context.getRequiredTestClass().getSimpleName() + "#"
        + context.getRequiredTestMethod().getName() + " -D" + PROPERTY + "=" + hex;
    System.err.println("[seed " + hex + "] " + repeat);
    throw new AssertionError(failure.getMessage() + "\n[seed " + hex + "] " + repeat, failure);
  }
}
