package org.paperboy.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.paperboy.support.Refusal;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option can also be set without a flag: by the environment ({@code --smtp-host} →
 * {@code PAPERBOY_SMTP_HOST}), else by a properties file ({@code smtp-host=…} in {@code PAPERBOY_CONFIG},
 * default {@code ./paperboy.properties}), else the option's own default. A flag beats all of them.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  private final Properties file;

  ConfigDefaults() {
    this.file = load();
  }

  /** Over this file's settings (tests: the environment of a test JVM cannot be set). */
  ConfigDefaults(Properties file) {
    this.file = file;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) return null;
    String key = option.longestName().replaceFirst("^--", "");
    String env = System.getenv("PAPERBOY_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (env != null && !env.isBlank()) return env;
    return file.getProperty(key);
  }

  private static Properties load() {
    Properties p = new Properties();
    String configured = System.getenv("PAPERBOY_CONFIG");
    Path path = Path.of(configured != null ? configured : "paperboy.properties");
    if (!Files.exists(path)) {
      if (configured != null) throw Refusal.badInput("PAPERBOY_CONFIG names " + path + ", which does not exist");
      return p;
    }
    try (Reader r = Files.newBufferedReader(path)) {
      p.load(r);
    } catch (IOException e) {
      throw Refusal.badInput("cannot read the configuration file " + path + ": " + e.getMessage());
    }
    return p;
  }
}
