package io.graphsnap.reader.analysis;

import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.EdgeReversedGraph;

/**
 * A seeded random directed multigraph with typed edges: a few dense clusters (so that components and cycles
 * appear), random cross edges, self-loops, repeated edges (which the CSR collapses), dangling nodes and isolated
 * nodes (disconnected parts). Holds the raw edge arrays and builds both the {@link CsrGraph} under test and
 * JGraphT references on the distinct edge set. Test-only.
 */
final class RandomGraph {
  final int nodes;
  final int typeCount;
  final int[] sources;
  final int[] targets;
  final byte[] types;
  final CsrGraph csr;

  private RandomGraph(int nodes, int typeCount, int[] sources, int[] targets, byte[] types) {
    this.nodes = nodes;
    this.typeCount = typeCount;
    this.sources = sources;
    this.targets = targets;
    this.types = types;
    this.csr = CsrGraph.fromEdges(nodes, typeCount, sources, targets, types);
  }

  /** The graph of exactly these edges (repeats and self-loops allowed, as in {@link #generate}). */
  static RandomGraph of(int nodes, int typeCount, int[] sources, int[] targets, byte[] types) {
    return new RandomGraph(nodes, typeCount, sources, targets, types);
  }

  /** About {@code edges} edges over {@code nodes} nodes with {@code typeCount} types; the same seed gives the same graph. */
  static RandomGraph generate(long seed, int nodes, int edges, int typeCount) {
    Random random = new Random(seed);
    int[] s = new int[edges];
    int[] t = new int[edges];
    byte[] ty = new byte[edges];
    // a tail of isolated nodes, and a share of sinks that only receive edges
    int active = Math.max(1, nodes - nodes / 10);
    int sinks = active / 5;
    int clusterSize = Math.max(2, (int) Math.sqrt(active));
    for (int i = 0; i < edges; i++) {
      int kind = random.nextInt(20);
      int from = sinks + random.nextInt(Math.max(1, active - sinks));
      from = Math.min(from, active - 1);
      int to;
      if (kind == 0) {
        to = from; // self-loop
      } else if (kind < 10) {
        int base = from / clusterSize * clusterSize; // inside the cluster: cycles
        to = Math.min(active - 1, base + random.nextInt(clusterSize));
      } else {
        to = random.nextInt(active);
      }
      s[i] = from;
      t[i] = to;
      ty[i] = (byte) random.nextInt(typeCount);
      if (kind == 19 && i + 1 < edges) { // a repeated edge
        i++;
        s[i] = from;
        t[i] = to;
        ty[i] = ty[i - 1];
      }
    }
    return new RandomGraph(nodes, typeCount, s, t, ty);
  }

  /** The distinct edges of the selected types as a JGraphT graph (self-loops kept). */
  Graph<Integer, DefaultEdge> jgrapht(EdgeTypeMask mask) {
    Graph<Integer, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (int v = 0; v < nodes; v++) {
      g.addVertex(v);
    }
    for (int i = 0; i < sources.length; i++) {
      if (mask == null || mask.contains(types[i] & 0xFF)) {
        g.addEdge(sources[i], targets[i]);
      }
    }
    return g;
  }

  /**
   * The distinct typed edges of the selected types as a weighted JGraphT graph: a pair linked by k selected
   * types is one edge of weight k (the CSR holds k parallel edges).
   */
  Graph<Integer, DefaultWeightedEdge> jgraphtWeighted(EdgeTypeMask mask) {
    Graph<Integer, DefaultWeightedEdge> g = new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < nodes; v++) {
      g.addVertex(v);
    }
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < sources.length; i++) {
      int t = types[i] & 0xFF;
      if ((mask == null || mask.contains(t)) && seen.add(((long) sources[i] * nodes + targets[i]) * 256 + t)) {
        DefaultWeightedEdge e = g.getEdge(sources[i], targets[i]);
        if (e == null) {
          g.setEdgeWeight(g.addEdge(sources[i], targets[i]), 1);
        } else {
          g.setEdgeWeight(e, g.getEdgeWeight(e) + 1);
        }
      }
    }
    return g;
  }

  /** {@link #jgrapht} in the given direction. */
  Graph<Integer, DefaultEdge> jgrapht(EdgeTypeMask mask, Direction direction) {
    Graph<Integer, DefaultEdge> g = jgrapht(mask);
    return direction == Direction.FORWARD ? g : new EdgeReversedGraph<>(g);
  }

  /** Whether a distinct edge from → to with a type in {@code mask} exists (naive scan). */
  boolean hasEdge(int from, int to, EdgeTypeMask mask) {
    for (int i = 0; i < sources.length; i++) {
      if (sources[i] == from && targets[i] == to && (mask == null || mask.contains(types[i] & 0xFF))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "RandomGraph[nodes=" + nodes + ", edges=" + sources.length + ", types=" + typeCount + "]";
  }
}
