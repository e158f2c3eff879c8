package io.graphsnap.bench.harness.systems;

import io.graphsnap.bench.SyntheticGraph;
import io.graphsnap.bench.harness.GraphSystem;
import io.graphsnap.bench.harness.MappedCsr;
import io.graphsnap.bench.harness.SnapshotSections;
import io.graphsnap.bench.harness.Workload;
import io.graphsnap.builder.SnapshotBuilder;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * graphsnap: {@link #load} builds the snapshot from the synthetic graph's files (generated on the fly, names
 * resolved by the builder: more work than any peer's load, which starts from the resolved graph) and maps it;
 * {@link #reopen} is {@link GraphSnapshot#open}. Questions go through the reader's public API; BFS and
 * PageRank read the mapped CSR sections ({@link MappedCsr}).
 */
public final class GraphsnapSystem implements GraphSystem {
  private Path file;
  private GraphSnapshot snapshot;
  private EdgeCursor cursor;

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
  }

  @Override
  public long diskBytes() throws Exception {
    return Files.size(file);
  }

  @Override
  public Map<String, Long> diskBreakdown() throws Exception {
    return SnapshotSections.sizes(file);
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

  @Override
  public void close() {
    if (snapshot != null) {
      snapshot.close();
      snapshot = null;
    }
  }
}
