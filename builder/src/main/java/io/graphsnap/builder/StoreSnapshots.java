package io.graphsnap.builder;

import io.graphsnap.builder.internal.delta.DeltaBuild;
import io.graphsnap.objects.ObjectIdList;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the snapshot of a store's current files and publishes it: the one step behind {@code graphsnap
 * snapshot} and the end of {@code graphsnap build}. Incremental when it can be: the store's build journal names
 * the last published build and the paths changed since; when nothing changed, the last build is republished
 * without writing anything; when the last build is unusable, a full build runs. Every way gives the same bytes.
 *
 * <p>Not thread-safe with other writers of the same store; the store's writer lock (held by {@link Store})
 * keeps other processes out.
 */
public final class StoreSnapshots {
  private StoreSnapshots() {}

  /**
   * The store's current files as an {@link ObjectSource} that reads and validates each object, in storage order
   * ({@link io.graphsnap.objects.ObjectStore#readInStorageOrder}: through each pack once, not jumping between packs
   * as path order would, each pack's pages released once read; the snapshot's bytes do not depend on the order).
   * Holds the files' object ids (32 bytes a file, {@link ObjectIdList}) until its first {@link ObjectSource#forEach}
   * ends, and lists them again for a later one, so that a build does not keep them beside its own columns.
   */
  public static ObjectSource currentObjects(Store store) {
    return new ObjectSource() {
      private ObjectIdList ids = store.currentObjectIds();
      private final int size = ids.size();

      @Override
      public long size() {
        return size;
      }

      @Override
      public void forEach(ObjectVisitor visitor) throws IOException {
        ObjectIdList listed = ids != null ? ids : store.currentObjectIds();
        ids = null;
        store.objects().readInStorageOrder(listed, (i, summary) -> visitor.visit(listed.get(i), summary));
      }
    };
  }

  /** Builds ({@link BuildMode#AUTO}) and publishes as {@code refs/HEAD}; see {@link #build}. */
  public static BuildResult buildAndPublish(Store store, BuildOptions options) throws IOException {
    return build(store, options, BuildMode.AUTO, List.of()).result();
  }

  /**
   * Builds ({@link BuildMode#AUTO}) and publishes as {@code refs/HEAD} and, if {@code ref} is not null, as ref
   * {@code ref} too (e.g. {@code main} or a commit id); see {@link #build}.
   *
   * @throws IllegalArgumentException if {@code ref} is not a ref name (1–64 letters, digits, {@code _}, {@code -})
   */
  public static BuildResult buildAndPublish(Store store, BuildOptions options, String ref) throws IOException {
    return build(store, options, BuildMode.AUTO, ref == null ? List.of() : List.of(ref)).result();
  }

  /**
   * Writes the layered delta of the store's current objects against its last build (the journal's last built
   * snapshot) into {@code directory}, as {@link DeltaFileWriter} does: O(change). Nothing is published and the
   * journal is left as it is, so the next delta again holds every change since that build (a chain of one layer).
   * Naming the pair in a ref is not done yet.
   *
   * @return the outcome, or empty if no file changed since the last build
   * @throws BaseUnusableException if there is no last build, it is missing, or it cannot be a base
   * @throws IOException if an object cannot be read or the write fails
   */
  public static Optional<DeltaFileWriter.Outcome> writeDelta(Store store, BuildOptions options, Path directory)
      throws IOException, BaseUnusableException {
    return writeDelta(store, options, directory, new StoreChangeSet(store));
  }

  private static Optional<DeltaFileWriter.Outcome> writeDelta(Store store, BuildOptions options, Path directory,
      StoreChangeSet changes) throws IOException, BaseUnusableException {
    Optional<String> last = store.index().journal().lastBuilt();
    if (last.isEmpty() || !Files.isRegularFile(store.layout().snapshotFile(last.get()))) {
      throw new BaseUnusableException("no previous build to write a delta against"
          + last.map(id -> " (" + id + " is missing from snapshots/)").orElse(""), null);
    }
    return new DeltaFileWriter(options).writeInto(store.layout().snapshotFile(last.get()), last.get(), changes,
        directory);
  }

