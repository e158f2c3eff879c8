package io.graphsnap.objects;

import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.StoreLock;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A store opened for writing: the loose objects, the index and the published snapshot, under the store's
 * writer lock. Ingest, build and gc open a {@code Store}; readers of snapshots need neither the lock nor
 * this class beyond the lock-free {@link #headSnapshot(Path)}.
 *
 * <p>Life cycle: {@link #open} takes the lock (failing at once with {@link StoreLockedException} if
 * another process has it), removes temporaries a crashed writer left in {@code tmp/} and opens the index;
 * {@link #beginUpdate()} changes files; {@link #publishSnapshot} installs a built snapshot and moves
 * {@code refs/HEAD} to it; {@link #close()} rolls back anything uncommitted and releases the lock.
 *
 * <p>Thread safety: one thread at a time should drive updates and publishing; {@link #objects()} may be
 * used from several threads.
 */
public final class Store implements AutoCloseable {
  private final StoreLayout layout;
  private final StoreLock lock;
  private final ObjectStore objects;
  private final StoreIndex index;
  private IndexUpdate openUpdate;
  private boolean closed;

  private Store(StoreLayout layout, StoreLock lock, StoreIndex index) {
    this.layout = layout;
    this.lock = lock;
    this.objects = new ObjectStore(layout);
    this.index = index;
  }

  /**
   * Opens the store at {@code dir} for writing.
   *
   * @param create create the store if {@code dir} is missing or empty
   * @throws NoSuchFileException if there is no store at {@code dir} (and {@code create} is false), or
   *     {@code dir} is a non-empty folder that is not a store
   * @throws StoreLockedException if another process holds the writer lock
   * @throws DamagedIndexException if {@code index.db} cannot be read
   */
  public static Store open(Path dir, boolean create) throws IOException {
    StoreLayout layout = StoreLayout.of(dir);
    if (!Files.isDirectory(layout.objectsDir())) {
      if (!create) {
        throw new NoSuchFileException(layout.root().toString(), null,
            "not a graphsnap store (no objects/ folder); ingest something to create one");
      }
      if (Files.exists(layout.root()) && !isEmptyDirectory(layout.root())) {
        throw new NoSuchFileException(layout.root().toString(), null,
            "is not empty and not a graphsnap store; refusing to create a store there");
      }
      FileSync.createDirectories(layout.objectsDir());
    }
    FileSync.createDirectories(layout.tmpDir());
    StoreLock lock = StoreLock.acquire(layout.lockFile());
    try {
      FileSync.createDirectories(layout.snapshotsDir());
      FileSync.createDirectories(layout.refsDir());
      clearTemporaries(layout);
      return new Store(layout, lock, StoreIndex.open(layout.indexFile()));
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** The paths of this store. */
  public StoreLayout layout() {
    return layout;
  }

  /** The loose objects. */
  public ObjectStore objects() {
    return objects;
  }

  /** The index. Direct changes to it are the caller's to commit; prefer {@link #beginUpdate()}. */
  public StoreIndex index() {
    return index;
  }

  /**
   * Starts a batch of file changes. At most one is open at a time.
   *
   * @throws IllegalStateException if another update is open or the store is closed
   */
  public IndexUpdate beginUpdate() {
    checkOpen();
    if (openUpdate != null) {
      throw new IllegalStateException("another update of " + layout.root() + " is open");
    }
    openUpdate = new IndexUpdate(this);
    return openUpdate;
  }

  void updateEnded(IndexUpdate update) {
    if (openUpdate == update) {
      openUpdate = null;
    }
  }

  /** Every current file (path and object id) sorted by path: what the builder compiles. O(files). */
  public List<FileEntry> currentFiles() {
    checkOpen();
    return index.fileList();
  }

  /**
   * A new empty file in {@code tmp/}, on the store's file system, for the builder to write a snapshot
   * into before {@link #publishSnapshot publishing} it. Removed at the next open if left behind.
   */
  public Path newTempFile(String prefix, String suffix) throws IOException {
    checkOpen();
    return Files.createTempFile(layout.tmpDir(), prefix, suffix);
  }

  /**
   * Publishes a finished snapshot: moves {@code builtFile} to {@code snapshots/<id>.gsnap} (atomic rename,
   * folder fsync; if that snapshot already exists, {@code builtFile} is deleted and the existing file,
   * which readers may have mapped, is kept), then replaces {@code refs/HEAD} atomically and records the ref
   * in the index. Readers of the old snapshot are not disturbed. A crash at any point leaves either the old
   * or the new HEAD, each naming a whole snapshot.
   *
   * @return the published snapshot file
   * @throws IllegalArgumentException if {@code snapshotIdHex} is not 64 lower-case hex digits
   * @throws IllegalStateException if an update is open (its changes would be committed with the ref)
   */
  public Path publishSnapshot(Path builtFile, String snapshotIdHex) throws IOException {
    checkOpen();
    Path target = layout.snapshotFile(snapshotIdHex);
    if (openUpdate != null) {
      throw new IllegalStateException("commit or close the open update before publishing a snapshot");
    }
    if (!Files.isRegularFile(builtFile)) {
      throw new NoSuchFileException(builtFile.toString(), null, "built snapshot file not found");
    }
    FileSync.createDirectories(layout.snapshotsDir());
    if (Files.isRegularFile(target)) {
      Files.delete(builtFile);
    } else {
      FileSync.forceFile(builtFile);
      try {
        FileSync.moveAtomically(builtFile, target);
      } catch (AtomicMoveNotSupportedException e) {
        // Built on another file system: copy next to the target first, then rename.
        Path copy = Files.createTempFile(layout.tmpDir(), "snapshot-", ".gsnap");
        Files.copy(builtFile, copy, StandardCopyOption.REPLACE_EXISTING);
        FileSync.forceFile(copy);
        FileSync.moveAtomically(copy, target);
        Files.delete(builtFile);
      }
    }
    Refs.write(layout, StoreLayout.HEAD, snapshotIdHex);
    index.setRef(StoreLayout.HEAD, snapshotIdHex);
    index.commit();
    return target;
  }

  /** The published snapshot's id, if any (read from {@code refs/HEAD}). */
  public Optional<String> headSnapshotId() throws IOException {
    return Refs.read(layout, StoreLayout.HEAD);
  }

  /** The published snapshot's file, if any. See {@link #headSnapshot(Path)}. */
  public Optional<Path> headSnapshot() throws IOException {
    return headSnapshot(layout);
  }

  /**
   * The published snapshot of the store at {@code storeDir}, without taking the lock (for readers).
   * Empty if nothing was published yet.
   *
   * @throws IOException naming the file if {@code refs/HEAD} is damaged or names a missing snapshot
   */
  public static Optional<Path> headSnapshot(Path storeDir) throws IOException {
    return headSnapshot(StoreLayout.of(storeDir));
  }

  private static Optional<Path> headSnapshot(StoreLayout layout) throws IOException {
    Optional<String> id = Refs.read(layout, StoreLayout.HEAD);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Path file = layout.snapshotFile(id.get());
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "refs/HEAD names snapshot " + id.get() + " but its file is missing");
    }
    return Optional.of(file);
  }

  /** Rolls back an open update, closes the index and releases the lock. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (openUpdate != null) {
        openUpdate.close();
      }
    } finally {
      try {
        index.close();
      } finally {
        lock.close();
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed: " + layout.root());
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  private static void clearTemporaries(StoreLayout layout) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.tmpDir())) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Store[" + layout.root() + "]";
  }
}
