package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.support.ChildJvm;

/**
 * The README's rule for every option: the flag beats the environment variable, which beats the line
 * in the properties file (./paperboy.properties, or the file PAPERBOY_CONFIG names). Real processes,
 * since only a child can be given an environment; each run sends a real test mail, whose sender
 * address and the data directory its outbox row lands in show which source won.
 */
class ConfigPrecedenceTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheFile() throws Exception {
    Path fromFile = dir.resolve("data-file"), fromEnv = dir.resolve("data-env"), fromFlag = dir.resolve("data-flag");
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(work.resolve("paperboy.properties"), String.join("\n",
        "data=" + fromFile, "mail-from=file@papers.example", "smtp-host=127.0.0.1",
        "smtp-port=" + smtp.getSmtp().getPort(), "smtp-starttls=false", ""));

    // the file alone, named by PAPERBOY_CONFIG from another directory
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    sendTestMail(elsewhere, Map.of("PAPERBOY_CONFIG", work.resolve("paperboy.properties").toString()));
    // ./paperboy.properties, overridden by the environment
    sendTestMail(work, Map.of("PAPERBOY_DATA", fromEnv.toString(), "PAPERBOY_MAIL_FROM", "env@papers.example"));
    // and the environment overridden by flags
    sendTestMail(work, Map.of("PAPERBOY_DATA", fromEnv.toString(), "PAPERBOY_MAIL_FROM", "env@papers.example"),
        "--data", fromFlag.toString(), "--mail-from", "flag@papers.example");

    List<String> senders = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) senders.add(m.getFrom()[0].toString());
    assertThat(senders).containsExactly("file@papers.example", "env@papers.example", "flag@papers.example");
    assertThat(List.of(outbox(fromFile), outbox(fromEnv), outbox(fromFlag))).containsExactly(1L, 1L, 1L);
  }

  @Test
  void aConfigFileThatIsNotThereIsOneClearLine() throws Exception {
    ChildJvm.Result r = ChildJvm.run(dir, Map.of("PAPERBOY_CONFIG", dir.resolve("missing.properties").toString()),
        "stats", "--data", dir.resolve("data").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.messages()).isEqualTo("paperboy: PAPERBOY_CONFIG names " + dir.resolve("missing.properties")
        + ", which does not exist\n");
  }

  /** A mistyped setting was ignored without a word, the server then running on the default. */
  @Test
  void aMistypedSettingInTheFileIsOneClearLineNamingTheNearestRealOne() throws Exception {
    Path config = Files.writeString(dir.resolve("paperboy.properties"), String.join("\n",
        "# the mail server", "smtp-hots=mail.example.org", "harvest-set=cs:cs:AI", ""));
    ChildJvm.Result typo = ChildJvm.run(dir, "stats", "--data", dir.resolve("data").toString());
    assertThat(typo.exit()).as(typo.toString()).isEqualTo(1);
    assertThat(typo.messages()).isEqualTo("paperboy: paperboy.properties: unknown setting 'smtp-hots': did you mean smtp-host?"
        + " (a setting is an option's name without '--': paperboy COMMAND --help lists them)\n");

    // a setting of another command than the one run (serve's harvest-set, for stats) is no mistake
    Files.writeString(config, "smtp-host=mail.example.org\nharvest-set=cs:cs:AI\n");
    ChildJvm.Result known = ChildJvm.run(dir, "stats", "--data", dir.resolve("data").toString());
    assertThat(known.messages()).as(known.toString()).doesNotContain("unknown setting");
  }

  @Test
  void aMistypedVariableInTheEnvironmentIsOneClearLineNamingTheNearestRealOne() throws Exception {
    ChildJvm.Result typo = ChildJvm.run(dir, Map.of("PAPERBOY_SMTP_HOTS", "mail.example.org"),
        "stats", "--data", dir.resolve("data").toString());
    assertThat(typo.exit()).as(typo.toString()).isEqualTo(1);
    assertThat(typo.messages()).isEqualTo("paperboy: unknown variable PAPERBOY_SMTP_HOTS in the environment:"
        + " did you mean PAPERBOY_SMTP_HOST? (each setting has one: --smtp-host is PAPERBOY_SMTP_HOST)\n");

    // a setting's variable, one the script or the log reads, and the tests' own are no mistakes
    ChildJvm.Result known = ChildJvm.run(dir, Map.of("PAPERBOY_SMTP_HOST", "mail.example.org", "PAPERBOY_LOG_LEVEL", "INFO",
        "PAPERBOY_TEST_STORES", "sqlite", "PAPERBOY_DB_URL", "jdbc:sqlite:" + dir.resolve("data/paperboy.db")),
        "stats", "--data", dir.resolve("data").toString());
    assertThat(known.messages()).as(known.toString()).doesNotContain("unknown variable");
  }

  private static void sendTestMail(Path workDir, Map<String, String> environment, String... flags) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("mail", "test", "ada@example.org"));
    args.addAll(List.of(flags));
    ChildJvm.Result r = ChildJvm.run(workDir, environment, args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  private static long outbox(Path dataDir) {
    if (!Files.exists(dataDir.resolve("paperboy.db"))) return 0;
    return TestDatabases.count(Database.defaultUrl(dataDir), "SELECT COUNT(*) FROM mail_outbox");
  }
}
