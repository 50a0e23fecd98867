package org.paperboy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds the signing keys and the members' addresses, so nobody but its owner may
 * read it: the directory is 0700 and every file in it 0600. A process that runs Paperboy creates its
 * files that way from the start ({@link #restrictNewFiles()}), and opening a data directory left
 * readable by an older version tightens what is already there.
 */
public final class PrivateFiles {
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private PrivateFiles() {}

  /**
   * Sets the process's umask to 077, so every file it creates (SQLite's WAL, Lucene's segments, cached
   * answers, temporary files) is its owner's alone. A no-op where the C library has no umask.
   */
  public static void restrictNewFiles() {
    try {
      Linker linker = Linker.nativeLinker();
      var umask = linker.defaultLookup().find("umask");
      if (umask.isEmpty()) return;
      MethodHandle call = linker.downcallHandle(umask.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      int previous = (int) call.invokeExact(0077);
    } catch (Throwable e) {
      // without native access the explicit permissions below still hold for the store and the directory
    }
  }

  /** Creates {@code dir} (0700) with its parents if missing; if it exists, takes group and other access away from it and from {@code owned} entries in it. */
  public static Path directory(Path dir, String... owned) {
    try {
      if (!Files.exists(dir)) {
        Files.createDirectories(dir);
        restrict(dir);
        return dir;
      }
      restrict(dir);
      for (String name : owned) {
        Path entry = dir.resolve(name);
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) continue;
        try (Stream<Path> tree = Files.walk(entry)) {
          tree.forEach(PrivateFiles::restrict);
        }
      }
      return dir;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot make the data directory " + dir + " private: " + e.getMessage(), e);
    }
  }

  /** Creates an empty file readable by its owner only, unless it exists (then it is tightened). */
  public static void file(Path file) {
    try {
      if (!isPosix(file.getParent())) {
        if (!Files.exists(file)) Files.createFile(file);
        return;
      }
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException e) {
      restrict(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  /** Takes away group and other access, keeping the owner's. */
  public static void restrict(Path path) {
    if (!isPosix(path)) return;
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
      kept.addAll(perms);
      if (!kept.removeAll(OTHERS)) return;
      Files.setPosixFilePermissions(path, kept);
    } catch (java.nio.file.NoSuchFileException e) {
      // gone meanwhile (a WAL checkpointed away, a merged segment): nothing to protect
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict " + path + ": " + e.getMessage(), e);
    }
  }

  private static boolean isPosix(Path path) {
    Path p = path == null ? Path.of(".") : path;
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
