package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.BaseUnusableException;
import io.graphsnap.builder.ChangeSet;
import io.graphsnap.builder.DeltaFileWriter;
import io.graphsnap.builder.internal.CompiledGraph;
import io.graphsnap.builder.internal.PhaseClock;
import io.graphsnap.builder.internal.SnapshotFileWriter;
import io.graphsnap.format.delta.DeltaFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs one layered delta write: opens the base, plans the change by name (phase {@code plan}, the incremental
 * build's {@link DeltaPlanner}), assigns layered ids ({@link LayerAssembler}) and encodes the file
 * ({@link LayerSections}) (phase {@code assemble}), publishes it (phase {@code write}). Stateless entry point for
 * {@link DeltaFileWriter}.
 */
public final class LayerBuild {
  private LayerBuild() {}

  /** See {@link DeltaFileWriter#writeInto}. */
  public static Optional<DeltaFileWriter.Outcome> run(Path basePath, String baseId, ChangeSet changes, Path directory,
      PhaseClock clock) throws IOException, BaseUnusableException {
    byte[] id = LayerAssembler.idBytes(baseId);
    clock.start("plan");
    BaseSnapshot base;
    try {
      base = BaseSnapshot.open(basePath);
    } catch (IOException | RuntimeException e) {
      throw new BaseUnusableException("cannot open base snapshot " + basePath + ": " + e.getMessage(), e);
    }
    try (base) {
      String tool = base.graph.buildInfo().get("tool");
      if (!CompiledGraph.TOOL.equals(tool)) {
        throw new BaseUnusableException("base snapshot " + basePath + " was built by " + tool + ", not "
            + CompiledGraph.TOOL, null);
      }
      DeltaPlanner planner = new DeltaPlanner(base, changes);
      DeltaPlanner.Resolution resolution;
      try {
        resolution = planner.planByName();
      } catch (IOException | RuntimeException e) {
        throw new BaseUnusableException("cannot plan a delta from " + basePath + ": " + e, e);
      }
      if (resolution == null) {
        clock.stop();
        return Optional.empty();
      }
      clock.start("assemble");
      LayerAssembler assembler = new LayerAssembler(base, resolution, id);
      LayerDelta delta = assembler.assemble();
      byte[] bytes = LayerSections.encode(delta);
      clock.start("write");
      SnapshotFileWriter.Written written = SnapshotFileWriter.publishBytes(bytes, directory,
          sha -> sha + DeltaFormat.FILE_EXTENSION);
      clock.stop();
      return Optional.of(new DeltaFileWriter.Outcome(written.sha256Hex(), written.path(), written.bytes(),
          planner.changedFiles(), planner.touchedNames(), delta.newNames.length, delta.tombstones.length,
          delta.dirtyNodes.length, assembler.baseEntriesRead(), clock.durations()));
    }
  }
}
