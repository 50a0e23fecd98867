package org.paperboy.support;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.paperboy.db.TestDatabases;

/**
 * A real file system that fills up: a tmpfs of a few megabytes mounted for one test, so SQLite, Lucene
 * and PostgreSQL meet "No space left on device" from the kernel exactly as on a full disk. Mounting takes
 * root (CI runs as root); elsewhere the test is skipped, saying why. It lives under {@code /tmp} with
 * mode 755 so that the PostgreSQL server, another user, can keep a tablespace on it.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path root;
  private final Path filler;

  private SmallDisk(Path root) {
    this.root = root;
    this.filler = root.resolve("filler");
  }

  /** Mounts a fresh tmpfs of {@code megabytes}; skips the test when this user may not mount one. */
  public static SmallDisk mount(int megabytes) throws IOException, InterruptedException {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "filling a disk needs a small file system of its own, and mounting one needs root (CI runs as root)");
    Path root = Path.of("/tmp", "paperboy-small-disk-" + UUID.randomUUID());
    Files.createDirectories(root);
    run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", root.toString());
    return new SmallDisk(root);
  }

  public Path root() {
    return root;
  }

  /** Writes a file until the disk has no room left; returns its size. */
  public long fill() throws IOException {
    byte[] block = new byte[4096];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("No space left on device")) throw e;
    }
    return written;
  }

  /** Takes the file {@link #fill()} wrote away again. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  /** Makes the disk bigger, keeping what it holds (tmpfs resizes in place). */
  public void grow(int megabytes) throws IOException, InterruptedException {
    run("mount", "-o", "remount,size=" + megabytes + "m", root.toString());
  }

  /** Gives the directory to another user (the PostgreSQL server's, for a tablespace). */
  public Path directoryOwnedBy(String user) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(root.resolve(user));
    run("chown", user + ":" + user, dir.toString());
    return dir;
  }

  /**
   * A fresh store of {@code kind} on this disk: SQLite's file in a data directory on it; PostgreSQL's
   * tables in a tablespace on it (the server's write-ahead log stays on its own disk, as on a server), the
   * data directory then under {@code elsewhere}.
   */
  public Store store(String kind, Path elsewhere) throws Exception {
    if (kind.equals("sqlite")) {
      Path data = root.resolve("data");
      return new Store(data, TestDatabases.freshUrl(kind, data), null);
    }
    String tablespace = "small_" + UUID.randomUUID().toString().replace("-", "");
    Store.execute("CREATE TABLESPACE " + tablespace + " LOCATION '" + directoryOwnedBy("postgres") + "'");
    String url = TestDatabases.freshUrl(kind, elsewhere) + "&options="
        + URLEncoder.encode("-c default_tablespace=" + tablespace, StandardCharsets.UTF_8);
    return new Store(elsewhere.resolve("data"), url, tablespace);
  }

  /** A store on a small disk: its data directory and JDBC URL; closing drops a PostgreSQL one. */
  public record Store(Path data, String url, String tablespace) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (tablespace == null) return;
      String schema = url.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
      execute("DROP SCHEMA " + schema + " CASCADE");
      execute("DROP TABLESPACE " + tablespace);
    }

    private static void execute(String sql) throws Exception {
      try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl()); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", "--lazy", root.toString()); // lazily: a file a test left open must not keep it mounted
    Files.deleteIfExists(root);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }
}
