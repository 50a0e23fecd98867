package org.paperboy.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.paperboy.support.ChildJvm;

/** One in-process run of the command line as a user meets it: its exit code, stdout and stderr. */
public record CliRun(int exit, String out, String err) {
  public static CliRun of(String... args) {
    PrintStream oldOut = System.out, oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** One in-process run as a child process's result, for assertions written for both. */
  public static ChildJvm.Result result(String... args) {
    CliRun r = of(args);
    return new ChildJvm.Result(r.exit, r.out, r.err);
  }
}
