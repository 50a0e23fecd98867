package org.paperboy.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.paperboy.bench.BenchCommand;
import org.paperboy.bench.EvalCommand;
import org.paperboy.db.StoreAway;
import org.paperboy.support.DiskFull;
import org.paperboy.support.PrivateFiles;
import org.paperboy.support.Refusal;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code paperboy}: one command per thing a person does; each is a thin shell over a feature. */
@Command(
    name = "paperboy",
    mixinStandardHelpOptions = true,
    version = "paperboy 0.1.0",
    description = "Finds the research papers worth reading and delivers them.",
    subcommands = {
      ImportCommand.class,
      HarvestCommand.class,
      FetchCommand.class,
      StatsCommand.class,
      UserCommand.class,
      ServeCommand.class,
      DigestCommand.class,
      MailCommand.class,
      BenchCommand.class,
      SearchCommand.class,
      SimilarCommand.class,
      EmbedCommand.class,
      ReindexCommand.class,
      BackupCommand.class,
      EvalCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrivateFiles.restrictNewFiles();
    System.exit(run(args));
  }

  public static int run(String... args) {
    // Lucene logs through java.util.logging: send it to the same log, in the same format, as everything else
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(Main::mistyped);
    cli.registerConverter(LocalDate.class, Main::date);
    try {
      ConfigDefaults defaults = new ConfigDefaults();
      Set<String> settings = settings(cli);
      defaults.requireKnown(settings);
      ConfigDefaults.requireKnownVariables(settings, System.getenv().keySet());
      cli.setDefaultValueProvider(defaults);
    } catch (Refusal e) {
      cli.getErr().println("paperboy: " + e.getMessage());
      return 1;
    }
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * A flag or argument the command cannot take (unknown, missing, not a number or a date): one line naming
   * it and where the full list is, exit code 1 like any other bad input; not the whole usage text.
   */
  private static int mistyped(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    cli.getErr().println("paperboy: " + whatWasMistyped(e) + " (" + cli.getCommandSpec().qualifiedName() + " --help lists the options)");
    return 1;
  }

  /**
   * After an unknown flag picocli also lists the words it could no longer place (`search --mdoe bm25
   * diffusion` named 'diffusion' too, though only the flag is wrong), and its own suggestions are loose
   * (`bogus` → `user`): name the unknown command or flags alone, with the one real name nearest
   * to it (at most two edits away).
   */
  private static String whatWasMistyped(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) return e.getMessage();
    CommandLine cli = e.getCommandLine();
    List<String> words = unmatched.getUnmatched();
    if (!cli.getSubcommands().isEmpty() && !words.isEmpty() && !words.getFirst().startsWith("-")) {
      return "unknown command '" + words.getFirst() + "'" + closest(words.getFirst(), cli.getSubcommands().keySet());
    }
    List<String> flags = words.stream().filter(a -> a.startsWith("-") && a.length() > 1).toList();
    if (flags.isEmpty()) return e.getMessage();
    if (flags.size() > 1) {
      return "unknown options " + flags.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
    }
    String flag = flags.getFirst().split("=", 2)[0];
    List<String> names = cli.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names())).toList();
    return "unknown option '" + flags.getFirst() + "'" + closest(flag, names);
  }

  /** Every option any command takes, by its long name without "--": what a configuration file may set. */
  private static Set<String> settings(CommandLine cli) {
    Set<String> names = new TreeSet<>();
    for (CommandLine.Model.OptionSpec o : cli.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) names.add(o.longestName().replaceFirst("^--", ""));
    }
    for (CommandLine sub : cli.getSubcommands().values()) names.addAll(settings(sub));
    return names;
  }

  /** ": did you mean X?" when one name is nearest (one edit, or two for longer words), else nothing. */
  static String closest(String typed, Collection<String> candidates) {
    int most = typed.replaceFirst("^-+", "").length() <= 4 ? 1 : 2;
    for (int edits = 1; edits <= most; edits++) {
      CharacterRunAutomaton near = new CharacterRunAutomaton(new LevenshteinAutomata(typed, true).toAutomaton(edits));
      List<String> close = candidates.stream().filter(near::run).distinct().toList();
      if (close.size() == 1) return ": did you mean " + close.getFirst() + "?";
      if (close.size() > 1) return "";
    }
    return "";
  }

  /** Days on the command line are ISO days; a wrong one is said without the parser's exception. */
  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a date (YYYY-MM-DD)");
    }
  }

  /**
   * A {@link Refusal} of any kind (bad input, not found, arXiv unavailable…) is one line on stderr and
   * exit code 1, and so is a full disk, wherever it surfaced ({@link DiskFull}), or a store that went away
   * ({@link StoreAway}); anything else is a bug
   * and keeps its trace (exit code 2, as picocli's usage errors).
   */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    Refusal refusal = e instanceof Refusal r ? r : DiskFull.refusalFor(e).or(() -> StoreAway.refusalFor(e)).orElse(null);
    if (refusal != null) {
      err.println("paperboy: " + refusal.getMessage());
      return 1;
    }
    err.println("paperboy: unexpected failure: " + e);
    e.printStackTrace(err);
    return 2;
  }
}
