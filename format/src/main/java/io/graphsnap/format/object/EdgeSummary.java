package io.graphsnap.format.object;

import java.util.Arrays;

/**
 * One outgoing edge of a file: from one of its symbols, of a type, to a target <em>name</em> that the
 * builder resolves, with the lines of the file where it occurs (its <em>sites</em>: each call of a {@code calls}
 * edge, say). Immutable; the canonical constructor sorts the lines and drops repeats, so equal edges encode to
 * equal bytes.
 *
 * @param source index of the source symbol in {@link FileSummary#symbols()}
 * @param type open set of short strings ({@code calls}, {@code references}, {@code contains}, …)
 * @param target any name; an {@code external} node when no file defines it
 * @param lines the 1-based lines of the source file where the edge occurs, strictly increasing; empty when unknown
 *     (the accessor returns a copy: use {@link #lineCount()} and {@link #line(int)} on hot paths)
 */
public record EdgeSummary(int source, String type, String target, int[] lines) implements Comparable<EdgeSummary> {
  private static final int[] NO_LINES = new int[0];

  /**
   * Validates the type, target and lines, and sorts and deduplicates the lines; the source index is checked by
   * {@link FileSummary}.
   *
   * @throws InvalidSummaryException if a name is invalid or a line is below 1
   */
  public EdgeSummary {
    Checks.name("edge type", type);
    Checks.name("edge target", target);
    lines = canonicalLines(lines, type, target);
  }

  /** An edge without lines. */
  public EdgeSummary(int source, String type, String target) {
    this(source, type, target, NO_LINES);
  }

  /** {@code lines} sorted without repeats (a new array), or null if one is below 1. */
  static int[] canonicalLinesOrNull(int[] lines) {
    int[] sorted = lines.clone();
    Arrays.sort(sorted);
    if (sorted[0] < 1) {
      return null;
    }
    int n = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  private static int[] canonicalLines(int[] lines, String type, String target) {
    if (lines == null || lines.length == 0) {
      return NO_LINES;
    }
    int[] canonical = canonicalLinesOrNull(lines);
    if (canonical == null) {
      throw new InvalidSummaryException("line of " + type + " edge to " + RepoPaths.quote(target)
          + " must be at least 1, not " + Arrays.stream(lines).min().getAsInt());
    }
    return canonical;
  }

  /** A copy of the lines, strictly increasing. */
  @Override
  public int[] lines() {
    return lines.length == 0 ? NO_LINES : lines.clone();
  }

  /** The lines themselves, not copied: for the codec, which only reads them. */
  int[] sharedLines() {
    return lines;
  }

  /** The number of lines. O(1). */
  public int lineCount() {
    return lines.length;
  }

  /** Line {@code i}, in [0, {@link #lineCount()}). O(1). */
  public int line(int i) {
    return lines[i];
  }

  /**
   * The one edge that {@code same} (statements of one edge, non-empty, {@code lineCount} lines in all) state: the
   * first's source, type and target with the union of their lines. O(lineCount log lineCount).
   */
  static EdgeSummary merged(java.util.List<EdgeSummary> same, int lineCount) {
    int[] all = new int[lineCount];
    int n = 0;
    for (EdgeSummary e : same) {
      System.arraycopy(e.lines, 0, all, n, e.lines.length);
      n += e.lines.length;
    }
    EdgeSummary first = same.getFirst();
    return new EdgeSummary(first.source, first.type, first.target, all);
  }

  /** Orders by source index, then type, then target: the canonical order within a file (lines are not compared). */
  @Override
  public int compareTo(EdgeSummary o) {
    int c = Integer.compare(source, o.source);
    if (c == 0) {
      c = type.compareTo(o.type);
    }
    return c != 0 ? c : target.compareTo(o.target);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeSummary e && source == e.source && type.equals(e.type) && target.equals(e.target)
        && Arrays.equals(lines, e.lines);
  }

  @Override
  public int hashCode() {
    return (source * 31 + type.hashCode()) * 31 + target.hashCode();
  }

  @Override
  public String toString() {
    return "EdgeSummary[" + source + " " + type + " " + target + (lines.length == 0 ? "" : " " + Arrays.toString(lines))
        + "]";
  }
}
