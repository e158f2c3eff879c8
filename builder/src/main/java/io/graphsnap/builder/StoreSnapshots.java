package io.graphsnap.builder;

import io.graphsnap.objects.FileEntry;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Builds the snapshot of a store's current files and publishes it: the one step behind
 * {@code graphsnap snapshot} and the end of {@code graphsnap build}. Not thread-safe with other writers of
 * the same store; the store's writer lock (held by {@link Store}) keeps other processes out.
 */
public final class StoreSnapshots {
  private StoreSnapshots() {}

  /** The store's current files (path index order) as an {@link ObjectSource} that reads and validates each object. */
  public static ObjectSource currentObjects(Store store) {
    List<FileEntry> files = store.currentFiles();
    return new ObjectSource() {
      @Override
      public long size() {
        return files.size();
      }

      @Override
      public void forEach(ObjectVisitor visitor) throws IOException {
        for (FileEntry file : files) {
          visitor.visit(file.objectId(), store.objects().read(file.objectId()));
        }
      }
    };
  }

  /**
   * Builds the snapshot of every current file of {@code store} into its {@code tmp/} folder, then publishes it
   * ({@code snapshots/<id>.gsnap}, {@code refs/HEAD} replaced atomically). A failure leaves the previously
   * published snapshot in place. O(V + E) apart from sorting names.
   *
   * @throws IOException if an object cannot be read (a {@code CorruptObjectException} names it) or a write fails
   */
  public static BuildResult buildAndPublish(Store store, BuildOptions options) throws IOException {
    Files.createDirectories(store.layout().tmpDir());
    BuildResult built = new SnapshotBuilder(options).buildInto(currentObjects(store), store.layout().tmpDir());
    var published = store.publishSnapshot(built.path(), built.snapshotId());
    return new BuildResult(built.snapshotId(), published, built.bytes(), built.nodeCount(), built.externalNodeCount(),
        built.edgeCount(), built.fileCount(), built.edgesByType(), built.nodesByKind(), built.conflicts(),
        built.phaseDurations());
  }
}
