package org.paperboy.bench;

import picocli.CommandLine.Command;

/**
 * {@code paperboy bench …}: measurements that print figures (with the machine's load) and never pass
 * or fail. A new benchmark is one more subcommand in this list.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures Paperboy on this machine.",
    subcommands = {ImportBench.class, SearchBench.class, HttpBench.class, DigestBench.class, EmbedBench.class,
        ScaleBench.class, ForYouBenchCommand.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
