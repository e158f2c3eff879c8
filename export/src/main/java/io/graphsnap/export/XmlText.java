package io.graphsnap.export;

/** Makes strings safe for XML 1.0 character data, which cannot hold most C0 controls or U+FFFE/U+FFFF. */
final class XmlText {
  private XmlText() {}

  /**
   * {@code text} with every character XML 1.0 forbids (C0 controls other than tab, LF, CR; unpaired surrogates;
   * U+FFFE, U+FFFF) replaced by U+FFFD; the same string if there is none. Escaping of {@code < & >} and quotes
   * is left to the XML writer.
   */
  static String clean(String text) {
    int n = text.length();
    int i = 0;
    while (i < n && allowed(text, i)) {
      i += Character.charCount(text.codePointAt(i));
    }
    if (i >= n) {
      return text;
    }
    StringBuilder b = new StringBuilder(n).append(text, 0, i);
    while (i < n) {
      int cp = text.codePointAt(i);
      b.appendCodePoint(allowed(text, i) ? cp : 0xFFFD);
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  private static boolean allowed(String text, int i) {
    int cp = text.codePointAt(i);
    if (cp < 0x20) {
      return cp == '\t' || cp == '\n' || cp == '\r';
    }
    if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
      return false; // codePointAt returned a lone surrogate
    }
    return cp != 0xFFFE && cp != 0xFFFF;
  }
}
