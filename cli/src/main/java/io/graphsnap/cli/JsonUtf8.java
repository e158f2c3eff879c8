package io.graphsnap.cli;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Renders the same plain values as {@link JsonText}, with the same characters, straight into UTF-8 bytes: the
 * bytes {@code JsonText}'s text gives with {@code getBytes(UTF_8)} (a lone surrogate becomes {@code ?}, as the JDK's
 * encoder replaces it), without the intermediate {@link StringBuilder} and {@link String}. This is what a server
 * response body is made of, so the server spends no time building text it then encodes. {@code JsonUtf8Test}
 * compares the two on random documents.
 *
 * <p>An instance is a growable byte buffer; reuse it with {@link #reset}. Not thread-safe (one per thread). O(size
 * of the output).
 */
final class JsonUtf8 {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private byte[] bytes;
  private int size;

  JsonUtf8(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  /** Forgets what was written. */
  void reset() {
    size = 0;
  }

  /** Bytes written. */
  int size() {
    return size;
  }

  /** The buffer's capacity (a caller keeping one per thread drops one that grew large). */
  int capacity() {
    return bytes.length;
  }

  /** A copy of the bytes written. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /**
   * Appends {@code value} and returns true, or returns false (leaving the buffer partly written) when the value
   * holds something {@link JsonText} does not render either.
   */
  boolean append(Object value) {
    if (value == null) {
      put(NULL);
    } else if (value instanceof String s) {
      string(s);
    } else if (value instanceof Integer i) {
      number(i);
    } else if (value instanceof Long l) {
      number(l);
    } else if (value instanceof Short s) {
      number(s);
    } else if (value instanceof Byte b) {
      number(b);
    } else if (value instanceof Boolean b) {
      put(b ? TRUE : FALSE);
    } else if (value instanceof Map<?, ?> map) {
      put('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          return false;
        }
        if (!first) {
          put(',');
        }
        first = false;
        string(key);
        put(':');
        if (!append(e.getValue())) {
          return false;
        }
      }
      put('}');
    } else if (value instanceof Collection<?> list) {
      put('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          put(',');
        }
        first = false;
        if (!append(item)) {
          return false;
        }
      }
      put(']');
    } else {
      return false;
    }
    return true;
  }

  /** Appends one byte (ASCII). */
  void put(char c) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) c;
  }

  private void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  private void number(long v) {
    ensure(20);
    if (v == Long.MIN_VALUE) {
      put("-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return;
    }
    if (v < 0) {
      bytes[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    for (int i = size + digits - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    size += digits;
  }

  /** {@code s} as a JSON string in UTF-8, quoted and escaped as {@link JsonText#string} escapes it. */
  private void string(String s) {
    int n = s.length();
    ensure(n + 2); // ASCII without escapes: exactly this; more is grown as needed
    bytes[size++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          if (size == bytes.length) {
            grow(n - i + 1);
          }
          bytes[size++] = (byte) c;
          continue;
        }
        ensure(6);
        bytes[size++] = '\\';
        switch (c) {
          case '"' -> bytes[size++] = '"';
          case '\\' -> bytes[size++] = '\\';
          case '\b' -> bytes[size++] = 'b';
          case '\t' -> bytes[size++] = 't';
          case '\n' -> bytes[size++] = 'n';
          case '\f' -> bytes[size++] = 'f';
          case '\r' -> bytes[size++] = 'r';
          default -> {
            bytes[size++] = 'u';
            bytes[size++] = '0';
            bytes[size++] = '0';
            bytes[size++] = HEX[c >> 4];
            bytes[size++] = HEX[c & 0xF];
          }
        }
        continue;
      }
      ensure(4);
      if (c < 0x800) {
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        bytes[size++] = (byte) (0xF0 | (cp >> 18));
        bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        bytes[size++] = '?'; // a lone surrogate: what String.getBytes(UTF_8) writes
      } else {
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    put('"');
  }

  private void ensure(int more) {
    if (bytes.length - size < more) {
      grow(more);
    }
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
  }
}
