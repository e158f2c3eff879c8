package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraph;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * JGraphT in memory, as a user would hold a code graph in it: a {@link DirectedPseudograph} (multi-edges and
 * self-loops allowed) of {@code Integer} vertices and one edge object per edge carrying its type. The edge class
 * extends {@link DefaultEdge}, so JGraphT keeps each edge's source and target in the edge itself (its "intrusive
 * edges": {@code getEdgeTarget} is a field read, not a hash lookup), JGraphT's documented fast path for
 * user-defined edges. Load reads the resolved graph file and adds every vertex and edge. BFS is JGraphT's {@link BreadthFirstIterator}; SCC its {@link KosarajuStrongConnectivityInspector}; PageRank
 * is JGraphT's {@link PageRank} with the tolerance at its minimum, so that it runs exactly the asked iterations.
 */
public final class JGraphTSystem implements GraphSystem {
  private Graph<Integer, TypedEdge> graph;

  /** An edge with its type id; identity equality, as JGraphT needs for multi-edges; intrusive source and target. */
  public static final class TypedEdge extends DefaultEdge {
    private static final long serialVersionUID = 1L;
    final byte type;

    TypedEdge(byte type) {
      this.type = type;
    }
  }

  @Override
  public String name() {
    return "jgrapht";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.NEIGHBOURS, Capability.BFS, Capability.SCC, Capability.PAGERANK);
  }

  @Override
  public void load(Workload workload) throws Exception {
    close();
    ResolvedGraph g = ResolvedGraphFile.read(workload.resolvedGraph());
    Graph<Integer, TypedEdge> built = new DirectedPseudograph<>(null, null, false);
    int n = g.nodeCount();
    for (int v = 0; v < n; v++) {
      built.addVertex(v);
    }
    int[] offsets = g.offsets();
    int[] targets = g.targets();
    byte[] types = g.types();
    for (int v = 0; v < n; v++) {
      for (int i = offsets[v]; i < offsets[v + 1]; i++) {
        built.addEdge(v, targets[i], new TypedEdge(types[i]));
      }
    }
    graph = built;
  }

  @Override
  public long diskBytes() {
    return 0;
  }

  @Override
  public long nodeCount() {
    return graph.vertexSet().size();
  }

  @Override
  public long edgeCount() {
    return graph.edgeSet().size();
  }

  @Override
  public long neighbours(int node, int typeId) {
    long sum = 0;
    long count = 0;
    for (TypedEdge e : graph.outgoingEdgesOf(node)) {
      if (e.type == typeId) {
        sum += graph.getEdgeTarget(e);
        count++;
      }
    }
    return sum + (count << 40);
  }

  @Override
  public long[] bfs(int source) {
    BreadthFirstIterator<Integer, TypedEdge> it = new BreadthFirstIterator<>(graph, source);
    long count = 0;
    long sum = 0;
    while (it.hasNext()) {
      sum += it.next();
      count++;
    }
    return new long[] {count, sum, -1};
  }

  @Override
  public long[] scc() {
    List<Set<Integer>> sets = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    long largest = 0;
    for (Set<Integer> s : sets) {
      largest = Math.max(largest, s.size());
    }
    return new long[] {sets.size(), largest};
  }

  @Override
  public double[] pageRank(int iterations, double damping) {
    Map<Integer, Double> scores = new PageRank<>(graph, damping, iterations, Double.MIN_VALUE).getScores();
    double[] rank = new double[graph.vertexSet().size()];
    for (Map.Entry<Integer, Double> e : scores.entrySet()) {
      rank[e.getKey()] = e.getValue();
    }
    return rank;
  }

  @Override
  public void close() {
    graph = null;
  }
}
