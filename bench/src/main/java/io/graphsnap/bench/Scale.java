package io.graphsnap.bench;

import java.util.Locale;

/**
 * The named sizes of a {@link SyntheticGraph}. Counts are approximate targets; the exact counts depend on the
 * seed and are printed by every run. Immutable.
 *
 * <ul>
 *   <li>{@link #TINY}: about 300 files, 4 k nodes, 25 k edges; the CI test of the harness.
 *   <li>{@link #SMALL}: 10 k files, about 130 k nodes, 1 M edges; development.
 *   <li>{@link #MEDIUM}: 100 k files, about 1.3 M nodes (≥ 1 M symbols), 11 M edges (≥ 5 M); the committed results.
 *   <li>{@link #LARGE}: 1 M files, about 13 M nodes (≥ 10 M symbols), 110 M edges (≥ 100 M); by hand only.
 *   <li>{@link #HUGE}: 10 M files, about 130 M nodes, 1.1 B edges; by hand only, graphsnap alone (issue 20's
 *       scale: its JSON Lines, about 100 GB, is streamed into {@code graphsnap ingest -} rather than stored).
 * </ul>
 */
public enum Scale {
  /** About 300 files. */
  TINY(300),
  /** 10 000 files. */
  SMALL(10_000),
  /** 100 000 files. */
  MEDIUM(100_000),
  /** 1 000 000 files. */
  LARGE(1_000_000),
  /** 10 000 000 files. */
  HUGE(10_000_000);

  private final int files;

  Scale(int files) {
    this.files = files;
  }

  /** The number of files (loose objects) a graph of this scale has. */
  public int files() {
    return files;
  }

  /** The lower-case name used on command lines and in file names ({@code tiny}, {@code small}, …). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scale named {@code label}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the valid labels if there is none
   */
  public static Scale parse(String label) {
    for (Scale s : values()) {
      if (s.label().equalsIgnoreCase(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scale '" + label + "': expected tiny, small, medium, large or huge");
  }
}
