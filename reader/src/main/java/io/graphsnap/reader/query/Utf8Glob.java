package io.graphsnap.reader.query;

import io.graphsnap.reader.Utf8Predicate;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@link NamePattern} compiled to a matcher over UTF-8 bytes, so that scans test names and paths in place
 * without decoding them: literal runs compare bytes, {@code ?} consumes one code point (as the pattern's regex
 * does on the decoded string), {@code *} any run of code points. Matching is the classic greedy two-pointer
 * walk that, on a mismatch, lets the last {@code *} absorb one more code point: O(length · pattern) worst case,
 * O(length) typically, no allocation.
 *
 * <p>Agrees with {@link NamePattern#matches} on well-formed UTF-8 (what {@code verify} guarantees of names and
 * paths). A literal that is not well-formed UTF-16 (a lone surrogate) can match no decoded string, so a pattern
 * holding one matches nothing. Immutable and thread-safe.
 */
final class Utf8Glob implements Utf8Predicate {
  /** A token: a literal's bytes, or null for a wildcard (then {@link #star} says which). */
  private final byte[][] literals;
  private final boolean[] star;
  private final boolean impossible;

  Utf8Glob(List<String> parts, List<Boolean> wildcardIsStar) {
    int n = parts.size();
    literals = new byte[n][];
    star = new boolean[n];
    boolean bad = false;
    for (int i = 0; i < n; i++) {
      String part = parts.get(i);
      if (part == null) {
        star[i] = wildcardIsStar.get(i);
      } else {
        literals[i] = part.getBytes(StandardCharsets.UTF_8);
        bad |= !new String(literals[i], StandardCharsets.UTF_8).equals(part);
      }
    }
    impossible = bad;
  }

  @Override
  public boolean test(byte[] text, int length) {
    if (impossible) {
      return false;
    }
    final byte[][] tokens = literals;
    int from = 0;
    int to = length;
    int first = 0;
    int last = tokens.length;
    // a leading literal must be a prefix and a trailing one a suffix: check both before walking the middle
    if (last > 0 && tokens[0] != null) {
      if (!regionMatches(text, 0, to, tokens[0])) {
        return false;
      }
      from = tokens[0].length;
      first = 1;
    }
    if (last > first && tokens[last - 1] != null) {
      byte[] tail = tokens[last - 1];
      if (to - from < tail.length || !regionMatches(text, to - tail.length, to, tail)) {
        return false;
      }
      to -= tail.length;
      last--;
    }
    return walk(text, from, to, first, last);
  }

  /** Matches tokens {@code [first, last)} against all of {@code text[from, to)}. */
  private boolean walk(byte[] text, int from, int to, int first, int last) {
    final byte[][] tokens = literals;
    int t = first;
    int pos = from;
    int starToken = -1;
    int starPos = 0;
    while (true) {
      if (t == last) {
        if (pos == to) {
          return true;
        }
      } else {
        byte[] literal = tokens[t];
        if (literal == null) {
          if (star[t]) {
            if (t + 1 == last) {
              return true; // a final * takes the rest
            }
            starToken = t++;
            starPos = pos;
            continue;
          }
          if (pos < to) {
            pos = nextCodePoint(text, pos, to);
            t++;
            continue;
          }
        } else if (regionMatches(text, pos, to, literal)) {
          pos += literal.length;
          t++;
          continue;
        }
      }
      if (starToken < 0 || starPos >= to) {
        return false;
      }
      starPos = nextCodePoint(text, starPos, to);
      pos = starPos;
      t = starToken + 1;
    }
  }

  private static boolean regionMatches(byte[] text, int pos, int length, byte[] literal) {
    if (length - pos < literal.length) {
      return false;
    }
    for (int i = 0; i < literal.length; i++) {
      if (text[pos + i] != literal[i]) {
        return false;
      }
    }
    return true;
  }

  /** The index after the code point starting at {@code pos} (one byte for a stray continuation byte). */
  private static int nextCodePoint(byte[] text, int pos, int length) {
    int b = text[pos] & 0xFF;
    int n = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return Math.min(length, pos + n);
  }
}
