package io.graphsnap.export;

/**
 * Which edges a neighbourhood ({@link Subgraph#around}) follows from its centre: out-edges, in-edges or both. Not
 * a traversal direction ({@code io.graphsnap.reader.analysis.Direction} has no BOTH).
 */
public enum Neighbourhood {
  /** Out-edges only: what the centre calls, references, contains, transitively. */
  FORWARD,
  /** In-edges only: who calls, references, contains the centre, transitively. */
  REVERSE,
  /** Both: the centre's undirected neighbourhood. */
  BOTH;

  /** Whether out-edges are followed. */
  public boolean followsOut() {
    return this != REVERSE;
  }

  /** Whether in-edges are followed. */
  public boolean followsIn() {
    return this != FORWARD;
  }
}
