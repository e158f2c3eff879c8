package io.graphsnap.cli;

import java.util.Collection;
import java.util.Map;

/**
 * Renders the plain values answers are made of (maps with string keys, collections, strings, booleans, integral
 * numbers up to {@code long}, {@code null}) as compact JSON, character for character what Jackson's default
 * {@code ObjectMapper} writes for them: entries in the map's iteration order, {@code "} and {@code \} escaped,
 * {@code \b \t \n \f \r} as such, other characters below U+0020 as {@code \}{@code u00XX} (upper-case hex), everything
 * else (non-ASCII, U+2028, lone surrogates) as is. {@code JsonTextTest} compares the two on random documents.
 *
 * <p>It exists because building Jackson's serializers costs tens of milliseconds at start-up and a few
 * microseconds per document, which is most of a one-line query's work and half of {@code --stdin}'s. Anything
 * else (floating-point numbers, arrays, beans) is declined and {@link Json} hands the whole value to Jackson.
 *
 * <p>Stateless; thread-safe. O(size of the output).
 */
final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /**
   * Appends {@code value} to {@code out} and returns true, or returns false (leaving {@code out} partly written)
   * when the value holds something this writer does not render.
   */
  static boolean append(StringBuilder out, Object value) {
    // instanceof tests, not a pattern switch: its bootstrap spins a class at run time, which a one-line query pays for
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          return false;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, key);
        out.append(':');
        if (!append(out, e.getValue())) {
          return false;
        }
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        if (!append(out, item)) {
          return false;
        }
      }
      out.append(']');
    } else {
      return false;
    }
    return true;
  }

  /** {@code s} as a JSON string, quoted and escaped as Jackson escapes it. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int plain = 0; // start of the run of characters copied as they are
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, plain, n);
    out.append('"');
  }
}
