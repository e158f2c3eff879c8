package io.graphsnap.frontend.scip.internal;

/**
 * The protobuf wire format's constants (protobuf encoding guide): a field's key is the varint
 * {@code (fieldNumber << 3) | wireType}. SCIP (proto3) uses varints, 64-bit and 32-bit fixed values and
 * length-delimited fields; the deprecated group wire types 3 and 4 never occur in a SCIP index and are refused.
 */
public final class WireType {
  /** int32, int64, uint32, bool, enum: a base-128 varint. */
  public static final int VARINT = 0;
  /** fixed64, sfixed64, double: 8 bytes. */
  public static final int FIXED64 = 1;
  /** string, bytes, embedded messages, packed repeated fields: a varint length, then that many bytes. */
  public static final int LENGTH_DELIMITED = 2;
  /** Deprecated start group. */
  public static final int START_GROUP = 3;
  /** Deprecated end group. */
  public static final int END_GROUP = 4;
  /** fixed32, sfixed32, float: 4 bytes. */
  public static final int FIXED32 = 5;
  /** The longest varint: 10 bytes (a 64-bit value, 7 bits per byte). */
  public static final int MAX_VARINT_BYTES = 10;
  /** The largest field number protobuf allows (2^29 - 1). */
  public static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

  private WireType() {}

  /** The field number of {@code key}, checked to be 1..2^29-1. */
  public static int fieldNumber(long key, long offset) {
    long field = key >>> 3;
    if (field < 1 || field > MAX_FIELD_NUMBER) {
      throw new ScipFormatException("field number " + field + " at byte " + offset + " is outside 1.." + MAX_FIELD_NUMBER);
    }
    return (int) field;
  }

  /** The wire type of {@code key}, refusing the group types and 6, 7. */
  public static int of(long key, long offset) {
    int type = (int) (key & 7);
    if (type == START_GROUP || type == END_GROUP || type > FIXED32) {
      throw new ScipFormatException("wire type " + type + " at byte " + offset
          + " is not used by SCIP (expected 0 varint, 1 fixed64, 2 length-delimited or 5 fixed32)");
    }
    return type;
  }
}
