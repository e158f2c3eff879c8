package io.graphsnap.objects;

import io.graphsnap.objects.internal.FileEntryCodec;
import io.graphsnap.objects.internal.FileEntryRuns;
import io.graphsnap.objects.internal.IndexLog;
import io.graphsnap.objects.internal.MapDbC2Workaround;
import io.graphsnap.objects.internal.ObjectRecordCodec;
import io.graphsnap.objects.internal.RecordLog;
import io.graphsnap.objects.internal.SymbolKeys;
import io.graphsnap.objects.internal.SymbolRuns;
import io.graphsnap.objects.internal.Uninterruptibly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import io.graphsnap.objects.internal.SafeFiles;
import org.mapdb.Serializer;

/**
 * The store's index in {@code index.db} (MapDB, write-ahead log on), {@code files/} and {@code symbols/}: path →
 * {@link FileEntry} (sorted runs in {@code files/}, listed in {@code index.db}; see {@link FileEntryRuns}); symbol name → sorted set of ids of the objects that declare it (sorted runs in {@code symbols/},
 * listed in {@code index.db}; see {@link SymbolRuns}); named refs with their history ({@link
 * #refHistory()}); the last build and the paths changed since ({@link #journal()}; the paths as sorted runs in
 * {@code pending/}, listed likewise); object id → reachability
 * record and snapshot id → build generation ({@link #reachability()}); and a small string → string
 * build-state map.
 *
 * <p>Changes are buffered in one MapDB transaction until {@link #commit()}; {@link #rollback()} discards
 * them. Callers commit only after the objects the changes point to are durable ({@link IndexUpdate} does
 * this), so a crash leaves the index pointing at whole objects. The symbol definitions of a transaction are
 * buffered (and spilled to sorted runs beyond a fixed size) and written as one sorted run at commit, made
 * durable before the MapDB commit that lists it: O(definitions · log definitions) sequential writes per batch
 * instead of one B-tree insert each. The index can always be rebuilt from the
 * loose objects, which are separate files.
 *
 * <p>Maps: {@code files} (String → entry bytes, see {@link FileEntryCodec}: schema 7 and older; moved to runs in
 * {@code files/} at open since schema 8), {@code symbols} (a set of
 * {@link SymbolKeys}: schema 2 and older; moved to runs at open since schema 3), {@code refs}, {@code refLog} and {@code build} (String → String; see {@link
 * RefHistory}), {@code pending} (a set of paths: schema 6 and older; moved to runs in {@code
 * pending/} at open since schema 7; see {@link BuildJournal}), {@code objects} (object id →
 * {@link ObjectRecord}: schema 6 and older; moved to runs in {@code records/} at open since schema 7) and {@code snapshots} (snapshot id → generation; see {@link GcReachability}).
 *
 * <p>Thread safety: lookups may run concurrently; the transaction is global to the index, so one writer
 * at a time (the holder of the store lock). A MapDB failure while reading surfaces as an {@link
 * UncheckedIOException} wrapping a {@link DamagedIndexException}.
 */
