package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.support.ChildJvm;

/** The data directory holds the signing keys: real commands leave it 0700 and every file in it 0600. */
class PrivateDataDirectoryTest {
  @TempDir Path dir;

  @Test
  void aRealImportAndSearchLeaveTheDirectoryAndEveryFileInItToItsOwner() throws Exception {
    Path data = dir.resolve("data");
    ChildJvm.Result r = ChildJvm.run(dir, "import", TestData.path("arxiv/kaggle-head-200.jsonl").toAbsolutePath().toString(),
        "--data", data.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    ChildJvm.Result search = ChildJvm.run(dir, "search", "quark", "--mode", "bm25", "--data", data.toString());
    assertThat(search.exit()).as(search.toString()).isZero();
    assertThat(Files.exists(data.resolve("paperboy.db"))).isTrue();
    assertThat(Files.exists(data.resolve("index"))).as("searching built the index").isTrue();
    assertOwnerOnly(data);
  }

  @Test
  void aDirectoryLeftReadableByAnOlderVersionIsTightenedOnTheNextCommand() throws Exception {
    Path data = dir.resolve("old");
    try (Paperboy app = Paperboy.open(new Config(data, null))) {
      app.secrets().key("session");
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    ChildJvm.Result r = ChildJvm.run(dir, "stats", "--data", data.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertOwnerOnly(data);
  }

  private static void assertOwnerOnly(Path data) throws Exception {
    Set<PosixFilePermission> forOthers = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_EXECUTE);
    List<Path> all;
    try (Stream<Path> tree = Files.walk(data)) {
      all = tree.toList();
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(2);
    for (Path p : all) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      assertThat(perms).as("%s is %s", data.relativize(p), PosixFilePermissions.toString(perms))
          .doesNotContainAnyElementsOf(forOthers);
      if (Files.isRegularFile(p)) {
        assertThat(PosixFilePermissions.toString(perms)).as("file %s", data.relativize(p)).isEqualTo("rw-------");
      }
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
  }
}
