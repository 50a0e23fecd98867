package org.paperboy.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.paperboy.support.Refusal;
import org.sqlite.SQLiteConnection;

/**
 * A consistent copy of a running SQLite store, taken with SQLite's online backup API while servers
 * keep writing (WAL: the copy reads one snapshot and blocks no writer), checked with
 * {@code PRAGMA integrity_check} before it is moved into place. PostgreSQL has its own tools.
 */
public final class Backup {
  private Backup() {}

  /** What a backup wrote: its size and what the integrity check said ("ok"). */
  public record Summary(Path file, long bytes, long papers, String integrity) {}

  public static Summary sqlite(Database database, Path destination) {
    if (database.dialect() != Database.Dialect.SQLITE) {
      throw Refusal.badInput("backup copies the SQLite store; for PostgreSQL use pg_dump (see docs/deploy.md)");
    }
    Path dest = destination.toAbsolutePath();
    if (Files.isDirectory(dest)) throw Refusal.badInput("DEST: " + dest + " is a directory; name the backup file");
    Path partial = dest.resolveSibling(dest.getFileName() + ".partial");
    try {
      Files.createDirectories(dest.getParent());
      Files.deleteIfExists(partial);
      try (Connection c = database.dataSource().getConnection()) {
        // all pages in one step: a step-wise copy restarts whenever a server writes in between
        c.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(), null, 100, 300, -1);
      }
      Summary checked = check(partial);
      if (!checked.integrity().equals("ok")) {
        throw Refusal.unavailable("the copy failed its integrity check: " + checked.integrity() + "; kept as " + partial);
      }
      Files.move(partial, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Summary(dest, Files.size(dest), checked.papers(), checked.integrity());
    } catch (SQLException | IOException e) {
      throw Refusal.unavailable("backup to " + dest + " failed: " + e.getMessage(), e);
    }
  }

  /** Opens a store file read-only and runs SQLite's integrity check on it. */
  public static Summary check(Path file) throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
        Statement s = c.createStatement()) {
      String integrity;
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
        StringBuilder b = new StringBuilder();
        while (rs.next()) b.append(b.isEmpty() ? "" : "; ").append(rs.getString(1));
        integrity = b.toString();
      }
      long papers;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM papers")) {
        papers = rs.next() ? rs.getLong(1) : 0;
      }
      return new Summary(file, Files.size(file), papers, integrity);
    }
  }
}
