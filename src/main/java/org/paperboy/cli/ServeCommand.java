package org.paperboy.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.paperboy.Paperboy;
import org.paperboy.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serves the site, the JSON API and the Atom feeds until stopped (Ctrl-C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--port", defaultValue = "${env:PAPERBOY_PORT:-8080}", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    try (Paperboy app = global.open();
        // new and changed papers become searchable within seconds while the server runs
        AutoCloseable following = app.search().follow(java.time.Duration.ofSeconds(10));
        WebServer server = app.webServer().start(host, port)) {
      System.out.println("Paperboy is serving on http://localhost:" + server.port() + "/ (Ctrl-C stops it)");
      // The shutdown hook lets the try-with-resources close the server and the store cleanly.
      Thread main = Thread.currentThread();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopped.countDown();
        try {
          main.join(10_000);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      }));
      stopped.await();
    }
    return 0;
  }
}
