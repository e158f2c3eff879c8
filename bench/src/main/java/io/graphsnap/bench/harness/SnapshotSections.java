package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a snapshot's bytes go: each section's length from the file's header, so that the report can say which
 * sections make the file larger than a peer's. Stateless.
 */
public final class SnapshotSections {
  private SnapshotSections() {}

  /** Section name → length in bytes, in file order, plus {@code HEADER_AND_PADDING} for the rest. */
  public static Map<String, Long> sizes(Path file) throws IOException {
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      SnapshotHeader header = SnapshotHeader.decode(mapped, file.toString());
      Map<String, Long> sizes = new LinkedHashMap<>();
      long sum = 0;
      for (SectionEntry e : header.sections()) {
        sizes.merge(e.displayName(), e.length(), Long::sum);
        sum += e.length();
      }
      sizes.put("HEADER_AND_PADDING", ch.size() - sum);
      return sizes;
    }
  }
}
