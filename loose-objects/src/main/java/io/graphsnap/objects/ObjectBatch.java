package io.graphsnap.objects;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.PackFormat;
import io.graphsnap.objects.internal.Lz4Block;
import io.graphsnap.objects.internal.PackWriter;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Objects written together and made durable together. Obtained from {@link ObjectStore#newBatch()}; {@link
 * IndexUpdate} uses one per update.
 *
 * <p>Where objects go: the first {@value #PACK_MIN_OBJECTS} - 1 new objects of a round wait in memory; a round that
 * stages fewer is written loose at commit (one temporary file each, forced several at once, renamed onto {@code
 * objects/ab/cdef…}, each touched fan-out folder forced once): the watch and single puts. Once a round stages
 * {@value #PACK_MIN_OBJECTS}, they and every later new object of the round are appended to a pack ({@code
 * PackFormat}) in {@code tmp/}, a new pack every gibibyte; commit forces each pack once, renames it into {@code
 * packs/} and forces that folder once. So a bulk ingest costs a few syncs in all instead of two per object, and one
 * file instead of one per object.
 *
 * <p>Life cycle: {@link #put} (or {@link #prepare} then {@link #adopt}) stages objects → {@link #commit()} makes
 * every staged object durable under its content name or in a pack in place → the caller may now commit an index
 * that names the objects. {@link #close()} without {@code commit()} deletes the temporaries.
 *
 * <p>Invariant: a file under an object's content name, and a pack under its name in {@code packs/}, is always
 * complete, because it is renamed there only after its bytes are on disk. A crash before {@code commit()} ends
 * leaves temporaries (removed at the next {@link Store#open}) and possibly some complete objects or packs that no
 * index entry names (garbage for gc).
 *
 * <p>An object already stored whole (loose or packed) is not written again, but its folder ({@code objects/ab/} or
 * {@code packs/}) is still forced at commit: a writer that crashed after renaming it and before forcing the folder
 * may have left the entry in the page cache only. A damaged stored copy does not count, so storing the object
 * again repairs it.
 *
 * <p>Parallel writers: {@link #prepare} (hash, and check whether the object is stored) is thread-safe and touches
 * no state of the batch but a thread-safe note of the fan-out folders it found absent, so worker threads prepare
 * objects while the owning thread {@link #adopt}s them in its own order; a prepared object that is not adopted is
 * {@link PreparedObject#discard() discarded}.
 *
 * <p>Mutable, not thread-safe apart from {@link #prepare}: one thread at a time. Memory: the bytes of fewer than
 * {@value #PACK_MIN_OBJECTS} objects, and one id, offset and length per packed object.
 */
public final class ObjectBatch implements AutoCloseable {
  /** A round that stages at least this many new objects writes them in packs rather than loose. */
  public static final int PACK_MIN_OBJECTS = 64;
  /** Most threads that force staged files at once; file systems merge concurrent syncs into one journal commit. */
  private static final int MAX_SYNC_THREADS = 8;

  private final ObjectStore store;
  private final StoreLayout layout;
  /** New objects of this round while it is small: id → bytes, insertion order; written loose at commit. */
  private final Map<ObjectId, byte[]> small = new LinkedHashMap<>();
  /** Whether this round writes packs (it staged {@link #PACK_MIN_OBJECTS} new objects). */
  private boolean packing;
  /** The pack new objects are appended to, while packing. */
  private PackWriter pack;
  /** Packs of this round that are complete (forced), waiting to be moved into {@code packs/} at commit. */
  private final List<PackWriter> completed = new ArrayList<>();
  /** Objects adopted that were already stored whole: their folders are forced at commit. */
  private final Set<ObjectId> existing = new HashSet<>();
  /**
   * The fan-out folders ({@code objects/ab/}, by an id's first byte) that {@link #prepare} found absent, one bit each:
   * no object in them is stored loose, so later objects skip the look-up, which for an absent entry costs two
   * exceptions inside the JDK (a link is described, not followed: {@link SafeFiles#attributes}); in a bulk ingest that
   * was every new object, about 1 % of its CPU. The store's lock keeps other writers out while this batch is open,
   * and {@link #writeLoose} forgets the notes before it creates folders. A note that a worker sets just after would
   * at worst store an object again in a pack.
   */
  private final AtomicLongArray absentFanOut = new AtomicLongArray(4);
  private boolean closed;

  ObjectBatch(ObjectStore store) {
    this.store = store;
    this.layout = store.layout();
  }

  /**
   * Stages {@code bytes} as an object and returns its id; the object is readable through this batch at once
   * and durable after {@link #commit()}. Writes nothing if the object already exists or is staged. O(length).
   *
   * @throws IllegalArgumentException if {@code bytes} is larger than {@link Limits#MAX_OBJECT_BYTES}
   */
  public ObjectId put(byte[] bytes) throws IOException {
    checkOpen();
    ObjectId id = ObjectId.of(bytes);
    if (isStaged(id)) {
      checkSize(bytes);
      return id;
    }
    return adopt(prepare(bytes, id));
  }

  /**
   * Hashes {@code bytes} and checks whether the object is already stored whole; thread-safe and independent of this
   * batch's state, so several threads may prepare objects for one batch while its owner {@link #adopt}s them in
   * order. O(length).
   *
   * @throws IllegalArgumentException if {@code bytes} is larger than {@link Limits#MAX_OBJECT_BYTES}
   * @throws UnsafeStoreException if a link or special file lies under the object's loose name (refused, never
   *     replaced)
   */
  public PreparedObject prepare(byte[] bytes) throws IOException {
    return prepare(bytes, ObjectId.of(bytes));
  }

  /**
   * Stages a prepared object in this batch (durable at {@link #commit()}) and returns its id; nothing is staged
   * twice. O(1) file-system calls; appends the bytes to the round's pack while packing.
   *
   * @throws IllegalStateException if the object was already adopted or discarded
   */
  public ObjectId adopt(PreparedObject prepared) throws IOException {
    checkOpen();
    if (!prepared.take()) {
      throw new IllegalStateException("object " + prepared.id().hex() + " was already adopted or discarded");
    }
    ObjectId id = prepared.id();
    byte[] bytes = prepared.bytes();
    if (bytes == null) {
      existing.add(id);
      return id;
    }
    if (isStaged(id)) {
      return id;
    }
    if (!packing) {
      small.put(id, bytes);
      if (small.size() < PACK_MIN_OBJECTS) {
        return id;
      }
      packing = true;
      for (Map.Entry<ObjectId, byte[]> e : small.entrySet()) {
        byte[] raw = e.getValue();
        append(e.getKey(), raw, e.getKey().equals(id) ? prepared.block() : Lz4Block.compress(raw, raw.length));
      }
      small.clear();
      return id;
    }
    append(id, bytes, prepared.block());
    return id;
  }

  /** Appends an object to the round's pack: {@code block} its LZ4 block, or null to store {@code bytes} as they are. */
  private void append(ObjectId id, byte[] bytes, byte[] block) throws IOException {
    if (pack == null) {
      SafeFiles.ensureDirectory(layout.tmpDir());
      pack = new PackWriter(layout.tmpDir());
    }
    pack.add(id, bytes.length, block, bytes);
    if (pack.dataBytes() >= PackFormat.TARGET_DATA_BYTES) {
      pack.complete();
      completed.add(pack);
      pack = null;
    }
  }

  private PreparedObject prepare(byte[] bytes, ObjectId id) throws IOException {
    checkSize(bytes);
    boolean loose = !knownAbsent(id.fanOut()) && storedLoose(id);
    if (loose ? store.holds(id) : store.holdsPacked(id)) { // a new object: no file-system call once its folder is noted
      return new PreparedObject(id, null, null);
    }
    return new PreparedObject(id, bytes, Lz4Block.compress(bytes, bytes.length)); // on the preparing thread
  }

  /**
   * Whether {@code id} is stored as a loose file (its bytes unchecked); a link or FIFO under its name or its fan-out
   * folder's is refused, never replaced. Notes a fan-out folder found absent.
   */
  private boolean storedLoose(ObjectId id) throws IOException {
    Path file = layout.objectFile(id);
    if (!SafeFiles.checkDirectoryIfPresent(file.getParent())) { // no folder, no file
      int word = id.fanOut() >>> 6;
      long bit = 1L << id.fanOut();
      absentFanOut.getAndAccumulate(word, bit, (notes, b) -> notes | b);
      return false;
    }
    return SafeFiles.checkFileIfPresent(file);
  }

  private boolean knownAbsent(int fanOut) {
    return (absentFanOut.get(fanOut >>> 6) & 1L << fanOut) != 0;
  }

  private static void checkSize(byte[] bytes) {
    if (bytes.length > Limits.MAX_OBJECT_BYTES) {
      throw new IllegalArgumentException(
          "object is " + bytes.length + " bytes, more than the limit of " + Limits.MAX_OBJECT_BYTES);
    }
  }

  private boolean isStaged(ObjectId id) {
    return staged(id) != null;
  }

  /** Where this round staged {@code id}: its bytes (small), the pack holding it, or null. */
  private Object staged(ObjectId id) {
    byte[] bytes = small.get(id);
    if (bytes != null) {
      return bytes;
    }
    if (pack != null && pack.contains(id)) {
      return pack;
    }
    for (PackWriter done : completed) {
      if (done.contains(id)) {
        return done;
      }
    }
    return null;
  }

  /**
   * The bytes of object {@code id}, staged in this batch or stored, checked against the id. O(size).
   *
   * @throws NoSuchObjectException if neither holds it
   * @throws CorruptObjectException if the bytes do not hash to {@code id}
   */
  public byte[] get(ObjectId id) throws IOException {
    checkOpen();
    Object where = staged(id);
    if (where == null) {
      return store.get(id);
    }
    byte[] bytes = where instanceof PackWriter writer ? writer.read(id) : ((byte[]) where).clone();
    ObjectId actual = ObjectId.of(bytes);
    if (!actual.equals(id)) {
      throw new CorruptObjectException(id.hex() + ", staged in " + where,
          "content hash mismatch: actual=" + actual.hex() + " vs expected=" + id.hex());
    }
    return bytes;
  }

  /** Reads, checks and decodes object {@code id}, staged or stored. O(size). */
  public FileSummary read(ObjectId id) throws IOException {
    if (staged(id) == null) {
      return store.read(id);
    }
    return LooseObjectCodec.decode(get(id), id.hex() + ", staged in this batch");
  }

  /** The number of new objects staged by this batch and not yet committed. */
  public int stagedCount() {
    int count = small.size() + (pack == null ? 0 : pack.count());
    for (PackWriter done : completed) {
      count += done.count();
    }
    return count;
  }

  /**
   * Makes every object of this batch durable under its content name: loose ones are written to temporary files,
   * forced (up to {@value #MAX_SYNC_THREADS} at once) and renamed into place, each touched fan-out folder forced
   * once; packs are completed (forced) and renamed into {@code packs/}, which is forced once. The batch stays
   * usable: later puts start a new round. O(staged objects + touched folders) file-system calls for loose objects,
   * O(packs) for packed ones.
   */
  public void commit() throws IOException {
    checkOpen();
    Set<Path> folders = new TreeSet<>();
    boolean forcePacks = !completed.isEmpty() || pack != null;
    for (ObjectId id : existing) {
      if (SafeFiles.isRegularFile(layout.objectFile(id))) {
        folders.add(layout.objectDir(id));
      } else {
        forcePacks = true;
      }
    }
    if (pack != null) {
      pack.complete();
      completed.add(pack);
      pack = null;
    }
    writeLoose(folders);
    for (PackWriter done : completed) {
      done.moveInto(layout.packsDir());
    }
    for (Path folder : folders) {
      if (SafeFiles.isDirectory(folder)) {
        FileSync.forceDirectory(folder);
      }
    }
    if (forcePacks && SafeFiles.isDirectory(layout.packsDir())) {
      FileSync.forceDirectory(layout.packsDir());
    }
    for (PackWriter done : completed) {
      done.close();
    }
    completed.clear();
    existing.clear();
    packing = false;
    if (forcePacks) {
      store.packs().refresh(); // this process reads the new packs at once
    }
  }

  /** Writes the small round's objects loose: temporaries, forced together, renamed; adds their folders. */
  private void writeLoose(Set<Path> folders) throws IOException {
    if (small.isEmpty()) {
      return;
    }
    SafeFiles.ensureDirectory(layout.tmpDir());
    for (int word = 0; word < absentFanOut.length(); word++) {
      absentFanOut.set(word, 0); // folders are about to be created
    }
    Map<ObjectId, Path> temporaries = new LinkedHashMap<>();
    boolean done = false;
    try {
      for (Map.Entry<ObjectId, byte[]> e : small.entrySet()) {
        temporaries.put(e.getKey(), FileSync.writeTemp(layout.tmpDir(), "object-", e.getValue(), false));
      }
      FileSync.forceFiles(new ArrayList<>(temporaries.values()), MAX_SYNC_THREADS);
      SafeFiles.ensureDirectory(layout.objectsDir());
      for (Map.Entry<ObjectId, Path> e : temporaries.entrySet()) {
        Path target = layout.objectFile(e.getKey());
        SafeFiles.ensureDirectory(target.getParent());
        SafeFiles.checkFileIfPresent(target); // never replace a link or special file
        FileSync.renameAtomically(e.getValue(), target);
        folders.add(target.getParent());
      }
      small.clear();
      done = true;
    } finally {
      if (!done) {
        for (Path tmp : temporaries.values()) {
          Files.deleteIfExists(tmp);
        }
      }
    }
  }

  /** Deletes the temporaries of objects not committed. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    small.clear();
    IOException first = null;
    List<PackWriter> writers = new ArrayList<>(completed);
    if (pack != null) {
      writers.add(pack);
    }
    pack = null;
    completed.clear();
    for (PackWriter writer : writers) {
      try {
        writer.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("object batch is closed (" + layout.objectsDir() + ")");
    }
  }
}
