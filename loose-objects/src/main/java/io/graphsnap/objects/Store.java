package io.graphsnap.objects;

import io.graphsnap.format.object.Hex;
import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.IndexLog;
import io.graphsnap.objects.internal.SafeFiles;
import io.graphsnap.objects.internal.StoreLock;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A store opened for writing: the loose objects, the index and the published snapshot, under the store's
 * writer lock. Ingest, build and gc open a {@code Store}; readers of snapshots need neither the lock nor
 * this class beyond the lock-free {@link #headSnapshot(Path)}.
 *
 * <p>Life cycle: {@link #open} takes the lock (failing with {@link StoreLockedException} if another
 * process still has it after the given wait), removes temporaries a crashed writer left in {@code tmp/},
 * opens the index and rolls the ref files forward to it; {@link #beginUpdate()} changes files; {@link
 * #publishSnapshot} installs a built snapshot and moves {@code refs/HEAD} (and named refs) to it; {@link
 * #collectGarbage} deletes what no kept ref reaches; {@link #close()} rolls back anything uncommitted and
 * releases the lock.
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
  private final List<String> warnings = new ArrayList<>();

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
    return open(dir, create, Duration.ZERO);
  }

  /**
   * Opens the store at {@code dir} for writing, waiting up to {@code lockWait} for another writer to
   * release the lock. Then rolls the ref files forward to the index (see {@link #publishSnapshot(Path,
   * String, Collection)}), which a crash may have left one step behind.
   *
   * @param create create the store if {@code dir} is missing or empty
   * @param lockWait how long to wait for the lock; {@link Duration#ZERO} tries once
   * @throws NoSuchFileException if there is no store at {@code dir} (and {@code create} is false), or
   *     {@code dir} is a non-empty folder that is not a store
   * @throws StoreLockedException if another process still holds the writer lock after the wait
   * @throws DamagedIndexException if {@code index.db} cannot be read
   */
  public static Store open(Path dir, boolean create, Duration lockWait) throws IOException {
    StoreLayout layout = StoreLayout.of(dir);
    StoreGuard.checkForWriting(layout);
    if (!SafeFiles.isDirectory(layout.objectsDir())) {
      if (!create) {
        throw new NoSuchFileException(layout.root().toString(), null,
            "not a graphsnap store (no objects/ folder); ingest something to create one");
      }
      if (Files.exists(layout.root()) && !isEmptyDirectory(layout.root())) {
        throw new NoSuchFileException(layout.root().toString(), null,
            "is not empty and not a graphsnap store; refusing to create a store there");
      }
      FileSync.createDirectories(layout.root());
      SafeFiles.ensureDirectory(layout.objectsDir());
    }
    SafeFiles.ensureDirectory(layout.tmpDir());
    StoreLock lock = StoreLock.acquire(layout.lockFile(), lockWait);
    StoreIndex index = null;
    try {
      SafeFiles.ensureDirectory(layout.snapshotsDir());
      SafeFiles.ensureDirectory(layout.refsDir());
      clearTemporaries(layout);
      Optional<IndexLog.State> torn = TornCommitRecovery.tornLog(layout);
      if (torn.isPresent()) {
        TornCommitRecovery.setAside(layout);
      } else {
        checkIndexPresent(layout);
      }
      index = StoreIndex.open(layout.indexFile(), layout.symbolsDir());
      Store store = new Store(layout, lock, index);
      store.warnings.addAll(index.upgradeNotes());
      if (torn.isPresent()) {
        try {
          store.warnings.addAll(TornCommitRecovery.recover(store, torn.get()));
        } catch (IOException | RuntimeException e) {
          throw new DamagedIndexException(layout.indexFile(), "its last commit was cut short by a crash and "
              + "rebuilding it from the published snapshot and the commit log failed: " + e.getMessage(), e);
        }
      }
      index.deleteUnlistedSymbolRuns(); // after a recovery too: the set-aside index's runs go
      store.rollRefFilesForward();
      return store;
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (index != null) {
          index.close();
        }
      } finally {
        lock.close();
      }
      throw e;
    }
  }

  /**
   * What {@link #open} had to repair, one line each (e.g. an index rebuilt after a commit cut short by a
   * crash); empty normally.
   */
  public List<String> openWarnings() {
    return List.copyOf(warnings);
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
   * The object ids of the indexed files, in path order: {@link #currentFiles()} without the paths and hashes, 32 bytes
   * a file ({@link ObjectIdList}) instead of about 240 in {@link FileEntry} objects. O(files).
   */
  public ObjectIdList currentObjectIds() {
    checkOpen();
    ObjectIdList ids = new ObjectIdList();
    index.forEachFile(e -> ids.add(e.objectId()));
    return ids;
  }

  /**
   * A new empty file in {@code tmp/}, on the store's file system, for the builder to write a snapshot
   * into before {@link #publishSnapshot publishing} it. Removed at the next open if left behind.
   */
  public Path newTempFile(String prefix, String suffix) throws IOException {
    checkOpen();
    return Files.createTempFile(layout.tmpDir(), prefix, suffix);
  }

  /** Publishes a finished snapshot as {@code refs/HEAD} only; see {@link #publishSnapshot(Path, String, Collection)}. */
  public Path publishSnapshot(Path builtFile, String snapshotIdHex) throws IOException {
    return publishSnapshot(builtFile, snapshotIdHex, List.of());
  }

  /**
   * Publishes a finished snapshot, declaring it the build of the current files: {@code refs/HEAD} and every
   * ref of {@code refNames} name it from now on.
   *
   * <p>Steps, in crash-safe order: (1) move {@code builtFile} to {@code snapshots/<id>.gsnap} (forced to disk,
   * atomic rename, folder forced; if that snapshot already exists, {@code builtFile} is deleted and the
   * existing file, which readers may have mapped, is kept); (2) one index transaction records the build
   * (it becomes {@link BuildJournal#lastBuilt()}, the pending paths are cleared and, unless this republishes
   * the last build unchanged, it gets the next generation) and sets each ref with a history entry; (3) each
   * ref file that does not already name the snapshot is replaced atomically. Republishing the last build under
   * refs that already name it writes nothing. A crash before (2) commits leaves the old state, plus at most an
   * unreferenced snapshot file; a crash after it leaves ref files that {@link #open} rolls forward, and an
   * error after it (a ref file that cannot be replaced) throws an {@link IOException} that says the snapshot
   * is published.
   * Readers of the old snapshot are not disturbed.
   *
   * @return the published snapshot file
   * @throws IllegalArgumentException if {@code snapshotIdHex} is not 64 lower-case hex digits or a ref name
   *     is malformed
   * @throws IllegalStateException if an update is open (its changes would be committed with the refs)
   */
  public Path publishSnapshot(Path builtFile, String snapshotIdHex, Collection<String> refNames) throws IOException {
    checkOpen();
    Path target = layout.snapshotFile(snapshotIdHex);
    Set<String> refs = new TreeSet<>();
    refs.add(StoreLayout.HEAD);
    for (String name : refNames) {
      refs.add(StoreLayout.checkRefName(name));
    }
    if (openUpdate != null) {
      throw new IllegalStateException("commit or close the open update before publishing a snapshot");
    }
    if (!Files.isRegularFile(builtFile)) {
      throw new NoSuchFileException(builtFile.toString(), null, "built snapshot file not found");
    }
    SafeFiles.ensureDirectory(layout.snapshotsDir());
    if (SafeFiles.checkFileIfPresent(target) && (Files.isSameFile(builtFile, target) || holdsContent(target, snapshotIdHex))) {
      if (!Files.isSameFile(builtFile, target)) {
        Files.delete(builtFile);
      }
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
    boolean indexChanged = false;
    Set<String> changedRefs = new TreeSet<>();
    // lastBuilt first: counting the pending paths walks their B-tree (tens of ms at a million files)
    boolean unchanged = index.journal().lastBuilt().filter(snapshotIdHex::equals).isPresent()
        && index.journal().pendingCount() == 0;
    if (!unchanged) {
      index.reachability().built(snapshotIdHex);
      index.journal().built(snapshotIdHex);
      indexChanged = true;
    }
    for (String name : refs) {
      if (index.refHistory().set(name, snapshotIdHex)) {
        changedRefs.add(name);
        indexChanged = true;
      }
    }
    if (indexChanged) {
      index.commit();
      try {
        index.resetLog(); // the publish holds every change logged so far
      } catch (IOException e) {
        // Harmless: replaying already published changes onto this snapshot gives this snapshot again.
      }
    }
    // The commit is the publish. A ref file that cannot be replaced now (disk full, permissions) does not undo
    // it: the next open for writing rolls the ref files forward. Say exactly that instead of a bare failure.
    for (String name : refs) {
      if (!refFileNames(name, snapshotIdHex)) {
        try {
          Refs.write(layout, name, snapshotIdHex);
        } catch (IOException e) {
          throw new IOException("snapshot " + snapshotIdHex + " is published (the index recorded it), but ref file "
              + name + " could not be replaced: " + e.getMessage() + "; lock-free readers see the previous snapshot"
              + " until the next command that opens " + layout.root() + " for writing rolls the ref files forward", e);
        }
      }
    }
    for (String name : changedRefs) {
      try {
        RefLogs.write(layout, name, index.refHistory().history(name));
      } catch (IOException e) {
        throw new IOException("snapshot " + snapshotIdHex + " is published, but the log of ref " + name + " could not "
            + "be replaced: " + e.getMessage() + "; the next command that opens " + layout.root()
            + " for writing rolls it forward", e);
      }
    }
    try {
      clearLayer(); // after the refs: a crash before this leaves a layer over the old HEAD, which readers ignore
    } catch (IOException e) {
      throw new IOException("snapshot " + snapshotIdHex + " is published, but the layer over the previous one could "
          + "not be removed: " + e.getMessage() + "; readers ignore it (its base is no longer HEAD) and the next "
          + "'graphsnap gc' removes it", e);
    }
    return target;
  }

  /**
   * Makes the delta {@code layers/<deltaId>.gdelta}, already written and forced to disk against the last build
   * {@code baseId}, the store's layered head ({@link LayerRef}): {@code layers/CURRENT} replaced atomically, then
   * the delta it named before deleted. Lock-free readers see the old head or the new one, never a mix.
   *
   * @throws IllegalArgumentException if {@code baseId} is not the last build (deltas hold every change since it)
   * @throws java.nio.file.NoSuchFileException if the delta file is not there
   */
  public void publishLayer(String baseId, String deltaId) throws IOException {
    checkOpen();
    if (!index.journal().lastBuilt().filter(baseId::equals).isPresent()) {
      throw new IllegalArgumentException("a layer's base must be the last build (" + index.journal().lastBuilt()
          .orElse("none") + "), not " + baseId);
    }
    Path delta = layout.layerFile(deltaId);
    if (!SafeFiles.isRegularFile(delta)) {
      throw new NoSuchFileException(delta.toString(), null, "delta file not found");
    }
    Optional<LayerRef.Layer> old = readLayerQuietly();
    LayerRef.write(layout, new LayerRef.Layer(baseId, deltaId));
    if (old.isPresent() && !old.get().deltaId().equals(deltaId)) {
      SafeFiles.deleteRegularFile(layout.layerFile(old.get().deltaId()));
    }
  }

  /**
   * {@code layers/}, created if missing (refusing a link or a file in its place): where delta writers put their
   * files before {@link #publishLayer}.
   */
  public Path layersDirForWriting() throws IOException {
    checkOpen();
    SafeFiles.ensureDirectory(layout.layersDir());
    return layout.layersDir();
  }

  /**
   * Removes the layered head, if any, and its delta file: the graph is refs/HEAD's again. Done by every
   * {@link #publishSnapshot} (a snapshot of the current files leaves nothing for a layer to add).
   */
  public void clearLayer() throws IOException {
    checkOpen();
    Optional<LayerRef.Layer> old = readLayerQuietly();
    if (SafeFiles.deleteRegularFile(layout.layerRefFile())) {
      FileSync.forceDirectory(layout.layersDir());
    }
    if (old.isPresent()) {
      SafeFiles.deleteRegularFile(layout.layerFile(old.get().deltaId()));
    }
  }

  /** The layer ref, or empty if there is none or it is damaged (then it is replaced or removed by the caller). */
  private Optional<LayerRef.Layer> readLayerQuietly() throws IOException {
    try {
      return LayerRef.read(layout);
    } catch (LayerRef.DamagedException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes the snapshots and loose objects that no kept ref reaches; see {@link GarbageCollector}.
   *
   * @param keep how many of the most recent snapshots of each ref's history to keep (at least 1)
   * @throws IllegalStateException if an update is open
   */
  public GcReport collectGarbage(int keep) throws IOException {
    checkOpen();
    if (openUpdate != null) {
      throw new IllegalStateException("commit or close the open update before collecting garbage");
    }
    GcReport report = new GarbageCollector(this, keep).run();
    syncRefLogs(); // gc forgets history entries outside each ref's window
    return report;
  }

  /**
   * Deletes ref {@code name}: its snapshot is no longer kept on its account (the next gc frees it unless another
   * ref or the last build keeps it), and its history goes too. {@code HEAD} cannot be deleted.
   *
   * <p>Steps, in crash-safe order: (1) one index transaction removes the ref and its history and records a
   * tombstone; (2) the ref file is deleted and {@code refs/} forced; (3) the ref log likewise. A crash before (1)
   * commits leaves the ref as it was; a crash after it leaves files that {@link #open} deletes (it finishes the
   * deletion from the tombstone). Lock-free readers see the ref until (2).
   *
   * @return the snapshot id the ref named
   * @throws IllegalArgumentException if {@code name} is {@code HEAD} or not a ref name
   * @throws NoSuchFileException if there is no such ref
   * @throws IllegalStateException if an update is open
   */
  public String deleteRef(String name) throws IOException {
    checkOpen();
    StoreLayout.checkRefName(name);
    if (name.equals(StoreLayout.HEAD)) {
      throw new IllegalArgumentException("HEAD names the published snapshot and cannot be deleted");
    }
    if (openUpdate != null) {
      throw new IllegalStateException("commit or close the open update before deleting a ref");
    }
    Optional<String> onDisk = readRefOrEmpty(name);
    Optional<String> was = index.refHistory().delete(name);
    if (was.isEmpty() && onDisk.isEmpty() && !SafeFiles.isRegularFile(layout.refFile(name))) {
      throw new NoSuchFileException(layout.refFile(name).toString(), null, "no ref named " + name);
    }
    if (was.isPresent()) {
      index.commit();
    }
    removeRefFiles(name);
    return was.or(() -> onDisk).orElse("");
  }

  /** Ref file {@code name}'s value; empty if it is missing or damaged. */
  private Optional<String> readRefOrEmpty(String name) {
    try {
      return Refs.read(layout, name);
    } catch (IOException damaged) {
      return Optional.empty();
    }
  }

  /** Deletes ref {@code name}'s file and log, each followed by a force of its folder. */
  private void removeRefFiles(String name) throws IOException {
    if (SafeFiles.deleteRegularFile(layout.refFile(name))) {
      FileSync.forceDirectory(layout.refsDir());
    }
    RefLogs.delete(layout, name);
  }

  /** Makes every ref log hold what the index has for its ref, and deletes the logs of refs the index lacks. */
  private void syncRefLogs() throws IOException {
    SortedMap<String, String> refs = index.refs();
    for (String name : refs.keySet()) {
      if (StoreLayout.isRefName(name)) {
        RefLogs.sync(layout, name, index.refHistory().history(name));
      }
    }
    if (SafeFiles.isDirectory(layout.logsDir())) {
      List<String> stale = new ArrayList<>();
      try (DirectoryStream<Path> logs = Files.newDirectoryStream(layout.logsDir())) {
        for (Path log : logs) {
          String name = log.getFileName().toString();
          if (StoreLayout.isRefName(name) && !refs.containsKey(name)) {
            stale.add(name);
          }
        }
      }
      for (String name : stale) {
        RefLogs.delete(layout, name);
      }
    }
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
    StoreGuard.checkForReading(layout);
    Optional<String> id = Refs.read(layout, StoreLayout.HEAD);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Path file = layout.snapshotFile(id.get());
    if (!SafeFiles.checkFileIfPresent(file)) {
      throw new NoSuchFileException(file.toString(), null, "refs/HEAD names snapshot " + id.get() + " but its file is missing");
    }
    return Optional.of(file);
  }

  /** True if ref file {@code name} exists and names {@code snapshotIdHex}. */
  private boolean refFileNames(String name, String snapshotIdHex) {
    try {
      return Refs.read(layout, name).filter(snapshotIdHex::equals).isPresent();
    } catch (IOException damaged) {
      return false;
    }
  }

  /**
   * Makes every ref file name what the index says, where that snapshot exists: after a crash between the
   * index commit and the ref files of {@link #publishSnapshot(Path, String, Collection)}; finishes deleting the
   * refs the index deleted ({@link #deleteRef}); and makes the ref logs match the index.
   */
  private void rollRefFilesForward() throws IOException {
    for (String deleted : index.refHistory().deleted()) {
      if (StoreLayout.isRefName(deleted) && index.refHistory().get(deleted).isEmpty()) {
        removeRefFiles(deleted);
      }
    }
    rollRefFileValuesForward();
    syncRefLogs();
  }

  private void rollRefFileValuesForward() throws IOException {
    for (Map.Entry<String, String> ref : index.refs().entrySet()) {
      if (!StoreLayout.isRefName(ref.getKey())) {
        continue;
      }
      Optional<String> onDisk;
      try {
        onDisk = Refs.read(layout, ref.getKey());
      } catch (IOException damaged) {
        onDisk = Optional.empty();
      }
      if (!onDisk.equals(Optional.of(ref.getValue())) && SafeFiles.isRegularFile(layout.snapshotFile(ref.getValue()))) {
        Refs.write(layout, ref.getKey(), ref.getValue());
      }
    }
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
        try {
          objects.close();
        } finally {
          lock.close();
        }
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed: " + layout.root());
    }
  }

  /**
   * A missing or empty {@code index.db} is a new store's, unless a snapshot was published: HEAD is written only
   * after an index commit, so then the index was lost, and opening a fresh one would silently forget every file.
   */
  private static void checkIndexPresent(StoreLayout layout) throws IOException {
    Path indexFile = layout.indexFile();
    boolean empty = !Files.isRegularFile(indexFile) || Files.size(indexFile) == 0;
    if (empty && Files.isRegularFile(layout.headFile())) {
      throw new DamagedIndexException(indexFile, "it is " + (Files.exists(indexFile) ? "empty" : "missing")
          + " but refs/HEAD names a published snapshot", null);
    }
  }

  /**
   * True if {@code file} holds the bytes its content name promises (SHA-256 = {@code idHex}): an existing
   * snapshot is only kept in place of a freshly built one when it does, so a damaged file is repaired by the
   * next build. O(size); only runs when a build produces a snapshot that already exists.
   */
  private static boolean holdsContent(Path file, String idHex) throws IOException {
    java.security.MessageDigest sha = ObjectId.sha256();
    try (java.nio.channels.FileChannel ch = SafeFiles.open(file, java.nio.file.StandardOpenOption.READ)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
      while (ch.read(buffer) >= 0) {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
      }
    }
    return Hex.of(sha.digest()).equals(idHex);
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!SafeFiles.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  private static void clearTemporaries(StoreLayout layout) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.tmpDir())) {
      for (Path entry : entries) {
        if (SafeFiles.isRegularFile(entry)) {
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
