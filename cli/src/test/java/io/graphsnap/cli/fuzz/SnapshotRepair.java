package io.graphsnap.cli.fuzz;

import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Makes a mutated snapshot pass the cheap checks a fuzzer cannot guess: writes the real file length into the
 * header, recomputes the CRC32C of every section whose table entry lies inside the file, then the header's
 * own CRC. Whatever else the mutation broke (section table, counts, offsets, strings, bitmaps) stays broken,
 * so that the coverage-guided fuzzer reaches the structural checks of open and of every query instead of
 * stopping at the header checksum. Stateless.
 */
final class SnapshotRepair {
  private SnapshotRepair() {}

  /** A repaired copy of {@code bytes}; bytes too short or with an impossible section count come back unrepaired. */
  static byte[] repair(byte[] bytes) {
    byte[] b = bytes.clone();
    if (b.length < SnapshotFormat.HEADER_FIXED_BYTES + 4) {
      return b;
    }
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    bb.putLong(24, b.length);
    int count = bb.getInt(16);
    if (count < 0 || count > SnapshotFormat.MAX_SECTIONS) {
      return b;
    }
    int headerBytes = SnapshotFormat.headerBytes(count);
    if (b.length < headerBytes) {
      return b;
    }
    for (int i = 0; i < count; i++) {
      int at = SnapshotFormat.HEADER_FIXED_BYTES + i * SnapshotFormat.SECTION_ENTRY_BYTES;
      long offset = bb.getLong(at + 8);
      long length = bb.getLong(at + 16);
      if (offset >= headerBytes && length >= 0 && offset <= b.length && length <= b.length - offset) {
        bb.putInt(at + 4, crc32c(b, (int) offset, (int) length));
      }
    }
    bb.putInt(headerBytes - 4, crc32c(b, 0, headerBytes - 4));
    return b;
  }

  private static int crc32c(byte[] b, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, offset, length);
    return (int) crc.getValue();
  }
}
