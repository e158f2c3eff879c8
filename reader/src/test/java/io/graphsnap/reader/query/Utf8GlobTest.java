package io.graphsnap.reader.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The UTF-8 matcher agrees with {@link NamePattern#matches} (a regular expression over the decoded string) on
 * random texts and globs over an alphabet of one- to four-byte code points, where {@code ?} must take a whole
 * code point.
 */
class Utf8GlobTest {
  private static final String[] ALPHABET = {"a", "b", ".", "#", "/", "ß", "€", "😀", "*", "?"};

  private static boolean utf8Matches(NamePattern p, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[bytes.length + 3]; // the matcher must respect the length, not the array
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    padded[bytes.length] = 'a';
    return p.utf8().test(padded, bytes.length);
  }

  @Test
  void agreesWithTheRegexOnRandomGlobs() {
    Random r = new Random(42);
    int matched = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = random(r, 8, false);
      String glob = r.nextInt(3) == 0 ? mutate(r, text) : random(r, 5, true);
      NamePattern p = NamePattern.glob(glob);
      boolean expected = p.matches(text);
      assertEquals(expected, utf8Matches(p, text), "glob " + glob + " on " + text);
      matched += expected ? 1 : 0;
    }
    assertTrue(matched > 2_000, "only " + matched + " matches: the generator is too weak");
  }

  @Test
  void questionMarkTakesOneCodePoint() {
    assertTrue(utf8Matches(NamePattern.glob("a?b"), "a😀b"));
    assertFalse(utf8Matches(NamePattern.glob("a??b"), "a😀b"));
    assertTrue(utf8Matches(NamePattern.glob("*?"), "€"));
    assertFalse(utf8Matches(NamePattern.glob("??"), "€"));
    assertTrue(utf8Matches(NamePattern.glob("*ß"), "ßß"));
    assertTrue(utf8Matches(NamePattern.glob("a*b*c"), "abbc"));
    assertFalse(utf8Matches(NamePattern.glob("ab*ba"), "aba"), "prefix and suffix may not overlap");
    assertTrue(utf8Matches(NamePattern.exact(""), ""));
    assertFalse(utf8Matches(NamePattern.exact("a"), ""));
  }

  @Test
  void aLoneSurrogateMatchesNothing() {
    NamePattern p = NamePattern.glob("*\uD83D*");
    assertFalse(p.matches("?"));
    assertFalse(utf8Matches(p, "?"), "the literal's UTF-8 is '?', which must not match a real '?'");
  }

  private static String random(Random r, int maxLength, boolean wildcards) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      String c = ALPHABET[r.nextInt(wildcards ? ALPHABET.length : ALPHABET.length - 2)];
      b.append(c);
    }
    return b.toString();
  }

  /** {@code text} with a few code points replaced by wildcards. */
  private static String mutate(Random r, String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints().forEach(cp -> {
      int roll = r.nextInt(6);
      if (roll == 0) {
        b.append('*');
      } else if (roll == 1) {
        b.append('?');
      } else {
        b.appendCodePoint(cp);
      }
    });
    if (r.nextBoolean()) {
      b.append('*');
    }
    return b.toString();
  }
}
