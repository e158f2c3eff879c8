package io.graphsnap.objects;

import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.PackFormat;
import io.graphsnap.objects.internal.PackFile;
import io.graphsnap.objects.internal.PackWriter;
import io.graphsnap.objects.internal.Packs;
import io.graphsnap.objects.internal.SafeFiles;
import io.graphsnap.objects.internal.SnapshotFileTable;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deletes the snapshots and loose objects that no kept ref reaches. Run by {@link Store#collectGarbage}
 * under the writer lock. Mutable, single-use.
 *
 * <p><b>Kept snapshots:</b> the value of every ref in the index and of every ref file on disk ({@code HEAD}
 * included), the {@code keep} most recent distinct snapshots of each ref's history, and the last build (the
 * base of the next incremental build). <b>Live objects:</b> every current file's object, and every object
 * whose {@link ObjectRecord} lives at the generation of a kept snapshot, and every object named by the file
 * table of a kept snapshot that has no recorded generation (published by an older version, or before an index
 * rebuild); if such a table cannot be read, no object is deleted. Packs holding dead objects are rewritten with
 * their live ones ({@link #repack}). gc also deletes what repairs left for
 * diagnosis ({@code index.db.damaged*}, {@code index.db.torn}). Only regular files inside the store are ever
 * deleted.
 *
 * <p><b>Order, safe to interrupt:</b> (1) compute the kept and live sets, reading only the index and the ref
 * files; (2) one index transaction forgets the history entries outside the window, the generations of
 * deleted snapshots and the records of dead objects; (3) delete the dead snapshot files, then the dead
 * object files. The index never names a deleted file: a crash after (2) leaves garbage files that no
 * record names, which the next gc deletes. A file that cannot be deleted (Windows refuses to delete a file
 * a reader maps) is skipped and reported; on Linux and macOS a reader that mapped a deleted snapshot keeps
 * reading it until it closes it.
 */
final class GarbageCollector {
  /** More packs than this left after gc: the smallest are merged (see {@link #mergeSmallPacks}). */
  static final int MAX_PACKS = 16;
  /** Free space a merge keeps beyond the new pack it starts (the pack's index, the file system's own needs). */
  static final long MERGE_SPARE_BYTES = 64L << 20;

  private final Store store;
  private final StoreIndex index;
  private final StoreLayout layout;
  private final int keep;
  private final List<String> skipped = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<ObjectId> objectsOfUngenerated = new HashSet<>();
  private long bytesFreed;
  /** The free space of a folder's file system; a test gives less. */
  private java.util.function.ToLongFunction<Path> usableSpace = GarbageCollector::usableSpaceOf;

  GarbageCollector(Store store, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, not " + keep);
    }
    this.store = store;
    this.index = store.index();
    this.layout = store.layout();
    this.keep = keep;
  }

  GcReport run() throws IOException {
    Set<String> kept = new TreeSet<>();
    List<RefEntry> forgotten = new ArrayList<>();
    keptSnapshots(kept, forgotten);
    long[] generations = keptGenerations(kept);
    Set<ObjectId> current = new HashSet<>();
    index.forEachFile(e -> current.add(e.objectId()));
    if (generations != null) {
      current.addAll(objectsOfUngenerated);
    }
    List<ObjectId> deadRecords = new ArrayList<>();
    Set<ObjectId> live = new HashSet<>(current); // the current objects and those a kept record holds: one pass
    index.reachability().forEach((id, record) -> {
      if (!current.contains(id) && !record.isCurrent() && !livesAtAny(record, generations)) {
        deadRecords.add(id);
      } else {
        live.add(id);
      }
    });
    boolean keepAllObjects = generations == null;

    for (RefEntry entry : forgotten) {
      index.refHistory().forget(entry);
    }
    for (String id : index.reachability().snapshotGenerations().keySet()) {
      if (!kept.contains(id)) {
        index.reachability().forgetSnapshot(id);
      }
    }
    if (!keepAllObjects) {
      deadRecords.forEach(index.reachability()::forget);
    }
    index.commit();

    int deletedSnapshots = deleteSnapshots(kept);
    int deletedObjects = keepAllObjects ? 0 : deleteObjects(live);
    mergeSmallPacks();
    deleteRepairLeftovers();
    deleteLayerLeftovers();
    return new GcReport(new ArrayList<>(kept), deletedSnapshots, deletedObjects, bytesFreed, forgotten.size(),
        skipped, notes);
  }

  /** Fills {@code kept} and lists the history entries outside each ref's window. */
  private void keptSnapshots(Set<String> kept, List<RefEntry> forgotten) throws IOException {
    kept.addAll(index.refs().values());
    for (String id : SnapshotRefs.all(layout.root()).values()) {
      kept.add(id);
    }
    index.journal().lastBuilt().ifPresent(kept::add);
    Map<String, List<RefEntry>> byRef = new java.util.TreeMap<>();
    for (RefEntry entry : index.refHistory().allHistory()) {
      byRef.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
    }
    for (List<RefEntry> history : byRef.values()) {
      Set<String> window = new LinkedHashSet<>();
      for (int i = history.size() - 1; i >= 0; i--) {
        RefEntry entry = history.get(i);
        if (window.size() < keep || window.contains(entry.snapshotId())) {
          window.add(entry.snapshotId());
        } else {
          forgotten.add(entry);
        }
      }
      kept.addAll(window);
    }
  }

  /**
   * The sorted generations of the kept snapshots that have one. A kept snapshot without a recorded generation
   * (published by an older version, or before an index rebuild) keeps the objects its own file table names,
   * read from the snapshot ({@link #objectsOfUngenerated}); null, keeping every object, only if such a table
   * cannot be read.
   */
  private long[] keptGenerations(Set<String> kept) {
    long[] generations = new long[kept.size()];
    int n = 0;
    for (String id : kept) {
      Optional<Long> generation = index.reachability().generationOf(id);
      if (generation.isPresent()) {
        generations[n++] = generation.get();
        continue;
      }
      Path file = layout.snapshotFile(id);
      if (!SafeFiles.isRegularFile(file)) {
        continue; // a ref naming a missing snapshot keeps nothing
      }
      try {
        objectsOfUngenerated.addAll(SnapshotFileTable.read(file).values());
      } catch (IOException | RuntimeException e) {
        notes.add("kept snapshot " + id + " has no recorded build generation and its file table is unreadable ("
            + e.getMessage() + "): no loose object was deleted");
        return null;
      }
    }
    long[] sorted = Arrays.copyOf(generations, n);
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * Deletes what repairs leave beside the index for diagnosis until the next gc: {@code index.db.damaged} and its
   * write-ahead files ({@code graphsnap index rebuild}), {@code index.db.torn} (recovery after a crash). Regular
   * files only.
   */
  private void deleteRepairLeftovers() throws IOException {
    String index = layout.indexFile().getFileName().toString();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.root(), index + ".{damaged,torn}*")) {
      for (Path file : files) {
        if (SafeFiles.isRegularFile(file) && delete(file)) {
          notes.add("deleted " + file.getFileName() + " (left for diagnosis by an earlier repair)");
        }
      }
    }
  }

  /**
   * In {@code layers/}: keeps the layered head ({@link LayerRef}) when its base is the last build, and deletes every
   * other regular file there: deltas a crash left unnamed, temporaries of interrupted delta writes, and a stale or
   * damaged {@code CURRENT} with its delta. The writer lock keeps delta writers out meanwhile.
   */
  private void deleteLayerLeftovers() throws IOException {
    if (!SafeFiles.isDirectory(layout.layersDir())) {
      return;
    }
    String keptDelta = null;
    try {
      Optional<LayerRef.Layer> layer = LayerRef.read(layout);
      if (layer.isPresent() && index.journal().lastBuilt().filter(layer.get().baseId()::equals).isPresent()) {
        keptDelta = layout.layerFile(layer.get().deltaId()).getFileName().toString();
      }
    } catch (LayerRef.DamagedException e) {
      notes.add(e.getMessage());
    }
    String current = layout.layerRefFile().getFileName().toString();
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.layersDir())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean keep = name.equals(keptDelta) || name.equals(current) && keptDelta != null;
        if (!keep && SafeFiles.isRegularFile(file) && delete(file)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      notes.add("deleted " + deleted + " file" + (deleted == 1 ? "" : "s") + " of layers/ that no layered head names");
    }
  }

  private static boolean livesAtAny(ObjectRecord record, long[] generations) {
    if (generations == null) {
      return true;
    }
    long[] intervals = record.intervals();
    for (int i = 0; i < intervals.length; i += 2) {
      int at = Arrays.binarySearch(generations, intervals[i]);
      int first = at >= 0 ? at : -at - 1; // first kept generation >= from
      if (first < generations.length && generations[first] < intervals[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private int deleteSnapshots(Set<String> kept) throws IOException {
    int deleted = 0;
    if (!SafeFiles.isDirectory(layout.snapshotsDir())) {
      return 0;
    }
    List<Path> doomed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.snapshotsDir(), "*" + StoreLayout.SNAPSHOT_SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - StoreLayout.SNAPSHOT_SUFFIX.length());
        if (id.matches("[0-9a-f]{64}") && !kept.contains(id)) {
          doomed.add(file);
        }
      }
    }
    for (Path file : doomed) {
      deleted += delete(file) ? 1 : 0;
    }
    return deleted;
  }

  /** Deletes the loose and packed objects not in {@code live}. */
  private int deleteObjects(Set<ObjectId> live) throws IOException {
    int deleted = 0;
    Set<ObjectId> kept = new HashSet<>();
    for (ObjectId id : store.objects().listLoose()) {
      if (live.contains(id)) {
        kept.add(id);
        continue;
      }
      deleted += delete(layout.objectFile(id)) ? 1 : 0;
    }
    return deleted + repack(live, kept);
  }

  /**
   * The packs' share of gc: a pack whose objects are all live and kept nowhere else stays; one with none left is
   * deleted; any other is rewritten with only its live objects not kept elsewhere (the new pack forced and moved into
   * place, its folder forced, before the old one is deleted, so a crash leaves at worst two copies, which the next gc
   * sees as a kept copy and a redundant one). A copy counts as redundant only if a whole copy (its bytes hash to its
   * id) lies outside its pack, so a damaged copy never displaces a whole one; a damaged copy is not carried over.
   * Damaged packs are left alone and named in the notes. Returns the number of dead objects dropped.
   *
   * @param kept the live objects kept so far (the loose ones); each pack adds its live ones
   */
  private int repack(Set<ObjectId> liveIds, Set<ObjectId> kept) throws IOException {
    Packs packs = store.objects().packs();
    packs.refresh();
    for (var damaged : packs.damaged().entrySet()) {
      notes.add("pack " + damaged.getKey() + " is damaged and was left alone: " + damaged.getValue());
    }
    Set<ObjectId> dropped = new HashSet<>(); // a dead object held by two packs counts once
    for (PackFile pack : packs.current()) {
      List<Integer> live = new ArrayList<>();
      List<ObjectId> dead = new ArrayList<>();
      for (int i = 0; i < pack.count(); i++) {
        ObjectId id = pack.id(i);
        if (kept.contains(id) && store.objects().holdsWholeCopyOutside(id, pack)) {
          continue; // another whole copy is kept: this one is redundant
        }
        if (kept.contains(id) || liveIds.contains(id)) {
          live.add(i);
          kept.add(id);
        } else {
          dead.add(id);
        }
      }
      if (live.size() == pack.count()) {
        continue;
      }
      long written = live.isEmpty() ? 0 : rewrite(pack, live, kept);
      if (delete(pack.file())) {
        bytesFreed -= written;
        dropped.addAll(dead);
      }
    }
    packs.refresh();
    return dropped.size();
  }

  /**
   * Writes entries {@code live} of {@code pack} as a new pack in place; returns its size in bytes. A damaged copy is
   * not carried over and no longer counts as kept, so a whole copy in a later pack is kept instead.
   */
  private long rewrite(PackFile pack, List<Integer> live, Set<ObjectId> kept) throws IOException {
    SafeFiles.ensureDirectory(layout.tmpDir());
    try (PackWriter writer = new PackWriter(layout.tmpDir())) {
      for (int i : live) {
        ObjectId id = pack.id(i);
        PackFile.StoredObject stored = pack.readStoredWhole(i);
        if (stored == null) {
          notes.add("object " + id.hex() + " in " + pack.file().getFileName() + " is damaged (its bytes no longer hash"
              + " to its id) and was not carried over: ingest or build again to store it anew");
          kept.remove(id);
          continue;
        }
        writer.add(id, stored.rawLength(), stored.block(), stored.raw()); // the block copied, not compressed again
      }
      if (writer.count() == 0) {
        return 0;
      }
      writer.complete();
      Path moved = writer.moveInto(layout.packsDir());
      FileSync.forceDirectory(layout.packsDir());
      return Files.size(moved);
    }
  }

  /**
   * Keeps the number of packs small, so that a look-up probes few of them: when more than {@value #MAX_PACKS} are
   * left, the smallest are merged until {@value #MAX_PACKS} / 2 remain (their distinct, whole objects written to new
   * packs). Each new pack is forced and moved into place, the folder forced, and only then are the old packs whose
   * objects all went into moved packs deleted, and an interruption leaves every object in an old pack or a new one. A
   * deleted pack's space returns only when this process unmaps it ({@link Packs} keeps packs that left the folder mapped
   * until it is closed, for reads in flight), so a long merge needs free space as it goes; a new pack
   * is started only with room for it (its target, or what is left to merge if less, and {@link #MERGE_SPARE_BYTES});
   * without, the merge stops where it is with a note, and the next gc goes on from there. Runs after the dead objects are gone, so it copies live objects only.
   */
  private void mergeSmallPacks() throws IOException {
    Packs packs = store.objects().packs();
    packs.refresh();
    List<PackFile> all = new ArrayList<>(packs.current());
    if (all.size() <= MAX_PACKS) {
      return;
    }
    java.util.Map<PackFile, Long> sizes = new java.util.HashMap<>();
    for (PackFile pack : all) {
      sizes.put(pack, Files.size(pack.file()));
    }
    all.sort(java.util.Comparator.comparingLong(sizes::get));
    List<PackFile> merged = all.subList(0, all.size() - MAX_PACKS / 2 + 1);
    long unread = 0; // the bytes of the merged packs not yet read to the end: what a new pack could take at most
    for (PackFile pack : merged) {
      unread += sizes.get(pack);
    }
    Set<ObjectId> seen = new HashSet<>();
    List<PackFile> consumed = new ArrayList<>(); // read to the end, their objects in the writer or in moved packs
    SafeFiles.ensureDirectory(layout.tmpDir());
    PackWriter writer = null;
    int written = 0;
    int deleted = 0;
    try {
      for (PackFile pack : merged) {
        for (int i = 0; i < pack.count(); i++) {
          ObjectId id = pack.id(i);
          if (seen.contains(id)) {
            continue;
          }
          PackFile.StoredObject stored = pack.readStoredWhole(i);
          if (stored == null) {
            if (!store.objects().holdsWholeCopyOutside(id, pack)) {
              notes.add("object " + id.hex() + " in " + pack.file().getFileName() + " is damaged and no whole copy"
                  + " is stored: its pack was left alone; ingest or build again to store it anew");
              return; // merging would drop the damaged copy, the only trace of the object: leave these packs be
            }
            continue;
          }
          if (writer != null && writer.dataBytes() >= PackFormat.TARGET_DATA_BYTES) {
            deleted += land(writer, consumed);
            written++;
            writer = null;
          }
          if (writer == null) {
            long needed = Math.min(PackFormat.TARGET_DATA_BYTES, unread) + MERGE_SPARE_BYTES;
            long free = usableSpace.applyAsLong(layout.tmpDir());
            if (free < needed) {
              notes.add("stopped merging packs after " + deleted + " (" + (merged.size() - deleted) + " left): a new"
                  + " pack needs about " + needed / (1 << 20) + " MiB free in " + layout.tmpDir() + ", " + free / (1 << 20)
                  + " MiB is; free some space and run gc again");
              return;
            }
            writer = new PackWriter(layout.tmpDir());
          }
          seen.add(id);
          writer.add(id, stored.rawLength(), stored.block(), stored.raw()); // the block copied, not compressed again
        }
        consumed.add(pack);
        unread -= sizes.get(pack);
      }
      if (writer != null) {
        deleted += land(writer, consumed);
        written++;
        writer = null;
      }
      notes.add("merged the " + deleted + " smallest packs into " + written + " (" + MAX_PACKS + " at most are"
          + " kept apart)");
    } finally {
      if (writer != null) {
        writer.close(); // deletes what was not moved into place
      }
      packs.refresh();
    }
  }

  /**
   * Completes {@code writer}, moves it into {@code packs/}, forces the folder, then deletes the {@code consumed} packs
   * (every object of theirs is now in a moved pack) and forgets them; returns how many were deleted.
   */
  private int land(PackWriter writer, List<PackFile> consumed) throws IOException {
    try {
      writer.complete();
      bytesFreed -= Files.size(writer.moveInto(layout.packsDir()));
    } finally {
      writer.close();
    }
    FileSync.forceDirectory(layout.packsDir());
    int deleted = 0;
    for (PackFile pack : consumed) {
      deleted += delete(pack.file()) ? 1 : 0;
    }
    consumed.clear();
    return deleted;
  }

  /** Deletes {@code file}; records and skips it if the file system refuses. */
  private boolean delete(Path file) {
    try {
      Optional<BasicFileAttributes> attributes = SafeFiles.attributes(file);
      if (attributes.isEmpty()) {
        return false;
      }
      if (!SafeFiles.deleteRegularFile(file)) { // refuses links, folders and special files
        return false;
      }
      bytesFreed += attributes.get().size();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      skipped.add(file + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
          + " (in use by a reader? it is tried again by the next gc)");
      return false;
    }
  }

  /** For tests: the free space the pack merge believes each folder's file system has. */
  GarbageCollector withUsableSpace(java.util.function.ToLongFunction<Path> space) {
    this.usableSpace = space;
    return this;
  }

  private static long usableSpaceOf(Path folder) {
    try {
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE; // unknown: try, and let a full disk fail the write as before
    }
  }
}
