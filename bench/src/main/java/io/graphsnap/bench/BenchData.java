package io.graphsnap.bench;

import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Snapshots of synthetic graphs for the JMH benchmarks, built once and cached on disk under
 * {@link #dataDir()} as {@code <scale>-<seed>-g<generator>-v<format>.gsnap}, so that every fork of every
 * benchmark maps the same file instead of rebuilding it. A cached file that no longer opens is rebuilt.
 * Thread-safe only in the sense that concurrent builders publish atomically (the builder renames into place).
 */
public final class BenchData {
  /** Bumped whenever {@link SyntheticGraph} changes what it generates, to invalidate cached snapshots. */
  public static final int GENERATOR_VERSION = 1;

  private BenchData() {}

  /**
   * The cache folder: the system property {@code graphsnap.bench.data} if set, else {@code bench/target/bench-data}
   * when run from the repository root, else {@code target/bench-data}.
   */
  public static Path dataDir() {
    String configured = System.getProperty("graphsnap.bench.data");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path fromRoot = Path.of("bench", "target");
    return Files.isDirectory(fromRoot) ? fromRoot.resolve("bench-data") : Path.of("target", "bench-data");
  }

  /** The snapshot of {@code SyntheticGraph.of(scale, seed)}, built into the cache if missing or unreadable. */
  public static Path snapshot(Scale scale, long seed) {
    Path file = dataDir().resolve(scale.label() + "-" + seed + "-g" + GENERATOR_VERSION + "-v"
        + SnapshotFormat.VERSION_CURRENT + SnapshotFormat.FILE_EXTENSION);
    try {
      if (Files.isRegularFile(file) && opens(file)) {
        return file;
      }
      Files.createDirectories(file.getParent());
      long start = System.nanoTime();
      var result = new SnapshotBuilder().build(SyntheticGraph.of(scale, seed), file);
      System.err.printf("[bench] built %s: %,d nodes, %,d edges, %,d bytes in %.1f s%n", file, result.nodeCount(),
          result.edgeCount(), result.bytes(), (System.nanoTime() - start) / 1e9);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the benchmark snapshot " + file, e);
    }
  }

  private static boolean opens(Path file) {
    try (GraphSnapshot s = GraphSnapshot.open(file)) {
      return s.nodeCount() > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
