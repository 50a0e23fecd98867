package org.paperboy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data the tests are built from: {@code ../shared/data} beside the project (see its README). */
public final class TestData {
  public static final Path ROOT = Path.of(System.getProperty("paperboy.testdata", "../shared/data"));

  private TestData() {}

  public static Path path(String relative) {
    Path p = ROOT.resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("test data " + p.toAbsolutePath() + " is missing: the project expects ../shared/data");
    }
    return p;
  }
}
