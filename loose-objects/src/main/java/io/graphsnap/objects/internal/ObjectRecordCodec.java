package io.graphsnap.objects.internal;

import io.graphsnap.objects.ObjectRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The value bytes of the index's object id → {@link ObjectRecord} map. Not API. Thread-safe, stateless.
 *
 * <pre>
 * Value --&gt; Version(1 byte = 1), PathLength UInt16LE, PathUtf8 Byte^PathLength, IntervalCount UInt16LE,
 *           (From Int64LE, To Int64LE)^IntervalCount
 * </pre>
 */
public final class ObjectRecordCodec {
  /** The only version written. */
  public static final byte VERSION = 1;

  private ObjectRecordCodec() {}

  /** Encodes {@code record}. */
  public static byte[] encode(ObjectRecord record) {
    byte[] path = record.path().getBytes(StandardCharsets.UTF_8);
    long[] intervals = record.intervals();
    if (path.length > 0xFFFF || intervals.length / 2 > 0xFFFF) {
      throw new IllegalArgumentException("object record of " + record.path() + " is too large: path " + path.length
          + " bytes, " + intervals.length / 2 + " intervals");
    }
    ByteBuffer out = ByteBuffer.allocate(1 + 2 + path.length + 2 + 8 * intervals.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(VERSION).putShort((short) path.length).put(path).putShort((short) (intervals.length / 2));
    for (long bound : intervals) {
      out.putLong(bound);
    }
    return out.array();
  }

  /**
   * Decodes a value.
   *
   * @param what names the record in the message (the object id)
   * @throws IllegalArgumentException if the bytes are not a value of this format; the message says why
   */
  public static ObjectRecord decode(String what, byte[] value) {
    if (value == null || value.length < 5 || value[0] != VERSION) {
      throw new IllegalArgumentException("object record of " + what + " is " + (value == null ? "null"
          : value.length + " bytes with version " + (value.length > 0 ? value[0] : -1)) + " (supported: " + VERSION + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    in.get();
    int pathLength = Short.toUnsignedInt(in.getShort());
    if (in.remaining() < pathLength + 2) {
      throw new IllegalArgumentException("object record of " + what + " is truncated: path of " + pathLength
          + " bytes, " + in.remaining() + " left");
    }
    String path = new String(value, 3, pathLength, StandardCharsets.UTF_8);
    in.position(3 + pathLength);
    int count = Short.toUnsignedInt(in.getShort());
    if (in.remaining() != 16L * count) {
      throw new IllegalArgumentException("object record of " + what + " holds " + in.remaining()
          + " bytes of intervals, expected " + 16L * count);
    }
    long[] intervals = new long[2 * count];
    for (int i = 0; i < intervals.length; i++) {
      intervals[i] = in.getLong();
    }
    return new ObjectRecord(path, intervals);
  }
}
