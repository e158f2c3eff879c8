package io.graphsnap.objects.internal;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the file table of a snapshot (path → the loose object each file was built from) straight from its
 * FILE_PATHS and FILES sections (grammar in {@link SectionId}), so this module can recover an index from the
 * published snapshot without the reader module. Checks the header ({@link SnapshotHeader#decode}) and every
 * bound it reads. Not API. Stateless.
 */
public final class SnapshotFileTable {
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private SnapshotFileTable() {}

  /**
   * Path → object id of every file of {@code snapshot}, in the snapshot's (path) order. O(files).
   *
   * @throws IOException if the file cannot be read, or (as a {@link CorruptSnapshotException} cause) is not a
   *     well-formed snapshot
   */
  public static Map<String, ObjectId> read(Path snapshot) throws IOException {
    String resource = snapshot.toString();
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(snapshot, StandardOpenOption.READ)) {
      MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      SnapshotHeader header = SnapshotHeader.decode(file, resource);
      MemorySegment paths = section(file, header, SectionId.FILE_PATHS, resource);
      MemorySegment records = section(file, header, SectionId.FILES, resource);
      long count = paths.byteSize() < 8 ? -1 : Integer.toUnsignedLong(paths.get(INT, 0));
      long data = 8 * (count + 2);
      if (count < 0 || data > paths.byteSize() || records.byteSize() != count * SnapshotFormat.FILE_RECORD_BYTES) {
        throw new CorruptSnapshotException(resource, "FILE_PATHS", 0, "file count " + count
            + " does not fit the sections (" + paths.byteSize() + " and " + records.byteSize() + " bytes)");
      }
      Map<String, ObjectId> table = new LinkedHashMap<>();
      for (long i = 0; i < count; i++) {
        long start = paths.get(LONG, 8 + 8 * i);
        long end = paths.get(LONG, 16 + 8 * i);
        if (start < 0 || end < start || data + end > paths.byteSize()) {
          throw new CorruptSnapshotException(resource, "FILE_PATHS", 8 + 8 * i,
              "path " + i + " ends out of range: [" + start + ", " + end + ")");
        }
        String path = new String(paths.asSlice(data + start, end - start).toArray(ValueLayout.JAVA_BYTE),
            StandardCharsets.UTF_8);
        byte[] id = records.asSlice(i * SnapshotFormat.FILE_RECORD_BYTES + 32, ObjectId.BYTES)
            .toArray(ValueLayout.JAVA_BYTE);
        table.put(path, ObjectId.fromBytes(id));
      }
      return table;
    } catch (CorruptSnapshotException e) {
      throw new IOException("cannot read the file table of snapshot " + resource + ": " + e.getMessage(), e);
    }
  }

  private static MemorySegment section(MemorySegment file, SnapshotHeader header, SectionId id, String resource) {
    SectionEntry entry = header.entry(id);
    if (entry == null) {
      throw new CorruptSnapshotException(resource, id.name(), 0, "section missing");
    }
    return file.asSlice(entry.offset(), entry.length());
  }
}
