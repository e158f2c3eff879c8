package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.HeapCsr;
import io.graphsnap.bench.harness.ResolvedGraph;
import io.graphsnap.bench.harness.ResolvedGraphFile;
import io.graphsnap.bench.harness.Workload;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.PageRank;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.EnumSet;
import java.util.Set;

/**
 * The practical limit: the resolved graph in bare heap arrays ({@link HeapCsr}), names in a fastutil
 * {@code Object2IntOpenHashMap}, kind+effect queries by a scan of the kind and effect columns. Load reads the
 * resolved graph file and builds the reverse CSR and the name map.
 */
public final class HeapCsrSystem implements GraphSystem {
  private ResolvedGraph graph;
  private HeapCsr csr;
  private Object2IntOpenHashMap<String> ids;
  private CsrGraph inMemory;

  @Override
  public String name() {
    return "heap-csr";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.complementOf(EnumSet.of(Capability.OPEN));
  }

  @Override
  public void load(Workload workload) throws Exception {
    close();
    graph = ResolvedGraphFile.read(workload.resolvedGraph());
    csr = HeapCsr.of(graph);
    String[] names = graph.names();
    ids = new Object2IntOpenHashMap<>(names.length);
    ids.defaultReturnValue(-1);
    for (int i = 0; i < names.length; i++) {
      ids.put(names[i], i);
    }
  }

  @Override
  public long diskBytes() {
    return 0;
  }

  @Override
  public long nodeCount() {
    return csr.nodeCount();
  }

  @Override
  public long edgeCount() {
    return csr.edgeCount();
  }

  @Override
  public int lookup(String name) {
    return ids.getInt(name);
  }

  @Override
  public long neighbours(int node, int typeId) {
    return csr.neighbours(node, typeId);
  }

  @Override
  public long countKindEffect(String kind, String effect) {
    int k = graph.kinds().indexOf(kind);
    int e = graph.effects().indexOf(effect);
    if (k < 0 || e < 0) {
      return 0;
    }
    short[] kinds = graph.kindOf();
    int[] masks = graph.effectMask();
    int bit = 1 << e;
    long count = 0;
    for (int v = 0; v < kinds.length; v++) {
      if (kinds[v] == k && (masks[v] & bit) != 0) {
        count++;
      }
    }
    return count;
  }

  @Override
  public long[] bfs(int source) {
    return csr.bfs(source);
  }

  @Override
  public long[] scc() {
    return csr.scc();
  }

  @Override
  public double[] pageRank(int iterations, double damping) {
    return csr.pageRank(iterations, damping);
  }

  /**
   * The reader's PageRank ({@link PageRank}, one thread) over this graph copied into an in-memory
   * {@link CsrGraph} ({@link CsrGraph#fromEdges}, built once, untimed): the reader's own code without the
   * mapping, to set beside the same code over the mapped snapshot.
   */
  public double[] pageRankReader(int iterations, double damping) {
    if (inMemory == null) {
      int[] offsets = graph.offsets();
      int[] sources = new int[graph.targets().length];
      for (int v = 0; v < graph.nodeCount(); v++) {
        for (int i = offsets[v]; i < offsets[v + 1]; i++) {
          sources[i] = v;
        }
      }
      inMemory = CsrGraph.fromEdges(graph.nodeCount(), Math.max(1, graph.edgeTypes().size()), sources,
          graph.targets(), graph.types());
    }
    return PageRank.on(inMemory).parallel(false).damping(damping).tolerance(0).maxIterations(iterations).run()
        .ranks();
  }

  @Override
  public void close() {
    graph = null;
    inMemory = null;
    csr = null;
    ids = null;
  }
}
