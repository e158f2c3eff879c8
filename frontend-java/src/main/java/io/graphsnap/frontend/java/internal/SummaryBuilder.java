package io.graphsnap.frontend.java.internal;

import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * Collects the symbols and edges of one file, then builds its {@link FileSummary}. Symbol names are made
 * unique ({@code ~2}, {@code ~3} appended to a repeated name, which only code javac rejects can cause).
 * Edges are kept as given, each with the line it occurs on when known; {@link FileSummary} sorts and deduplicates
 * them, uniting the lines of an edge stated more than once. Not thread-safe.
 */
final class SummaryBuilder {
  /** The most edges a file may produce before duplicates are merged. */
  static final int MAX_RAW_EDGES = 2 * Limits.MAX_EDGES_PER_FILE;

  private final List<Pending> symbols = new ArrayList<>();
  private final List<EdgeSummary> edges = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  /** A symbol whose effects are still being gathered. */
  private static final class Pending {
    final String name;
    final String kind;
    final int lineStart;
    final int lineEnd;
    final byte[] hash;
    final SortedMap<String, String> metadata;
    int effects;

    Pending(String name, String kind, int lineStart, int lineEnd, byte[] hash, SortedMap<String, String> metadata) {
      this.name = name;
      this.kind = kind;
      this.lineStart = lineStart;
      this.lineEnd = lineEnd;
      this.hash = hash;
      this.metadata = metadata;
    }
  }

  /**
   * Adds a symbol and returns its index; {@code name} is made unique if it is taken.
   *
   * @throws InvalidSummaryException at once when the file would have more than {@link
   *     Limits#MAX_SYMBOLS_PER_FILE} symbols, so an oversized file fails before it holds more memory
   */
  int addSymbol(String name, String kind, int lineStart, int lineEnd, byte[] hash, SortedMap<String, String> metadata) {
    if (symbols.size() >= Limits.MAX_SYMBOLS_PER_FILE) {
      throw new InvalidSummaryException("more than " + Limits.MAX_SYMBOLS_PER_FILE + " symbols in one file (the "
          + "per-file limit of the loose-object format)");
    }
    String unique = name;
    for (int i = 2; !names.add(unique); i++) {
      unique = name + "~" + i;
    }
    symbols.add(new Pending(unique, kind, lineStart, Math.max(lineStart, lineEnd), hash, metadata));
    return symbols.size() - 1;
  }

  /**
   * Adds an edge (duplicates are merged later).
   *
   * @throws InvalidSummaryException at once when the file has more than {@link #MAX_RAW_EDGES} edges before
   *     duplicates are merged: twice the format's per-file limit, which the merged edges would then exceed too
   *     unless most were repeats
   */
  void edge(int source, String type, String target) {
    edge(source, type, target, 0);
  }

  /**
   * Adds an edge that occurs on {@code line} (1-based; 0 when unknown: no line is recorded), as {@link
   * #edge(int, String, String)} does.
   */
  void edge(int source, String type, String target, int line) {
    if (edges.size() >= MAX_RAW_EDGES) {
      throw new InvalidSummaryException("more than " + MAX_RAW_EDGES + " edges in one file (twice the per-file "
          + "limit of " + Limits.MAX_EDGES_PER_FILE + " of the loose-object format)");
    }
    if (source >= 0 && target != null && !target.isEmpty()) {
      edges.add(line > 0 ? new EdgeSummary(source, type, target, new int[] {line})
          : new EdgeSummary(source, type, target));
    }
  }

  void addEffects(int symbol, int bits) {
    if (symbol >= 0 && bits != 0) {
      symbols.get(symbol).effects |= bits;
    }
  }

  FileSummary build(String path, byte[] sourceSha256) {
    List<SymbolSummary> built = new ArrayList<>(symbols.size());
    for (Pending p : symbols) {
      built.add(new SymbolSummary(p.name, p.kind, Effects.names(p.effects), p.lineStart, p.lineEnd, p.hash,
          List.of(), p.metadata));
    }
    return new FileSummary(path, "java", sourceSha256, built, edges);
  }
}
