package io.graphsnap.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camel-hump pattern: each upper-case letter of the query starts a word of the name ({@code SU} matches
 * {@code StringUtils}), a lower-case letter continues the word it is in or, at the start of a segment, starts the
 * segment's first word ({@code iB} matches {@code isBlank}), and {@code .}, {@code #} and {@code $} match themselves,
 * after the rest of the segment. The pattern may start at any segment of the name; the parameter list is not
 * matched. Immutable and thread-safe.
 */
final class CamelHump {
  private final Pattern pattern;

  private CamelHump(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * The pattern for {@code query}, or {@code null} when {@code query} is not a camel-hump query: it needs at least
   * two humps (two upper-case letters, or a separator) and only letters, digits, {@code _} and separators.
   */
  static CamelHump of(String query) {
    int humps = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (Character.isUpperCase(c) || NameMatch.isBoundary(c)) {
        humps++;
      } else if (!Character.isLetterOrDigit(c) && c != '_') {
        return null;
      }
    }
    if (humps < 2 || query.isEmpty() || NameMatch.isBoundary(query.charAt(query.length() - 1))) {
      return null;
    }
    StringBuilder regex = new StringBuilder("(?:^|(?<=[.#$]))");
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (NameMatch.isBoundary(c)) {
        regex.append("[\\p{L}\\p{N}_]*").append(Pattern.quote(String.valueOf(c)));
      } else if (Character.isUpperCase(c) && i > 0 && !NameMatch.isBoundary(query.charAt(i - 1))) {
        regex.append("[\\p{Ll}\\p{N}_]*").append(Pattern.quote(String.valueOf(c)));
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new CamelHump(Pattern.compile(regex.toString()));
  }

  /** Whether {@code name}, without its parameter list, matches. */
  boolean matches(String name) {
    Matcher m = pattern.matcher(NameMatch.withoutParameters(name));
    return m.find();
  }
}
