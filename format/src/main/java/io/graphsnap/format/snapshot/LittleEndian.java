package io.graphsnap.format.snapshot;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The value layouts every snapshot section is read with: little-endian and unaligned, declared once for the
 * builder, the reader, the bench and the tests. The {@code *Format} classes name the offsets these are read at.
 */
public final class LittleEndian {
  /** UInt64LE / Int64LE at any offset. */
  public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Int32LE at any offset. */
  public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** UInt16LE (read as a signed short; mask with 0xFFFF) at any offset. */
  public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** One byte (mask with 0xFF for UInt8). */
  public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
  /** The byte order of every multi-byte value, for {@link java.nio.ByteBuffer} views. */
  public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private LittleEndian() {}
}
