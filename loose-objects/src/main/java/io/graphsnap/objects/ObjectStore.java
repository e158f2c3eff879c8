package io.graphsnap.objects;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.PackFile;
import io.graphsnap.objects.internal.Packs;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The content-addressed store of loose objects, each named by the SHA-256 of its bytes and never modified once
 * written. An object lives loose in {@code objects/ab/cdef…} (small batches) or in a pack of {@code packs/} (a
 * batch of at least {@link ObjectBatch#PACK_MIN_OBJECTS} objects writes one file for all of them; see {@code
 * PackFormat}); readers see no difference.
 *
 * <p>{@link #put} and {@link ObjectBatch#commit()} write a temporary file in {@code tmp/} (one per loose object,
 * one per pack), force it to disk, rename it atomically into place and force the folder, so a crash leaves either
 * no object or a whole one under the content name. {@link #get} re-hashes what it reads, so a flipped bit on disk
 * is reported rather than served. Objects larger than {@link Limits#MAX_OBJECT_BYTES} are refused before they are
 * read.
 *
 * <p>Thread-safe: concurrent {@code put}s of the same or different objects, and {@code get}s, need no
 * outside locking: each put uses its own temporary file, and renames of equal bytes are harmless (an {@link
 * ObjectBatch} itself is used by one thread). Several
 * processes may read at once; writers are serialised by the store lock ({@link Store}). Owns the mappings of the
 * packs it read: {@link #close()} unmaps them once no read is in flight.
 */
public final class ObjectStore implements AutoCloseable {
  private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern REST = Pattern.compile("[0-9a-f]{62}");

  private final StoreLayout layout;
  private final Packs packs;

  /** A store over {@code layout}; touches no file. Its folders are created by the first {@link #put}. */
  public ObjectStore(StoreLayout layout) {
    this.layout = layout;
    this.packs = new Packs(layout.packsDir());
  }

  /** The packs of this store, for batches and gc. */
  Packs packs() {
    return packs;
  }

  /** The layout this store reads and writes. */
  public StoreLayout layout() {
    return layout;
  }

  /**
   * Stores {@code bytes} and returns their id. Idempotent: if an object of that id exists and holds those
   * bytes, nothing is written (a file under that name with other bytes is replaced). When it returns, the object is durable: two syncs (file and folder). To store many objects,
   * a {@link #newBatch() batch} syncs each folder once. O(length).
   *
   * @throws IllegalArgumentException if {@code bytes} is larger than {@link Limits#MAX_OBJECT_BYTES}
   */
  public ObjectId put(byte[] bytes) throws IOException {
    try (ObjectBatch batch = newBatch()) {
      ObjectId id = batch.put(bytes);
      batch.commit();
      return id;
    }
  }

  /** A new batch of puts made durable together; the caller closes it. See {@link ObjectBatch}. */
  public ObjectBatch newBatch() {
    return new ObjectBatch(this);
  }

  /**
   * Reads object {@code id} and checks that its SHA-256 is {@code id}: every pack that lists it, then the loose file
   * (the packs are listed again once if neither holds it), the first whole copy wins. O(size + packs · log
   * objects).
   *
   * @throws NoSuchObjectException if there is no such object
   * @throws CorruptObjectException if no copy hashes to {@code id} or a loose file is larger than {@link
   *     Limits#MAX_OBJECT_BYTES}; the message names the id and the file or pack
   */
  public byte[] get(ObjectId id) throws IOException {
    return locate(id, true).bytes();
  }

  /** An object's checked bytes and where they were read, for messages. */
  private record Located(byte[] bytes, String where) {}

  private Located locate(ObjectId id, boolean listPacksAgain) throws IOException {
    // Packs first: a lookup in their mapped indexes costs no system call, and a packed object then costs no failed
    // open of a loose file (nor the exceptions that would report it).
    List<Packs.Location> found = packs.find(id);
    Located packed = firstWhole(id, found);
    if (packed != null) {
      return packed;
    }
    CorruptObjectException corrupt = found.isEmpty() ? null : mismatch(id, found.getFirst());
    Path file = layout.objectFile(id);
    try {
      return new Located(readLoose(id, file), describe(id, file));
    } catch (NoSuchObjectException e) {
      // not loose either
    } catch (CorruptObjectException e) {
      corrupt = corrupt == null ? e : corrupt;
    }
    if (found.isEmpty() && listPacksAgain && packs.refresh()) { // another process may have added a pack since
      packed = firstWhole(id, packs.find(id));
      if (packed != null) {
        return packed;
      }
    }
    if (corrupt != null) {
      throw corrupt;
    }
    int listed = packs.current().size();
    var damaged = packs.damaged();
    throw new NoSuchObjectException(id, file, listed == 0 && damaged.isEmpty() ? ""
        : "nor in " + listed + " pack" + (listed == 1 ? "" : "s")
            + (damaged.isEmpty() ? "" : "; " + damaged.size() + " damaged pack(s) left out: " + damaged));
  }

  /** The first whole copy among {@code found}, or null. */
  private static Located firstWhole(ObjectId id, List<Packs.Location> found) {
    for (Packs.Location at : found) {
      byte[] bytes = at.pack().readWhole(at.entry());
      if (bytes != null) {
        return new Located(bytes, where(id, at));
      }
    }
    return null;
  }

  /** The error for a packed copy that does not hash to its id (read again: only on this rare path). */
  private static CorruptObjectException mismatch(ObjectId id, Packs.Location at) {
    byte[] bytes = at.pack().read(at.entry());
    if (bytes == null) {
      return new CorruptObjectException(where(id, at), "its compressed bytes do not decompress to the object's length");
    }
    ObjectId actual = ObjectId.of(bytes);
    return new CorruptObjectException(where(id, at), "content hash mismatch: actual=" + actual.hex() + " vs expected="
        + id.hex());
  }

  private static String where(ObjectId id, Packs.Location at) {
    return id.hex() + ", pack=" + at.pack().file() + " entry " + at.entry();
  }

  private static byte[] readLoose(ObjectId id, Path file) throws IOException {
    byte[] bytes;
    try (FileChannel ch = SafeFiles.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Limits.MAX_OBJECT_BYTES) {
        throw new CorruptObjectException(describe(id, file),
            "object file is " + size + " bytes, more than the limit of " + Limits.MAX_OBJECT_BYTES);
      }
      bytes = new byte[(int) size];
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        if (ch.read(buffer) < 0) {
          throw new CorruptObjectException(describe(id, file),
              "object file shrank while being read: " + buffer.position() + " of " + size + " bytes");
        }
      }
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException(id, file);
    }
    ObjectId actual = ObjectId.of(bytes);
    if (!actual.equals(id)) {
      throw new CorruptObjectException(describe(id, file),
          "content hash mismatch: actual=" + actual.hex() + " vs expected=" + id.hex());
    }
    return bytes;
  }

  /**
   * True if a whole copy of {@code id} is stored, loose or in a pack as last listed (the writer's check before it
   * stores an object again: a damaged copy does not count, so storing it again repairs it). O(size).
   */
  boolean holds(ObjectId id) {
    if (holdsPacked(id)) {
      return true;
    }
    try {
      Path file = layout.objectFile(id);
      if (!SafeFiles.isRegularFile(file)) {
        return false; // the common case of a new object: decided without an exception
      }
      readLoose(id, file);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** As {@link #holds}, looking in the packs only: for a caller that saw no file under the object's loose name. */
  boolean holdsPacked(ObjectId id) {
    try {
      return firstWhole(id, packs.find(id)) != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * True if a whole copy of {@code id} (its bytes hash to it) lies loose or in a listed pack other than {@code
   * except}: gc's check before it drops a copy as redundant. O(size · copies).
   */
  boolean holdsWholeCopyOutside(ObjectId id, PackFile except) throws IOException {
    try {
      readLoose(id, layout.objectFile(id));
      return true;
    } catch (NoSuchObjectException | CorruptObjectException | UnsafeStoreException e) {
      // no whole loose copy
    }
    for (Packs.Location at : packs.find(id)) {
      if (at.pack() != except && at.pack().readWhole(at.entry()) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads, checks and decodes object {@code id}. O(size).
   *
   * @throws NoSuchObjectException if there is no such object
   * @throws CorruptObjectException if the bytes do not hash to {@code id} or are not a valid loose object
   */
  public FileSummary read(ObjectId id) throws IOException {
    Located found = locate(id, true);
    return LooseObjectCodec.decode(found.bytes(), found.where());
  }

  /** Checks object {@code id} as {@link #read} does, discarding the result. */
  public void verify(ObjectId id) throws IOException {
    read(id);
  }

  /**
   * True if a loose file for {@code id} exists or a pack lists it (the packs are listed again once if none does);
   * does not read or check the object. O(packs · log objects).
   *
   * @throws java.io.UncheckedIOException if the packs folder cannot be listed
   */
  public boolean contains(ObjectId id) {
    if (SafeFiles.isRegularFile(layout.objectFile(id))) {
      return true;
    }
    try {
      return !packs.find(id).isEmpty() || packs.refresh() && !packs.find(id).isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * When an object was stored, to tell which of several was written last: the loose file's or pack's modification
   * time, then (within one pack, whose objects share its time) the object's position in the pack.
   */
  public record Written(java.nio.file.attribute.FileTime time, long position) implements Comparable<Written> {
    @Override
    public int compareTo(Written o) {
      int c = time.compareTo(o.time);
      return c != 0 ? c : Long.compare(position, o.position);
    }

    @Override
    public String toString() {
      return position == 0 ? time.toString() : time + " + " + position;
    }
  }

  /**
   * {@code items} reordered by where their objects lie: the packed ones pack by pack (in the packs' listing order),
   * by position within each pack, then the others (loose, or not found) in their given order. Reading every object in
   * this order streams through each pack once; in the given order (e.g. by path) the reads jump between packs, which
   * for packs larger than the page cache is a disk read per object. O(n log n) plus one pack look-up per item.
   */
  public <T> List<T> inStorageOrder(List<T> items, java.util.function.Function<T, ObjectId> idOf) throws IOException {
    int[] order = storageOrder(items.size(), i -> idOf.apply(items.get(i))).order();
    List<T> ordered = new ArrayList<>(order.length);
    for (int i : order) {
      ordered.add(items.get(i));
    }
    return ordered;
  }

  /** Receives one item and its object, read by {@link #readInStorageOrder}. */
  @FunctionalInterface
  public interface StoredObjectVisitor<T> {
    /** {@code summary} is the object of {@code item}, read and checked. */
    void visit(T item, FileSummary summary) throws IOException;
  }

  /** Receives the index of one id and its object, read by {@link #readInStorageOrder(ObjectIdList, IndexedVisitor)}. */
  @FunctionalInterface
  public interface IndexedVisitor {
    /** {@code summary} is the object of the id at {@code index}, read and checked. */
    void visit(int index, FileSummary summary) throws IOException;
  }

  /**
   * Reads the object of every item in {@link #inStorageOrder storage order} and passes it to {@code visitor}; as
   * {@link #readInStorageOrder(ObjectIdList, IndexedVisitor)}, with its errors.
   */
  public <T> void readInStorageOrder(List<T> items, java.util.function.Function<T, ObjectId> idOf,
      StoredObjectVisitor<T> visitor) throws IOException {
    readInStorageOrder(items.size(), i -> idOf.apply(items.get(i)), (i, summary) -> visitor.visit(items.get(i), summary));
  }

  /**
   * Reads the object of every id of {@code ids} in {@link #inStorageOrder storage order} and passes it, with the id's
   * index, to {@code visitor}; once the reads leave a pack, that pack's pages are unloaded from this process's memory
   * ({@link PackFile#unload}: the page cache keeps them, a later read faults them in again), so that a scan through
   * packs larger than memory keeps about one pack resident, not every pack it read (the process's resident set would
   * otherwise grow by the size of all packs). Each packed object is read from the entry the ordering found (one
   * look-up through the packs per object, not two). Reads and checks as {@link #read} does, with its errors, each
   * reported after every object before it was visited. The reads and decoding run on a thread of their own, a few
   * hundred objects ahead of {@code visitor} ({@link ReadBehind}), so a visitor that works hard on each object
   * (a build) does not wait for them. Holds about 24 bytes per id beside {@code ids} while it runs.
   */
  public void readInStorageOrder(ObjectIdList ids, IndexedVisitor visitor) throws IOException {
    readInStorageOrder(ids.size(), ids::get, visitor);
  }

  private void readInStorageOrder(int n, java.util.function.IntFunction<ObjectId> idOf, IndexedVisitor visitor)
      throws IOException {
    StorageOrder order = storageOrder(n, idOf);
    int[] items = order.order();
    int packed = order.packEnds().length == 0 ? 0 : order.packEnds()[order.packEnds().length - 1];
    int[] packOf = new int[packed]; // the pack of each packed position, for the reading thread
    for (int r = 0, at = 0; r < order.packEnds().length; r++) {
      for (; at < order.packEnds()[r]; at++) {
        packOf[at] = r;
      }
    }
    ReadBehind.Reader reader = at -> at < packed
        ? readPacked(idOf.apply(items[at]), order.packs().get(packOf[at]), order.entries()[at])
        : read(idOf.apply(items[at]));
    try (ReadBehind ahead = new ReadBehind(reader, 0, items.length)) {
      int at = 0;
      for (int r = 0; r < order.packEnds().length; r++) {
        for (; at < order.packEnds()[r]; at++) {
          visitor.visit(items[at], ahead.next(at));
        }
        // every read of this pack is done (the reading thread reads in order and handed over its last object); the
        // reading thread may be in the next pack already
        order.packs().get(r).unload();
      }
      for (; at < items.length; at++) {
        visitor.visit(items[at], ahead.next(at));
      }
    }
  }

  /**
   * Object {@code id} read from entry {@code entry} of {@code pack}, where the packs' look-up found it first (no
   * second look-up through every pack); as {@link #read} if that copy is not whole (another copy, or read's error).
   */
  private FileSummary readPacked(ObjectId id, PackFile pack, int entry) throws IOException {
    byte[] bytes = pack.readWhole(entry);
    if (bytes == null) {
      return read(id);
    }
    return LooseObjectCodec.decode(bytes, where(id, new Packs.Location(pack, entry)));
  }

  /**
   * Item indexes in storage order: {@code order[0, packEnds[0])} lie in {@code packs[0]}, and so on, {@code order[i]}
   * at entry {@code entries[i]} of its pack; the items from the last end on are loose or not found, in index order.
   */
  private record StorageOrder(int[] order, List<PackFile> packs, int[] packEnds, int[] entries) {}

  private StorageOrder storageOrder(int n, java.util.function.IntFunction<ObjectId> idOf) throws IOException {
    List<PackFile> listed = packs.current();
    if (listed.isEmpty() || n == 0) {
      int[] identity = new int[n];
      java.util.Arrays.setAll(identity, i -> i);
      return new StorageOrder(identity, List.of(), new int[0], new int[0]);
    }
    java.util.Map<PackFile, Integer> rank = new java.util.IdentityHashMap<>();
    for (int r = 0; r < listed.size(); r++) {
      rank.put(listed.get(r), r);
    }
    int[] counts = new int[listed.size()];
    int[] packOf = new int[n];
    int[] entryOf = new int[n];
    long[] offsetOf = new long[n];
    int packed = 0;
    for (int i = 0; i < n; i++) {
      List<Packs.Location> found = packs.find(idOf.apply(i));
      Integer r = found.isEmpty() ? null : rank.get(found.get(0).pack());
      packOf[i] = r == null ? -1 : r;
      if (r != null) {
        entryOf[i] = found.get(0).entry();
        offsetOf[i] = found.get(0).pack().offset(entryOf[i]);
        counts[r]++;
        packed++;
      }
    }
    long[][] perPack = new long[listed.size()][];
    for (int r = 0; r < listed.size(); r++) {
      perPack[r] = new long[counts[r]];
      counts[r] = 0;
    }
    int[] order = new int[n];
    int others = packed;
    for (int i = 0; i < n; i++) {
      if (packOf[i] < 0) {
        order[others++] = i;
      } else {
        // offsets < 2^31 in packs this code writes; whatever they are, the low half keeps the index: each item once
        perPack[packOf[i]][counts[packOf[i]]++] = offsetOf[i] << 32 | i;
      }
    }
    packOf = null;
    offsetOf = null;
    int[] packEnds = new int[listed.size()];
    int[] entries = new int[packed];
    int at = 0;
    for (int r = 0; r < listed.size(); r++) {
      long[] keys = perPack[r];
      perPack[r] = null;
      java.util.Arrays.sort(keys);
      for (long key : keys) {
        int item = (int) key;
        entries[at] = entryOf[item];
        order[at++] = item;
      }
      packEnds[r] = at;
    }
    return new StorageOrder(order, listed, packEnds, entries);
  }

  /**
   * When {@code id} was stored ({@link Written}): its loose file if there is one, else the newest pack listing it;
   * empty if neither exists.
   */
  public java.util.Optional<Written> written(ObjectId id) throws IOException {
    var loose = SafeFiles.attributes(layout.objectFile(id));
    if (loose.isPresent() && loose.get().isRegularFile()) {
      return java.util.Optional.of(new Written(loose.get().lastModifiedTime(), 0));
    }
    Written newest = null;
    for (Packs.Location at : packs.find(id)) {
      var pack = SafeFiles.attributes(at.pack().file());
      if (pack.isPresent()) {
        Written w = new Written(pack.get().lastModifiedTime(), at.pack().offset(at.entry()));
        if (newest == null || w.compareTo(newest) > 0) {
          newest = w;
        }
      }
    }
    return java.util.Optional.ofNullable(newest);
  }

  /**
   * Deletes the loose file of object {@code id} (for gc) and forces its folder; returns false if there was none.
   * A packed copy is not touched: gc rewrites packs whole. The caller makes sure nothing references it.
   */
  public boolean delete(ObjectId id) throws IOException {
    Path file = layout.objectFile(id);
    boolean deleted = SafeFiles.deleteRegularFile(file);
    if (deleted) {
      FileSync.forceDirectory(file.getParent());
    }
    return deleted;
  }

  /**
   * The ids of every stored object, loose or packed (the packs are listed again first), sorted and distinct. Only
   * loose names of the form {@code objects/<2 hex>/<62 hex>} and packs named {@code packs/pack-<64 hex>.pack}
   * count; stray files and folders are ignored. O(objects · log objects); reads no object.
   */
  public List<ObjectId> list() throws IOException {
    List<ObjectId> ids = listLoose();
    packs.refresh();
    List<PackFile> packed = packs.current();
    if (packed.isEmpty()) {
      return ids;
    }
    for (PackFile pack : packed) {
      for (int i = 0; i < pack.count(); i++) {
        ids.add(pack.id(i));
      }
    }
    Collections.sort(ids);
    List<ObjectId> distinct = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(id)) {
        distinct.add(id);
      }
    }
    return distinct;
  }

  /** The ids of the loose objects, sorted. */
  List<ObjectId> listLoose() throws IOException {
    Path objects = layout.objectsDir();
    if (!SafeFiles.isDirectory(objects)) {
      return new ArrayList<>();
    }
    List<ObjectId> ids = new ArrayList<>();
    try (DirectoryStream<Path> fanOuts = Files.newDirectoryStream(objects)) {
      for (Path fanOut : fanOuts) {
        String prefix = fanOut.getFileName().toString();
        if (!FAN_OUT.matcher(prefix).matches() || !SafeFiles.isDirectory(fanOut)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fanOut)) {
          for (Path file : files) {
            String rest = file.getFileName().toString();
            if (REST.matcher(rest).matches() && SafeFiles.isRegularFile(file)) {
              ids.add(ObjectId.parse(prefix + rest));
            }
          }
        }
      }
    }
    Collections.sort(ids);
    return ids;
  }

  /** {@link #list()} as a stream. */
  public Stream<ObjectId> stream() throws IOException {
    return list().stream();
  }

  private static String describe(ObjectId id, Path file) {
    return id.hex() + ", file=" + file;
  }

  /** The packs left out because they failed their checks, as last listed: file name → problem. */
  public java.util.SortedMap<String, String> damagedPacks() throws IOException {
    packs.current();
    return packs.damaged();
  }

  /** Unmaps the packs read so far; the store must not be used afterwards. Idempotent. */
  @Override
  public void close() {
    packs.close();
  }

  @Override
  public String toString() {
    return "ObjectStore[" + layout.objectsDir() + ", " + layout.packsDir() + "]";
  }
}
