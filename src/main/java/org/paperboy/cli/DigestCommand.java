package org.paperboy.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.digest.Digest;
import org.paperboy.digest.DigestRunner;
import org.paperboy.digest.Subscription;
import org.paperboy.mail.OutboxSender;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "digest", mixinStandardHelpOptions = true, description = "Email digests of trending papers.",
    subcommands = {DigestCommand.Run.class})
final class DigestCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Composes and sends every digest due now (or at --at), then exits: for cron.",
          "Safe to run as often as you like, also beside 'serve': a digest is never sent twice."})
  static final class Run implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Mixin MailOptions mail;

    @Option(names = "--period", paramLabel = "daily|weekly", description = "Only digests of this frequency.")
    String period;

    @Option(names = "--at", paramLabel = "DATE|INSTANT",
        description = "Act as if it were this moment: 2026-08-21 (end of that day, UTC) or 2026-08-21T08:00:00Z.")
    String at;

    @Option(names = "--dry-run", description = "Print who would get what; write and send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
      Instant now = at == null ? Instant.now() : parseAt(at);
      Subscription.Frequency frequency = period == null ? null : parseFrequency(period);
      try (Paperboy app = global.open(mail)) {
        DigestRunner.Summary s = app.digests().run(now, frequency, dryRun, dryRun ? Run::print : d -> {});
        System.out.println((dryRun ? "dry run: " : "") + s);
        if (!dryRun) {
          try (OutboxSender sender = app.newOutboxSender(m -> {})) {
            System.out.println("sent " + sender.flush() + " mails; outbox: " + app.outbox().counts());
          }
        }
      }
      return 0;
    }

    private static void print(Digest d) {
      Subscription s = d.subscription();
      System.out.println(s.email() + " " + d.period().key() + ": " + (d.empty() ? "nothing new, no mail" : d.items().size() + " papers"));
      for (Digest.Item item : d.items()) {
        System.out.println("  " + item.paper().id() + " " + item.paper().title() + " — " + item.why());
      }
    }

    private static Instant parseAt(String text) {
      try {
        return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw Refusal.badInput("--at '" + text + "' is neither a date (2026-08-21) nor an instant (2026-08-21T08:00:00Z)");
      }
    }

    private static Subscription.Frequency parseFrequency(String text) {
      try {
        return Subscription.Frequency.valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refusal.badInput("--period must be daily or weekly, not '" + text + "'");
      }
    }
  }
}
