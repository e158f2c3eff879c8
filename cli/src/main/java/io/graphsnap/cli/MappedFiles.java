package io.graphsnap.cli;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.MappingFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The snapshot files this process mapped for the command being run, so that a fault in mapped memory (another
 * process truncated a file while a command read it) is reported naming the file. Thread-safe.
 */
final class MappedFiles {
  private record Mapped(Path file, long bytes) {}

  private static final List<Mapped> MAPPED = new CopyOnWriteArrayList<>();

  private MappedFiles() {}

  /** Remembers that {@code file} was mapped with {@code bytes} bytes. */
  static void mapped(Path file, long bytes) {
    MAPPED.add(new Mapped(file, bytes));
  }

  /** Forgets every mapping (a new command starts). */
  static void clear() {
    MAPPED.clear();
  }

  /**
   * The exception to report for mapping fault {@code fault}: naming the mapped file whose size changed (else
   * the last one mapped).
   */
  static CorruptSnapshotException corrupt(Throwable fault) {
    Mapped named = null;
    for (Mapped m : MAPPED) {
      named = m;
      if (sizeOf(m.file()) != m.bytes()) {
        break;
      }
    }
    if (named == null) {
      return new CorruptSnapshotException("(a mapped snapshot)", "(file)", 0,
          "a snapshot file changed or shrank while mapped: open the published snapshot again, and run 'graphsnap verify'");
    }
    return MappingFaults.corrupt(named.file(), named.bytes());
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