public final class StoreIndex implements AutoCloseable {
  /**
   * The layout of the index's maps this code writes; older indexes are upgraded at open. 2: reachability
   * records; 3: symbol definitions in sorted runs ({@code symbols/}) instead of the MapDB set {@code symbols};
   * 4: objects may lie in packs ({@code packs/}), which older versions cannot read (they would report packed objects
   * missing), so they refuse a schema-4 store with a message instead. Nothing moves from 3 to 4. 5: every commit that
   * changes a file entry also draws a new {@link #filesVersion()}, which a resident watch relies on to trust what it
   * remembers; a version that did not keep it up to date must not write such an index, so older versions refuse it.
   * Nothing moves from 4 to 5 (the upgrade draws the first version). 6: packs may hold compressed objects (pack
   * version 2), which older versions would take for damaged packs and leave out, so they refuse the store instead.
   * Nothing moves from 5 to 6 (packs of version 1 are still read). 7: the build journal's pending paths in sorted
   * runs ({@code pending/}) instead of the MapDB set {@code pending}, whose paths move to a run at open; an older
   * version would read the emptied set and build too little, so it refuses a schema-7 store; and the reachability
   * records in sorted runs ({@code records/}, a log folded when read: {@link RecordLog}) instead of the MapDB map
   * {@code objects}, whose records move likewise. 8: path → entry in sorted runs with a filter of their paths
   * ({@code files/}, {@link FileEntryRuns}) instead of the MapDB map {@code files}, whose entries move there at open; an
   * older version would read the emptied map and see no files, so it refuses a schema-8 store.
   */
  public static final int SCHEMA = 8;
  /** Below this much free space, a MapDB failure is reported as the file system being full, not as damage. */
  private static final long LOW_SPACE_BYTES = 1 << 20;
  /** Build-state key of {@link #filesVersion()}. */
  private static final String FILES_VERSION_KEY = "filesVersion";
  /** Draws the files versions (thread-safe); unpredictable, so two indexes never share one by chance. */
  private static final java.security.SecureRandom VERSIONS = new java.security.SecureRandom();
  private static final String SCHEMA_KEY = "schema";
  /** Build-state key of the committed list of symbol runs, oldest first, one name per line. */
  private static final String SYMBOL_RUNS_KEY = "symbolRuns";
  /** The folder of symbol runs, beside {@code index.db}: {@code <store>/symbols}. */
  public static final String SYMBOLS_DIR = "symbols";
  /** Build-state key of the committed list of pending-path runs, oldest first, one name per line. */
  private static final String PENDING_RUNS_KEY = "pendingRuns";
  /** The folder of the build journal's pending-path runs, beside the symbol folder: {@code <store>/pending}. */
  public static final String PENDING_DIR = "pending";
  /** Build-state key of the committed list of path → entry runs, oldest first, one name per line. */
  private static final String FILE_RUNS_KEY = "fileRuns";
  /** The folder of the path → entry runs, beside the symbol folder: {@code <store>/files}. */
  public static final String FILES_DIR = "files";
  /** Build-state key of the committed list of reachability-record runs, oldest first, one name per line. */
  private static final String RECORD_RUNS_KEY = "recordRuns";
  /** The folder of the reachability records' runs, beside the symbol folder: {@code <store>/records}. */
  public static final String RECORDS_DIR = "records";

  private final Path file;
  private final DB db;
  /** The MapDB path → entry map of schema 7 and older, emptied into {@link #files} by {@link #upgrade()}. */
  private final BTreeMap<String, byte[]> legacyFiles;
  private final FileEntryRuns files;
  /** The MapDB symbol set of schema 2 and older, emptied into {@link #symbolRuns} by {@link #upgrade()}. */
  private final NavigableSet<byte[]> legacySymbols;
  private final SymbolRuns symbolRuns;
  /** The MapDB pending-path set of schema 5 and older, emptied into {@link #pendingRuns} by {@link #upgrade()}. */
  private final NavigableSet<String> legacyPending;
  /** The build journal's pending paths (UTF-8 keys). */
  private final SymbolRuns pendingRuns;
  /** The MapDB object id → record map of schema 5 and older, emptied into {@link #recordRuns} by {@link #upgrade()}. */
  private final BTreeMap<byte[], byte[]> legacyRecords;
  /** The reachability records' log ({@link io.graphsnap.objects.internal.RecordLog} keys). */
  private final SymbolRuns recordRuns;
  private final List<String> upgradeNotes = new ArrayList<>();
  private final BTreeMap<String, String> build;
  private final RefHistory refHistory;
  private final BuildJournal journal;
  private final GcReachability reachability;
  private final IndexLog log;
  /** The file changes of the open transaction, written to the commit log at {@link #commit()}. */
  private final IndexLog.Changes changes = new IndexLog.Changes();
  /** Whether the open transaction put or removed a file entry (then its commit draws a new files version). */
  private boolean filesChanged;
  /** The symbol runs' commit being prepared in the background ({@link #startPreparingCommit()}), or null. */
  private java.util.concurrent.Future<List<String>> symbolsPreparing;
  /** The file-entry runs' commit being prepared in the background ({@link #startPreparingCommit()}), or null. */
  private java.util.concurrent.Future<List<String>> filesPreparing;

