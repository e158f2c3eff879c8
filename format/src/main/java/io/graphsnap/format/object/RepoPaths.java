package io.graphsnap.format.object;

import java.nio.charset.StandardCharsets;

/**
 * Checks repository-relative paths: {@code /}-separated, never absolute, never {@code ..}, no empty or
 * {@code .} segments, no backslash, NUL or other control characters (C0, DEL and C1: U+0000–U+001F,
 * U+007F–U+009F), at most {@link Limits#MAX_PATH_BYTES}.
 *
 * <p>Such a path can never escape the directory it is resolved against. Thread-safe, stateless.
 */
public final class RepoPaths {
  private RepoPaths() {}

  /**
   * Returns {@code path} in normal form: a leading {@code ./} and repeated or trailing slashes are removed.
   *
   * @throws InvalidSummaryException if the path is absolute, contains {@code ..}, a NUL, a backslash or a
   *     control character, is empty or too long
   */
  public static String normalise(String path) {
    if (isNormal(path)) {
      return path; // the common case, without splitting
    }
    if (path == null || path.isEmpty()) {
      throw new InvalidSummaryException("path is empty");
    }
    if (path.startsWith("/")) {
      throw new InvalidSummaryException("path is absolute: " + quote(path));
    }
    if (hasDriveLetter(path)) {
      throw new InvalidSummaryException("path is absolute (drive letter): " + quote(path));
    }
    StringBuilder normal = new StringBuilder(path.length());
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new InvalidSummaryException("path contains '..': " + quote(path));
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (isControl(c) || c == '\\') {
          throw new InvalidSummaryException(
              "path contains a control character or backslash (U+" + String.format("%04X", (int) c) + "): " + quote(path));
        }
      }
      if (!normal.isEmpty()) {
        normal.append('/');
      }
      normal.append(segment);
    }
    if (normal.isEmpty()) {
      throw new InvalidSummaryException("path has no file name: " + quote(path));
    }
    String result = normal.toString();
    if (hasDriveLetter(result)) { // "./C:x" would become "C:x"
      throw new InvalidSummaryException("path is absolute (drive letter): " + quote(path));
    }
    if (result.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PATH_BYTES) {
      throw new InvalidSummaryException("path is longer than " + Limits.MAX_PATH_BYTES + " bytes");
    }
    return result;
  }

  /** Returns true if {@code path} is already in the normal form {@link #normalise} produces. */
  public static boolean isNormal(String path) {
    // One pass, no allocation (index readers and source trees check every path): the same answer as
    // normalise(path).equals(path).
    int n = path == null ? 0 : path.length();
    if (n == 0 || n > Limits.MAX_PATH_BYTES || path.charAt(0) == '/' || hasDriveLetter(path)) {
      return false;
    }
    int segmentStart = 0;
    boolean ascii = true;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? path.charAt(i) : '/';
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 0 || length == 1 && path.charAt(segmentStart) == '.'
            || length == 2 && path.charAt(segmentStart) == '.' && path.charAt(segmentStart + 1) == '.') {
          return false; // an empty (repeated or trailing slash), "." or ".." segment
        }
        segmentStart = i + 1;
      } else if (isControl(c) || c == '\\') {
        return false;
      } else if (c >= 0x80) {
        ascii = false;
      }
    }
    return ascii || path.getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_PATH_BYTES;
  }

  /** Whether {@code path} starts like a Windows drive ({@code C:}), absolute or drive-relative. */
  private static boolean hasDriveLetter(String path) {
    return path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0));
  }

  /** Whether {@code c} is a C0 control (U+0000–U+001F), DEL (U+007F) or a C1 control (U+0080–U+009F). */
  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /**
   * {@code s} in double quotes for a message, cut after 200 chars, with every control character ({@link
   * #isControl}) shown as {@code \}{@code u00XX}: a message that echoes a rejected value must not carry its
   * escape sequences to a terminal.
   */
  static String quote(String s) {
    String shown = s.length() > 200 ? s.substring(0, 200) + "…" : s;
    StringBuilder b = new StringBuilder(shown.length() + 2).append('"');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (isControl(c)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
