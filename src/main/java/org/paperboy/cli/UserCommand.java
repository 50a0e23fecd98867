package org.paperboy.cli;

import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.community.Account;
import org.paperboy.community.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages member accounts from the command line.",
    subcommands = {UserCommand.Add.class})
final class UserCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Creates an account (or changes its role): how the first admin is made.")
  static final class Add implements Callable<Integer> {
    @Mixin GlobalOptions global;

    @Parameters(paramLabel = "EMAIL") String email;

    @Option(names = "--role", defaultValue = "member", description = "member, curator or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Override
    public Integer call() {
      try (Paperboy app = global.open()) {
        Account a = app.accounts().addOrSetRole(email, Role.parse(role));
        System.out.println("account " + a.id() + " " + a.email() + " is " + a.role().dbValue());
        return 0;
      }
    }
  }
}
