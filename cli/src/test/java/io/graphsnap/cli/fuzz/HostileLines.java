package io.graphsnap.cli.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines records an attacker or a broken analyzer might write, each with a fragment of the error the
 * ingester must report for it. Every one must be rejected as a bad line, write nothing outside the store and
 * index nothing. Also fuzz seeds ({@link FuzzSeeds}).
 */
final class HostileLines {
  /**
   * One hostile record.
   *
   * @param name a file-name-safe label
   * @param bytes the line, without its newline (not always valid UTF-8)
   * @param expectedError a fragment of the line error the ingester reports
   */
  record Case(String name, byte[] bytes, String expectedError) {
    String line() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static final List<Case> CASES = build();

  private HostileLines() {}

  private static List<Case> build() {
    List<Case> c = new ArrayList<>();
    path(c, "absolute", "/etc/passwd", "absolute");
    path(c, "absolute-tmp", "/tmp/graphsnap-escape.cov", "absolute");
    path(c, "dotdot", "../../outside.cov", "'..'");
    path(c, "dotdot-inner", "src/../../outside.cov", "'..'");
    path(c, "dotdot-only", "..", "'..'");
    path(c, "nul", "src/a\\u0000.cov", "control character");
    path(c, "backslash", "src\\\\..\\\\..\\\\outside.cov", "backslash");
    path(c, "drive-letter", "C:/Windows/evil.cov", "drive letter");
    path(c, "control-char", "src/a\\u0007b.cov", "control character");
    path(c, "c1-csi", "src/a\\u009b31mb.cov", "control character");
    path(c, "osc8-link", "src/\\u001b]8;;https://example.com\\u001b\\\\a.cov\\u001b]8;;\\u001b\\\\", "control character");
    path(c, "del", "src/a\\u007fb.cov", "control character");
    path(c, "empty", "", "path");
    path(c, "only-dots", "./././", "no file name");
    path(c, "too-long", "d/".repeat(2100) + "f.cov", "longer than 4096");
    c.add(ascii("deleted-absolute", "{\"path\": \"/etc/passwd\", \"deleted\": true}", "absolute"));
    c.add(ascii("deleted-dotdot", "{\"path\": \"../x\", \"deleted\": true}", "'..'"));
    c.add(ascii("name-too-long", symbolLine("n".repeat(4097)), "longer than 4096"));
    c.add(ascii("name-nul", symbolLine("a\\u0000b"), "NUL"));
    c.add(ascii("name-surrogate", symbolLine("a\\ud800b"), "surrogate"));
    c.add(ascii("name-empty", symbolLine(""), "empty"));
    c.add(ascii("lines-overflow", "{\"path\": \"a.cov\", \"symbols\": [{\"name\": \"x\", \"kind\": \"fn\", \"lines\": [1, "
        + "99999999999]}]}", "integer"));
    c.add(ascii("deep-nesting", "{\"path\": \"a.cov\", \"symbols\": " + "[".repeat(3000) + "]".repeat(3000) + "}",
        "nesting"));
    c.add(ascii("unknown-field", "{\"path\": \"a.cov\", \"symlink\": \"/etc\"}", "unknown"));
    c.add(ascii("duplicate-path-field", "{\"path\": \"a.cov\", \"path\": \"/etc/passwd\"}", "duplicate"));
    byte[] badUtf8 = "{\"path\": \"a\u00ff.cov\"}".getBytes(StandardCharsets.ISO_8859_1);
    c.add(new Case("invalid-utf8", badUtf8, "UTF-8"));
    return List.copyOf(c);
  }

  private static void path(List<Case> cases, String name, String jsonPath, String expected) {
    cases.add(ascii("path-" + name, "{\"path\": \"" + jsonPath + "\", \"symbols\": [{\"name\": \"x\", \"kind\": \"fn\"}]}",
        expected));
  }

  private static String symbolLine(String jsonName) {
    return "{\"path\": \"a.cov\", \"symbols\": [{\"name\": \"" + jsonName + "\", \"kind\": \"fn\"}]}";
  }

  private static Case ascii(String name, String line, String expected) {
    return new Case(name, line.getBytes(StandardCharsets.UTF_8), expected);
  }
}
