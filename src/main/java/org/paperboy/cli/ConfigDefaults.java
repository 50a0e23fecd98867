package org.paperboy.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
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
    String configured = System.getenv("PAPERBOY_CONFIG");
    this.path = Path.of(configured != null ? configured : "paperboy.properties");
    this.file = load(path, configured != null);
  }

  /** Over this file's settings (tests: the environment of a test JVM cannot be set). */
  ConfigDefaults(Properties file) {
    this.path = Path.of("paperboy.properties");
    this.file = file;
  }

  /**
   * What the environment may hold besides a setting's own variable: read by the script (JVM options),
   * the log configuration, the embedding model's choice and the progress display; and --db's, which its
   * option names itself (PAPERBOY_DB_URL, not PAPERBOY_DB). The tests' own start with PAPERBOY_TEST_.
   */
  private static final Set<String> OTHER_VARIABLES = Set.of("PAPERBOY_CONFIG", "PAPERBOY_JAVA_OPTS", "PAPERBOY_LOG_LEVEL",
      "PAPERBOY_EMBEDDING_MODEL", "PAPERBOY_PLAIN_PROGRESS", "PAPERBOY_DB_URL");

  /** The environment variable that sets {@code setting}: {@code smtp-host} → {@code PAPERBOY_SMTP_HOST}. */
  static String variableOf(String setting) {
    return "PAPERBOY_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The same for the environment: a {@code PAPERBOY_…} variable that names no setting (nor one of
   * {@link #OTHER_VARIABLES}) is a typo, refused with the nearest real one.
   */
  static void requireKnownVariables(Collection<String> settings, Collection<String> variables) {
    Set<String> known = new java.util.TreeSet<>(OTHER_VARIABLES);
    settings.forEach(k -> known.add(variableOf(k)));
    List<String> unknown = variables.stream()
        .filter(v -> v.startsWith("PAPERBOY_") && !v.startsWith("PAPERBOY_TEST_") && !known.contains(v)).sorted().toList();
    if (unknown.isEmpty()) return;
    throw Refusal.badInput(unknown("variable", unknown, v -> v) + " in the environment"
        + (unknown.size() == 1 ? Main.closest(unknown.getFirst(), known) : "")
        + " (each setting has one: --smtp-host is PAPERBOY_SMTP_HOST)");
  }

  /**
   * A setting no command takes is a typo (`smtp-hots`) that would otherwise be ignored without a word,
   * the server then running with the default: refused, naming it and the nearest real one.
   */
  void requireKnown(Collection<String> settings) {
    List<String> unknown = file.stringPropertyNames().stream().filter(k -> !settings.contains(k)).sorted().toList();
    if (unknown.isEmpty()) return;
    throw Refusal.badInput(path + ": " + unknown("setting", unknown, k -> "'" + k + "'")
        + (unknown.size() == 1 ? Main.closest(unknown.getFirst(), settings) : "")
        + " (a setting is an option's name without '--': paperboy COMMAND --help lists them)");
  }

  /** "unknown setting 'x'", or "unknown settings 'x', 'y'": the names as {@code shown}. */
  private static String unknown(String kind, List<String> names, UnaryOperator<String> shown) {
    return "unknown " + kind + (names.size() == 1 ? "" : "s") + " " + names.stream().map(shown).collect(Collectors.joining(", "));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) return null;
    String key = option.longestName().replaceFirst("^--", "");
    String env = System.getenv(variableOf(key));
    if (env != null && !env.isBlank()) return env;
    return file.getProperty(key);
  }

  private static Properties load(Path path, boolean named) {
    Properties p = new Properties();
    if (!Files.exists(path)) {
      if (named) throw Refusal.badInput("PAPERBOY_CONFIG names " + path + ", which does not exist");
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
