package io.graphsnap.objects.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable file operations: write-then-fsync, atomic rename, directory fsync. Not API. Thread-safe,
 * stateless.
 */
public final class FileSync {
  private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

  private FileSync() {}

  /**
   * Forces a directory's entries (a rename or create inside it) to disk. A no-op on Windows, where a
   * directory cannot be opened as a channel.
   */
  public static void forceDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Creates {@code dir} and any missing parents, forcing each created entry's parent to disk. */
  public static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return; // created concurrently
    }
    if (parent != null) {
      forceDirectory(parent);
    }
  }

  /** Writes {@code bytes} to a new temporary file in {@code tmpDir} and forces it to disk; returns it. */
  public static Path writeTemp(Path tmpDir, String prefix, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(tmpDir, prefix, ".tmp");
    boolean ok = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      ok = true;
      return tmp;
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Forces an existing file's bytes to disk. */
  public static void forceFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically (replacing {@code to} if it exists) and forces the
   * target directory to disk.
   *
   * @throws AtomicMoveNotSupportedException if the two are on different file systems
   */
  public static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(to.getParent());
  }

  /** Writes {@code bytes} durably to {@code target}: temporary file in {@code tmpDir}, fsync, atomic rename. */
  public static void writeAtomically(Path tmpDir, Path target, byte[] bytes) throws IOException {
    Path tmp = writeTemp(tmpDir, target.getFileName() + "-", bytes);
    try {
      moveAtomically(tmp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
