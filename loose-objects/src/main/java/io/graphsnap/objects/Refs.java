package io.graphsnap.objects;

import io.graphsnap.objects.internal.FileSync;
import io.graphsnap.objects.internal.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and writes ref files ({@code refs/HEAD}): 64 hex digits and a newline. Stateless. */
final class Refs {
  private static final int MAX_REF_BYTES = 128;

  private Refs() {}

  /**
   * The snapshot id in ref {@code name}, if the ref exists. Lock-free.
   *
   * @throws IOException naming the file if it does not hold 64 hex digits and a newline
   */
  static Optional<String> read(StoreLayout layout, String name) throws IOException {
    Path file = layout.refFile(name);
    Optional<byte[]> read = SafeFiles.readSmall(file, MAX_REF_BYTES);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    byte[] head = read.get();
    String text = new String(head, StandardCharsets.US_ASCII);
    String id = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    try {
      return Optional.of(StoreLayout.checkSnapshotId(id));
    } catch (IllegalArgumentException e) {
      throw new IOException("ref " + name + " is damaged: expected 64 lower-case hex digits and a newline, found "
          + head.length + " bytes (file=" + file + ")");
    }
  }

  /** Replaces ref {@code name} atomically: temporary file, fsync, atomic rename, fsync of refs/. */
  static void write(StoreLayout layout, String name, String snapshotIdHex) throws IOException {
    StoreLayout.checkSnapshotId(snapshotIdHex);
    SafeFiles.ensureDirectory(layout.refsDir());
    SafeFiles.ensureDirectory(layout.tmpDir());
    FileSync.writeAtomically(layout.tmpDir(), layout.refFile(name),
        (snapshotIdHex + "\n").getBytes(StandardCharsets.US_ASCII));
  }
}
