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
 * The content-addressed store of loose objects: each object lives in {@code objects/ab/cdef…}, named by
 * the SHA-256 of its bytes, and is never modified once written.
 *
 * <p>{@link #put} and {@link ObjectBatch#commit()} write a temporary file in {@code tmp/}, force it to disk,
 * rename it atomically into place and force the folder, so a crash leaves either no object or a whole one
 * under the content name. {@link #get} re-hashes
 * what it reads, so a flipped bit on disk is reported rather than served. Objects larger than {@link
 * Limits#MAX_OBJECT_BYTES} are refused before they are read.
 *
 * <p>Thread-safe: concurrent {@code put}s of the same or different objects, and {@code get}s, need no
 * outside locking: each put uses its own temporary file, and renames of equal bytes are harmless (an {@link
 * ObjectBatch} itself is used by one thread). Several
 * processes may read at once; writers are serialised by the store lock ({@link Store}).
 */
public final class ObjectStore {
  private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern REST = Pattern.compile("[0-9a-f]{62}");

  private final StoreLayout layout;

  /** A store over {@code layout}; touches no file. Its folders are created by the first {@link #put}. */
  public ObjectStore(StoreLayout layout) {
    this.layout = layout;
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
   * Reads object {@code id} and checks that its SHA-256 is {@code id}. O(size).
   *
   * @throws NoSuchObjectException if there is no such object
   * @throws CorruptObjectException if its bytes do not hash to {@code id} or it is larger than {@link
   *     Limits#MAX_OBJECT_BYTES}; the message names the id and the file
   */
  public byte[] get(ObjectId id) throws IOException {
    Path file = layout.objectFile(id);
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
   * Reads, checks and decodes object {@code id}. O(size).
   *
   * @throws NoSuchObjectException if there is no such object
   * @throws CorruptObjectException if the bytes do not hash to {@code id} or are not a valid loose object
   */
  public FileSummary read(ObjectId id) throws IOException {
    return LooseObjectCodec.decode(get(id), describe(id, layout.objectFile(id)));
  }

  /** Checks object {@code id} as {@link #read} does, discarding the result. */
  public void verify(ObjectId id) throws IOException {
    read(id);
  }

  /** True if a file for {@code id} exists; does not read or check it. O(1). */
  public boolean contains(ObjectId id) {
    return SafeFiles.isRegularFile(layout.objectFile(id));
  }

  /**
   * Deletes object {@code id} (for gc) and forces its folder; returns false if it did not exist. The caller
   * makes sure nothing references it.
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
   * The ids of every stored object, sorted. Only names of the form {@code objects/<2 hex>/<62 hex>} count;
   * stray files and folders are ignored. O(objects · log objects); reads no object.
   */
  public List<ObjectId> list() throws IOException {
    Path objects = layout.objectsDir();
    if (!SafeFiles.isDirectory(objects)) {
      return List.of();
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

  @Override
  public String toString() {
    return "ObjectStore[" + layout.objectsDir() + "]";
  }
}
