package io.graphsnap.objects;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Objects written together and made durable together, so that N objects cost N file syncs plus one sync per
 * touched fan-out folder instead of 2·N syncs. Obtained from {@link ObjectStore#newBatch()}; {@link
 * IndexUpdate} uses one per update.
 *
 * <p>Life cycle: {@link #put} writes each new object to a temporary file in {@code tmp/} without syncing it
 * → {@link #commit()} forces every temporary file to disk (several at once), renames each onto its content
 * name, and forces every touched {@code objects/ab/} folder once → the caller may now commit an index that
 * names the objects. {@link #close()} without {@code commit()} deletes the temporaries.
 *
 * <p>Invariant: a file under its content name is always complete, because it is renamed there only after
 * its bytes are on disk. A crash before {@code commit()} ends leaves temporaries (removed at the next
 * {@link Store#open}) and possibly some complete objects that no index entry names (garbage for gc).
 *
 * <p>An object that already exists under its content name is not written again, but its folder is still
 * forced at commit: a writer that crashed after renaming it and before forcing the folder may have left the
 * entry in the page cache only.
 *
 * <p>Parallel writers: {@link #prepare} (hash, and write the temporary file) is thread-safe and touches no state of
 * the batch, so worker threads prepare objects while the owning thread {@link #adopt}s them in its own order; a
 * prepared object that is not adopted is {@link PreparedObject#discard() discarded}.
 *
 * <p>Mutable, not thread-safe apart from {@link #prepare}: one thread at a time. Memory: one entry per staged object.
 */
public final class ObjectBatch implements AutoCloseable {
  /** Most threads that force staged files at once; file systems merge concurrent syncs into one journal commit. */
  private static final int MAX_SYNC_THREADS = 8;

  private final ObjectStore store;
  private final StoreLayout layout;
  /** Staged objects: id → temporary file holding its bytes, not yet forced. Insertion order. */
  private final Map<ObjectId, Path> staged = new LinkedHashMap<>();
  /** Fan-out folders of every object this batch put, to force at commit. */
  private final Set<Path> folders = new TreeSet<>();
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
    if (staged.containsKey(id)) {
      checkSize(bytes);
      return id;
    }
    return adopt(prepare(bytes, id));
  }

  /**
   * Hashes {@code bytes} and writes them to a temporary file unless the object is already stored whole; thread-safe
   * and independent of this batch's state, so several threads may prepare objects for one batch while its owner
   * {@link #adopt}s them in order. O(length).
   *
   * @throws IllegalArgumentException if {@code bytes} is larger than {@link Limits#MAX_OBJECT_BYTES}
   */
  public PreparedObject prepare(byte[] bytes) throws IOException {
    return prepare(bytes, ObjectId.of(bytes));
  }

  /**
   * Stages a prepared object in this batch (durable at {@link #commit()}) and returns its id; if the batch already
   * staged it, the duplicate temporary file is deleted. O(1) file-system calls.
   *
   * @throws IllegalStateException if the object was already adopted or discarded
   */
  public ObjectId adopt(PreparedObject prepared) throws IOException {
    checkOpen();
    if (!prepared.take()) {
      throw new IllegalStateException("object " + prepared.id().hex() + " was already adopted or discarded");
    }
    ObjectId id = prepared.id();
    folders.add(layout.objectFile(id).getParent());
    if (prepared.tmp() != null) {
      if (staged.containsKey(id)) {
        Files.deleteIfExists(prepared.tmp());
      } else {
        staged.put(id, prepared.tmp());
      }
    }
    return id;
  }

  private PreparedObject prepare(byte[] bytes, ObjectId id) throws IOException {
    checkSize(bytes);
    Path file = layout.objectFile(id);
    SafeFiles.checkDirectoryIfPresent(file.getParent());
    SafeFiles.checkFileIfPresent(file); // a link or FIFO under an object's name is refused, never replaced
    if (sizeOrMinusOne(file) == bytes.length && holds(file, id)) {
      return new PreparedObject(id, null);
    }
    SafeFiles.ensureDirectory(layout.tmpDir());
    Path tmp = Files.createTempFile(layout.tmpDir(), "object-", ".tmp");
    boolean ok = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
      }
      ok = true;
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
    return new PreparedObject(id, tmp);
  }

  private static void checkSize(byte[] bytes) {
    if (bytes.length > Limits.MAX_OBJECT_BYTES) {
      throw new IllegalArgumentException(
          "object is " + bytes.length + " bytes, more than the limit of " + Limits.MAX_OBJECT_BYTES);
    }
  }

  /**
   * The bytes of object {@code id}, staged in this batch or stored, checked against the id. O(size).
   *
   * @throws NoSuchObjectException if neither holds it
   * @throws CorruptObjectException if the bytes do not hash to {@code id}
   */
  public byte[] get(ObjectId id) throws IOException {
    checkOpen();
    Path tmp = staged.get(id);
    if (tmp == null) {
      return store.get(id);
    }
    byte[] bytes = Files.readAllBytes(tmp);
    ObjectId actual = ObjectId.of(bytes);
    if (!actual.equals(id)) {
      throw new CorruptObjectException(id.hex() + ", staged file=" + tmp,
          "content hash mismatch: actual=" + actual.hex() + " vs expected=" + id.hex());
    }
    return bytes;
  }

  /** Reads, checks and decodes object {@code id}, staged or stored. O(size). */
  public FileSummary read(ObjectId id) throws IOException {
    Path where = staged.containsKey(id) ? staged.get(id) : layout.objectFile(id);
    return LooseObjectCodec.decode(get(id), id.hex() + ", file=" + where);
  }

  /** The number of objects written by this batch and not yet committed. */
  public int stagedCount() {
    return staged.size();
  }

  /**
   * Makes every object of this batch durable under its content name: forces the staged files (up to {@value
   * #MAX_SYNC_THREADS} at once), renames each into place, forces each touched fan-out folder once. The batch
   * stays usable: later puts start a new round. O(staged objects + touched folders) file-system calls.
   */
  public void commit() throws IOException {
    checkOpen();
    List<Path> files = new ArrayList<>(staged.values());
    FileSync.forceFiles(files, MAX_SYNC_THREADS);
    for (Map.Entry<ObjectId, Path> e : staged.entrySet()) {
      Path target = layout.objectFile(e.getKey());
      SafeFiles.ensureDirectory(layout.objectsDir());
      SafeFiles.ensureDirectory(target.getParent());
      FileSync.renameAtomically(e.getValue(), target);
    }
    staged.clear();
    for (Path folder : folders) {
      if (SafeFiles.isDirectory(folder)) {
        FileSync.forceDirectory(folder);
      }
    }
    folders.clear();
  }

  /** Deletes the temporaries of objects not committed. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException first = null;
    for (Path tmp : staged.values()) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    staged.clear();
    if (first != null) {
      throw first;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("object batch is closed (" + layout.objectsDir() + ")");
    }
  }

  /** The size of {@code file} if it is a regular file (not a link), else -1. */
  static long sizeOrMinusOne(Path file) throws IOException {
    return SafeFiles.attributes(file).filter(BasicFileAttributes::isRegularFile).map(BasicFileAttributes::size)
        .orElse(-1L);
  }

  /**
   * True if the existing object file hashes to {@code id}: a file is only reused under its content name when
   * it holds that content, so re-ingesting repairs an object whose bytes were damaged on disk.
   */
  private boolean holds(Path file, ObjectId id) {
    try {
      store.get(id); // re-hashes what it reads
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
