package io.graphsnap.bench.harness;

import java.util.Set;

/**
 * One system of the side-by-side run (graphsnap or a peer) behind the questions the harness asks. Every
 * answer is in the shared numbering of {@link ResolvedGraph} (node ids = ranks of names in code-point order,
 * sorted kind, effect and edge-type lists), so that answers compare directly.
 *
 * <p>Life cycle: {@link #load} (timed, repeated: each call starts from scratch) → optionally {@link #reopen}
 * (timed) → questions → {@link #close}. Not thread-safe: one thread drives a system.
 */
public interface GraphSystem extends AutoCloseable {
  /** What a system can answer; the harness asks nothing else. */
  enum Capability {
    /** {@link #reopen()} means something (a store on disk or a mapped file). */
    OPEN,
    /** {@link #lookup}. */
    LOOKUP,
    /** {@link #neighbours}. */
    NEIGHBOURS,
    /** {@link #countKindEffect}. */
    QUERY,
    /** {@link #bfs}. */
    BFS,
    /** {@link #scc}. */
    SCC,
    /** {@link #pageRank}. */
    PAGERANK
  }

  /**
   * The system's name in results: {@code graphsnap}, {@code sqlite}, {@code mapdb}, {@code jgrapht} or
   * {@code heap-csr}.
   */
  String name();

  /** What this system answers. */
  Set<Capability> capabilities();

  /** Builds or loads the graph from scratch, replacing what an earlier call made. */
  void load(Workload workload) throws Exception;

  /** Closes and opens again what {@link #load} made on disk, ready for questions. */
  default void reopen() throws Exception {
    throw new UnsupportedOperationException(name() + " has nothing to reopen");
  }

  /** Bytes on disk of what {@link #load} made (0 if it lives only in memory). */
  long diskBytes() throws Exception;

  /** What {@link #diskBytes()} is made of, part name → bytes (empty when the system does not say). */
  default java.util.Map<String, Long> diskBreakdown() throws Exception {
    return java.util.Map.of();
  }

  /**
   * Further figures worth reporting, by result key (say, size estimates); none by default. Called once, after
   * the load.
   */
  default java.util.Map<String, Double> extraFigures() throws Exception {
    return java.util.Map.of();
  }

  /**
   * Whether {@link #edgeCount()} counts the distinct (source, type, target) triples every other system counts
   * (false for a system that stores type-less arcs, such as WebGraph: its N:E is then not checked).
   */
  default boolean countsTypedEdges() {
    return true;
  }

  /** N as this system sees it. */
  long nodeCount() throws Exception;

  /** E as this system sees it. */
  long edgeCount() throws Exception;

  /** The id of {@code name}, or -1. */
  default int lookup(String name) throws Exception {
    throw new UnsupportedOperationException(name() + ": lookup");
  }

  /**
   * The sum of the ids of {@code node}'s out-neighbours by edges of type {@code typeId}, plus 2<sup>40</sup> per
   * edge (so that the count is checked too).
   */
  default long neighbours(int node, int typeId) throws Exception {
    throw new UnsupportedOperationException(name() + ": neighbours");
  }

  /** The number of nodes of kind {@code kind} that have effect {@code effect}. */
  default long countKindEffect(String kind, String effect) throws Exception {
    throw new UnsupportedOperationException(name() + ": query");
  }

  /**
   * Forward reachability from {@code source} over every edge type: {count of reached nodes (source included),
   * sum of their ids, edges examined}.
   */
  default long[] bfs(int source) throws Exception {
    throw new UnsupportedOperationException(name() + ": bfs");
  }

  /** Strongly connected components over every edge type: {number of components, size of the largest}. */
  default long[] scc() throws Exception {
    throw new UnsupportedOperationException(name() + ": scc");
  }

  /**
   * PageRank over every edge (multi-edges counted), {@code iterations} iterations exactly, damping
   * {@code damping}, the rank of dangling nodes spread uniformly (JGraphT's and NetworkX's convention), starting
   * from 1/N. Ranks by node id.
   */
  default double[] pageRank(int iterations, double damping) throws Exception {
    throw new UnsupportedOperationException(name() + ": pagerank");
  }

  /** Releases files, connections and memory. */
  @Override
  void close() throws Exception;
}
