package io.graphsnap.builder;

import io.graphsnap.builder.internal.CompiledGraph;
import io.graphsnap.builder.internal.GraphCompiler;
import io.graphsnap.builder.internal.ObjectCollector;
import io.graphsnap.builder.internal.PhaseClock;
import io.graphsnap.builder.internal.SnapshotFileWriter;
import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a set of loose objects into one snapshot file (see {@link io.graphsnap.format.snapshot.SectionId}
 * for its sections).
 *
 * <p>One pass over the objects interns every string and records declarations and edges in primitive columns;
 * then names are resolved (namespaces merge, conflicting declarations are dropped, unresolved targets become
 * external nodes), every table is sorted by code-point order, the edges are placed by counting sort into forward
 * and reverse CSR, and the file is written sequentially and published atomically. Time O(V + E) apart from
 * sorting the strings and each node's edges; memory about 30 bytes per edge and per declaration plus the
 * distinct strings and each symbol's notes and metadata, never a per-edge object. Past
 * {@link BuildOptions#maxMemory()}, the edges spill: the collected edge columns in blocks, then sorted runs of
 * packed edge keys merged k-way into the forward rows and sorted again by target into the reverse rows, staged in
 * temporary files ({@code .spill.*.tmp}) beside the snapshot's temporary file and removed when the build ends;
 * the names spill too: the interned names, past a quarter of the cap, go to sorted runs that are merged into the
 * names in code-point order and joined back to the declarations and edges ({@code NameRuns}), and the name sections
 * are written from that file. The heap then holds the cap and the per-node and per-file columns (about 50 bytes a
 * node and 250 a file), and the file's bytes are the same.
 *
 * <p><b>Deterministic:</b> the same set of objects, in any order, gives a byte-identical file. Immutable and
 * thread-safe: each {@link #build} call has its own state, and concurrent builds must write different files.
 * Limits: {@link BuildLimits}.
 */
public final class SnapshotBuilder {
  private final BuildOptions options;

  /** A builder with {@link BuildOptions#defaults()}. */
  public SnapshotBuilder() {
    this(BuildOptions.defaults());
  }

  /** A builder with {@code options}. */
  public SnapshotBuilder(BuildOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Builds the snapshot of every object of {@code source} and publishes it at {@code outputFile}: the file is
   * written under a temporary name in the same directory (created if missing), forced to disk, then renamed
   * atomically onto {@code outputFile} (replacing it) and the directory forced. On failure nothing is left
   * behind and {@code outputFile} is untouched. The snapshot id is the SHA-256 of the finished file, computed by
   * reading it back once before the rename.
   *
   * @throws IOException if reading the source or writing the file fails
   * @throws BuildInputException if the objects cannot form a snapshot (duplicate path, invalid UTF-8, a limit)
   */
  public BuildResult build(ObjectSource source, Path outputFile) throws IOException {
    Objects.requireNonNull(outputFile, "outputFile");
    PhaseClock clock = new PhaseClock(options.progress());
    try (SpillFiles spill = spillFiles(outputFile.toAbsolutePath().getParent())) {
      CompiledGraph graph = compile(source, clock, spill);
      clock.start("write");
      SnapshotFileWriter.Written written = SnapshotFileWriter.write(graph, options.layout(), outputFile, clock);
      clock.stop();
      return result(graph, outputFile, written, clock.durations());
    }
  }

  /**
   * Builds as {@link #build} does, but publishes the file in {@code directory} under its content name
   * {@code <snapshotId>.gsnap} ({@link SnapshotFormat#FILE_EXTENSION}), as a store's {@code snapshots/} folder
   * holds them; an existing file of that name has the same bytes and is replaced by the rename. The temporary file
   * is {@code directory/.snapshot.<random>.tmp}.
   *
   * @throws IOException if reading the source or writing the file fails
   * @throws BuildInputException if the objects cannot form a snapshot
   */
  public BuildResult buildInto(ObjectSource source, Path directory) throws IOException {
    Objects.requireNonNull(directory, "directory");
    PhaseClock clock = new PhaseClock(options.progress());
    try (SpillFiles spill = spillFiles(directory)) {
      CompiledGraph graph = compile(source, clock, spill);
      clock.start("write");
      SnapshotFileWriter.Written written = SnapshotFileWriter.writeInto(graph, options.layout(), directory,
          sha -> sha + SnapshotFormat.FILE_EXTENSION, clock);
      clock.stop();
      return result(graph, written.path(), written, clock.durations());
    }
  }

  /** The build's temporary files, beside the snapshot's temporary file, and its memory cap (either layout). */
  private SpillFiles spillFiles(Path dir) {
    return new SpillFiles(dir, options.effectiveMaxMemory());
  }

  private static CompiledGraph compile(ObjectSource source, PhaseClock clock, SpillFiles spill) throws IOException {
    Objects.requireNonNull(source, "source");
    clock.start("collect");
    long expected = source.size();
    ObjectCollector collector = new ObjectCollector(expected, done -> clock.advance(done, expected), spill);
    source.forEach(collector);
    return GraphCompiler.compile(collector, clock);
  }

  private static BuildResult result(CompiledGraph g, Path path, SnapshotFileWriter.Written written,
      Map<String, java.time.Duration> durations) {
    Map<String, Long> edgesByType = new LinkedHashMap<>();
    for (int t = 0; t < g.edgeTypes().length; t++) {
      edgesByType.put(g.edgeTypes()[t], g.edgeTypeCounts()[t]);
    }
    Map<String, Long> nodesByKind = new LinkedHashMap<>();
    for (int k = 0; k < g.kinds().length; k++) {
      nodesByKind.put(g.kinds()[k], g.kindBitmaps()[k].getLongCardinality());
    }
    return new BuildResult(written.sha256Hex(), path, written.bytes(), g.nodeCount(), g.externalCount(),
        g.edgeCount(), g.files().count(), edgesByType, nodesByKind, g.conflicts(), durations, written.sitesBytes());
  }
}
