package io.graphsnap.reader.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pattern over names or paths: exact, prefix, or glob ({@code *} any run of characters, {@code ?} any one
 * character; both may cross {@code .}, {@code #} and {@code /}). Held as parts: literal strings and the
 * wildcards between them. Immutable, thread-safe.
 */
public final class NamePattern {
  /** How a pattern matches. */
  public enum Kind {
    /** The whole text equals the literal. */
    EXACT,
    /** The text starts with the literal. */
    PREFIX,
    /** A glob with wildcards other than one trailing {@code *}. */
    GLOB
  }

  /** The wildcard parts of a glob. */
  @SuppressWarnings("StringOperationCanBeSimplified") // distinct objects: compared by identity
  static final String STAR = new String("*");
  @SuppressWarnings("StringOperationCanBeSimplified")
  static final String QUESTION = new String("?");

  /** Literal strings and the {@link #STAR}/{@link #QUESTION} markers (compared by identity), in order. */
  private final List<String> parts;
  private final Kind kind;
  private Pattern regex;
  private Utf8Glob utf8;

  private NamePattern(List<String> parts) {
    this.parts = List.copyOf(parts);
    int wildcards = 0;
    for (String p : this.parts) {
      if (isWildcard(p)) {
        wildcards++;
      }
    }
    if (wildcards == 0) {
      kind = Kind.EXACT;
    } else if (wildcards == 1 && this.parts.getLast() == STAR) {
      kind = Kind.PREFIX;
    } else {
      kind = Kind.GLOB;
    }
  }

  /** A pattern matching exactly {@code text}. */
  public static NamePattern exact(String text) {
    return new NamePattern(List.of(text));
  }

  /** A pattern matching every text that starts with {@code prefix}. */
  public static NamePattern prefix(String prefix) {
    return new NamePattern(prefix.isEmpty() ? List.of(STAR) : List.of(prefix, STAR));
  }

  /** A glob: {@code *} and {@code ?} in {@code glob} are wildcards; no escapes. */
  public static NamePattern glob(String glob) {
    Builder b = new Builder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        b.wildcard(c);
      } else {
        b.literal(c);
      }
    }
    return b.build();
  }

  /** Collects parts; literal characters are merged into runs. */
  static final class Builder {
    private final List<String> parts = new ArrayList<>();
    private final StringBuilder run = new StringBuilder();

    void literal(char c) {
      run.append(c);
    }

    void wildcard(char c) {
      flush();
      if (c == '*' && !parts.isEmpty() && parts.getLast() == STAR) {
        return; // ** is *
      }
      parts.add(c == '*' ? STAR : QUESTION);
    }

    boolean isEmpty() {
      return parts.isEmpty() && run.isEmpty();
    }

    NamePattern build() {
      flush();
      if (parts.isEmpty()) {
        parts.add("");
      }
      return new NamePattern(parts);
    }

    private void flush() {
      if (!run.isEmpty()) {
        parts.add(run.toString());
        run.setLength(0);
      }
    }
  }

  /** The match kind. */
  public Kind kind() {
    return kind;
  }

  /** The literal characters before the first wildcard (the whole text for an exact pattern). */
  public String literalPrefix() {
    String first = parts.getFirst();
    return isWildcard(first) ? "" : first;
  }

  /** The longest literal run of the pattern (for a substring index), or "" if it has none. */
  public String longestLiteral() {
    String best = "";
    for (String p : parts) {
      if (!isWildcard(p) && p.length() > best.length()) {
        best = p;
      }
    }
    return best;
  }

  /** Whether the pattern matches all of {@code text}. O(length) for exact and prefix patterns. */
  public boolean matches(String text) {
    return switch (kind) {
      case EXACT -> text.equals(parts.getFirst());
      case PREFIX -> text.startsWith(literalPrefix());
      case GLOB -> regex().matcher(text).matches();
    };
  }

  /** The pattern as a matcher over UTF-8 bytes (agreeing with {@link #matches} on well-formed UTF-8). */
  Utf8Glob utf8() {
    Utf8Glob m = utf8;
    if (m == null) {
      List<String> literals = new ArrayList<>(parts.size());
      List<Boolean> stars = new ArrayList<>(parts.size());
      for (String p : parts) {
        literals.add(isWildcard(p) ? null : p);
        stars.add(p == STAR);
      }
      m = new Utf8Glob(literals, stars);
      utf8 = m;
    }
    return m;
  }

  private Pattern regex() {
    Pattern r = regex;
    if (r == null) {
      StringBuilder sb = new StringBuilder();
      for (String p : parts) {
        if (p == STAR) {
          sb.append("(?s:.*)");
        } else if (p == QUESTION) {
          sb.append("(?s:.)");
        } else if (!p.isEmpty()) {
          sb.append(Pattern.quote(p));
        }
      }
      r = Pattern.compile(sb.toString());
      regex = r;
    }
    return r;
  }

  private static boolean isWildcard(String part) {
    return part == STAR || part == QUESTION;
  }

  /**
   * The pattern in query syntax: wildcards bare, literal runs quoted when they hold a character the lexer
   * would read otherwise (space, quote, backslash, parenthesis, wildcard) or are empty.
   */
  public String toSyntax() {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p == STAR || p == QUESTION) {
        sb.append(p);
      } else {
        sb.append(QueryLexer.quoteIfNeeded(p));
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NamePattern other) || parts.size() != other.parts.size()) {
      return false;
    }
    for (int i = 0; i < parts.size(); i++) {
      String a = parts.get(i);
      String b = other.parts.get(i);
      if (isWildcard(a) || isWildcard(b) ? a != b : !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (String p : parts) {
      h = 31 * h + (p == STAR ? 1 : p == QUESTION ? 2 : Objects.hashCode(p) * 7);
    }
    return h;
  }

  @Override
  public String toString() {
    return toSyntax();
  }
}
