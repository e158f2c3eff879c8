package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.ResolvedGraph;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableSequentialGraph;
import it.unimi.dsi.webgraph.LazyIntIterator;
import it.unimi.dsi.webgraph.NodeIterator;
import it.unimi.dsi.webgraph.algo.StronglyConnectedComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * WebGraph, the reference for compressed graphs: the graph's arcs (edge types dropped, a pair joined by several
 * types kept once: BVGraph stores successor sets) compressed as a {@link BVGraph} with its default parameters
 * (window 7, maximum reference chain 3, intervals of at least 4, ζ<sub>3</sub> residuals), in the node order the
 * snapshot uses (names sorted, so a package's nodes are close). Load = compress ({@link BVGraph#store}) + load;
 * open = {@link BVGraph#load} (the compressed bits and Elias–Fano offsets in memory, as WebGraph's random access
 * wants them). Its figures: bits per arc of the {@code .graph} file (and per typed edge), BFS by successor
 * iterators on the compressed graph (reachability is the same over the arcs as over the typed edges), and SCC by
 * WebGraph's own {@link StronglyConnectedComponents}. Not thread-safe.
 */
public final class WebGraphSystem implements GraphSystem {
  private Path basename;
  private BVGraph graph;
  private long typedEdges;

  @Override
  public String name() {
    return "webgraph";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.OPEN, Capability.BFS, Capability.SCC);
  }

  /** BVGraph counts arcs (type-less pairs), not typed edges: N:E is not comparable. */
  @Override
  public boolean countsTypedEdges() {
    return false;
  }

  @Override
  public void load(Workload workload) throws Exception {
    close();
    Path dir = workload.systemDir(name());
    Files.createDirectories(dir);
    basename = dir.resolve("graph");
    ResolvedGraph g = ResolvedGraphFile.read(workload.resolvedGraph());
    typedEdges = g.edgeCount();
    BVGraph.store(new Arcs(g), basename.toString());
    open();
  }

  @Override
  public void reopen() throws Exception {
    close();
    open();
  }

  private void open() throws Exception {
    graph = BVGraph.load(basename.toString());
  }

  @Override
  public long diskBytes() throws Exception {
    return Files.size(Path.of(basename + ".graph")) + Files.size(Path.of(basename + ".offsets"))
        + Files.size(Path.of(basename + ".properties"));
  }

  @Override
  public Map<String, Long> diskBreakdown() throws Exception {
    return Map.of("graph", Files.size(Path.of(basename + ".graph")), "offsets",
        Files.size(Path.of(basename + ".offsets")));
  }

  /** {@code webgraph.arcs} and {@code webgraph.bitsPerArc} (of the .graph file), {@code webgraph.bitsPerEdge}. */
  @Override
  public Map<String, Double> extraFigures() throws Exception {
    double bits = 8.0 * Files.size(Path.of(basename + ".graph"));
    return Map.of("webgraph.arcs", (double) graph.numArcs(), "webgraph.bitsPerArc", bits / graph.numArcs(),
        "webgraph.bitsPerEdge", bits / typedEdges);
  }

  @Override
  public long nodeCount() {
    return graph.numNodes();
  }

  @Override
  public long edgeCount() {
    return graph.numArcs();
  }

  @Override
  public long[] bfs(int source) {
    int n = graph.numNodes();
    long[] seen = new long[(n + 63) >>> 6];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    queue[tail++] = source;
    seen[source >>> 6] |= 1L << source;
    long sum = source;
    long examined = 0;
    while (head < tail) {
      LazyIntIterator successors = graph.successors(queue[head++]);
      for (int w; (w = successors.nextInt()) != -1; ) {
        examined++;
        if ((seen[w >>> 6] & (1L << w)) == 0) {
          seen[w >>> 6] |= 1L << w;
          queue[tail++] = w;
          sum += w;
        }
      }
    }
    return new long[] {tail, sum, -1};
  }

  @Override
  public long[] scc() {
    StronglyConnectedComponents scc = StronglyConnectedComponents.compute(graph, false, null);
    int[] sizes = scc.computeSizes();
    return new long[] {scc.numberOfComponents, Arrays.stream(sizes).max().orElse(0)};
  }

  @Override
  public void close() {
    graph = null;
  }

  /** The resolved graph's arcs, node by node, each successor list sorted and without repeats. */
  private static final class Arcs extends ImmutableSequentialGraph {
    private final ResolvedGraph g;

    Arcs(ResolvedGraph g) {
      this.g = g;
    }

    @Override
    public int numNodes() {
      return g.nodeCount();
    }

    @Override
    public NodeIterator nodeIterator() {
      int[] offsets = g.offsets();
      int[] targets = g.targets();
      return new NodeIterator() {
        private int next;
        private int[] successors = new int[16];
        private int degree;

        @Override
        public boolean hasNext() {
          return next < g.nodeCount();
        }

        @Override
        public int nextInt() {
          int v = next++;
          int from = offsets[v];
          int length = offsets[v + 1] - from;
          if (successors.length < length) {
            successors = new int[Math.max(length, 2 * successors.length)];
          }
          System.arraycopy(targets, from, successors, 0, length);
          Arrays.sort(successors, 0, length);
          int d = 0;
          for (int i = 0; i < length; i++) {
            if (d == 0 || successors[d - 1] != successors[i]) {
              successors[d++] = successors[i];
            }
          }
          degree = d;
          return v;
        }

        @Override
        public int outdegree() {
          return degree;
        }

        @Override
        public int[] successorArray() {
          return successors;
        }
      };
    }
  }
}
