package io.graphsnap.builder;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link SnapshotBuilder} (and an {@link IncrementalBuilder}) builds. Immutable. The progress listener and the
 * memory cap never change the snapshot's bytes (a build with any {@link #maxMemory} writes the same file); the layout
 * chooses the adjacency's encoding, and for one layout the bytes depend only on the objects (a full and an
 * incremental build of the same objects give the same file).
 *
 * @param progress receives phase changes and progress; {@link BuildProgress#NONE} by default
 * @param layout the adjacency's encoding: {@link CompactCsrFormat.Layout#FIXED} (fixed-width rows, the default) or
 *     {@link CompactCsrFormat.Layout#COMPACT} (gap-coded rows, about half the adjacency's bytes; see
 *     {@link CompactCsrFormat})
 * @param maxMemory the most bytes a full build holds on the heap for edges and names (the collected edge columns,
 *     the interned names, the sort buffers and the merge buffers); beyond it the edges and the names spill to sorted
 *     runs in temporary files beside the snapshot (a store's {@code tmp/}) and are merged into the sections (the
 *     per-node and per-file columns stay on the heap). {@link #DEFAULT_MEMORY} means half the
 *     JVM's maximum heap ({@link #effectiveMaxMemory()}); {@link Long#MAX_VALUE} means never spill
 */
public record BuildOptions(BuildProgress progress, CompactCsrFormat.Layout layout, long maxMemory) {
  /** {@link #maxMemory} meaning "half of the maximum heap". */
  public static final long DEFAULT_MEMORY = 0;
  /** The smallest cap accepted: below it each sorted run holds a handful of edges (tests use it to force many runs). */
  public static final long MIN_MEMORY = 4096;

  /** Checks the arguments. */
  public BuildOptions {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(layout, "layout");
    if (maxMemory != DEFAULT_MEMORY && maxMemory < MIN_MEMORY) {
      throw new IllegalArgumentException("maxMemory " + maxMemory + " is below " + MIN_MEMORY + " bytes");
    }
  }

  /** Options with {@code progress}, the fixed layout and the default memory cap. */
  public BuildOptions(BuildProgress progress) {
    this(progress, CompactCsrFormat.Layout.FIXED, DEFAULT_MEMORY);
  }

  /** Options with {@code progress}, {@code layout} and the default memory cap. */
  public BuildOptions(BuildProgress progress, CompactCsrFormat.Layout layout) {
    this(progress, layout, DEFAULT_MEMORY);
  }

  /** Options with {@code progress}, the fixed layout and {@code maxMemory}. */
  public BuildOptions(BuildProgress progress, long maxMemory) {
    this(progress, CompactCsrFormat.Layout.FIXED, maxMemory);
  }

  /** The defaults: no progress reporting, the fixed layout, the default memory cap. */
  public static BuildOptions defaults() {
    return new BuildOptions(BuildProgress.NONE, CompactCsrFormat.Layout.FIXED, DEFAULT_MEMORY);
  }

  /** A copy with {@code listener} as the progress listener. */
  public BuildOptions withProgress(BuildProgress listener) {
    return new BuildOptions(listener, layout, maxMemory);
  }

  /** A copy that writes the adjacency in {@code format}. */
  public BuildOptions withLayout(CompactCsrFormat.Layout format) {
    return new BuildOptions(progress, format, maxMemory);
  }

  /** A copy with {@code bytes} as the memory cap ({@link #DEFAULT_MEMORY}, or at least {@link #MIN_MEMORY}). */
  public BuildOptions withMaxMemory(long bytes) {
    return new BuildOptions(progress, layout, bytes);
  }

  /** The cap in bytes: {@link #maxMemory}, or half of {@link Runtime#maxMemory()} for {@link #DEFAULT_MEMORY}. */
  public long effectiveMaxMemory() {
    return maxMemory == DEFAULT_MEMORY ? Runtime.getRuntime().maxMemory() / 2 : maxMemory;
  }

  /**
   * Parses a size as {@code --max-memory} takes it: a number of bytes with an optional binary suffix {@code k},
   * {@code m}, {@code g}, {@code t} (KiB…TiB, case and a trailing {@code b}/{@code ib} ignored), or
   * {@code unlimited} ({@link Long#MAX_VALUE}).
   *
   * @throws IllegalArgumentException naming the text if it is not a size, or is below {@link #MIN_MEMORY}
   */
  public static long parseSize(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("unlimited")) {
      return Long.MAX_VALUE;
    }
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    int shift = 0;
    if (!s.isEmpty()) {
      shift = switch (s.charAt(s.length() - 1)) {
        case 'k' -> 10;
        case 'm' -> 20;
        case 'g' -> 30;
        case 't' -> 40;
        default -> 0;
      };
    }
    String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a size (bytes, or a number with k, m, g or t, or "
          + "unlimited)");
    }
    if (value < 0 || value > Long.MAX_VALUE >> shift) {
      throw new IllegalArgumentException("'" + text + "' is out of range");
    }
    long bytes = value << shift;
    if (bytes < MIN_MEMORY) {
      throw new IllegalArgumentException("'" + text + "' is below the smallest cap, " + MIN_MEMORY + " bytes");
    }
    return bytes;
  }
}
