package io.graphsnap.builder;

import io.graphsnap.builder.internal.PhaseClock;
import io.graphsnap.builder.internal.delta.DeltaBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a snapshot from the previous one and what changed since, byte-identical to a {@link SnapshotBuilder
 * full build} of the same objects.
 *
 * <p><b>What it reads.</b> The changed paths' objects before and after; for every name those objects declare
 * (the "touched" names), its current declarers from the {@link ChangeSet} and, only where the base snapshot
 * does not already hold a declarer's contribution, that declarer's object; the base's records, effects and
 * edges of the touched nodes; the in-degree and in-list of each target of an edge that appears or disappears.
 * So the planning cost grows with the change (and with the number of files declaring a touched name, e.g. a
 * merged package whose member files withdrew something), not with the repository.
 *
 * <p><b>What it writes.</b> The whole new file, in one sequential pass per section over the base: runs of
 * untouched nodes and files are copied in bulk, with node, file, kind, type and language ids remapped through
 * flat arrays when entries were inserted or removed; touched entries are written from their new state; the
 * Bloom filter is re-hashed and the kind and effect bitmaps rebuilt only when the node set changed. That pass is
 * the only O(N + E) part, at copy speed; then the file is forced, hashed and renamed as a full build's is.
 *
 * <p>Immutable and thread-safe; each call has its own state.
 */
public final class IncrementalBuilder {
  private final BuildOptions options;

  /** A builder with {@code options}. */
  public IncrementalBuilder(BuildOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * What an incremental build did.
   *
   * @param result the new snapshot (written into the directory under its content name)
   * @param changedFiles paths whose object differed from the base's
   * @param touchedNames names those objects declared
   * @param extraObjectsRead objects read besides the changed ones (unchanged declarers of touched names)
   */
  public record Outcome(BuildResult result, int changedFiles, int touchedNames, int extraObjectsRead) {}

  /**
   * Builds the snapshot of the current objects from {@code baseSnapshot} and {@code changes} into {@code
   * directory}, named {@code <snapshotId>.gsnap}, crash-safely as {@link SnapshotBuilder#buildInto} does.
   *
   * @return the outcome, or empty if no path's object differs from the base's (nothing is written: the base is
   *     the build of the current objects)
   * @throws BaseUnusableException if the build cannot start from this base; nothing was written
   * @throws IOException if writing the new file fails
   */
  public Optional<Outcome> buildInto(Path baseSnapshot, ChangeSet changes, Path directory)
      throws IOException, BaseUnusableException {
    PhaseClock clock = new PhaseClock(options.progress());
    return DeltaBuild.run(baseSnapshot, changes, directory, options.layout(), clock);
  }
}
