package io.graphsnap.frontend.java;

import io.graphsnap.frontend.java.internal.TableDiff;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Which unchanged files must be extracted again because the tree's declarations changed: those that write
 * one of the {@linkplain TableDiff#words words} of the difference between the old table and the new one (the
 * simple names of the types whose resolved declarations differ and of their changed members; see
 * {@link TableDiff} for the rule and why it is exact). A file that writes none of them resolves every name
 * exactly as before, so its stored summary equals what a full build would extract.
 *
 * <p>A file's words are the identifiers of its text (comments and strings included, which only adds words),
 * read both as written and with {@code \\uXXXX} escapes decoded, plus the class a test class tests by name
 * ({@code FooTest → Foo}), plus {@code close} for a file that writes {@code try} (a try-with-resources calls its
 * resources' {@code close()} without writing it). Immutable and thread-safe; {@link #affects} is O(file size).
 */
public final class DeclarationChange {
  /** Every file is affected (the class path or the JDK changed, or there is no old table to compare with). */
  public static final DeclarationChange ALL = new DeclarationChange(null, -1);
  /** No file is affected (the tables are equal). */
  public static final DeclarationChange NONE = new DeclarationChange(Set.of(), 0);

  private final Set<String> words; // null: every file
  private final int types;

  private DeclarationChange(Set<String> words, int types) {
    this.words = words;
    this.types = types;
  }

  /**
   * The change from {@code before} to {@code after}; {@link #ALL} unless both have the same class path and
   * JDK behind them ({@link DeclarationTable#externalFingerprint()}). Builds both tables.
   */
  public static DeclarationChange between(DeclarationTable before, DeclarationTable after) {
    if (!java.util.Arrays.equals(before.externalFingerprint(), after.externalFingerprint())) {
      return ALL;
    }
    if (java.util.Arrays.equals(before.fingerprint(), after.fingerprint())) {
      return NONE;
    }
    Set<String> w = TableDiff.words(before.types(), before.files(), after.types(), after.files());
    return w == null ? ALL : new DeclarationChange(Set.copyOf(w), w.size());
  }

  /** A change of these words (for tests). */
  static DeclarationChange ofWords(Set<String> words) {
    return new DeclarationChange(Set.copyOf(words), words.size());
  }

  /** True if every file is affected. */
  public boolean all() {
    return words == null;
  }

  /** The words a file must write to be affected, or null for {@link #ALL}. */
  public Set<String> words() {
    return words;
  }

  /** True if a file with these bytes (UTF-8) may resolve differently after the change. */
  public boolean affects(byte[] sourceBytes) {
    if (words == null) {
      return true;
    }
    if (words.isEmpty()) {
      return false;
    }
    String text = new String(sourceBytes, StandardCharsets.UTF_8);
    return anyWord(text) || text.indexOf("\\u") >= 0 && anyWord(unescape(text));
  }

  private boolean anyWord(String text) {
    return scanKeys(text, words::contains);
  }

  /**
   * Calls {@code hit} with each key of {@code text} until it returns true: every identifier as written (ignorable
   * characters dropped), the class a test class tests by name ({@code FooTest → Foo}), and {@code close} for each
   * {@code try}. A change affects a text exactly when one of the text's keys (or, for a text with {@code \\u}
   * escapes, of its {@linkplain #unescape unescaped} form) is one of its {@link #words}: {@link FileWords} indexes
   * files by these keys.
   *
   * @return true if {@code hit} returned true
   */
  static boolean scanKeys(String text, java.util.function.Predicate<String> hit) {
    StringBuilder word = new StringBuilder();
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      if (i < n && Character.isJavaIdentifierPart(c)) {
        if (!Character.isIdentifierIgnorable(c)) {
          word.append(c);
        }
        continue;
      }
      if (!word.isEmpty()) {
        String w = word.toString();
        if (hit.test(w) || w.equals("try") && hit.test("close")) {
          return true;
        }
        String tested = testedName(w);
        if (tested != null && hit.test(tested)) {
          return true;
        }
        word.setLength(0);
      }
    }
    return false;
  }

  /** {@code FooTest}, {@code FooTests}, {@code FooIT}, {@code TestFoo} → {@code Foo} (as the extractor's test rule). */
  private static String testedName(String simple) {
    String base = null;
    if (simple.endsWith("Tests")) {
      base = simple.substring(0, simple.length() - 5);
    } else if (simple.endsWith("Test")) {
      base = simple.substring(0, simple.length() - 4);
    } else if (simple.endsWith("IT")) {
      base = simple.substring(0, simple.length() - 2);
    } else if (simple.startsWith("Test") && simple.length() > 4) {
      base = simple.substring(4);
    }
    return base == null || base.isEmpty() ? null : base;
  }

  /** The text with every {@code \\u+XXXX} escape decoded (javac's first translation step; over-eager is harmless). */
  static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < n && text.charAt(i + 1) == 'u') {
        int j = i + 1;
        while (j < n && text.charAt(j) == 'u') {
          j++;
        }
        if (j + 4 <= n) {
          try {
            out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
            i = j + 3;
            continue;
          } catch (NumberFormatException e) {
            // not an escape: keep the backslash
          }
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The number of words (−1 for {@link #ALL}). */
  public int size() {
    return types;
  }

  @Override
  public String toString() {
    return words == null ? "every file" : words.size() + " names " + words;
  }
}
