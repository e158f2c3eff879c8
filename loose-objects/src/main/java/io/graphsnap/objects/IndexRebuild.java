package io.graphsnap.objects;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.objects.internal.FileSync;
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
 *   <li>With a published {@code HEAD} (and unless {@link Source#OBJECTS} is asked for): exactly the HEAD
 *       snapshot's file table, which records path → object id for every file it was built from. The rebuilt
 *       index is the state of the last publish: building it again gives the HEAD snapshot byte for byte. A
 *       HEAD file whose object is missing or corrupt is left out and marked changed, so the next build drops
 *       it. Objects of paths HEAD does not list, and other versions, are counted as not current: they come
 *       from ingests after the last publish (whose record only the damaged index had: ingest those files
 *       again) or are older versions.
 *   <li>Without a published snapshot (or with {@link Source#OBJECTS}): for each path, the object whose file
 *       was written last (then the greatest id); a path with several objects gets a warning, since content
 *       addressing cannot tell a reverted file from an older one.
 * </ol>
 * Also rebuilt: symbol → defining objects, the refs (every ref file whose snapshot exists; their history
 * starts afresh), the build journal (last build = HEAD, or every path pending without one) and reachability
 * records (every current object current since the first generation). No snapshot generation is recorded,
 * so gc keeps every loose object until the snapshots it keeps all have generations again (after the next
 * builds), never deleting an object the damaged index may have needed.
 *
 * <h2>Crash safety</h2>
 * Under the store's writer lock, the new index is written and committed in {@code tmp/}; then the damaged
 * index's write-ahead log files are renamed {@code index.db.damaged.wal.*}, a copy of it is kept as
 * {@code index.db.damaged}, and the new file replaces {@code index.db} by an atomic rename. At every instant
 * {@code index.db} is the damaged file or the complete new one; a rebuild interrupted earlier can simply run
 * again. Stateless; one rebuild per store at a time (the lock).
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
   * @param source where the current objects came from: {@code "HEAD <id>"} or {@code "loose objects"}
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
    if (!Files.isDirectory(layout.objectsDir())) {
      throw new NoSuchFileException(layout.root().toString(), null, "not a graphsnap store (no objects/ folder)");
    }
    FileSync.createDirectories(layout.tmpDir());
    try (StoreLock lock = StoreLock.acquire(layout.lockFile(), lockWait)) {
      return new IndexRebuild(layout).run(source, headTable);
    }
  }

  private Report run(Source source, FileTableReader headTable) throws IOException {
    Optional<String> head = readHead();
    SortedMap<String, ObjectId> table = null;
    String from = "loose objects";
    if (head.isPresent() && source == Source.AUTO) {
      Path file = layout.snapshotFile(head.get());
      if (Files.isRegularFile(file)) {
        table = headTable.read(file);
        from = "HEAD " + head.get();
      } else {
        warn("refs/HEAD names snapshot " + head.get() + " but its file is missing: rebuilt from the loose objects");
      }
    }
    ObjectScan scan = ObjectScan.run(objects, this::warn);
    SortedMap<String, ObjectId> current = table != null ? fromTable(table, scan) : newestPerPath(scan);
    int notCurrent = scan.readable() - current.size();
    SortedMap<String, String> refs = refsWithSnapshots();
    Path rebuilt = layout.tmpDir().resolve(REBUILD_FILE);
    deleteIndexFiles(rebuilt);
    long definitions;
    try (StoreIndex index = StoreIndex.open(rebuilt)) {
      if (table != null) {
        index.journal().built(head.get()); // before fill, which marks HEAD's lost files pending
      }
      definitions = fill(index, current, table);
      for (Map.Entry<String, String> ref : refs.entrySet()) {
        index.refHistory().set(ref.getKey(), ref.getValue());
      }
      index.commit();
    }
    install(rebuilt);
    if (notCurrent > 0) {
      warn(notCurrent + " loose objects are not a current file's object: older versions, or files ingested after "
          + "the last publish (ingest those again); gc keeps them until the next builds");
    }
    if (warningCount > warnings.size()) {
      warnings.add("… and " + (warningCount - warnings.size()) + " more warnings");
    }
    return new Report(from, current.size(), definitions, refs.size(), scan.read(), Math.max(0, notCurrent),
        scan.corrupt(), warnings);
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
      index.reachability().becameCurrent(id, path);
      if (table == null) {
        index.journal().touch(path); // no build to start from: every path is new to the next one
      }
      definitions += names.size();
    }
    if (table != null) {
      for (String path : table.keySet()) {
        if (!current.containsKey(path)) {
          index.journal().touch(path); // HEAD has it, the index cannot: the next build drops it
        }
      }
    }
    return definitions;
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
    if (!Files.isDirectory(layout.refsDir())) {
      return refs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.refsDir())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!StoreLayout.isRefName(name) || !Files.isRegularFile(file)) {
          continue;
        }
        try {
          Optional<String> id = Refs.read(layout, name);
          if (id.isPresent() && Files.isRegularFile(layout.snapshotFile(id.get()))) {
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
    if (Files.isRegularFile(index)) {
      Files.copy(index, layout.root().resolve(index.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
    }
    FileSync.forceFile(rebuilt);
    FileSync.moveAtomically(rebuilt, index);
  }

  /** Removes a leftover of an earlier interrupted rebuild: the file and its write-ahead log. */
  private static void deleteIndexFiles(Path file) throws IOException {
    Files.deleteIfExists(file);
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".wal.*")) {
      for (Path log : logs) {
        Files.delete(log);
      }
    }
  }

  private void warn(String warning) {
    warningCount++;
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(warning);
    }
  }

  /** Every loose object read once: by id and by path, with its file's modification time. */
  private record ObjectScan(Map<ObjectId, Found> byId, SortedMap<String, List<Found>> byPath, int read, int corrupt) {
    record Found(ObjectId id, String path, FileTime written) {}

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
        } catch (io.graphsnap.format.object.CorruptObjectException | NoSuchObjectException e) {
          corrupt++;
          warn.accept("object " + id.hex() + " is unreadable, not indexed: " + e.getMessage());
          continue;
        }
        FileTime written = Files.getLastModifiedTime(objects.layout().objectFile(id));
        Found found = new Found(id, summary.path(), written);
        byId.put(id, found);
        byPath.computeIfAbsent(summary.path(), p -> new ArrayList<>()).add(found);
      }
      return new ObjectScan(byId, byPath, read, corrupt);
    }
  }
}
