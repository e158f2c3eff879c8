package io.graphsnap.builder.internal;

/** Unsigned LEB128 of non-negative ints (at most 5 bytes), the format's {@code VarInt}. Stateless. */
final class VarInts {
  private VarInts() {}

  /** Bytes the encoding of {@code value} (non-negative) takes: 1 to 5. */
  static int size(int value) {
    int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
    return (bits + 6) / 7;
  }

  /** Writes {@code value} at {@code out[p]}; returns the position after it. */
  static int write(int value, byte[] out, int p) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out[p++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    out[p++] = (byte) v;
    return p;
  }
}
