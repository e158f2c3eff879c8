package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The small rules of the SCIP mapping that need no state: a document's language, a range's validity, positions as
 * longs, name validity, quoting for messages. Stateless.
 */
final class MappingRules {
  private static final Map<String, String> LANGUAGE_BY_EXTENSION = Map.ofEntries(
      Map.entry("ts", "typescript"), Map.entry("tsx", "typescriptreact"), Map.entry("mts", "typescript"),
      Map.entry("cts", "typescript"), Map.entry("js", "javascript"), Map.entry("jsx", "javascriptreact"),
      Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"), Map.entry("py", "python"),
      Map.entry("pyi", "python"), Map.entry("go", "go"), Map.entry("rs", "rust"), Map.entry("java", "java"),
      Map.entry("kt", "kotlin"), Map.entry("scala", "scala"), Map.entry("cs", "csharp"), Map.entry("rb", "ruby"),
      Map.entry("c", "c"), Map.entry("h", "c"), Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"),
      Map.entry("cxx", "cpp"), Map.entry("hpp", "cpp"), Map.entry("hh", "cpp"), Map.entry("dart", "dart"),
      Map.entry("php", "php"), Map.entry("swift", "swift"));

  private MappingRules() {}

  /** The language tag for a path: the document's own language in lower case, else by extension, else empty. */
  static String language(String declared, String path) {
    if (!declared.isEmpty()) {
      return declared.toLowerCase(Locale.ROOT);
    }
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot <= slash + 1) {
      return "";
    }
    return LANGUAGE_BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), "");
  }

  /** Why a range (as the document holds it) is malformed, or {@code null} if it is fine. */
  static String rangeProblem(int length, int v0, int v1, int v2, int v3, int lineCount) {
    if (length != 3 && length != 4) {
      return "has " + length + " values (expected 3 or 4)";
    }
    int startLine = v0;
    int startChar = v1;
    int endLine = length == 4 ? v2 : v0;
    int endChar = length == 4 ? v3 : v2;
    if (startLine < 0 || startChar < 0 || endLine < 0 || endChar < 0) {
      return "has a negative value";
    }
    if (endLine < startLine || (endLine == startLine && endChar < startChar)) {
      return "ends before it starts";
    }
    if (lineCount >= 0 && endLine >= lineCount) {
      return "ends on line " + (endLine + 1) + " but the document has " + lineCount + " lines";
    }
    return null;
  }

  /** A (line, character) position as one comparable long; both are non-negative ints. */
  static long position(int line, int character) {
    return ((long) line << 32) | (character & 0xFFFFFFFFL);
  }

  /** True if {@code name} obeys the name rules of the data model: 1..4,096 UTF-8 bytes, no NUL, no lone surrogate. */
  static boolean validName(String name) {
    if (name == null || name.isEmpty() || !plain(name)) {
      return false;
    }
    return name.length() * 3 <= Limits.MAX_NAME_BYTES || utf8Length(name) <= Limits.MAX_NAME_BYTES;
  }

  private static boolean plain(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code s} in double quotes for a message, cut after 200 characters. */
  static String quote(String s) {
    return "\"" + (s.length() <= 200 ? s : s.substring(0, 200) + "…") + "\"";
  }
}
