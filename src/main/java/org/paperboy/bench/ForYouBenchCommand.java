package org.paperboy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.paperboy.cli.GlobalOptions;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench for-you}: what a For you page costs with many members who saved much. */
@Command(name = "for-you", mixinStandardHelpOptions = true,
    description = "Builds a store of the recommend set with N members × S saves, then times For you pages: the first"
        + " after a save (ranking recomputed) and the next ones (cached). Prints p50/p99 per page.")
public final class ForYouBenchCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--dir", defaultValue = "../shared/data/recommend", description = "The recommend set.%nDefault: ${DEFAULT-VALUE}")
  Path dir;

  @Option(names = "--members", defaultValue = "1000", description = "Members (default: ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--saves", defaultValue = "200", description = "Saves per member (default: ${DEFAULT-VALUE}).")
  int saves;

  @Option(names = "--pages", defaultValue = "200", description = "Pages after a save to time (default: ${DEFAULT-VALUE}).")
  int pages;

  @Override
  public Integer call() throws Exception {
    Path corpus = dir.resolve("corpus.jsonl.gz");
    if (!Files.isReadable(corpus)) throw Refusal.badInput("--dir: cannot read " + corpus);
    if (members < 1 || saves < 1 || pages < 1) throw Refusal.badInput("--members, --saves and --pages must be at least 1");
    Path cache = global.config().dataDir().resolve("cache").resolve("recommend.db");
    System.out.println(ForYouBench.run(corpus, cache, members, saves, pages, 42).lines());
    System.out.println("load average: " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
    return 0;
  }
}
