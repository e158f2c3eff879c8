package io.graphsnap.builder.internal.spill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The temporary files of one build, in one folder (a store's {@code tmp/}, which the store empties when it opens,
 * or the folder the snapshot is written to): each named {@code .spill.<random>.<what>.tmp}, created new (never an
 * existing file), and deleted by {@link #delete} or, for all that remain, by {@link #close()}, on success and on
 * failure. They are never forced to disk: a crash loses them, and nothing durable names them. Also holds the
 * build's memory cap. Mutable; its methods are synchronized (a name run is written on a thread of its own); owns its
 * files.
 */
public final class SpillFiles implements AutoCloseable {
  private final Path dir;
  private final long maxMemory;
  private final Set<Path> open = new LinkedHashSet<>();
  private final String prefix = ".spill." + UUID.randomUUID() + ".";
  private int next;
  private long spilledBytes;

  /**
   * Temporary files in {@code dir} (created if missing) for a build holding at most {@code maxMemory} bytes of edges.
   */
  public SpillFiles(Path dir, long maxMemory) {
    this.dir = dir.toAbsolutePath();
    this.maxMemory = maxMemory;
  }

  /** The memory cap in bytes ({@link Long#MAX_VALUE}: unlimited). */
  public long maxMemory() {
    return maxMemory;
  }

  /** A fraction of the cap, at least {@code floor} bytes and at most {@code Integer.MAX_VALUE}-ish for arrays. */
  public long share(int numerator, int denominator, long floor) {
    long cap = maxMemory == Long.MAX_VALUE ? Long.MAX_VALUE : maxMemory / denominator * numerator;
    return Math.max(floor, cap);
  }

  /** A new empty file; {@code what} names its use in the file name ({@code "edges"}). */
  public synchronized Path create(String what) throws IOException {
    Files.createDirectories(dir);
    Path path = dir.resolve(prefix + (next++) + "." + what + ".tmp");
    Files.createFile(path);
    open.add(path);
    return path;
  }

  /** Deletes {@code path}, one of this build's files, now. */
  public synchronized void delete(Path path) throws IOException {
    if (open.remove(path)) {
      Files.deleteIfExists(path);
    }
  }

  /** Counts {@code bytes} written to spill files, for reports. */
  synchronized void spilled(long bytes) {
    spilledBytes += bytes;
  }

  /** Bytes written to spill files so far (runs merged again are counted again). */
  public synchronized long spilledBytes() {
    return spilledBytes;
  }

  /** The files not yet deleted (for tests). */
  public Set<Path> files() {
    return Set.copyOf(open);
  }

  /** Deletes every file not yet deleted; the first failure is thrown after trying them all. Idempotent. */
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Path p : open) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
