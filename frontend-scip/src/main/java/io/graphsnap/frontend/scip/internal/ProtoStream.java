package io.graphsnap.frontend.scip.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the top level of a protobuf message from an {@link InputStream}, one field at a time, without holding the
 * message: keys and varints byte by byte (the caller buffers the stream), a length-delimited value either read
 * whole ({@link #readBytes}, only after the caller checked the length against its cap) or skipped ({@link #skip}).
 * When the input's size is known, every length is also checked against the bytes that remain, so a length field
 * can never make the reader wait for, or allocate, bytes that are not there.
 *
 * <p>Mutable, not thread-safe; does not close the stream.
 */
public final class ProtoStream {
  private final InputStream in;
  private final long size;
  private long offset;

  /**
   * @param in the input, positioned at the first byte of the message (buffered by the caller)
   * @param size the input's size in bytes, or -1 if unknown
   */
  public ProtoStream(InputStream in, long size) {
    this.in = in;
    this.size = size;
  }

  /** Bytes consumed so far: the offset of the next byte. */
  public long offset() {
    return offset;
  }

  /** The input's size, or -1 if unknown. */
  public long size() {
    return size;
  }

  /** Reads the next field's key, or returns -1 at a clean end of input (between two fields). */
  public long readKeyOrEnd() throws IOException {
    int first = in.read();
    if (first < 0) {
      return -1;
    }
    offset++;
    if (first < 0x80) {
      return first;
    }
    return readVarintRest(first, offset - 1);
  }

  /** Reads a varint; the end of input inside it is a {@link ScipFormatException}. */
  public long readVarint() throws IOException {
    long start = offset;
    int first = in.read();
    if (first < 0) {
      throw truncated("varint", start);
    }
    offset++;
    return first < 0x80 ? first : readVarintRest(first, start);
  }

  private long readVarintRest(int first, long start) throws IOException {
    long value = first & 0x7F;
    for (int shift = 7; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw truncated("varint", start);
      }
      offset++;
      value |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        return value;
      }
    }
    throw new ScipFormatException("varint at byte " + start + " is longer than 10 bytes");
  }

  /**
   * Reads a length prefix and checks it against the bytes that remain when the size is known (the caller checks it
   * against its own cap before it reads the value).
   */
  public long readLength(String what) throws IOException {
    long at = offset;
    long length = readVarint();
    if (length < 0) {
      throw new ScipFormatException(what + " at byte " + at + " has length " + Long.toUnsignedString(length)
          + ", more than any input holds");
    }
    if (size >= 0 && length > size - offset) {
      throw new ScipFormatException(what + " at byte " + at + " has length " + length + " but only " + (size - offset)
          + " bytes remain: the index is truncated or the length is corrupt");
    }
    return length;
  }

  /**
   * Reads {@code length} bytes (checked by the caller against its cap, at most {@link Integer#MAX_VALUE} - 8).
   * Reads in chunks, so a stream that ends early costs no more memory than the bytes it held.
   */
  public byte[] readBytes(int length, String what) throws IOException {
    long start = offset;
    byte[] bytes = in.readNBytes(length);
    offset += bytes.length;
    if (bytes.length < length) {
      throw new ScipFormatException(what + " at byte " + start + " is cut off after " + bytes.length + " of its "
          + length + " bytes: the index is truncated");
    }
    return bytes;
  }

  /**
   * Skips {@code length} bytes without holding them. They are read through a small scratch buffer rather than
   * {@link InputStream#skip}, which on a file may move past its end without noticing that the index is truncated.
   */
  public void skip(long length, String what) throws IOException {
    long start = offset;
    long left = length;
    while (left > 0) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (n < 0) {
        throw new ScipFormatException(what + " at byte " + start + " is cut off after " + (length - left) + " of its "
            + length + " bytes: the index is truncated");
      }
      left -= n;
      offset += n;
    }
  }

  private final byte[] scratch = new byte[8192];

  /** Skips a value of {@code wireType} at the top level. */
  public void skipValue(int wireType, String what) throws IOException {
    switch (wireType) {
      case WireType.VARINT -> readVarint();
      case WireType.FIXED64 -> skip(8, what);
      case WireType.LENGTH_DELIMITED -> skip(readLength(what), what);
      case WireType.FIXED32 -> skip(4, what);
      default -> throw new ScipFormatException("wire type " + wireType + " at byte " + offset + " cannot be skipped");
    }
  }

  private ScipFormatException truncated(String what, long at) {
    return new ScipFormatException(what + " at byte " + at + " is cut off by the end of the index: it is truncated");
  }
}
