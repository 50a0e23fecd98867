package org.paperboy.cli;

import java.io.PrintWriter;
import org.paperboy.ingest.IngestException;
import org.paperboy.paper.InvalidArxivIdException;
import org.paperboy.trending.DailyFeedException;
import org.paperboy.search.SearchException;
import org.paperboy.support.PrivateFiles;
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
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    try {
      cli.setDefaultValueProvider(new ConfigDefaults());
    } catch (UserError e) {
      cli.getErr().println("paperboy: " + e.getMessage());
      return 1;
    }
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Expected failures become one line on stderr and exit code 1; anything else is a bug and keeps its trace. */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof IngestException || e instanceof DailyFeedException || e instanceof InvalidArxivIdException
        || e instanceof UserError || e instanceof SearchException) {
      err.println("paperboy: " + e.getMessage());
      return 1;
    }
    err.println("paperboy: unexpected failure: " + e);
    e.printStackTrace(err);
    return 2;
  }
}