  /**
   * Publishes the store's current files as its layered head (docs/LAYERED.md, {@link io.graphsnap.objects.LayerRef}):
   * the delta against the last build ({@link #writeDelta}) written into {@code layers/} and named by
   * {@code layers/CURRENT}, the previous delta deleted. When no file differs from the last build, the layered head is
   * removed instead (refs/HEAD is then the current graph). O(change); nothing is published to refs.
   *
   * @param maxChangedFiles more files changed since the last build than this: no layer (publish a snapshot instead)
   * @return the delta written, or empty if none was needed
   * @throws BaseUnusableException if there is no usable last build, or too many files changed (publish a snapshot
   *     instead; the message says which)
   * @throws BuildInputException if the layered dictionaries would overflow (publish a snapshot instead)
   */
  public static Optional<DeltaFileWriter.Outcome> publishLayer(Store store, BuildOptions options, int maxChangedFiles)
      throws IOException, BaseUnusableException {
    String base = store.index().journal().lastBuilt().orElse(null);
    if (options.layout() != io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED
        || lastLayout(store) != io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED) {
      throw new BaseUnusableException("layers are written over the fixed adjacency only, and "
          + (options.layout() != lastLayout(store) ? "this build asks for the " + options.layout().label() + " one"
              : "the last build has the compact one"), null);
    }
    StoreChangeSet changes = new StoreChangeSet(store);
    int changed = changes.changedPaths().size();
    if (changed > maxChangedFiles) {
      throw new BaseUnusableException(changed + " files changed since the last build (a layer holds at most "
          + maxChangedFiles + ")", null);
    }
    Optional<DeltaFileWriter.Outcome> delta = writeDelta(store, options, store.layersDirForWriting(), changes);
    if (delta.isEmpty()) {
      store.clearLayer();
    } else {
      store.publishLayer(base, delta.get().deltaId());
    }
    return delta;
  }

  /**
   * Builds the snapshot of every current file of {@code store} in its {@code tmp/} folder and publishes it
   * ({@code snapshots/<id>.gsnap}; {@code refs/HEAD} and every ref of {@code refs} replaced atomically, each with
   * a history entry; see {@link Store#publishSnapshot(Path, String, Collection)}). A failure leaves the
   * previously published snapshot in place.
   *
   * <p>Cost: {@link BuildMode#FULL} is O(V + E) plus sorting names. Incremental is proportional to the changed
   * files plus one sequential copy of the previous snapshot ({@link IncrementalBuilder}). Unchanged is
   * O(pending paths) plus opening the previous snapshot.
   *
   * @throws IOException if an object cannot be read (a {@code CorruptObjectException} names it) or a write fails
   * @throws IllegalArgumentException if a ref name is malformed
   */
  public static StoreBuild build(Store store, BuildOptions options, BuildMode mode, Collection<String> refs)
      throws IOException {
    List<String> refNames = new ArrayList<>(refs);
    refNames.forEach(io.graphsnap.objects.StoreLayout::checkRefName);
    Files.createDirectories(store.layout().tmpDir());
    String note = null;
    int pending = -1;
    Optional<String> last = mode == BuildMode.FULL ? Optional.empty() : store.index().journal().lastBuilt();
    if (mode == BuildMode.FULL) {
      note = "full build requested";
    } else if (last.isEmpty()) {
      note = "no previous build to start from";
    } else if (!Files.isRegularFile(store.layout().snapshotFile(last.get()))) {
      note = "the previous build " + last.get() + " is missing from snapshots/";
    } else if (layoutOf(store.layout().snapshotFile(last.get())) != options.layout()) {
      note = "the previous build has the " + layoutOf(store.layout().snapshotFile(last.get())).label()
          + " adjacency, this build writes the " + options.layout().label() + " one";
    } else {
      Path base = store.layout().snapshotFile(last.get());
      StoreChangeSet changes = new StoreChangeSet(store); // the pending paths read once, for the count and the build
      pending = changes.changedPaths().size();
      if (pending == 0) {
        return republish(store, base, last.get(), refNames, 0);
      }
      int files = pending > 16 ? store.index().fileCount() : 0; // counting the files walks the index
      if (mode == BuildMode.AUTO && pending > Math.max(16, files / 4)) {
        note = pending + " of " + files + " files changed: a full build is cheaper";
        changes = null; // the full build below holds no list of the changed paths
      } else {
        try {
          Optional<IncrementalBuilder.Outcome> built =
              new IncrementalBuilder(options).buildInto(base, changes, store.layout().tmpDir());
          if (built.isEmpty()) {
            return republish(store, base, last.get(), refNames, 0);
          }
          BuildResult r = built.get().result();
          return new StoreBuild(published(store, r, refNames), StoreBuild.How.INCREMENTAL, built.get().changedFiles(),
              Optional.empty());
        } catch (BaseUnusableException e) {
          note = e.getMessage();
        }
      }
    }
    BuildResult built = new SnapshotBuilder(options).buildInto(currentObjects(store), store.layout().tmpDir());
    return new StoreBuild(published(store, built, refNames), StoreBuild.How.FULL, pending, Optional.ofNullable(note));
  }

