package org.paperboy.cli;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.OutboxSender;
import org.paperboy.mail.OutgoingMail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "mail", mixinStandardHelpOptions = true, description = "The outgoing mail queue.",
    subcommands = {MailCommand.Test.class, MailCommand.Flush.class, MailCommand.Status.class})
final class MailCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** "0 pending, 1 sent, 1 failed": the outbox's counts as a person reads them. */
  static String said(Map<Outbox.Status, Long> counts) {
    return counts.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey().name().toLowerCase(java.util.Locale.ROOT)))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Queues a test mail to ADDRESS and delivers it now: checks the SMTP settings end to end.")
  static final class Test implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Mixin MailOptions mail;

    @Parameters(paramLabel = "ADDRESS") String to;

    @Override
    public Integer call() {
      try (Paperboy app = global.create(mail)) {
        app.outbox().enqueue(OutgoingMail.text("test:" + UUID.randomUUID(), to, "Paperboy test mail",
            "This is a test mail from Paperboy. If you can read it, mail works."));
        int sent;
        try (OutboxSender sender = app.newOutboxSender(m -> {})) {
          sent = sender.flush();
        }
        Map<Outbox.Status, Long> counts = app.outbox().counts();
        System.out.println("sent " + sent + " via " + app.config().mail() + "; outbox: " + said(counts));
        return counts.get(Outbox.Status.PENDING) == 0 ? 0 : 1;
      }
    }
  }

  @Command(name = "flush", mixinStandardHelpOptions = true,
      description = "Delivers every mail that is due, then exits (for cron, or after an outage).")
  static final class Flush implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Mixin MailOptions mail;

    @Override
    public Integer call() {
      try (Paperboy app = global.open(mail)) {
        int sent;
        try (OutboxSender sender = app.newOutboxSender(m -> {})) {
          sent = sender.flush();
        }
        System.out.println("sent " + sent + "; outbox: " + said(app.outbox().counts()));
      }
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Counts the outbox by status and lists recent failures.")
  static final class Status implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Override
    public Integer call() {
      try (Paperboy app = global.open()) {
        System.out.println("outbox: " + said(app.outbox().counts()));
        app.outbox().failures(20).forEach(f -> System.out.println("failed: " + f));
      }
      return 0;
    }
  }
}
