package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;

/**
 * Strict UTF-8 for the snapshot's strings, and the order the format sorts them in. Stateless, thread-safe.
 *
 * <p>{@link String#getBytes} silently turns an unpaired surrogate into {@code '?'}, so two distinct names could
 * become one key; {@link #encode} refuses them instead. {@link #compare} is the order of the UTF-8 bytes compared
 * as unsigned values (code-point order), computed on the UTF-16 chars without encoding.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Encodes {@code s} as UTF-8. O(length).
   *
   * @param what names the string in the error message ({@code "symbol name in src/a.cov"})
   * @throws BuildInputException if {@code s} holds an unpaired surrogate
   */
  public static byte[] encode(String s, String what) {
    int n = s.length();
    int len = length(s, what);
    byte[] out = new byte[len];
    if (len == n) {
      for (int i = 0; i < n; i++) {
        out[i] = (byte) s.charAt(i);
      }
      return out;
    }
    int p = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else if (c < 0x800) {
        out[p++] = (byte) (0xC0 | c >> 6);
        out[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out[p++] = (byte) (0xF0 | cp >> 18);
        out[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[p++] = (byte) (0x80 | cp & 0x3F);
      } else {
        out[p++] = (byte) (0xE0 | c >> 12);
        out[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[p++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return out;
  }

  /**
   * Returns the length of {@code s} in UTF-8 bytes. O(length).
   *
   * @throws BuildInputException if {@code s} holds an unpaired surrogate
   */
  public static int length(String s, String what) {
    int n = s.length();
    long len = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        len += 1;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          len += 4;
          i++;
        } else {
          throw new BuildInputException(what + " holds an unpaired surrogate U+" + String.format("%04X", (int) c)
              + " at char " + i + ", which UTF-8 cannot encode: " + quote(s));
        }
      } else {
        len += 3;
      }
    }
    if (len > Integer.MAX_VALUE - 16) {
      throw new BuildInputException(what + " is " + len + " bytes long, more than a Java array holds");
    }
    return (int) len;
  }

  /**
   * Compares two strings by code point, which is the order of their UTF-8 bytes compared as unsigned values
   * ({@link java.util.Arrays#compareUnsigned}); differs from {@link String#compareTo} where a supplementary
   * character meets one of U+E000–U+FFFF. O(common prefix). Strings with unpaired surrogates are ordered as if
   * the surrogate were a code point above U+FFFF, consistently.
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return rank(x) - rank(y);
      }
    }
    return a.length() - b.length();
  }

  /** Maps a UTF-16 char so that surrogates rank above every other BMP char (ICU's code-point-order fix-up). */
  private static int rank(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }

  /** {@code s} in double quotes for a message, cut after 200 chars. */
  public static String quote(String s) {
    String shown = s.length() > 200 ? s.substring(0, 200) + "…" : s;
    return '"' + shown + '"';
  }
}
