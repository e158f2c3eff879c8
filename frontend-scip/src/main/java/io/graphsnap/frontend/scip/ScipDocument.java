package io.graphsnap.frontend.scip;

import java.util.List;

/**
 * One decoded SCIP {@code Document}: its path, language, the hash and line count of its {@code text} when the index
 * holds it, its occurrences in flat primitive columns, and its {@code SymbolInformation}s.
 *
 * <p>Occurrences without a symbol (pure syntax highlighting) are left out when decoding. The symbol strings of the
 * occurrences are interned: {@link #occurrenceSymbol(int)} is an index into {@link #symbol(int)}. A range keeps its
 * first four values and its element count, so that a malformed range (not 3 or 4 elements) can be reported by the
 * mapper rather than silently fixed here. The text itself is not kept.
 *
 * <p>Memory: about 44 bytes per occurrence plus the distinct symbol strings and the symbol informations. Immutable
 * after decoding (arrays are owned by this object and never handed out); thread-safe.
 */
public final class ScipDocument {
  /** Values a range or enclosing range column keeps per occurrence. */
  static final int RANGE_SLOTS = 4;

  private final String relativePath;
  private final String language;
  private final int positionEncoding;
  private final byte[] textSha256;
  private final int textLineCount;
  private final String[] symbols;
  private final int occurrenceCount;
  private final int[] occurrenceSymbols;
  private final int[] roles;
  private final int[] ranges;
  private final int[] rangeLengths;
  private final int[] enclosing;
  private final int[] enclosingLengths;
  private final List<ScipSymbolInformation> symbolInformation;

  ScipDocument(String relativePath, String language, int positionEncoding, byte[] textSha256, int textLineCount,
      String[] symbols, int occurrenceCount, int[] occurrenceSymbols, int[] roles, int[] ranges, int[] rangeLengths,
      int[] enclosing, int[] enclosingLengths, List<ScipSymbolInformation> symbolInformation) {
    this.relativePath = relativePath;
    this.language = language;
    this.positionEncoding = positionEncoding;
    this.textSha256 = textSha256;
    this.textLineCount = textLineCount;
    this.symbols = symbols;
    this.occurrenceCount = occurrenceCount;
    this.occurrenceSymbols = occurrenceSymbols;
    this.roles = roles;
    this.ranges = ranges;
    this.rangeLengths = rangeLengths;
    this.enclosing = enclosing;
    this.enclosingLengths = enclosingLengths;
    this.symbolInformation = List.copyOf(symbolInformation);
  }

  /** Field 1, {@code relative_path}, as the index wrote it (not yet normalised). */
  public String relativePath() {
    return relativePath;
  }

  /** Field 4, {@code language}, or empty. */
  public String language() {
    return language;
  }

  /** Field 6, {@code position_encoding} (newer schema versions; 0 when absent). Only lines are used, so it is informative. */
  public int positionEncoding() {
    return positionEncoding;
  }

  /** True when the index holds the document's text (field 5). */
  public boolean hasText() {
    return textSha256 != null;
  }

  /** SHA-256 of the text's UTF-8 bytes (a copy), or {@code null} without text. */
  public byte[] textSha256() {
    return textSha256 == null ? null : textSha256.clone();
  }

  /** Lines in the text (one more than its newlines), or -1 without text. */
  public int textLineCount() {
    return textLineCount;
  }

  /** The number of distinct symbol strings the occurrences name. */
  public int symbolCount() {
    return symbols.length;
  }

  /** Distinct symbol string {@code id}. */
  public String symbol(int id) {
    return symbols[id];
  }

  /** Occurrences that name a symbol. */
  public int occurrenceCount() {
    return occurrenceCount;
  }

  /** The symbol id of occurrence {@code i}. */
  public int occurrenceSymbol(int i) {
    check(i);
    return occurrenceSymbols[i];
  }

  /** The {@code symbol_roles} bit set of occurrence {@code i} (Definition = 1, Import = 2, WriteAccess = 4, ...). */
  public int occurrenceRoles(int i) {
    check(i);
    return roles[i];
  }

  /** How many values occurrence {@code i}'s {@code range} has (3 or 4 when well-formed). */
  public int rangeLength(int i) {
    check(i);
    return rangeLengths[i];
  }

  /** Value {@code k} (0..3) of occurrence {@code i}'s {@code range}, as written. */
  public int range(int i, int k) {
    check(i);
    return ranges[i * RANGE_SLOTS + slot(k)];
  }

  /** How many values occurrence {@code i}'s {@code enclosing_range} has (0 when absent). */
  public int enclosingRangeLength(int i) {
    check(i);
    return enclosingLengths[i];
  }

  /** Value {@code k} (0..3) of occurrence {@code i}'s {@code enclosing_range}, as written. */
  public int enclosingRange(int i, int k) {
    check(i);
    return enclosing[i * RANGE_SLOTS + slot(k)];
  }

  /** The document's {@code SymbolInformation}s, in order. */
  public List<ScipSymbolInformation> symbolInformation() {
    return symbolInformation;
  }

  private void check(int i) {
    if (i < 0 || i >= occurrenceCount) {
      throw new IndexOutOfBoundsException("occurrence " + i + " of " + occurrenceCount);
    }
  }

  private static int slot(int k) {
    if (k < 0 || k >= RANGE_SLOTS) {
      throw new IndexOutOfBoundsException("range value " + k + " of " + RANGE_SLOTS);
    }
    return k;
  }

  @Override
  public String toString() {
    return "ScipDocument[" + relativePath + ", " + occurrenceCount + " occurrences, " + symbolInformation.size()
        + " symbol informations]";
  }
}
