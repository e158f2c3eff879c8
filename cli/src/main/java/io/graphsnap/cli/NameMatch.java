package io.graphsnap.cli;

/**
 * How a name typed on the command line is compared with symbol names: normalising parameter lists, matching a
 * partial name at a segment boundary, and the edit distance of a name's last segments. Names look like
 * {@code org.example.StringUtils#join(Object[],char)}: segments are separated by {@code .}, {@code #} and
 * {@code $}, and a parameter list of erased simple types follows the member name.
 */
final class NameMatch {
  private NameMatch() {}

  /**
   * {@code text} with its parameter list written as symbol names write it: no spaces, simple type names without
   * their package ({@code java.lang.Object[]} → {@code Object[]}), type arguments dropped ({@code List<String>} →
   * {@code List}), commas without spaces. Text without a parameter list is only trimmed.
   */
  static String normalise(String text) {
    String t = text.strip();
    int open = t.indexOf('(');
    int close = t.lastIndexOf(')');
    if (open < 0 || close < open) {
      return t;
    }
    StringBuilder out = new StringBuilder(t.substring(0, open).replaceAll("\\s+", "")).append('(');
    String params = dropTypeArguments(t.substring(open + 1, close));
    if (!params.isBlank()) {
      String[] parts = params.split(",");
      for (int i = 0; i < parts.length; i++) {
        out.append(i == 0 ? "" : ",").append(simpleType(parts[i].replaceAll("\\s+", "")));
      }
    }
    return out.append(')').append(t.substring(close + 1).strip()).toString();
  }

  private static String dropTypeArguments(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code java.lang.Object...} → {@code Object...}; {@code a.B[][]} → {@code B[][]}; {@code final int} handled by the caller's whitespace removal. */
  private static String simpleType(String type) {
    String t = type.startsWith("final") && type.length() > 5 && Character.isUpperCase(type.charAt(5)) ? type.substring(5) : type;
    int suffixAt = t.length();
    while (suffixAt >= 2 && t.startsWith("[]", suffixAt - 2)) {
      suffixAt -= 2;
    }
    if (suffixAt == t.length() && t.endsWith("...")) {
      suffixAt -= 3;
    }
    String base = t.substring(0, suffixAt);
    int dot = base.lastIndexOf('.');
    return (dot >= 0 ? base.substring(dot + 1) : base) + t.substring(suffixAt);
  }

  /** {@code name} without its parameter list ({@code a.B#m(int)} → {@code a.B#m}). */
  static String withoutParameters(String name) {
    int open = name.indexOf('(');
    return open < 0 ? name : name.substring(0, open);
  }

  /** Whether {@code c} separates the segments of a name. */
  static boolean isBoundary(char c) {
    return c == '.' || c == '#' || c == '$';
  }

  /** Whether {@code name} ends with {@code tail} and the tail starts a segment ({@code a.B#m} ends with {@code B#m}, not {@code #m} or {@code m} of {@code xm}). */
  static boolean endsAtBoundary(String name, String tail) {
    if (!name.endsWith(tail)) {
      return false;
    }
    int at = name.length() - tail.length();
    return at == 0 || isBoundary(name.charAt(at - 1)) || isBoundary(tail.charAt(0));
  }

  /**
   * The last segment of {@code text} (without a parameter list): what a name must contain to end with
   * {@code text} ({@code StringUtils#isBlank} → {@code isBlank}).
   */
  static String lastSegment(String text) {
    String head = withoutParameters(text);
    int i = head.length();
    while (i > 0 && !isBoundary(head.charAt(i - 1))) {
      i--;
    }
    return head.substring(i);
  }

  /**
   * The edit distance (optimal string alignment, capped at {@code limit + 1}) between {@code query} and as many
   * last segments of {@code name} as {@code query} has; the parameter list takes part only when {@code query}
   * has one. Both are expected in the same case.
   */
  static int distanceToTail(String query, String name, int limit) {
    boolean params = query.indexOf('(') >= 0;
    String target = params ? name : withoutParameters(name);
    String head = withoutParameters(query);
    int segments = 1;
    for (int i = 0; i < head.length(); i++) {
      if (isBoundary(head.charAt(i))) {
        segments++;
      }
    }
    String targetHead = withoutParameters(target);
    int start = targetHead.length();
    for (int seen = 0; start > 0; start--) {
      if (isBoundary(targetHead.charAt(start - 1)) && ++seen == segments) {
        break;
      }
    }
    return Suggestions.distance(query, target.substring(Math.max(0, start - (start > 0 && head.length() > 0 && isBoundary(head.charAt(0)) ? 1 : 0))), limit);
  }
}
