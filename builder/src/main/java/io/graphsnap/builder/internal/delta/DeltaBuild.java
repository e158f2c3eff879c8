package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.BaseUnusableException;
import io.graphsnap.builder.BuildResult;
import io.graphsnap.builder.ChangeSet;
import io.graphsnap.builder.IncrementalBuilder;
import io.graphsnap.builder.internal.CompiledGraph;
import io.graphsnap.builder.internal.PhaseClock;
import io.graphsnap.builder.internal.SnapshotFileWriter;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one incremental build: opens the base, plans the {@link Delta} (phase {@code plan}), writes the new file
 * through {@link DeltaSections} (phase {@code write}). Stateless entry point for {@link IncrementalBuilder}.
 */
public final class DeltaBuild {
  private DeltaBuild() {}

  /** See {@link IncrementalBuilder#buildInto}. */
  public static Optional<IncrementalBuilder.Outcome> run(Path basePath, ChangeSet changes, Path directory,
      io.graphsnap.format.snapshot.CompactCsrFormat.Layout layout, PhaseClock clock)
      throws IOException, BaseUnusableException {
    clock.start("plan");
    BaseSnapshot base = openBase(basePath);
    try (base) {
      if (base.graph.adjacencyLayout() != layout) {
        throw new BaseUnusableException("the previous build has the " + base.graph.adjacencyLayout().label()
            + " adjacency, this build writes the " + layout.label() + " one", null);
      }
      DeltaPlanner planner = new DeltaPlanner(base, changes);
      Delta delta;
      try {
        delta = planner.plan();
      } catch (IOException | RuntimeException e) {
        throw new BaseUnusableException("cannot plan an incremental build from " + basePath + ": " + e, e);
      }
      if (delta == null) {
        clock.stop();
        return Optional.empty();
      }
      clock.start("write");
      SnapshotFileWriter.Written written;
      try (DeltaSections body = new DeltaSections(delta)) {
        written = SnapshotFileWriter.writeInto(body, directory, sha -> sha + SnapshotFormat.FILE_EXTENSION, clock);
      }
      base.evictOnClose(); // the new file replaces the base: leave its pages to others
      clock.stop();
      return Optional.of(new IncrementalBuilder.Outcome(result(delta, written, clock), planner.changedFiles(),
          planner.touchedNames(), planner.extraObjectsRead()));
    }
  }

  /**
   * Describes an existing snapshot as a {@link BuildResult} (counts, edges by type, nodes by kind, conflicts)
   * without validating its bitmaps: O(sections + dictionaries + conflicts), for republishing a build. Any
   * format version the reader accepts.
   */
  public static BuildResult describe(Path snapshot, String snapshotId, Map<String, java.time.Duration> phases)
      throws IOException {
    try (BaseSnapshot base = BaseSnapshot.open(snapshot, false)) { // an older version is republished as it is
      var g = base.graph;
      Map<String, Long> edgesByType = new LinkedHashMap<>();
      for (int t = 0; t < g.edgeTypes().size(); t++) {
        edgesByType.put(g.edgeTypes().get(t), g.edgeCount(t));
      }
      Map<String, Long> nodesByKind = new LinkedHashMap<>();
      for (int k = 0; k < g.kinds().size(); k++) {
        nodesByKind.put(g.kinds().get(k), base.kindBitmap(k).getLongCardinality());
      }
      var conflicts = g.conflicts();
      long externals = Long.parseLong(g.buildInfo().getOrDefault("externalNodes", "0"));
      return new BuildResult(snapshotId, snapshot, g.byteSize(), g.nodeCount(), externals, g.edgeCount(),
          g.fileCount(), edgesByType, nodesByKind, conflicts, phases, g.sitesBytes());
    }
  }

  private static BaseSnapshot openBase(Path basePath) throws BaseUnusableException {
    BaseSnapshot base;
    try {
      base = BaseSnapshot.open(basePath);
    } catch (IOException | RuntimeException e) {
      throw new BaseUnusableException("cannot open base snapshot " + basePath + ": " + e.getMessage(), e);
    }
    String tool = base.graph.buildInfo().get("tool");
    if (!CompiledGraph.TOOL.equals(tool)) {
      base.close();
      throw new BaseUnusableException("base snapshot " + basePath + " was built by " + tool + ", not "
          + CompiledGraph.TOOL, null);
    }
    return base;
  }

  private static BuildResult result(Delta d, SnapshotFileWriter.Written written, PhaseClock clock) {
    Map<String, Long> edgesByType = new LinkedHashMap<>();
    for (int t = 0; t < d.edgeTypes.length; t++) {
      edgesByType.put(d.edgeTypes[t], d.edgeTypeCounts[t]);
    }
    Map<String, Long> nodesByKind = new LinkedHashMap<>();
    for (int k = 0; k < d.kinds.length; k++) {
      nodesByKind.put(d.kinds[k], d.kindCounts[k]);
    }
    return new BuildResult(written.sha256Hex(), written.path(), written.bytes(), d.nodeCount(), d.externalCount,
        d.edgeCount, d.fileCount(), edgesByType, nodesByKind, d.conflicts, clock.durations(), written.sitesBytes());
  }
}
