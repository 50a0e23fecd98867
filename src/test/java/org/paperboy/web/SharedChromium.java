package org.paperboy.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One headless Chromium (Debian's package; Playwright's driver comes inside its jar and never downloads
 * a browser) for every browser test class of a run: starting Playwright unpacks its driver and starts
 * Node and Chromium, which each class paid for again. A class asks for it with
 * {@code @ExtendWith(SharedChromium.class)} and a {@link Browser} parameter on {@code @BeforeAll}, and
 * gives each test a context of its own (cookies, storage); JUnit closes the browser after the last class.
 * Screenshots go to {@link #SCREENSHOTS} for a person to look at.
 */
final class SharedChromium implements ParameterResolver {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path SCREENSHOTS = Paths.get("target/screenshots");

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Browser resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // the root context's store lives for the whole run and closes what it holds at the end
    return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedChromium.class))
        .computeIfAbsent(Launched.class, k -> new Launched(), Launched.class).browser;
  }

  private static final class Launched implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    Launched() {
      try {
        Files.createDirectories(SCREENSHOTS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
          .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @Override
    public void close() {
      browser.close();
      playwright.close();
    }
  }
}
