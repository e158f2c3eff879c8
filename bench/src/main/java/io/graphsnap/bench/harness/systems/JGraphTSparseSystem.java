package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraph;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.alg.util.Pair;
import org.jgrapht.opt.graph.sparse.IncomingEdgesSupport;
import org.jgrapht.opt.graph.sparse.SparseIntDirectedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * JGraphT's compact representation for a static graph ({@code jgrapht-opt}): a {@link SparseIntDirectedGraph},
 * vertices and edges are {@code Integer}s 0..N-1 and 0..E-1 over CSR arrays, incoming edges indexed (full
 * support), which JGraphT documents as its choice for large immutable graphs. Edge {@code i} is the resolved
 * graph's forward edge {@code i} (the graph numbers edges in input order), so its type is an array read. The same
 * JGraphT algorithms as {@link JGraphTSystem}: {@link BreadthFirstIterator}, Kosaraju, {@link PageRank}.
 */
public final class JGraphTSparseSystem implements GraphSystem {
  private SparseIntDirectedGraph graph;
  private byte[] types;

  @Override
  public String name() {
    return "jgrapht-sparse";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.NEIGHBOURS, Capability.BFS, Capability.SCC, Capability.PAGERANK);
  }

  @Override
  public void load(Workload workload) throws Exception {
    close();
    ResolvedGraph g = ResolvedGraphFile.read(workload.resolvedGraph());
    int[] offsets = g.offsets();
    int[] targets = g.targets();
    int[] sources = new int[targets.length];
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int i = offsets[v]; i < offsets[v + 1]; i++) {
        sources[i] = v;
      }
    }
    graph = new SparseIntDirectedGraph(g.nodeCount(), targets.length,
        () -> IntStream.range(0, targets.length).mapToObj(i -> Pair.of(sources[i], targets[i])),
        IncomingEdgesSupport.FULL_INCOMING_EDGES);
    types = g.types();
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
    for (Integer e : graph.outgoingEdgesOf(node)) {
      if (types[e] == typeId) {
        sum += graph.getEdgeTarget(e);
        count++;
      }
    }
    return sum + (count << 40);
  }

  @Override
  public long[] bfs(int source) {
    BreadthFirstIterator<Integer, Integer> it = new BreadthFirstIterator<>(graph, source);
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
    types = null;
  }
}
