package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.MappedCsr;
import io.graphsnap.bench.harness.GapCodedEstimate;
import io.graphsnap.bench.harness.SnapshotSections;
import io.graphsnap.bench.harness.Workload;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.Components;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EdgeTypeMask;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.Reach;
import io.graphsnap.reader.analysis.Reachability;
import io.graphsnap.reader.analysis.StronglyConnectedComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * graphsnap: {@link #load} builds the snapshot from the synthetic graph's files (generated on the fly, names
 * resolved by the builder: more work than any peer's load, which starts from the resolved graph) and maps it;
 * {@link #reopen} is {@link GraphSnapshot#open}. Questions go through the reader's public API. BFS, SCC and
 * PageRank run twice: as {@link MappedCsr} over the mapped sections (line for line the heap CSR's code, to
 * compare mapped memory with heap arrays) and through the reader's analysis API ({@link #bfsApi},
 * {@link #sccApi}, {@link #pageRankApi}: what users get, direction-optimising and parallel).
 */
public final class GraphsnapSystem implements GraphSystem {
  private Path file;
  private GraphSnapshot snapshot;
  private EdgeCursor cursor;
  private CsrGraph graph;

  @Override
  public String name() {
    return "graphsnap";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  @Override
  public void load(Workload workload) throws Exception {
    close();
    Path dir = workload.systemDir(name());
    Files.createDirectories(dir);
    file = dir.resolve("graph.gsnap");
    new SnapshotBuilder().build(SyntheticGraph.ofFiles(workload.files(), workload.seed()), file);
    open();
  }

  @Override
  public void reopen() throws Exception {
    close();
    open();
  }

  private void open() throws Exception {
    snapshot = GraphSnapshot.open(file);
    cursor = snapshot.forward().cursor();
    graph = CsrGraph.of(snapshot);
  }

  @Override
  public long diskBytes() throws Exception {
    return Files.size(file);
  }

  @Override
  public Map<String, Long> diskBreakdown() throws Exception {
    return SnapshotSections.sizes(file);
  }

  /** {@code estimate.gapcoded.forward.bytes} and {@code .reverse.bytes}: see {@link GapCodedEstimate}. */
  @Override
  public Map<String, Double> extraFigures() {
    return Map.of("estimate.gapcoded.forward.bytes", (double) GapCodedEstimate.bytes(snapshot.forward()),
        "estimate.gapcoded.reverse.bytes", (double) GapCodedEstimate.bytes(snapshot.reverse()));
  }

  @Override
  public long nodeCount() {
    return snapshot.nodeCount();
  }

  @Override
  public long edgeCount() {
    return snapshot.edgeCount();
  }

  @Override
  public int lookup(String name) {
    return snapshot.node(name);
  }

  @Override
  public long neighbours(int node, int typeId) {
    EdgeCursor c = cursor.reset(node, typeId);
    long sum = c.size() << 40;
    for (int w = c.next(); w >= 0; w = c.next()) {
      sum += w;
    }
    return sum;
  }

  @Override
  public long countKindEffect(String kind, String effect) {
    return ImmutableRoaringBitmap.andCardinality(snapshot.ofKind(kind), snapshot.withEffect(effect));
  }

  @Override
  public long[] bfs(int source) {
    return MappedCsr.bfs(snapshot.forward(), source);
  }

  @Override
  public long[] scc() {
    return MappedCsr.scc(snapshot.forward());
  }

  @Override
  public double[] pageRank(int iterations, double damping) {
    return MappedCsr.pageRank(snapshot.forward(), snapshot.reverse(), iterations, damping);
  }

  /**
   * BFS by the reader's analysis API ({@link Reachability}: direction-optimising, bottom-up levels in parallel),
   * all edge types, forward, no depth limit: {reached, sum of reached ids, -1}.
   */
  public long[] bfsApi(int source) {
    Reach reach = Reachability.reach(graph, new int[] {source}, EdgeTypeMask.all(), Direction.FORWARD, -1);
    long sum = 0;
    for (int v : reach.nodes()) {
      sum += v;
    }
    return new long[] {reach.count(), sum, -1};
  }

  /** SCC by the reader's analysis API: {components, size of the largest}. */
  public long[] sccApi() {
    Components components = StronglyConnectedComponents.of(graph, EdgeTypeMask.all());
    int largest = components.largest();
    return new long[] {components.count(), largest < 0 ? 0 : components.size(largest)};
  }

  /** The snapshot file {@link #load} built. */
  public Path file() {
    return file;
  }

  /**
   * PageRank by the reader's analysis API on one thread ({@code parallel(false)}), exactly {@code iterations}
   * iterations: the code users call, compared with the same code over an in-memory CSR and with heap arrays.
   */
  public double[] pageRankReader(int iterations, double damping) {
    return PageRank.on(graph).parallel(false).damping(damping).tolerance(0).maxIterations(iterations).run().ranks();
  }

  /** PageRank by the reader's analysis API (parallel over all cores), exactly {@code iterations} iterations. */
  public double[] pageRankApi(int iterations, double damping) {
    return PageRank.on(graph).damping(damping).tolerance(0).maxIterations(iterations).run().ranks();
  }

  @Override
  public void close() {
    if (snapshot != null) {
      snapshot.close();
      snapshot = null;
      graph = null;
    }
  }
}
