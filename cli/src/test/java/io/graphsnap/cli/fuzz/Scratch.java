package io.graphsnap.cli.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Scratch folders for fuzz targets: under {@code /dev/shm} when it is a writable folder (fsync and mmap
 * cost nothing on tmpfs, so millions of inputs stay fast), else under {@code java.io.tmpdir}. Each folder is
 * deleted at JVM exit. Thread-safe.
 */
final class Scratch {
  private Scratch() {}

  /** A new empty folder whose name starts with {@code prefix}, deleted at exit. */
  static Path newFolder(String prefix) {
    Path shm = Path.of("/dev/shm");
    Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      Path dir = Files.createTempDirectory(base, prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything under it (symbolic links are removed, never followed). */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static void deleteQuietly(Path dir) {
    try {
      delete(dir);
    } catch (IOException ignored) {
      // best effort at exit
    }
  }
}
