package io.graphsnap.frontend.scip.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A cursor over one protobuf message held in a byte array, between {@code position} and {@code limit}: reads keys,
 * varints, length-delimited slices and packed int32s, every length checked against the bytes that remain before it
 * is used, so a hostile length can neither read outside the message nor make the reader allocate. Sub-messages are
 * read by {@link #pushLimit} / {@link #popLimit} on the same array (no copy).
 *
 * <p>Offsets in error messages are relative to {@code base} plus the array index, so that they name the byte in
 * the whole index. Mutable, not thread-safe; O(1) per call except the reads that return data (linear in it).
 */
public final class ProtoBuffer {
  private final byte[] bytes;
  private final long base;
  private int position;
  private int limit;
  private int lastLength;

  /** A cursor over {@code bytes[from, to)}; {@code base} is the offset of {@code bytes[0]} in the whole input. */
  public ProtoBuffer(byte[] bytes, int from, int to, long base) {
    if (from < 0 || to > bytes.length || from > to) {
      throw new IllegalArgumentException("slice [" + from + ", " + to + ") of " + bytes.length + " bytes");
    }
    this.bytes = bytes;
    this.position = from;
    this.limit = to;
    this.base = base;
  }

  /** The array this cursor reads. */
  public byte[] array() {
    return bytes;
  }

  /** The index of the next byte to read. */
  public int position() {
    return position;
  }

  /** The offset of the next byte in the whole input (for messages). */
  public long offset() {
    return base + position;
  }

  /** True when the current message (up to its limit) has been read. */
  public boolean atEnd() {
    return position >= limit;
  }

  /** Reads a key and returns it (field number and wire type are checked by {@link WireType}). */
  public long readKey() {
    return readVarint64();
  }

  /** Reads a base-128 varint of at most 10 bytes. */
  public long readVarint64() {
    long value = 0;
    int start = position;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw new ScipFormatException("varint at byte " + (base + start) + " is cut off by the end of its message");
      }
      byte b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ScipFormatException("varint at byte " + (base + start) + " is longer than 10 bytes");
  }

  /** Reads an int32 varint (negative values are sign-extended 10-byte varints; the low 32 bits are the value). */
  public int readInt32() {
    return (int) readVarint64();
  }

  /** Reads a length prefix and checks that many bytes remain in the current message; returns the length. */
  public int readLength() {
    long at = offset();
    long length = readVarint64();
    if (length < 0 || length > limit - position) {
      throw new ScipFormatException("length " + Long.toUnsignedString(length) + " at byte " + at + " runs past its message ("
          + (limit - position) + " bytes remain)");
    }
    return (int) length;
  }

  /** Enters a length-delimited sub-message: returns the outer limit to pass to {@link #popLimit}. */
  public int pushLimit() {
    int length = readLength();
    int outer = limit;
    limit = position + length;
    return outer;
  }

  /** Leaves a sub-message entered with {@link #pushLimit}: skips what is left of it and restores the outer limit. */
  public void popLimit(int outer) {
    position = limit;
    limit = outer;
  }

  /** Reads a length-delimited field as UTF-8, replacing malformed sequences with U+FFFD. */
  public String readString() {
    int length = readLength();
    String s = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return s;
  }

  /** Reads a length-delimited field as strict UTF-8: malformed input is a {@link ScipFormatException}. */
  public String readStrictString(String what) {
    long at = offset();
    int length = readLength();
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, position, length))
          .toString();
      position += length;
      return s;
    } catch (CharacterCodingException e) {
      throw new ScipFormatException(what + " at byte " + at + " is not valid UTF-8");
    }
  }

  /**
   * Reads a length-delimited field and returns its start index in {@link #array()}; its length is {@link
   * #lastLength()}. Nothing is copied.
   */
  public int readSlice() {
    int length = readLength();
    int start = position;
    position += length;
    lastLength = length;
    return start;
  }

  /** The length of the slice the last {@link #readSlice()} returned. */
  public int lastLength() {
    return lastLength;
  }

  /**
   * Reads the values of a {@code repeated int32} field into {@code into}: a packed run when {@code wireType} is
   * length-delimited, else one varint. Values past {@code into.length} are counted but not stored.
   *
   * @return the new count ({@code count} plus the values read)
   */
  public int readRepeatedInt32(int wireType, int[] into, int count, long key) {
    if (wireType == WireType.VARINT) {
      int value = readInt32();
      if (count < into.length) {
        into[count] = value;
      }
      return count + 1;
    }
    if (wireType != WireType.LENGTH_DELIMITED) {
      throw new ScipFormatException("repeated int32 field " + (key >>> 3) + " at byte " + offset() + " has wire type "
          + wireType + " (expected 0 or 2)");
    }
    int outer = pushLimit();
    while (!atEnd()) {
      int value = readInt32();
      if (count < into.length) {
        into[count] = value;
      }
      count++;
    }
    popLimit(outer);
    return count;
  }

  /** Skips the value of a field of wire type {@code wireType}, checked against the message's end. */
  public void skip(int wireType) {
    switch (wireType) {
      case WireType.VARINT -> readVarint64();
      case WireType.FIXED64 -> skipBytes(8);
      case WireType.LENGTH_DELIMITED -> {
        int length = readLength(); // before the compound assignment reads position
        position += length;
      }
      case WireType.FIXED32 -> skipBytes(4);
      default -> throw new ScipFormatException("wire type " + wireType + " at byte " + offset() + " cannot be skipped");
    }
  }

  private void skipBytes(int n) {
    if (limit - position < n) {
      throw new ScipFormatException("fixed-width value at byte " + offset() + " is cut off by the end of its message");
    }
    position += n;
  }

  /** True if a varint read so far as the value of {@code key}'s field is the boolean true. */
  public boolean readBool() {
    return readVarint64() != 0;
  }
}
