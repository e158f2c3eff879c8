package io.graphsnap.objects;

import io.graphsnap.format.object.EncodedFile;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.format.object.SymbolSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One batch of changes to a store's files, applied to the index as one transaction: front ends (JSON
 * Lines ingest, the Java extractor, generators) {@link #put} summaries and {@link #delete} paths, then
 * {@link #commit()}. Mutable, used once, not thread-safe; obtained from {@link Store#beginUpdate()}, and
 * at most one is open per store.
 *
 * <p>Large inputs: {@link #checkpoint()} commits what is staged so far and keeps the update open, so that one
 * update can carry an input of any size in transactions of bounded size.
 *
 * <p>Durability: each {@code put} stages its object in an {@link ObjectBatch} (written, not yet synced) and
 * changes the index without committing; {@link #commit()} first makes every staged object durable under
 * its content name (one sync per object, one per touched folder), then commits the index in one MapDB
 * transaction. So a crash at any point leaves the index as it was before the update or as it is after
 * it, and the index never names an object that is not whole on disk. {@link #close()} without {@code
 * commit()} rolls back and deletes the staged files; a crash leaves them in {@code tmp/} (removed at the
 * next open) and possibly some renamed objects that nothing names (garbage for gc).
 *
 * <p>The rest of the index is kept up to date in the same transaction: when a path changes object, the
 * names its old object declared are forgotten (reading that object back) and the new object's names are
 * recorded; the old object's {@link ObjectRecord} is closed and the new one's opened; and the path joins
 * the {@link BuildJournal} of paths the next build must look at.
 */
public final class IndexUpdate implements AutoCloseable {
  private enum State { OPEN, COMMITTED, CLOSED }

  private final Store store;
  private final ObjectBatch objects;
  private final StoreIndex index;
  /** Each touched path's object before this transaction and after its changes so far. */
  private final TouchedPaths touched = new TouchedPaths();
  private final List<String> warnings = new ArrayList<>();
  /** The build generation changes of this update belong to, read once (no build publishes while it is open). */
  private long generation = -1;
  private volatile State state = State.OPEN; // read by prepare() on other threads

  IndexUpdate(Store store) {
    this.store = store;
    this.objects = store.objects().newBatch();
    this.index = store.index();
  }

  /**
   * Stages {@code summary}'s object and points its path at it (uncommitted; durable at {@link #commit()}).
   * A summary whose object is the one already indexed for its path writes nothing and returns {@link
   * FileChange#UNCHANGED}. O(size of the summary), plus the size of the old object when the path changes.
   *
   * @return the change relative to the index state just before this call
   */
  public FileChange put(FileSummary summary) throws IOException {
    checkOpen();
    return put(prepare(summary));
  }

  /**
   * Encodes {@code summary} and writes its object to a temporary file, for {@link #put(PreparedFile)}: the
   * expensive, independent part of a put. Thread-safe: may run on several threads at once while this update is
   * open; the caller puts or {@link PreparedFile#discard() discards} the result. O(size of the summary).
   *
   * @throws IllegalArgumentException if the encoded object is larger than the object size limit
   */
  public PreparedFile prepare(FileSummary summary) throws IOException {
    return prepare(LooseObjectCodec.encodeFile(summary));
  }

  /** As {@link #prepare(FileSummary)} for a file already encoded (by a front end that writes objects directly). */
  public PreparedFile prepare(EncodedFile file) throws IOException {
    checkOpen();
    return new PreparedFile(file, objects.prepare(file.objectBytes()));
  }

  /**
   * As {@link #put(FileSummary)} for a summary already {@link #prepare prepared}: stages its object and points its
   * path at it (uncommitted). On the update's thread, in input order. O(changed definitions) plus the size of the
   * old object when the path changes.
   */
  public FileChange put(PreparedFile prepared) throws IOException {
    checkOpen();
    EncodedFile file = prepared.file();
    ObjectId id = objects.adopt(prepared.object());
    String path = file.path();
    FileEntry entry = new FileEntry(path, id, file.sourceSha256());
    FileEntry current = index.putFileIfAbsent(entry); // a new path: indexed in one look-up
    touched.touch(path, current == null ? null : current.objectId(), id);
    if (current != null && current.objectId().equals(id)) {
      return FileChange.UNCHANGED;
    }
    if (current != null) {
      index.replaceFile(current, entry); // looked up already
      forgetDefinitions(current);
      index.reachability().stoppedBeingCurrent(current.objectId(), generation());
    }
    index.addDefinitions(id, file.symbolNames());
    index.reachability().becameCurrent(id, path, generation());
    index.journal().touch(path);
    index.logChange(path, id);
    return current == null ? FileChange.ADDED : FileChange.CHANGED;
  }

  /**
   * Compare-and-set: as {@link #put(FileSummary)}, but only if {@code summary}'s path holds what {@code
   * expected} says now (in this transaction, so after this update's own earlier changes). The writer lock
   * the store holds keeps every other writer out until {@link #commit()}, so the check stays true until the
   * commit: this is the optimistic concurrency check of a writer that read the path earlier.
   *
   * @throws WriteConflictException if the path holds something else; nothing is changed
   */
  public FileChange put(FileSummary summary, ExpectedObject expected) throws IOException {
    expect(summary.path(), expected);
    return put(summary);
  }

  /**
   * Compare-and-set: as {@link #delete(String)}, but only if {@code path} holds what {@code expected} says now.
   *
   * @throws WriteConflictException if the path holds something else; nothing is changed
   */
  public FileChange delete(String path, ExpectedObject expected) throws IOException {
    expect(path, expected);
    return delete(path);
  }

  /**
   * Checks that {@code path} (normalised first) holds what {@code expected} says, in this transaction.
   * O(log files).
   *
   * @throws WriteConflictException if it does not
   */
  public void expect(String path, ExpectedObject expected) throws WriteConflictException {
    checkOpen();
    String normal = RepoPaths.normalise(path);
    FileEntry current = index.file(normal);
    if (!expected.matches(current)) {
      throw new WriteConflictException(normal, expected, current);
    }
  }

  /**
   * Removes {@code path} from the index (uncommitted). The path is normalised first.
   *
   * @return {@link FileChange#DELETED}, or {@link FileChange#ABSENT} if it was not indexed
   * @throws io.graphsnap.format.object.InvalidSummaryException if {@code path} is not a valid repository path
   */
  public FileChange delete(String path) throws IOException {
    checkOpen();
    String normal = RepoPaths.normalise(path);
    FileEntry current = index.file(normal);
    touched.touch(normal, current == null ? null : current.objectId(), null);
    if (current == null) {
      return FileChange.ABSENT;
    }
    index.removeFile(normal);
    forgetDefinitions(current);
    index.reachability().stoppedBeingCurrent(current.objectId(), generation());
    index.journal().touch(normal);
    index.logChange(normal, null);
    return FileChange.DELETED;
  }

  /**
   * Removes every indexed path for which {@code keep} is false (uncommitted); the {@code --replace-all}
   * step. O(files). Returns the number of paths removed.
   */
  public int retainOnly(Predicate<String> keep) throws IOException {
    checkOpen();
    List<String> doomed = new ArrayList<>();
    index.forEachFile(e -> {
      if (!keep.test(e.path())) {
        doomed.add(e.path());
      }
    });
    for (String path : doomed) {
      delete(path);
    }
    return doomed.size();
  }

  /** Records a warning that will appear in the summary. */
  void warn(String warning) {
    warnings.add(warning);
  }

  /**
   * Makes every staged object durable ({@link ObjectBatch#commit()}), then commits every index change in one
   * MapDB transaction and returns what changed, per distinct path. O(touched paths) plus one
   * sync per new object and per touched folder. If the objects cannot be made durable, nothing is committed
   * and the update stays open (close it to roll back).
   */
  public UpdateSummary commit() throws IOException {
    checkOpen();
    UpdateSummary summary = commitRound();
    state = State.COMMITTED;
    store.updateEnded(this);
    objects.close();
    return summary;
  }

  /**
   * Commits what this update changed so far, as {@link #commit()} does, and keeps the update open: later changes
   * belong to a new transaction. A front end that ingests an input of any size checkpoints every so many files, so
   * that what one transaction holds (MapDB's write-ahead log, the staged packs, the commit log's entries, the
   * touched paths) stays bounded, and a crash or a failure later loses only the changes since. Returns what changed
   * since the update began or since the last checkpoint: a path touched again after a checkpoint counts against its
   * state at that checkpoint. O(touched paths) plus the syncs of {@link #commit()}.
   */
  public UpdateSummary checkpoint() throws IOException {
    checkOpen();
    UpdateSummary summary = commitRound();
    touched.clear();
    warnings.clear();
    return summary;
  }

  /** The number of distinct paths changed since the update began or since the last {@link #checkpoint()}. */
  public int touchedPaths() {
    return touched.size();
  }

  private UpdateSummary commitRound() throws IOException {
    UpdateSummary summary = touched.summary(warnings); // kept as the update went: no index look-up per path
    index.startPreparingCommit(); // the symbol run is sorted and written while the packs are forced
    objects.commit();
    index.commit();
    return summary;
  }

  /** Rolls back if not committed; idempotent. */
  @Override
  public void close() throws IOException {
    if (state == State.OPEN) {
      state = State.CLOSED;
      try {
        index.rollback();
      } finally {
        try {
          objects.close();
        } finally {
          store.updateEnded(this);
        }
      }
    }
  }

  private long generation() {
    if (generation < 0) {
      generation = index.reachability().nextGeneration();
    }
    return generation;
  }

  private void forgetDefinitions(FileEntry old) {
    List<String> names;
    try {
      FileSummary summary = objects.read(old.objectId());
      names = new ArrayList<>(summary.symbols().size());
      for (SymbolSummary symbol : summary.symbols()) {
        names.add(symbol.name());
      }
    } catch (IOException e) {
      int removed = index.removeAllDefinitionsOf(old.objectId());
      warnings.add("previous object of " + old.path() + " is unreadable (" + e.getMessage() + "); removed its "
          + removed + " symbol definitions by scanning the index");
      return;
    }
    index.removeDefinitions(old.objectId(), names);
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("update is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
  }
}
