package org.paperboy.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
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

  private final Path path;

  ConfigDefaults() {
    this.path = path();
    this.file = load(path);
  }

  /** Over this file's settings (tests: the environment of a test JVM cannot be set). */
  ConfigDefaults(Properties file) {
    this.path = Path.of("paperboy.properties");
    this.file = file;
  }

  /**
   * A setting no command takes is a typo (`smtp-hots`) that would otherwise be ignored without a word,
   * the server then running with the default: refused, naming it and the nearest real one.
   */
  void requireKnown(Collection<String> settings) {
    List<String> unknown = file.stringPropertyNames().stream().filter(k -> !settings.contains(k)).sorted().toList();
    if (unknown.isEmpty()) return;
    String what = unknown.size() == 1
        ? "unknown setting '" + unknown.getFirst() + "'" + Main.closest(unknown.getFirst(), settings)
        : "unknown settings " + unknown.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    throw Refusal.badInput(path + ": " + what + " (a setting is an option's name without '--': paperboy COMMAND --help lists them)");
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) return null;
    String key = option.longestName().replaceFirst("^--", "");
    String env = System.getenv("PAPERBOY_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (env != null && !env.isBlank()) return env;
    return file.getProperty(key);
  }

  private static Path path() {
    String configured = System.getenv("PAPERBOY_CONFIG");
    return Path.of(configured != null ? configured : "paperboy.properties");
  }

  private static Properties load(Path path) {
    Properties p = new Properties();
    if (!Files.exists(path)) {
      if (System.getenv("PAPERBOY_CONFIG") != null) throw Refusal.badInput("PAPERBOY_CONFIG names " + path + ", which does not exist");
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
