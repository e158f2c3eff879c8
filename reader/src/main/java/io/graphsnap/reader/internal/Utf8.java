package io.graphsnap.reader.internal;

import static io.graphsnap.format.snapshot.LittleEndian.BYTE;

import java.lang.foreign.MemorySegment;

/** Well-formedness of UTF-8 bytes in place (RFC 3629: shortest forms, no surrogates, at most U+10FFFF). */
public final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte of the first ill-formed sequence in {@code [from, to)}, or -1. O(to - from). */
  public static long firstInvalid(MemorySegment bytes, long from, long to) {
    long i = from;
    while (i < to) {
      int b = bytes.get(BYTE, i) & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        min = b == 0xE0 ? 0xA0 : 0x80;
        max = b == 0xED ? 0x9F : 0xBF;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        min = b == 0xF0 ? 0x90 : 0x80;
        max = b == 0xF4 ? 0x8F : 0xBF;
      } else {
        return i;
      }
      if (to - i < length) {
        return i;
      }
      int second = bytes.get(BYTE, i + 1) & 0xFF;
      if (second < min || second > max) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        int c = bytes.get(BYTE, i + k) & 0xFF;
        if (c < 0x80 || c > 0xBF) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }
}
