package io.graphsnap.objects.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
    return writeTemp(tmpDir, prefix, bytes, true);
  }

  /**
   * Writes {@code bytes} to a new temporary file in {@code tmpDir}, forced to disk if {@code force} (else the caller
   * forces it, e.g. with many others through {@link #forceFiles}); returns it. Deleted again if the write fails.
   */
  public static Path writeTemp(Path tmpDir, String prefix, byte[] bytes, boolean force) throws IOException {
    Path tmp = Files.createTempFile(tmpDir, prefix, ".tmp");
    boolean ok = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        if (force) {
          ch.force(true);
        }
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
   * Forces every file of {@code files} to disk, using up to {@code maxThreads} threads at once (file systems
   * merge concurrent syncs into fewer journal commits). Returns when all are forced; the first failure is
   * thrown after the others finish.
   */
  public static void forceFiles(List<Path> files, int maxThreads) throws IOException {
    int threads = Math.min(maxThreads, Math.max(1, files.size() / 16));
    if (threads <= 1) {
      for (Path file : files) {
        forceFile(file);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<IOException> failure = new AtomicReference<>();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < files.size() && failure.get() == null; i = next.getAndIncrement()) {
        try {
          forceFile(files.get(i));
        } catch (IOException e) {
          failure.compareAndSet(null, e);
        }
      }
    };
    Thread[] pool = new Thread[threads - 1];
    for (int t = 0; t < pool.length; t++) {
      pool[t] = Thread.ofPlatform().name("graphsnap-fsync-" + t).daemon().start(worker);
    }
    worker.run();
    boolean interrupted = false;
    for (Thread t : pool) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists, without forcing the
   * directory (the caller forces it once for many renames).
   *
   * @throws AtomicMoveNotSupportedException if the two are on different file systems
   */
  public static void renameAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
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
