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
      if (records.byteSize() != view.soundLength()) {
        throw new CorruptSnapshotException(resource, "FILES", 0, "file count " + count + " does not fit the section ("
            + records.byteSize() + " bytes" + (packed ? ", packed" : "") + ")");
      }
      Map<String, ObjectId> table = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        table.put(names.get(i), ObjectId.fromBytes(view.objectId(i).toArray(ValueLayout.JAVA_BYTE)));
      }
      return table;
    } catch (CorruptSnapshotException e) {
      throw new IOException("cannot read the file table of snapshot " + resource + ": " + e.getMessage(), e);
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

  /** The paths of a {@link FrontCodedListFormat front-coded} FILE_PATHS (compact files from version 6). */
  private static List<String> frontCodedPaths(String resource, MemorySegment list) {
    List<String> out = new ArrayList<>();
    FrontCodedListFormat.forEach(list, (bytes, length) -> out.add(new String(bytes, 0, length,
        StandardCharsets.UTF_8)), resource, "FILE_PATHS");
    return out;
  }
}
