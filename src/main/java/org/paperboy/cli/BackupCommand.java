package org.paperboy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.db.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Copies the SQLite store to DEST while servers keep running (SQLite's online backup), then checks the"
        + " copy's integrity.", "Restore: stop serve; replace DATA/paperboy.db with DEST and delete DATA/paperboy.db-wal,"
        + " DATA/paperboy.db-shm and DATA/index (the index is rebuilt from the store); start serve."})
final class BackupCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Parameters(paramLabel = "DEST", description = "The backup file to write (replaced atomically when complete).")
  Path destination;

  @Override
  public Integer call() {
    try (Paperboy app = global.open()) {
      long started = System.nanoTime();
      Backup.Summary s = Backup.sqlite(app.database(), destination);
      System.out.printf("backed up %,d papers to %s (%,.1f MiB) in %.1f s; integrity check: %s%n", s.papers(), s.file(),
          s.bytes() / 1048576.0, (System.nanoTime() - started) / 1e9, s.integrity());
    }
    return 0;
  }
}
