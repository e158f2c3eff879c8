package io.graphsnap.objects.internal;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.StringListFormat;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the file table of a snapshot (path → the loose object each file was built from) straight from its
 * FILE_PATHS and FILES sections (grammar in {@link StringListFormat} or {@link FrontCodedListFormat}, and {@link
 * FileRecordFormat}, in either layout), so this
 * module can recover an index from the published snapshot without the reader module. Checks the header
 * ({@link SnapshotFile#open}) and every bound it reads. Not API. Stateless.
 */
public final class SnapshotFileTable {
  private SnapshotFileTable() {}

  /**
   * Path → object id of every file of {@code snapshot}, in the snapshot's (path) order. O(files).
   *
   * @throws IOException if the file cannot be read, or (as a {@link CorruptSnapshotException} cause) is not a
   *     well-formed snapshot
   */
  public static Map<String, ObjectId> read(Path snapshot) throws IOException {
    String resource = snapshot.toString();
    try (SnapshotFile file = SnapshotFile.open(snapshot)) {
      MemorySegment paths = file.required(SectionId.FILE_PATHS);
      MemorySegment records = file.required(SectionId.FILES);
      List<String> names = FrontCodedListFormat.frontCoded(file.header()) ? frontCodedPaths(resource, paths)
          : plainPaths(resource, paths);
      long count = names.size();
      boolean packed = FileRecordFormat.packed(file.header());
      FileRecordFormat.View view = new FileRecordFormat.View(records, count, packed);
      long expected = !packed ? FileRecordFormat.sectionBytes(count)
          : records.byteSize() < FileRecordFormat.tailOffset(count) + FileRecordFormat.TAIL_HEADER_BYTES
              || view.languageBits() > FileRecordFormat.MAX_PACKED_BITS
              || view.countBits() > FileRecordFormat.MAX_PACKED_BITS ? -1
          : FileRecordFormat.packedSectionBytes(count, view.languageBits(), view.countBits());
      if (records.byteSize() != expected) {
        throw new CorruptSnapshotException(resource, "FILES", 0, "file count " + count + " does not fit the section ("
            + records.byteSize() + " bytes)");
      }
      Map<String, ObjectId> table = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        table.put(names.get(i), ObjectId.fromBytes(view.objectId(i).toArray(ValueLayout.JAVA_BYTE)));
      }
      return table;
    } catch (CorruptSnapshotException e) {
      throw new IOException("cannot read the file table of snapshot " + resource + ": " + e.getMessage(), e);
    } catch (IndexOutOfBoundsException e) { // a varint of the last bytes running off the section
      throw new IOException("cannot read the file table of snapshot " + resource + ": FILE_PATHS ends inside a value",
          e);
    }
  }

  /** The paths of a {@link StringListFormat StringList} FILE_PATHS, every bound checked. */
  private static List<String> plainPaths(String resource, MemorySegment paths) {
    long count = paths.byteSize() < StringListFormat.ENDS ? -1 : StringListFormat.count(paths);
    long data = StringListFormat.dataOffset(count);
    if (count < 0 || data > paths.byteSize()) {
      throw new CorruptSnapshotException(resource, "FILE_PATHS", 0, "file count " + count
          + " does not fit the section (" + paths.byteSize() + " bytes)");
    }
    List<String> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      long start = StringListFormat.end(paths, i);
      long end = StringListFormat.end(paths, i + 1);
      if (start < 0 || end < start || data + end > paths.byteSize()) {
        throw new CorruptSnapshotException(resource, "FILE_PATHS", StringListFormat.endOffset(i),
            "path " + i + " ends out of range: [" + start + ", " + end + ")");
      }
      out.add(new String(paths.asSlice(data + start, end - start).toArray(ValueLayout.JAVA_BYTE),
          StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * The paths of a {@link FrontCodedListFormat front-coded} FILE_PATHS (compact files from version 6), walked block
   * after block with every length checked against the section, so a damaged list fails instead of reading or
   * allocating past it.
   */
  private static List<String> frontCodedPaths(String resource, MemorySegment list) {
    long size = list.byteSize();
    long count = size < FrontCodedListFormat.BLOCKS ? -1 : FrontCodedListFormat.count(list);
    long blockSize = size < FrontCodedListFormat.BLOCKS ? 0 : FrontCodedListFormat.blockSize(list);
    if (count < 0 || count > size || !FrontCodedListFormat.validBlockSize(blockSize)) {
      throw new CorruptSnapshotException(resource, "FILE_PATHS", 0, "count " + count + " or block size " + blockSize
          + " does not fit the section (" + size + " bytes)");
    }
    long end = FrontCodedListFormat.indexOffset(size, FrontCodedListFormat.blockCount(count, (int) blockSize));
    List<String> out = new ArrayList<>();
    byte[] buffer = new byte[64];
    int length = 0;
    long pos = FrontCodedListFormat.BLOCKS;
    for (long i = 0; i < count; i++) {
      int shared = 0;
      if (i % blockSize != 0) {
        long v = var(resource, list, pos, end);
        pos += v >>> 32;
        shared = (int) v;
      }
      long v = var(resource, list, pos, end);
      pos += v >>> 32;
      long suffix = v & 0xFFFF_FFFFL;
      if (shared > length || suffix > end - pos) {
        throw new CorruptSnapshotException(resource, "FILE_PATHS", pos, "path " + i + " shares " + shared
            + " bytes of " + length + " or its " + suffix + " bytes run past the blocks' end " + end);
      }
      length = shared + (int) suffix;
      if (length > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(length, 2 * buffer.length));
      }
      MemorySegment.copy(list, ValueLayout.JAVA_BYTE, pos, buffer, shared, (int) suffix);
      pos += suffix;
      out.add(new String(buffer, 0, length, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The VarUInt at {@code pos}, which must end before {@code end}: its value in the low 32 bits, its length above. */
  private static long var(String resource, MemorySegment list, long pos, long end) {
    if (pos < 0 || pos >= end) {
      throw new CorruptSnapshotException(resource, "FILE_PATHS", pos, "varint past the blocks' end " + end);
    }
    long v = FrontCodedListFormat.readVar(list, pos);
    if (pos + (v >>> 32) > end) {
      throw new CorruptSnapshotException(resource, "FILE_PATHS", pos, "varint past the blocks' end " + end);
    }
    return v;
  }
}