  private StoreIndex(Path file, DB db, IndexLog log, FileEntryRuns files, SymbolRuns symbolRuns,
      SymbolRuns pendingRuns, SymbolRuns recordRuns) {
    this.file = file;
    this.db = db;
    this.log = log;
    this.files = files;
    this.legacyFiles = db.treeMap("files", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    this.legacySymbols = db.treeSet("symbols", Serializer.BYTE_ARRAY).createOrOpen();
    BTreeMap<String, String> refs = db.treeMap("refs", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.build = db.treeMap("build", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.symbolRuns = symbolRuns;
    this.pendingRuns = pendingRuns;
    this.recordRuns = recordRuns;
    this.legacyRecords = db.treeMap("objects", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
    this.legacyPending = db.treeSet("pending", Serializer.STRING).createOrOpen();
    this.refHistory = new RefHistory(this, refs,
        db.treeMap("refLog", Serializer.STRING, Serializer.STRING).createOrOpen(),
        db.treeMap("refTimes", Serializer.STRING, Serializer.LONG).createOrOpen(), build);
    this.journal = new BuildJournal(this, pendingRuns, build);
    this.reachability = new GcReachability(this, recordRuns,
        db.treeMap("snapshots", Serializer.STRING, Serializer.LONG).createOrOpen(), build);
  }

  /**
   * Opens (or creates) the index at {@code indexFile} with its symbol runs in the folder {@value #SYMBOLS_DIR}
   * beside it. The caller holds the store lock.
   *
   * @throws DamagedIndexException if MapDB cannot read the file or a listed symbol run is missing or damaged
   * @throws StoreLockedException if MapDB finds the file locked by another process
   */
  public static StoreIndex open(Path indexFile) throws IOException {
    return open(indexFile, indexFile.resolveSibling(SYMBOLS_DIR));
  }

  /**
   * Opens (or creates) the index at {@code indexFile} with its symbol runs in {@code symbolsDir} (created if
   * missing; on the same file system). An index of an older schema is upgraded and committed at once ({@link
   * #upgradeNotes()} says what was done). The caller holds the store lock.
   *
   * @throws DamagedIndexException if MapDB cannot read the file or a listed symbol run is missing or damaged
   * @throws StoreLockedException if MapDB finds the file locked by another process
   */
  public static StoreIndex open(Path indexFile, Path symbolsDir) throws IOException {
    MapDbC2Workaround.apply();
    deleteIfEmpty(indexFile); // MapDB opens index.db and its .wal.N files itself: StoreGuard checked them
    DB db = null;
    IndexLog log = null;
    try {
      log = IndexLog.open(IndexLog.fileOf(indexFile));
      // FileChannel volumes: one pread/pwrite per access, where the default RandomAccessFile volume seeks first and
      // reads some values a byte per call (an ingest of 20,000 files made 2.3 M reads and 1.9 M seeks). Not mmap:
      // MapDB unmaps only through sun.misc.Unsafe (a warning on every run) or at GC, which keeps the space of
      // deleted write-ahead logs taken (TmpfsDiskFullTest).
      db = DBMaker.fileDB(indexFile.toFile()).fileChannelEnable().transactionEnable().make();
      BTreeMap<String, String> build = db.treeMap("build", Serializer.STRING, Serializer.STRING).createOrOpen();
      List<SymbolRuns> opened = new ArrayList<>();
      FileEntryRuns files = null;
      try {
        Path filesDir = symbolsDir.resolveSibling(FILES_DIR);
        // merges between commits, on threads of their own: a long ingest's checkpoints do not wait for them
        files = FileEntryRuns.open(filesDir, filesDir, listedRuns(build, FILE_RUNS_KEY)).mergeInBackground();
        opened.add(SymbolRuns.open(symbolsDir, symbolsDir, listedRuns(build, SYMBOL_RUNS_KEY)).mergeInBackground());
        Path pendingDir = symbolsDir.resolveSibling(PENDING_DIR);
        opened.add(SymbolRuns.open(pendingDir, pendingDir, listedRuns(build, PENDING_RUNS_KEY)).mergeInBackground());
        Path recordsDir = symbolsDir.resolveSibling(RECORDS_DIR);
        opened.add(SymbolRuns.open(recordsDir, recordsDir, listedRuns(build, RECORD_RUNS_KEY), SymbolRuns.MAX_BUFFERED,
            RecordLog.COMPACTOR).mergeInBackground());
        StoreIndex index = new StoreIndex(indexFile, db, log, files, opened.get(0), opened.get(1), opened.get(2));
        index.upgrade();
        return index;
      } catch (IOException | RuntimeException | Error e) {
        opened.forEach(StoreIndex::closeQuietly);
        closeQuietly(files);
        throw e;
      }
    } catch (DBException.FileLocked e) {
      closeQuietly(log);
      throw new StoreLockedException(indexFile,
          "MapDB's lock on index.db is held, by another process or by an earlier failed open in this one");
    } catch (DBException | IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException
        | ClassCastException | NullPointerException | ArithmeticException e) {
      closeQuietly(db);
      closeQuietly(log);
      if (e instanceof DBException dbe && ioCause(dbe) != null) {
        throw unwritable(indexFile, "open", dbe);
      }
      throw new DamagedIndexException(indexFile, describe(e), e);
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(db);
      closeQuietly(log);
      throw e;
    }
  }

  /** The run names listed under build-state key {@code key}, oldest first. */
  private static List<String> listedRuns(BTreeMap<String, String> build, String key) {
    String listed = build.get(key);
    return listed == null || listed.isEmpty() ? List.of() : List.of(listed.split("\n"));
  }

  /** The index file. */
  public Path file() {
    return file;
  }

  // ---------------------------------------------------------------- files

  /**
   * The entry of {@code path}, or {@code null} if it is not indexed. O(runs) filter words, plus a block read in the
   * run that holds the path: O(log files) runs ({@link FileEntryRuns}).
   */
  public FileEntry file(String path) {
    checkOpen();
    byte[] value = files.get(path);
    return value == null ? null : decode(path, value);
  }

  /** A sorted copy of path → entry. O(files). */
  public SortedMap<String, FileEntry> files() {
    TreeMap<String, FileEntry> copy = new TreeMap<>();
    forEachFile(e -> copy.put(e.path(), e));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** The entries sorted by path (as UTF-8 bytes: code point order). O(files). */
  public List<FileEntry> fileList() {
    List<FileEntry> list = new ArrayList<>();
    forEachFile(list::add);
    return list;
  }

  /** Calls {@code action} on each entry in path order (as UTF-8 bytes), without copying the map. O(files). */
  public void forEachFile(Consumer<FileEntry> action) {
    checkOpen();
    files.forEach((path, value) -> action.accept(decode(path, value)));
  }

  /** The number of indexed files. O(files): merges the runs. */
  public int fileCount() {
    checkOpen();
    return (int) Math.min(Integer.MAX_VALUE, files.count());
  }

  /** Indexes {@code entry} (uncommitted); returns the previous entry of its path or {@code null}. */
  public FileEntry putFile(FileEntry entry) {
    checkOpen();
    filesChanged = true;
    byte[] previous = files.put(entry.path(), FileEntryCodec.encode(entry));
    return previous == null ? null : decode(entry.path(), previous);
  }

  /**
   * Indexes {@code entry} if its path has no entry yet (uncommitted) and returns {@code null}; otherwise changes nothing
   * and returns the path's entry. One look-up, where {@link #file} then {@link #putFile} take two.
   */
  public FileEntry putFileIfAbsent(FileEntry entry) {
    checkOpen();
    byte[] current = files.putIfAbsent(entry.path(), FileEntryCodec.encode(entry));
    if (current == null) {
      filesChanged = true;
      return null;
    }
    return decode(entry.path(), current);
  }

  /**
   * Points {@code entry}'s path at it (uncommitted), given the path's entry that {@link #file} or {@link
   * #putFileIfAbsent} just returned in this transaction ({@code current}): no second look-up.
   */
  public void replaceFile(FileEntry current, FileEntry entry) {
    checkOpen();
    filesChanged = true;
    files.replace(entry.path(), current == null ? null : FileEntryCodec.encode(current), FileEntryCodec.encode(entry));
  }

  /** Removes {@code path} (uncommitted); returns its entry or {@code null}. */
  public FileEntry removeFile(String path) {
    checkOpen();
    filesChanged = true;
    byte[] previous = files.remove(path);
    return previous == null ? null : decode(path, previous);
  }

  /**
   * A value that changes with every committed change to the file entries (a random 64-bit draw per such commit, in
   * the same transaction) and with nothing else: while it is what it was, no writer has changed any path's entry
   * since. Null for an index that has none (never for one this version opened). O(1).
   */
  public String filesVersion() {
    return guard(() -> build.get(FILES_VERSION_KEY));
  }

  // ---------------------------------------------------------------- symbols

  /** Records that object {@code id} declares every name in {@code names} (uncommitted). */
  public void addDefinitions(ObjectId id, Collection<String> names) {
    checkOpen();
    try {
      for (String name : names) {
        symbolRuns.add(SymbolKeys.key(name, id));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets that object {@code id} declares the names in {@code names} (uncommitted). */
  public void removeDefinitions(ObjectId id, Collection<String> names) {
    checkOpen();
    try {
      for (String name : names) {
        symbolRuns.remove(SymbolKeys.key(name, id));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Forgets every name declared by {@code id} when its object cannot be read to list them; scans the whole
   * symbol set, O(symbols). Returns the number of definitions removed.
   */
  public int removeAllDefinitionsOf(ObjectId id) {
    checkOpen();
    List<byte[]> doomed = new ArrayList<>();
    symbolRuns.forEachLive(key -> {
      if (SymbolKeys.objectId(key).equals(id)) {
        doomed.add(key);
      }
    });
    try {
      for (byte[] key : doomed) {
        symbolRuns.remove(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return doomed.size();
  }

  /**
   * The ids of the objects that declare {@code name}, sorted, this transaction's changes included. O(runs · (log
   * blocks + one block) + result), runs being O(log definitions).
   */
  public List<ObjectId> definers(String name) {
    checkOpen();
    return symbolRuns.definers(name);
  }

  /** The number of (name, object) definitions. O(definitions): merges every run. */
  public int definitionCount() {
    checkOpen();
    return (int) Math.min(Integer.MAX_VALUE, symbolRuns.count());
  }

  /** What opening this index upgraded (one line each); empty when it was current. */
  public List<String> upgradeNotes() {
    return List.copyOf(upgradeNotes);
  }

  /**
   * Deletes files in the symbol folder that the committed index does not list: runs written before a crash cut
   * their commit short, runs a merge replaced, runs of an index that a recovery or rebuild replaced. Call when no
   * other index over the same folder is open (the store lock's holder, at open). Returns how many it deleted.
   */
  public int deleteUnlistedSymbolRuns() throws IOException {
    checkOpen();
    return files.deleteUnlisted() + symbolRuns.deleteUnlisted() + pendingRuns.deleteUnlisted()
        + recordRuns.deleteUnlisted();
  }

  // ---------------------------------------------------------------- refs and build state

  /** The named refs and their history. */
  public RefHistory refHistory() {
    return refHistory;
  }

  /** The last build and the paths changed since. */
  public BuildJournal journal() {
    return journal;
  }

  /** Build generations and the reachability record of every tracked object. */
  public GcReachability reachability() {
    return reachability;
  }

  /** The snapshot id recorded for ref {@code name}, if any. */
  public Optional<String> ref(String name) {
    return refHistory.get(name);
  }

  /** Records ref {@code name} → {@code snapshotIdHex} with a history entry if it changes (uncommitted). */
  public void setRef(String name, String snapshotIdHex) {
    refHistory.set(name, snapshotIdHex);
  }

  /** A sorted copy of every recorded ref. */
  public SortedMap<String, String> refs() {
    return refHistory.all();
  }

  /** The build-state value of {@code key}, if any. */
  public Optional<String> buildState(String key) {
    return Optional.ofNullable(guard(() -> build.get(key)));
  }

  /** Sets a build-state value (uncommitted). */
  public void putBuildState(String key, String value) {
    guard(() -> build.put(key, value));
  }

  /** Removes a build-state value (uncommitted). */
  public void removeBuildState(String key) {
    guard(() -> build.remove(key));
  }

  /**
   * Brings an index written by an older version, or a new empty one, to {@link #SCHEMA}: every current
   * file's object gets a reachability record (current since the first generation). Committed at once.
   */
  private void upgrade() throws IOException {
    String found = guard(() -> build.get(SCHEMA_KEY));
    int schema;
    try {
      schema = found == null ? 0 : Integer.parseInt(found);
    } catch (NumberFormatException e) {
      throw new DamagedIndexException(file, "its schema is '" + found + "', not a number", e);
    }
    if (schema > SCHEMA) {
      throw new IOException(file + " has index schema " + schema + ", written by a newer graphsnap; this version "
          + "reads schemas up to " + SCHEMA + " (use the newer version, or 'graphsnap index rebuild' to rebuild the "
          + "index in this version's schema)");
    }
    if (schema == SCHEMA) {
      return;
    }
    if (schema == 2 && !symbolRuns.names().isEmpty()) {
      // Only schema 3 lists runs: a graphsnap of schema 2 wrote this index after an upgrade (its open sets the schema
      // back to 2) and changed files without changing the runs, so the definitions no longer match the files.
      throw new DamagedIndexException(file, "it has schema " + schema + " but lists symbol runs: an older graphsnap "
          + "wrote to it after this version had upgraded it, so its symbol definitions are out of date", null);
    }
    moveToRuns(schema, legacyFiles.entrySet(), legacyFiles::clear, e -> files.put(e.getKey(), e.getValue()),
        "file entries", FILES_DIR); // first: the steps below read the files
    if (schema < 2) {
      long generation = reachability.nextGeneration();
      forEachFile(e -> {
        if (guard(() -> !legacyRecords.containsKey(e.objectId().toBytes()))) { // moved to the runs below otherwise
          reachability.put(e.objectId(), ObjectRecord.currentSince(e.path(), generation));
        }
      });
    }
    moveToRuns(schema, legacySymbols, legacySymbols::clear, key -> { // sorted as unsigned bytes, like the runs
      try {
        symbolRuns.add(key);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "symbol definitions", SYMBOLS_DIR);
    moveToRuns(schema, legacyRecords.entrySet(), legacyRecords::clear, e -> {
      ObjectId id = ObjectId.fromBytes(e.getKey());
      try {
        reachability.put(id, ObjectRecordCodec.decode(id.hex(), e.getValue()));
      } catch (IllegalArgumentException bad) {
        throw damaged(bad.getMessage(), bad);
      }
    }, "reachability records", RECORDS_DIR);
    moveToRuns(schema, legacyPending, legacyPending::clear, journal::touch, "pending paths of the build journal",
        PENDING_DIR);
    guard(() -> build.put(SCHEMA_KEY, String.valueOf(SCHEMA)));
    drawFilesVersion(); // what older versions wrote may have changed files without a version
    commit();
  }

  /**
   * Moves every element of {@code legacy}, a MapDB collection of an older schema, into runs with {@code move}, then
   * empties it with {@code clear} and notes what moved to folder {@code dir} (uncommitted).
   */
  private <T> void moveToRuns(int schema, Iterable<T> legacy, Runnable clear, Consumer<T> move, String what,
      String dir) {
    long moved = guard(() -> {
      long n = 0;
      for (T element : legacy) {
        move.accept(element);
        n++;
      }
      return n;
    });
    if (moved > 0) {
      guard(() -> {
        clear.run();
        return null;
      });
      upgradeNotes.add("index upgraded from schema " + schema + " to " + SCHEMA + ": " + moved + " " + what
          + " moved from index.db to sorted runs in " + dir + "/ (done once)");
    }
  }

  private void drawFilesVersion() {
    String version = Long.toHexString(VERSIONS.nextLong());
    guard(() -> build.put(FILES_VERSION_KEY, version));
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Makes every change since the last commit durable, atomically. MapDB 3.1.0 alone cannot promise that (it does
   * not replay its write-ahead log on open, so a commit cut short can leave {@code index.db} half-written), so
   * each commit is framed in the {@link IndexLog commit log}: a BEGIN record with this transaction's file changes
   * is forced to disk first, an END record after MapDB's commit returned. A log ending in BEGIN makes the next
   * {@link Store#open} rebuild the index from the published snapshot and the completed commits.
   */
  public void commit() throws IOException {
    checkOpen();
    awaitPreparing(); // a failure there is thrown by the prepareCommit below, which prepares again
    List<String> fileRuns = files.prepareCommit(); // durable before anything lists them
    List<String> runs = symbolRuns.prepareCommit();
    List<String> pending = pendingRuns.prepareCommit();
    List<String> records = recordRuns.prepareCommit();
    guard(() -> {
      build.put(FILE_RUNS_KEY, String.join("\n", fileRuns));
      build.put(SYMBOL_RUNS_KEY, String.join("\n", runs));
      build.put(PENDING_RUNS_KEY, String.join("\n", pending));
      build.put(RECORD_RUNS_KEY, String.join("\n", records));
      return build.put(GcReachability.NEXT_SEQ, reachability.seqToCommit());
    });
    if (filesChanged) {
      drawFilesVersion();
    }
    log.begin(changes);
    try {
      db.commit();
    } catch (DBException e) {
      throw failure("commit", e);
    }
    try {
      symbolRuns.committed();
    } catch (IOException e) {
      // Harmless: the replaced runs are no longer listed, and the next open deletes them.
    }
    try {
      files.committed();
    } catch (IOException e) {
      // Harmless: the replaced runs are no longer listed, and the next open deletes them.
    }
    try {
      pendingRuns.committed();
      recordRuns.committed();
    } catch (IOException e) {
      // Harmless, as above.
    }
    changes.clear();
    filesChanged = false;
    try {
      log.end();
    } catch (IOException e) {
      throw new IOException("the index change is committed (is published in " + file.getFileName()
          + "), but its commit log record could not be completed: " + e.getMessage() + "; if the process dies "
          + "before the next commit, the next open rebuilds the index without this change", e);
    }
  }

  /**
   * Starts writing this transaction's symbol definitions and file entries as runs (and the merges the size rule asks
   * for) on other threads (one each), so that the caller can make the objects durable meanwhile; {@link #commit()}
   * waits for them, and {@link #rollback()} and {@link #close()} too. Neither must change until then. {@link IndexUpdate} calls it.
   */
  void startPreparingCommit() {
    checkOpen();
    if (symbolsPreparing == null) {
      symbolsPreparing = symbolRuns.prepareCommitInBackground();
    }
    if (filesPreparing == null) {
      filesPreparing = files.prepareCommitInBackground();
    }
  }

  /** Waits for {@link #startPreparingCommit()}'s work, if any; its failure is left for the caller's next step. */
  private void awaitPreparing() {
    java.util.concurrent.Future<List<String>> symbols = symbolsPreparing;
    java.util.concurrent.Future<List<String>> fileEntries = filesPreparing;
    symbolsPreparing = null;
    filesPreparing = null;
    for (java.util.concurrent.Future<List<String>> preparing : java.util.Arrays.asList(symbols, fileEntries)) {
      if (preparing == null) {
        continue;
      }
      try {
        Uninterruptibly.get(preparing); // never leave it writing
      } catch (java.util.concurrent.ExecutionException e) {
        // a commit prepares again on its own thread and throws what failed; a rollback discards it
      }
    }
  }

  /** Discards every change since the last commit. */
  public void rollback() throws IOException {
    awaitPreparing();
    changes.clear();
    filesChanged = false;
    files.rollback();
    symbolRuns.rollback();
    pendingRuns.rollback();
    recordRuns.rollback();
    try {
      db.rollback();
    } catch (DBException e) {
      throw failure("rollback", e);
    }
  }

  /** Records that this transaction points {@code path} at {@code id} ({@code null}: deletes it), for the log. */
  void logChange(String path, ObjectId id) {
    changes.add(path, id);
  }

  /** Empties the commit log: the committed publish holds every change logged so far. */
  void resetLog() throws IOException {
    log.reset();
  }

  /** Replaces the commit log with one completed commit of {@code entries} (after a recovery). */
  void rewriteLog(List<IndexLog.Entry> entries) throws IOException {
    log.rewrite(entries);
  }

  /** True once {@link #close()} has run. */
  public boolean isClosed() {
    return db.isClosed();
  }

  /** Discards uncommitted changes and closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (db.isClosed()) {
      return;
    }
    // No rollback first: closing discards uncommitted changes by itself (the write-ahead log replays only
    // commits), and MapDB 3.1.0 leaks one descriptor of index.db.wal.* per session that called rollback.
    awaitPreparing();
    try {
      try {
        try {
          files.close(); // deletes the runs of an uncommitted transaction
        } finally {
          symbolRuns.close();
        }
      } finally {
        try {
          pendingRuns.close();
        } finally {
          recordRuns.close();
        }
      }
    } finally {
      try {
        db.close();
      } catch (DBException e) {
        throw failure("close", e);
      } finally {
        log.close();
      }
    }
  }

  private FileEntry decode(String path, byte[] value) {
    try {
      return FileEntryCodec.decode(path, value);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException(new DamagedIndexException(file, e.getMessage(), e));
    }
  }

  /** The unchecked form of a {@link DamagedIndexException} about this index. */
  UncheckedIOException damaged(String problem, Throwable cause) {
    return new UncheckedIOException(new DamagedIndexException(file, problem, cause));
  }

  private void checkOpen() {
    if (db.isClosed()) {
      throw new IllegalStateException("index is closed: " + file);
    }
  }

  /** Runs {@code action} on the open index, turning MapDB failures into {@link DamagedIndexException}s. */
  <T> T guard(Supplier<T> action) {
    checkOpen();
    try {
      return action.get();
    } catch (DBException e) {
      throw new UncheckedIOException(failure("update", e));
    }
  }

  /**
   * What a MapDB failure means: an I/O error underneath (disk full, permission denied, read-only file system)
   * is reported as such, since the write-ahead log keeps the last committed state; anything else is damage.
   */
  private IOException failure(String what, DBException e) {
    if (ioCause(e) != null) {
      return unwritable(file, what, e);
    }
    long free = usableSpace(file);
    if (free >= 0 && free < LOW_SPACE_BYTES) {
      // On a full file system MapDB can read back a record of the open transaction that it could not write whole,
      // without having reported the write (seen on a full tmpfs: "Broken bit parity"); the committed state is intact.
      return new IOException("cannot " + what + " " + file + ": no space left on device (" + free + " bytes free; "
          + "MapDB then failed with " + describe(e) + "; the index keeps its last committed state: free space and run "
          + "the command again)", e);
    }
    return new DamagedIndexException(file, what + " failed: " + describe(e), e);
  }

  /** The usable bytes of the file system holding {@code file}, or -1 if unknown. */
  private static long usableSpace(Path file) {
    try {
      return Files.getFileStore(file).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static IOException unwritable(Path indexFile, String what, DBException e) {
    IOException cause = ioCause(e);
    String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return new IOException("cannot " + what + " " + indexFile + ": " + reason + " (the index keeps its"
        + " last committed state; free space or fix permissions and run the command again)", e);
  }

  /** The I/O error under a MapDB failure, if any, that is not an end of file (a truncated file is damage). */
  private static IOException ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException io && !(t instanceof java.io.EOFException)) {
        return io;
      }
    }
    return null;
  }

  /**
   * A zero-byte index.db (a crash between creating the file and writing its header) holds nothing; MapDB
   * would call it corrupt, so it is removed and created afresh.
   */
  private static void deleteIfEmpty(Path indexFile) throws IOException {
    if (SafeFiles.checkFileIfPresent(indexFile) && Files.size(indexFile) == 0) {
      Files.delete(indexFile);
    }
  }

  /** The chain of causes, e.g. {@code VolumeIOError ← EOFException (file is truncated)}. */
  private static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    boolean truncated = false;
    for (Throwable t = e; t != null && out.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
      if (!out.isEmpty()) {
        out.append(" \u2190 ");
      }
      out.append(t.getClass().getSimpleName());
      if (t.getMessage() != null && (t.getCause() == null || !t.getMessage().equals(String.valueOf(t.getCause())))) {
        out.append(": ").append(t.getMessage());
      }
      truncated |= t instanceof java.io.EOFException;
    }
    return truncated ? out + " (the file is truncated)" : out.toString();
  }

  private static void closeQuietly(DB db) {
    if (db != null) {
      try {
        db.close();
      } catch (RuntimeException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }

  private static void closeQuietly(FileEntryRuns runs) {
    if (runs != null) {
      try {
        runs.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }

  private static void closeQuietly(SymbolRuns runs) {
    try {
      runs.close();
    } catch (IOException ignored) {
      // already failing; the first error is the one to report
    }
  }

  private static void closeQuietly(IndexLog log) {
    if (log != null) {
      try {
        log.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one to report
      }
    }
  }

  @Override
  public String toString() {
    return "StoreIndex[" + file + "]";
  }
}
