package org.paperboy.support;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A full disk, wherever it surfaced: SQLite ({@code SQLITE_FULL}), PostgreSQL (SQLSTATE 53100), Lucene or
 * a plain file write ({@code No space left on device}). It is not a bug but a bad day: the CLI says it in
 * one line and the web answers 503, both with what to do. What was being written is never kept half-done
 * (a store transaction rolls back; the search index goes back to its last commit), so running the same
 * command again once there is room finishes the work without doubling any of it.
 */
public final class DiskFull {
  private DiskFull() {}

  /** A refusal saying where the disk filled up, when that is what {@code failure} (or anything under it) was. */
  public static Optional<Refusal> refusalFor(Throwable failure) {
    return Optional.ofNullable(where(failure, Collections.newSetFromMap(new IdentityHashMap<>())))
        .map(where -> Refusal.unavailable("the disk is full (" + where + "): what was being written was not kept;"
            + " free some space and try again, nothing is lost or stored twice", failure));
  }

  /** Whether the file system holding {@code dir} has (next to) no room left: less than 1 MiB. */
  public static boolean at(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace() < 1 << 20;
    } catch (IOException e) {
      return false; // not there, or not readable: some other failure, said as such
    }
  }

  /** What filled up, from the first failure in the chain (causes and suppressed ones) that says so; else null. */
  private static String where(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) return null;
    if (t instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return "no room for the SQLite store";
    if (t instanceof SQLException s && "53100".equals(s.getSQLState())) return "no room on the PostgreSQL server";
    if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("No space left on device")) {
      return t instanceof FileSystemException f && f.getFile() != null ? "no room for " + f.getFile() : "no space left on device";
    }
    String found = where(t.getCause(), seen);
    for (Throwable suppressed : t.getSuppressed()) {
      if (found != null) break;
      found = where(suppressed, seen);
    }
    return found;
  }
}