  /**
   * The adjacency layout of the last build ({@link io.graphsnap.format.snapshot.CompactCsrFormat.Layout#FIXED} if
   * there is none or it cannot be read): what a build keeps when it is not told a layout. O(header).
   */
  public static io.graphsnap.format.snapshot.CompactCsrFormat.Layout lastLayout(Store store) {
    Optional<String> last = store.index().journal().lastBuilt();
    if (last.isEmpty() || !Files.isRegularFile(store.layout().snapshotFile(last.get()))) {
      return io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED;
    }
    return layoutOf(store.layout().snapshotFile(last.get()));
  }

  /** The adjacency layout of a snapshot file, from its header (O(header)); unreadable files count as fixed. */
  private static io.graphsnap.format.snapshot.CompactCsrFormat.Layout layoutOf(Path snapshot) {
    try (io.graphsnap.format.snapshot.SnapshotFile f = io.graphsnap.format.snapshot.SnapshotFile.open(snapshot)) {
      return io.graphsnap.format.snapshot.CompactCsrFormat.layoutOf(f.header());
    } catch (IOException | RuntimeException e) {
      return io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED; // the incremental build's own checks report it
    }
  }

  private static BuildResult published(Store store, BuildResult built, List<String> refs) throws IOException {
    Path published = store.publishSnapshot(built.path(), built.snapshotId(), refs);
    return new BuildResult(built.snapshotId(), published, built.bytes(), built.nodeCount(), built.externalNodeCount(),
        built.edgeCount(), built.fileCount(), built.edgesByType(), built.nodesByKind(), built.conflicts(),
        built.phaseDurations(), built.sitesBytes());
  }

  /** Publishes the last build again (with the new refs) and describes it from its file. */
  private static StoreBuild republish(Store store, Path file, String id, List<String> refs, int changed)
      throws IOException {
    long start = System.nanoTime();
    Path published = store.publishSnapshot(file, id, refs);
    BuildResult d = DeltaBuild.describe(published, id, Map.of());
    BuildResult described = new BuildResult(id, published, d.bytes(), d.nodeCount(), d.externalNodeCount(),
        d.edgeCount(), d.fileCount(), d.edgesByType(), d.nodesByKind(), d.conflicts(),
        Map.of("reuse", Duration.ofNanos(System.nanoTime() - start)), d.sitesBytes());
    return new StoreBuild(described, StoreBuild.How.UNCHANGED, changed, Optional.empty());
  }
}
