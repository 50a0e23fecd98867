package org.paperboy.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.paperboy.bench.BenchCommand;
import org.paperboy.bench.EvalCommand;
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
      cli.setDefaultValueProvider(new ConfigDefaults());
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
    cli.getErr().println("paperboy: " + e.getMessage() + " (" + cli.getCommandSpec().qualifiedName() + " --help lists the options)");
    return 1;
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
   * exit code 1; anything else is a bug and keeps its trace (exit code 2, as picocli's usage errors).
   */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof Refusal) {
      err.println("paperboy: " + e.getMessage());
      return 1;
    }
    err.println("paperboy: unexpected failure: " + e);
    e.printStackTrace(err);
    return 2;
  }
}
