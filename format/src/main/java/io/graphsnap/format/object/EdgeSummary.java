package io.graphsnap.format.object;

/**
 * One outgoing edge of a file: from one of its symbols, of a type, to a target <em>name</em> that the
 * builder resolves. Immutable.
 *
 * @param source index of the source symbol in {@link FileSummary#symbols()}
 * @param type open set of short strings ({@code calls}, {@code references}, {@code contains}, …)
 * @param target any name; an {@code external} node when no file defines it
 */
public record EdgeSummary(int source, String type, String target) implements Comparable<EdgeSummary> {
  /** Validates the type and target; the source index is checked by {@link FileSummary}. */
  public EdgeSummary {
    Checks.name("edge type", type);
    Checks.name("edge target", target);
  }

  /** Orders by source index, then type, then target: the canonical order within a file. */
  @Override
  public int compareTo(EdgeSummary o) {
    int c = Integer.compare(source, o.source);
    if (c == 0) {
      c = type.compareTo(o.type);
    }
    return c != 0 ? c : target.compareTo(o.target);
  }
}
