package io.graphsnap.bench.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The names of one synthetic file as bytes: each name is appended piece by piece (fixed words, decimal numbers,
 * earlier names) into one growing array and numbered in the order it is {@linkplain #end() ended}, so that a name
 * costs its bytes rather than a {@link String}. Every byte is printable ASCII other than {@code "} and {@code \}:
 * a name needs no escaping in JSON, and its byte order is its {@link String#compareTo} order.
 *
 * <p>Mutable; {@link #clear()} makes it reusable for the next file. Not thread-safe.
 */
public final class NameArena {
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] bytes = new byte[1 << 12];
  private int size;
  private int nameStart;
  private int[] starts = new int[1 << 8];
  private int[] ends = new int[1 << 8];
  private int count;

  /** Forgets every name; the arrays are kept. O(1). */
  public void clear() {
    size = 0;
    nameStart = 0;
    count = 0;
  }

  /**
   * The bytes of {@code piece}, for {@link #append(byte[])}: check once, append often.
   *
   * @throws IllegalArgumentException if a character is not printable ASCII or is {@code "} or {@code \}
   */
  public static byte[] word(String piece) {
    byte[] out = new byte[piece.length()];
    for (int i = 0; i < out.length; i++) {
      char c = piece.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException("not a plain ASCII name piece: " + piece);
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /** Appends a {@link #word} to the name being built. */
  public NameArena append(byte[] word) {
    int n = word.length;
    ensure(n);
    System.arraycopy(word, 0, bytes, size, n);
    size += n;
    return this;
  }

  /**
   * Appends {@code piece} to the name being built (checked and converted at every call: {@link #append(byte[])}
   * is the fast way).
   *
   * @throws IllegalArgumentException if a character is not printable ASCII or is {@code "} or {@code \}
   */
  public NameArena append(String piece) {
    return append(word(piece));
  }

  /** Appends the decimal digits of {@code value} (with a leading {@code -} if negative), as {@code "" + value}. */
  public NameArena appendDecimal(long value) {
    if (value >= 0 && value <= Integer.MAX_VALUE) {
      return appendDecimal((int) value);
    }
    return append(Long.toString(value));
  }

  /** Appends the decimal digits of {@code value} (with a leading {@code -} if negative), as {@code "" + value}. */
  public NameArena appendDecimal(int value) {
    if (value < 0) {
      return append(Integer.toString(value));
    }
    int digits = Decimal.digits(value);
    ensure(digits);
    Decimal.write(value, bytes, size + digits);
    size += digits;
    return this;
  }

  /** Appends the bytes of the ended name {@code id}. */
  public NameArena appendName(int id) {
    int from = starts[id];
    int n = ends[id] - from;
    ensure(n);
    System.arraycopy(bytes, from, bytes, size, n);
    size += n;
    return this;
  }

  /** Ends the name being built (everything appended since the last end) and returns its number. */
  public int end() {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    starts[count] = nameStart;
    ends[count] = size;
    nameStart = size;
    return count++;
  }

  /** The array that holds the names; valid until the next append. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where name {@code id} starts in {@link #bytes()}. */
  public int start(int id) {
    return starts[id];
  }

  /** Where name {@code id} ends (exclusive) in {@link #bytes()}. */
  public int endOf(int id) {
    return ends[id];
  }

  /** Name {@code id} as a string. */
  public String string(int id) {
    return new String(bytes, starts[id], ends[id] - starts[id], StandardCharsets.ISO_8859_1);
  }

  /**
   * Bytes {@code [offset, offset + 8)} of name {@code id} as a big-endian {@code long}, with 0 for the bytes past
   * its end: as names hold no 0 byte, comparing these words unsigned orders names as {@link #compare} does, up to
   * ties (which {@link #compare} breaks).
   */
  public long word(int id, int offset) {
    int from = starts[id] + offset;
    int n = ends[id] - from;
    if (n >= Long.BYTES) {
      return (long) BIG_ENDIAN_LONG.get(bytes, from);
    }
    long w = 0;
    for (int k = 0; k < Long.BYTES; k++) {
      w = w << 8 | (k < n ? bytes[from + k] & 0xff : 0);
    }
    return w;
  }

  /** Compares names {@code a} and {@code b} as {@link String#compareTo} compares their strings (by sign). */
  public int compare(int a, int b) {
    byte[] b8 = bytes;
    int i = starts[a];
    int j = starts[b];
    int lengthA = ends[a] - i;
    int lengthB = ends[b] - j;
    int common = Math.min(lengthA, lengthB);
    int k = 0;
    for (; k + Long.BYTES <= common; k += Long.BYTES) {
      long x = (long) BIG_ENDIAN_LONG.get(b8, i + k);
      long y = (long) BIG_ENDIAN_LONG.get(b8, j + k);
      if (x != y) {
        return Long.compareUnsigned(x, y);
      }
    }
    for (; k < common; k++) {
      int d = (b8[i + k] & 0xff) - (b8[j + k] & 0xff);
      if (d != 0) {
        return d;
      }
    }
    return lengthA - lengthB;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
