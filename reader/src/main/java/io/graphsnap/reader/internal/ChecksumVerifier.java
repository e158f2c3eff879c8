package io.graphsnap.reader.internal;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

/**
 * Checks every byte of a snapshot against the header: the header's own CRC (by decoding it again), that
 * each section starts exactly at the next 64-byte boundary after the previous one, that the padding bytes
 * are zero, and each section's CRC32C. O(file size); reads the whole file once; allocates nothing per byte.
 */
public final class ChecksumVerifier {
  private static final long CHUNK = 1L << 30;

  private ChecksumVerifier() {}

  /** Verifies {@code file} (the whole mapped snapshot, whose decoded header is {@code header}) as described above. */
  public static void verify(String resource, MemorySegment file, SnapshotHeader header) {
    long end = SnapshotFormat.headerBytes(header.sections().size());
    for (SectionEntry entry : header.sections()) {
      long expected = SnapshotFormat.align(end);
      if (entry.offset() != expected) {
        throw new CorruptSnapshotException(resource, entry.displayName(), entry.offset(),
            "section does not start at the next 64-byte boundary: actual offset=" + entry.offset() + " vs expected="
                + expected);
      }
      checkZero(resource, file, end, entry.offset(), entry.displayName());
      int crc = crc32c(file, entry.offset(), entry.length());
      if (crc != entry.crc32c()) {
        throw new CorruptSnapshotException(resource, entry.displayName(), entry.offset(), String.format(
            "section checksum mismatch: actual=%08x vs expected=%08x", crc, entry.crc32c()));
      }
      end = entry.offset() + entry.length();
    }
    checkZero(resource, file, end, file.byteSize(), "header");
  }

  /** CRC32C of {@code file[offset, offset + length)}. */
  public static int crc32c(MemorySegment file, long offset, long length) {
    CRC32C crc = new CRC32C();
    for (long at = 0; at < length; at += CHUNK) {
      crc.update(file.asSlice(offset + at, Math.min(CHUNK, length - at)).asByteBuffer());
    }
    return (int) crc.getValue();
  }

  private static void checkZero(String resource, MemorySegment file, long from, long to, String before) {
    for (long at = from; at < to; at++) {
      byte b = file.get(BYTE, at);
      if (b != 0) {
        throw new CorruptSnapshotException(resource, before, at, "padding byte is not zero: actual=0x"
            + Integer.toHexString(b & 0xFF) + " vs expected=0x0");
      }
    }
  }
}
