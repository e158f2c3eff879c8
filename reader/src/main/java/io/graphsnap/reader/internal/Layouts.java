package io.graphsnap.reader.internal;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The little-endian, unaligned value layouts every section is read with. */
public final class Layouts {
  /** UInt64LE / Int64LE at any offset. */
  public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Int32LE at any offset. */
  public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** UInt16LE (read as a signed short; mask with 0xFFFF) at any offset. */
  public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** One byte (mask with 0xFF for UInt8). */
  public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

  private Layouts() {}
}
