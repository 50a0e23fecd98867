package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, as the command line prints it at 80 columns: no name, path or URL
 * is split where the text wraps ({@code . /paperboy}, {@code jdbc:postgresql: //host}).
 */
class HelpTextTest {
  @Test
  void noHelpTextSplitsAPathOrAUrlWhereItWraps() {
    List<CommandLine> all = new ArrayList<>();
    collect(new CommandLine(new Main()), all);
    assertThat(all).hasSizeGreaterThan(15);
    for (CommandLine c : all) {
      String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String joined = usage.replaceAll("\\s*\\R\\s*", " ");
      assertThat(usage).as(c.getCommandSpec().qualifiedName()).contains("Usage: " + c.getCommandSpec().qualifiedName());
      assertThat(joined).as("help of %s:%n%s", c.getCommandSpec().qualifiedName(), usage)
          .doesNotContainPattern("\\. /\\w").doesNotContainPattern(": //\\w").doesNotContain(". /paperboy");
    }
  }

  private static void collect(CommandLine c, List<CommandLine> all) {
    all.add(c);
    c.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
  }
}
