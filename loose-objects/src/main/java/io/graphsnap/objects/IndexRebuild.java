package io.graphsnap.objects;

import io.graphsnap.objects.internal.SafeFiles;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.IndexLog;
import io.graphsnap.objects.internal.StoreLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rebuilds a store's {@code index.db} from what it indexes: the loose objects (the source of truth for each
 * file's content) and the published snapshot (the record of which object was current for each path). For
 * {@code graphsnap index rebuild}, when MapDB reports the index damaged or it is suspected.
 *
 * <h2>Which object is current for a path</h2>
 * Several objects may describe one path (older versions stay until gc; ingests after the last publish).
 * <ol>
 *   <li>With a published {@code HEAD} (and unless {@link Source#OBJECTS} is asked for): the HEAD snapshot's
 *       file table, which records path → object id for every file it was built from, then the file changes of
 *       every commit completed since that publish, replayed in order from the commit log ({@code index.db.log},
 *       which lives beside the index and is written around each commit); a commit the log shows unfinished is
 *       dropped. So the rebuilt index is the state after the last completed command: building it gives the
 *       HEAD snapshot byte for byte when nothing was ingested since. A file whose object is missing or corrupt
 *       (or names another path) is left out and marked changed, so the next build drops it.
 *   <li>Without a published snapshot: the same replay of the commit log from an empty index, which holds
 *       every change since the store was created.
 *   <li>Without either (a store older than the commit log, a lost log), or with {@link Source#OBJECTS}: for
 *       each path, the object whose file was written last (then the greatest id); a path with several objects
 *       gets a warning, since content addressing cannot tell a reverted file from an older one, and a file
 *       deleted since it was ingested comes back (only the index knew of the delete).
 * </ol>
 * Objects of no current file are counted as not current: older versions, or ingests the log cannot vouch for.
 * Also rebuilt: symbol → defining objects, the refs (every ref file whose snapshot exists; their history
 * starts afresh), the build journal (last build = HEAD, every path that differs from HEAD pending; without
 * HEAD every path pending), reachability records (HEAD's objects current at the first generation and HEAD
 * built at it, then the changes since HEAD; see {@code recordReachability}) and the commit log (one completed
 * commit: the difference between HEAD's file table and the rebuilt files, so that a later recovery from the log
 * arrives at the same files). Other kept snapshots have no recorded generation: gc keeps the objects their own
 * file tables name. A HEAD snapshot that cannot be read (damaged, truncated) is left out with a warning, and the
 * index is rebuilt from the commit log or the loose objects; the next build writes the snapshot anew.
 *
 * <h2>Crash safety</h2>
 * Under the store's writer lock, the new index and its commit log are written and committed in {@code tmp/};
 * then the damaged index's write-ahead log files are renamed {@code index.db.damaged.wal.*}, a copy of it is
 * kept as {@code index.db.damaged}, and the new files replace {@code index.db}, then {@code index.db.log}, each
 * by an atomic rename. At every instant {@code index.db} is the damaged file or the complete new one; between
 * the two renames the old log still describes the same files (or is replayed at the next open to the same
 * result); a rebuild interrupted earlier can simply run again. Stateless; one rebuild per store at a time.
 */
public final class IndexRebuild {
  /** Where the current object of each path comes from. */
  public enum Source {
    /** The HEAD snapshot's file table if a snapshot is published, else the loose objects alone. */
    AUTO,
    /** The loose objects alone (newest object file per path), even if a snapshot is published. */
    OBJECTS
  }

  /** Reads a snapshot's file table: path → the id of the loose object the file was built from. */
  @FunctionalInterface
  public interface FileTableReader {
    /**
     * The file table of {@code snapshotFile}.
     *
     * @throws IOException if the snapshot cannot be read (the rebuild then fails; retry with {@link Source#OBJECTS})
     */
    SortedMap<String, ObjectId> read(Path snapshotFile) throws IOException;
  }

  /**
   * What a rebuild did.
   *
   * @param source where the current objects came from: {@code "HEAD <id> + N logged changes"}, {@code "commit log
   *     (N changes)"} or {@code "loose objects"}
   * @param files paths indexed
   * @param definitions (symbol name, object) definitions indexed
   * @param refs refs recorded
   * @param objectsRead loose objects read and checked
   * @param notCurrent objects that are not a current file's object (older versions, later ingests)
   * @param corrupt objects that failed their hash or decoding (left in place, not indexed)
   * @param warnings what the user should know, one line each
   */
  public record Report(String source, int files, long definitions, int refs, int objectsRead, int notCurrent,
      int corrupt, List<String> warnings) {
    /** Copies the warnings. */
    public Report {
      warnings = List.copyOf(warnings);
    }
  }

  private static final String REBUILD_FILE = "index-rebuild.db";
  private static final int MAX_WARNINGS = 1000;

  private final StoreLayout layout;
  private final ObjectStore objects;
  private final List<String> warnings = new ArrayList<>();
  private int warningCount;

  private IndexRebuild(StoreLayout layout) {
    this.layout = layout;
    this.objects = new ObjectStore(layout);
  }

  /**
   * Rebuilds the index of the store at {@code storeDir}, as the class documentation describes. Takes the
   * writer lock (waiting up to {@code lockWait}). O(total bytes of the loose objects).
   *
   * @param headTable reads the HEAD snapshot's file table (the reader module does; this module cannot)
   * @throws NoSuchFileException if {@code storeDir} is not a store
   * @throws StoreLockedException if another process holds the writer lock
   * @throws IOException if the HEAD snapshot cannot be read (with {@link Source#AUTO}) or the new index
   *     cannot be written; the old {@code index.db} is then untouched
   */
  public static Report rebuild(Path storeDir, Source source, FileTableReader headTable, Duration lockWait)
      throws IOException {
    StoreLayout layout = StoreLayout.of(storeDir);
    StoreGuard.checkForWriting(layout);
    if (!SafeFiles.isDirectory(layout.objectsDir())) {
      throw new NoSuchFileException(layout.root().toString(), null, "not a graphsnap store (no objects/ folder)");
    }
    SafeFiles.ensureDirectory(layout.tmpDir());
    try (StoreLock lock = StoreLock.acquire(layout.lockFile(), lockWait)) {
      IndexRebuild rebuild = new IndexRebuild(layout);
      try {
        return rebuild.run(source, headTable);
      } finally {
        rebuild.objects.close();
      }
    }
  }

  private Report run(Source source, FileTableReader headTable) throws IOException {
    Optional<String> head = readHead();
    SortedMap<String, ObjectId> table = null;
    if (head.isPresent() && source == Source.AUTO) {
      Path file = layout.snapshotFile(head.get());
      if (SafeFiles.isRegularFile(file)) {
        try {
          table = headTable.read(file);
        } catch (IOException | RuntimeException e) {
          warn("the published snapshot " + head.get() + " is unreadable (" + e.getMessage() + "): rebuilt from the "
              + "commit log and the loose objects; the next 'graphsnap snapshot' writes it anew");
        }
      } else {
        warn("refs/HEAD names snapshot " + head.get() + " but its file is missing: rebuilt without it");
      }
    }
    List<IndexLog.Entry> logged = source == Source.AUTO ? readLog() : List.of();
    ObjectScan scan = ObjectScan.run(objects, this::warn);
    SortedMap<String, ObjectId> current;
    SortedMap<String, ObjectId> headFiles = null;
    String from;
    if (table != null) {
      headFiles = fromTable(table, scan);
      current = replay(headFiles, logged, scan);
      from = "HEAD " + head.get() + " + " + logged.size() + " logged changes";
    } else if (!logged.isEmpty()) {
      current = replay(new TreeMap<>(), logged, scan);
      from = "commit log (" + logged.size() + " changes)";
    } else {
      current = newestPerPath(scan);
      from = "loose objects";
    }
    int notCurrent = scan.readable() - current.size();
    SortedMap<String, String> refs = refsWithSnapshots();
    Path rebuilt = layout.tmpDir().resolve(REBUILD_FILE);
    deleteIndexFiles(rebuilt);
    long definitions;
    try (StoreIndex index = StoreIndex.open(rebuilt, layout.symbolsDir())) {
      if (table != null) {
        index.journal().built(head.get()); // before fill, which marks the paths that differ from HEAD pending
      }
      definitions = fill(index, current, table);
      recordReachability(index, table == null ? null : head.get(), headFiles, current);
      for (Map.Entry<String, String> ref : refs.entrySet()) {
        index.refHistory().set(ref.getKey(), ref.getValue());
      }
      index.commit();
      List<IndexLog.Entry> delta = delta(table == null ? new TreeMap<>() : table, current);
      if (delta.isEmpty()) {
        index.resetLog();
      } else {
        index.rewriteLog(delta);
      }
    }
    install(rebuilt);
    if (notCurrent > 0) {
      warn(notCurrent + (notCurrent == 1 ? " loose object is not" : " loose objects are not") + " a current file's object: older versions, or files whose ingest "
          + "the commit log does not vouch for (ingest those again); gc keeps them until the next builds");
    }
    if (warningCount > warnings.size()) {
      warnings.add("… and " + (warningCount - warnings.size()) + " more warnings");
    }
    return new Report(from, current.size(), definitions, refs.size(), scan.read(), Math.max(0, notCurrent),
        scan.corrupt(), warnings);
  }

  /** The completed commits' file changes since the last publish, from the commit log; empty if it is unreadable. */
  private List<IndexLog.Entry> readLog() {
    try {
      IndexLog.State state = IndexLog.read(IndexLog.fileOf(layout.indexFile()));
      if (state.torn()) {
        warn("the last index commit was cut short: its changes are dropped");
      }
      return state.changes();
    } catch (IOException | RuntimeException e) {
      warn("the commit log " + IndexLog.fileOf(layout.indexFile()) + " is unreadable (" + e.getMessage()
          + "): rebuilt without it");
      return List.of();
    }
  }

  /** {@code base} with the logged changes applied in order; a put whose object is unusable is left out. */
  private SortedMap<String, ObjectId> replay(SortedMap<String, ObjectId> base, List<IndexLog.Entry> logged,
      ObjectScan scan) {
    SortedMap<String, ObjectId> current = new TreeMap<>(base);
    for (IndexLog.Entry change : logged) {
      if (change.objectId() == null) {
        current.remove(change.path());
        continue;
      }
      ObjectScan.Found found = scan.byId().get(change.objectId());
      if (found == null || !found.path().equals(change.path())) {
        warn("logged change of " + change.path() + " names object " + change.objectId().hex() + ", which is "
            + (found == null ? "missing or unreadable" : "about " + found.path()) + ": the path is left out");
        current.remove(change.path());
      } else {
        current.put(change.path(), change.objectId());
      }
    }
    return current;
  }

  /** The changes that turn {@code from} into {@code to}: deletes, then puts, by path. */
  private static List<IndexLog.Entry> delta(SortedMap<String, ObjectId> from, SortedMap<String, ObjectId> to) {
    List<IndexLog.Entry> changes = new ArrayList<>();
    for (String path : from.keySet()) {
      if (!to.containsKey(path)) {
        changes.add(new IndexLog.Entry(path, null));
      }
    }
    for (Map.Entry<String, ObjectId> e : to.entrySet()) {
      if (!e.getValue().equals(from.get(e.getKey()))) {
        changes.add(new IndexLog.Entry(e.getKey(), e.getValue()));
      }
    }
    return changes;
  }

  /** Indexes every current object: file entry, definitions, reachability record; returns the definitions. */
  private long fill(StoreIndex index, SortedMap<String, ObjectId> current, SortedMap<String, ObjectId> table)
      throws IOException {
    long definitions = 0;
    for (Map.Entry<String, ObjectId> e : current.entrySet()) {
      String path = e.getKey();
      ObjectId id = e.getValue();
      FileSummary summary = objects.read(id);
      List<String> names = new ArrayList<>(summary.symbols().size());
      for (SymbolSummary symbol : summary.symbols()) {
        names.add(symbol.name());
      }
      index.putFile(new FileEntry(path, id, summary.sourceSha256()));
      index.addDefinitions(id, names);
      if (table == null || !id.equals(table.get(path))) {
        index.journal().touch(path); // differs from the last build (or there is none): the next build reads it
      }
      definitions += names.size();
    }
    if (table != null) {
      for (String path : table.keySet()) {
        if (!current.containsKey(path)) {
          index.journal().touch(path); // HEAD has it, the index does not: the next build drops it
        }
      }
    }
    return definitions;
  }

  /**
   * Records which objects the current files and HEAD reach, as a history of builds would have: HEAD's own
   * objects current at the first generation, HEAD built at it, then the changes since HEAD at the next one. So
   * gc treats a rebuilt store as it treats a fresh one (HEAD's objects kept while HEAD is, the rest by their
   * path's current object). Without a usable HEAD, every current object is current from the first generation.
   */
  private static void recordReachability(StoreIndex index, String head, SortedMap<String, ObjectId> headFiles,
      SortedMap<String, ObjectId> current) {
    GcReachability reachability = index.reachability();
    if (head == null) {
      current.forEach((path, id) -> reachability.becameCurrent(id, path));
      return;
    }
    headFiles.forEach((path, id) -> reachability.becameCurrent(id, path));
    reachability.built(head);
    for (Map.Entry<String, ObjectId> e : headFiles.entrySet()) {
      if (!e.getValue().equals(current.get(e.getKey()))) {
        reachability.stoppedBeingCurrent(e.getValue());
      }
    }
    for (Map.Entry<String, ObjectId> e : current.entrySet()) {
      if (!e.getValue().equals(headFiles.get(e.getKey()))) {
        reachability.becameCurrent(e.getValue(), e.getKey());
      }
    }
  }

  /** HEAD's file table, keeping the paths whose object exists, is intact and describes that path. */
  private SortedMap<String, ObjectId> fromTable(SortedMap<String, ObjectId> table, ObjectScan scan) {
    SortedMap<String, ObjectId> current = new TreeMap<>();
    for (Map.Entry<String, ObjectId> e : table.entrySet()) {
      ObjectScan.Found found = scan.byId().get(e.getValue());
      if (found == null) {
        warn("HEAD's file " + e.getKey() + " has no readable object " + e.getValue().hex() + ": left out");
      } else if (!found.path().equals(e.getKey())) {
        warn("HEAD's file " + e.getKey() + " names object " + e.getValue().hex() + ", which describes " + found.path()
            + ": left out");
      } else {
        current.put(e.getKey(), e.getValue());
      }
    }
    return current;
  }

  /** For each path, the object written last (then the greatest id), with a warning where there is a choice. */
  private SortedMap<String, ObjectId> newestPerPath(ObjectScan scan) {
    SortedMap<String, ObjectId> current = new TreeMap<>();
    for (Map.Entry<String, List<ObjectScan.Found>> e : scan.byPath().entrySet()) {
      List<ObjectScan.Found> versions = e.getValue();
      ObjectScan.Found newest = versions.getFirst();
      for (ObjectScan.Found f : versions) {
        int c = f.written().compareTo(newest.written());
        if (c > 0 || (c == 0 && f.id().compareTo(newest.id()) > 0)) {
          newest = f;
        }
      }
      if (versions.size() > 1) {
        warn(e.getKey() + " has " + versions.size() + " objects; took the one written last (" + newest.id().hex()
            + ", " + newest.written() + ")");
      }
      current.put(e.getKey(), newest.id());
    }
    return current;
  }

  private Optional<String> readHead() {
    try {
      return Refs.read(layout, StoreLayout.HEAD);
    } catch (IOException damaged) {
      warn(damaged.getMessage() + ": rebuilt from the loose objects");
      return Optional.empty();
    }
  }

  /** Every ref file that names an existing snapshot; the others are reported and left alone. */
  private SortedMap<String, String> refsWithSnapshots() throws IOException {
    SortedMap<String, String> refs = new TreeMap<>();
    if (!SafeFiles.isDirectory(layout.refsDir())) {
      return refs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.refsDir())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!StoreLayout.isRefName(name) || !SafeFiles.isRegularFile(file)) {
          continue;
        }
        try {
          Optional<String> id = Refs.read(layout, name);
          if (id.isPresent() && SafeFiles.isRegularFile(layout.snapshotFile(id.get()))) {
            refs.put(name, id.get());
          } else if (id.isPresent()) {
            warn("ref " + name + " names snapshot " + id.get() + ", whose file is missing: not recorded");
          }
        } catch (IOException damaged) {
          warn(damaged.getMessage() + ": not recorded");
        }
      }
    }
    return refs;
  }

  /**
   * Puts the committed index at {@code rebuilt} in place of {@code index.db}: the damaged index's log files
   * renamed aside, a copy of it kept, then one atomic rename.
   */
  private void install(Path rebuilt) throws IOException {
    Path index = layout.indexFile();
    String logPrefix = index.getFileName() + ".wal.";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.root(), index.getFileName() + ".wal.*")) {
      for (Path log : files) {
        String suffix = log.getFileName().toString().substring(logPrefix.length());
        Files.move(log, layout.root().resolve(index.getFileName() + ".damaged.wal." + suffix),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (SafeFiles.isRegularFile(index)) {
      Files.copy(index, layout.root().resolve(index.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
    }
    FileSync.forceFile(rebuilt);
    FileSync.moveAtomically(rebuilt, index);
    Path log = IndexLog.fileOf(rebuilt);
    if (SafeFiles.isRegularFile(log)) {
      FileSync.forceFile(log);
      FileSync.moveAtomically(log, IndexLog.fileOf(index));
    }
  }

  /** Removes a leftover of an earlier interrupted rebuild: the file and its write-ahead log. */
  private static void deleteIndexFiles(Path file) throws IOException {
    SafeFiles.deleteRegularFile(file);
    SafeFiles.deleteRegularFile(IndexLog.fileOf(file));
    SafeFiles.deleteRegularFiles(file.getParent(), file.getFileName() + ".wal.*");
  }

  private void warn(String warning) {
    warningCount++;
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(warning);
    }
  }

  /** Every loose object read once: by id and by path, with its file's modification time. */
  private record ObjectScan(Map<ObjectId, Found> byId, SortedMap<String, List<Found>> byPath, int read, int corrupt) {
    record Found(ObjectId id, String path, ObjectStore.Written written) {}

    int readable() {
      return byId.size();
    }

    static ObjectScan run(ObjectStore objects, java.util.function.Consumer<String> warn) throws IOException {
      Map<ObjectId, Found> byId = new java.util.HashMap<>();
      SortedMap<String, List<Found>> byPath = new TreeMap<>();
      int read = 0;
      int corrupt = 0;
      for (ObjectId id : objects.list()) {
        read++;
        FileSummary summary;
        try {
          summary = objects.read(id);
        } catch (io.graphsnap.format.object.CorruptObjectException | NoSuchObjectException | UnsafeStoreException e) {
          corrupt++;
          warn.accept("object " + id.hex() + " is unreadable, not indexed: " + e.getMessage());
          continue;
        }
        ObjectStore.Written written = objects.written(id)
            .orElse(new ObjectStore.Written(FileTime.fromMillis(0), 0));
        Found found = new Found(id, summary.path(), written);
        byId.put(id, found);
        byPath.computeIfAbsent(summary.path(), p -> new ArrayList<>()).add(found);
      }
      for (var damaged : objects.damagedPacks().entrySet()) {
        warn.accept("pack " + damaged.getKey() + " is damaged, its objects are not indexed: " + damaged.getValue());
      }
      return new ObjectScan(byId, byPath, read, corrupt);
    }
  }
}
