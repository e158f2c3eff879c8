package io.graphsnap.format.object;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The summary of one source file: what a loose object holds. Immutable and canonical: the path is
 * normalised, symbol names are distinct, edges are sorted and distinct, so that equal summaries encode
 * to equal bytes (and hence to the same object id).
 *
 * @param path repository-relative path in {@link RepoPaths#normalise normal form}
 * @param language language tag ({@code java}, {@code covenant}, …), or empty if unknown
 * @param sourceSha256 SHA-256 of the source file's bytes (32 bytes), or {@code null} if unknown
 * @param symbols the symbols declared, in the order given (edge sources index into this list)
 * @param edges the outgoing edges, sorted by (source, type, target) and distinct: an edge stated twice is kept
 *     once, with the union of its lines
 */
public record FileSummary(String path, String language, byte[] sourceSha256,
    List<SymbolSummary> symbols, List<EdgeSummary> edges) {

  /** Validates and canonicalises every field. */
  public FileSummary {
    path = RepoPaths.normalise(path);
    language = checkedLanguage(path, language);
    sourceSha256 = Checks.hash("sha256", path, sourceSha256);
    symbols = checkedSymbols(path, symbols);
    List<EdgeSummary> sorted = new ArrayList<>(edges == null ? List.of() : edges);
    if (sorted.size() > Limits.MAX_EDGES_PER_FILE) {
      throw new InvalidSummaryException(path + " declares " + sorted.size() + " edges, more than "
          + Limits.MAX_EDGES_PER_FILE);
    }
    for (EdgeSummary e : sorted) {
      if (e.source() < 0 || e.source() >= symbols.size()) {
        throw new InvalidSummaryException(path + ": edge source index " + e.source() + " is not a symbol of the file (it has "
            + symbols.size() + ")");
      }
    }
    sorted.sort(null);
    List<EdgeSummary> distinct = new ArrayList<>(sorted.size());
    long lines = 0;
    for (int i = 0, n = sorted.size(); i < n; ) {
      EdgeSummary first = sorted.get(i);
      int end = i + 1;
      long runLines = first.lineCount();
      while (end < n && sorted.get(end).compareTo(first) == 0) {
        runLines += sorted.get(end++).lineCount();
      }
      lines += runLines;
      if (lines > Limits.MAX_EDGE_LINES_PER_FILE) {
        throw new InvalidSummaryException(path + " gives more than " + Limits.MAX_EDGE_LINES_PER_FILE
            + " edge lines (sites)");
      }
      distinct.add(runLines == first.lineCount() ? first : EdgeSummary.merged(sorted.subList(i, end), (int) runLines));
      i = end;
    }
    edges = List.copyOf(distinct);
  }

  /** The language as a summary holds it: empty when unknown, else a checked name. */
  static String checkedLanguage(String path, String language) {
    if (language == null || language.isEmpty()) {
      return "";
    }
    return Checks.name("language", path, language);
  }

  /** An immutable copy of {@code symbols} (null: none), checked: at most the limit, and distinct names. */
  static List<SymbolSummary> checkedSymbols(String path, List<SymbolSummary> symbols) {
    List<SymbolSummary> copy = List.copyOf(symbols == null ? List.of() : symbols);
    if (copy.size() > Limits.MAX_SYMBOLS_PER_FILE) {
      throw new InvalidSummaryException(path + " declares " + copy.size() + " symbols, more than "
          + Limits.MAX_SYMBOLS_PER_FILE);
    }
    Set<String> names = new HashSet<>(copy.size() * 2);
    for (SymbolSummary s : copy) {
      if (!names.add(s.name())) {
        throw new InvalidSummaryException(path + " declares symbol " + RepoPaths.quote(s.name()) + " twice");
      }
    }
    return copy;
  }

  /** Returns a copy of the source hash, or {@code null}. */
  @Override
  public byte[] sourceSha256() {
    return sourceSha256 == null ? null : sourceSha256.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileSummary f && path.equals(f.path) && language.equals(f.language)
        && Arrays.equals(sourceSha256, f.sourceSha256) && symbols.equals(f.symbols) && edges.equals(f.edges);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }

  @Override
  public String toString() {
    return "FileSummary[" + path + ", " + symbols.size() + " symbols, " + edges.size() + " edges]";
  }
}
