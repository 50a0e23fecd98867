package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The schedule settings of {@code serve} as a configuration file and a command line give them; a bad one
 * stops serve before it listens, with one line (no server, no store work).
 */
class ServeSettingsTest {
  @TempDir Path dir;

  /** What serve would run with, after the file's settings and these flags (the flags win). */
  private static ServeCommand parsed(Properties file, String... flags) {
    CommandLine cli = new CommandLine(new Main());
    cli.setDefaultValueProvider(new ConfigDefaults(file));
    String[] args = new String[flags.length + 1];
    args[0] = "serve";
    System.arraycopy(flags, 0, args, 1, flags.length);
    return cli.parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
  }

  @Test
  void theConfigFileNamesSeveralHarvestSetsOnOneLineAsTheReadmeWritesIt() {
    Properties file = new Properties();
    file.setProperty("harvest-set", "cs:cs:AI,cs:cs:CL");
    file.setProperty("mirror-every", "PT30M");
    ServeCommand serve = parsed(file);
    assertThat(serve.harvestSets).containsExactly("cs:cs:AI", "cs:cs:CL");
    assertThat(serve.mirrorEvery).isEqualTo(Duration.ofMinutes(30));
    // a flag replaces the file's list, it does not add to it
    assertThat(parsed(file, "--harvest-set", "math:math:CO").harvestSets).containsExactly("math:math:CO");
    assertThat(parsed(new Properties()).harvestSets).as("no file, no flag: no scheduled harvest").isEmpty();
  }

  @Test
  void aMirrorIntervalThatIsNotPositiveIsOneLineBeforeAnythingStarts() {
    for (String every : new String[] {"PT0S", "-PT1H"}) {
      CliRun r = CliRun.of("serve", "--port", "0", "--data", dir.resolve("data").toString(), "--mirror-every", every);
      assertThat(r.exit()).as(r.err()).isEqualTo(1);
      assertThat(r.err().lines()).singleElement().isEqualTo("paperboy: --mirror-every must be a positive duration");
      assertThat(r.out()).doesNotContain("serving");
    }
    CliRun typo = CliRun.of("serve", "--data", dir.resolve("data").toString(), "--mirror-every", "hourly");
    assertThat(typo.exit()).isEqualTo(1);
    assertThat(typo.err().lines()).singleElement().asString().contains("--mirror-every", "hourly");
  }

  @Test
  void anEmptyHarvestSetIsNamed() {
    CliRun r = CliRun.of("serve", "--port", "0", "--data", dir.resolve("data").toString(), "--harvest-set", "cs:cs:AI,,cs:cs:CL");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err().lines()).singleElement().asString().startsWith("paperboy: --harvest-set must name an OAI set");
  }
}
