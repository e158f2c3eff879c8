package io.graphsnap.builder;

import io.graphsnap.builder.internal.PhaseClock;
import io.graphsnap.builder.internal.delta.LayerBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a layered snapshot's delta file ({@link io.graphsnap.format.delta.DeltaFormat}): what changed since a base
 * snapshot, to be read on top of it, instead of a whole new snapshot.
 *
 * <p><b>What it reads.</b> Exactly what {@link IncrementalBuilder} plans from: the changed paths' objects before and
 * after, the declarers of the names they declare, the base's records, edges and in-degrees of the touched nodes.
 *
 * <p><b>What it writes, and its cost.</b> Base ids are kept (new names, paths and dictionary entries are numbered
 * after the base's), so nothing of the base is copied or remapped: the file holds the touched nodes' records,
 * details, effects and out-rows, the in-edges each touched target gains or loses, the changed files' records and
 * symbol lists, and the replaced conflicts. Writing never passes over the base's nodes, edges or files: time and
 * size are O(change), i.e. the changed objects, the touched names with their rows and the symbol lists of the
 * files that gained or lost a node (plus the base's dictionaries, which are small). {@link Outcome#baseEntriesRead}
 * counts the base rows, records and lists the writer read. The file (kilobytes for a few files) is assembled in
 * memory, then written to a temporary file, forced, renamed to {@code <sha256>.gdelta} in the directory and the
 * directory forced: a reader sees no file or the complete one.
 *
 * <p>Not done here: naming the pair in {@code refs/HEAD}, garbage collection of bases, compaction (which is
 * {@link IncrementalBuilder}).
 *
 * <p>Immutable and thread-safe; each call has its own state.
 */
public final class DeltaFileWriter {
  private final BuildOptions options;

  /** A writer with {@code options} (its progress listener sees the phases {@code plan}, {@code assemble}, {@code write}). */
  public DeltaFileWriter(BuildOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * What a delta write did.
   *
   * @param deltaId the SHA-256 hex of the delta file, its name without extension
   * @param path where the file is
   * @param bytes its size
   * @param changedFiles paths whose object differs from the base's
   * @param touchedNames names those objects declare
   * @param newNodes names absent from the base (node ids from the base's node count on)
   * @param tombstones base nodes that are gone
   * @param dirtyNodes nodes whose record the delta holds
   * @param baseEntriesRead base node rows, records and file lists the assembly read: O(change)
   * @param phases time per phase
   */
  public record Outcome(String deltaId, Path path, long bytes, int changedFiles, int touchedNames, int newNodes,
      int tombstones, int dirtyNodes, long baseEntriesRead, Map<String, Duration> phases) {}

  /**
   * Writes the delta of the current objects ({@code changes}) against {@code baseSnapshot}, whose id (SHA-256 hex)
   * is {@code baseId}, into {@code directory} as {@code <deltaId>.gdelta}.
   *
   * @return the outcome, or empty if no path's object differs from the base's (nothing is written)
   * @throws BaseUnusableException if the base cannot be used (not this builder's current format or tool, or the
   *     change cannot be planned against it); nothing was written
   * @throws BuildInputException if the layered dictionaries would overflow (more than 255 edge types or 65,535
   *     kinds in base and delta together): compact instead
   * @throws IOException if writing fails (the directory is left as it was)
   */
  public Optional<Outcome> writeInto(Path baseSnapshot, String baseId, ChangeSet changes, Path directory)
      throws IOException, BaseUnusableException {
    return LayerBuild.run(baseSnapshot, baseId, changes, directory, new PhaseClock(options.progress()));
  }
}
