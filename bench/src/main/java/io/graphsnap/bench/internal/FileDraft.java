package io.graphsnap.bench.internal;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One synthetic file as drawn, before {@link FileSummary} canonicalises it: its path and language, its symbols
 * (name, {@linkplain SummaryWords kind}, effect set, lines) in declaration order and its edges (source symbol,
 * {@linkplain SummaryWords edge type}, target) in the order they were drawn, repeats included.
 *
 * <p>Every name (path, symbol, target) is first a {@link NameRef}; the graph resolves the targets' refs
 * ({@link #resolveTarget}), then {@link NameSpeller#spell} spells them all into the draft's {@link NameArena}
 * and sets their name numbers. Kinds, edge types and effects are {@link SummaryWords} numbers. A writer that
 * wants bytes reads the spelled draft; {@link #toSummary()} gives the same file as a {@link FileSummary}.
 *
 * <p>Mutable; {@link #clear()} makes it reusable for the next file. Not thread-safe.
 */
public final class FileDraft {
  private final NameArena names = new NameArena();
  private long pathRef;
  private int path = -1;
  private String language = "";

  private int symbolCount;
  private long[] symbolRef = new long[64];
  private int[] symbolName = new int[64];
  private int[] symbolKind = new int[64];
  private int[] symbolEffects = new int[64];
  private int[] lineStart = new int[64];
  private int[] lineEnd = new int[64];

  private int edgeCount;
  private int[] edgeSource = new int[256];
  private int[] edgeType = new int[256];
  private long[] edgeRef = new long[256];
  private long[] targetPlan = new long[256];
  private int[] edgeTarget = new int[256];

  /** Forgets the file; the arrays are kept. O(1). */
  public void clear() {
    names.clear();
    pathRef = 0;
    path = -1;
    language = "";
    symbolCount = 0;
    edgeCount = 0;
  }

  /** The names of this file, once spelled. */
  public NameArena names() {
    return names;
  }

  /** Sets the path (a {@link NameRef}) and the language. */
  public void file(long pathRef, String language) {
    this.pathRef = pathRef;
    this.language = language;
  }

  /** Adds a symbol named by {@code nameRef} and returns its index. */
  public int addSymbol(long nameRef, int kind, int effects, int start, int end) {
    if (symbolCount == symbolName.length) {
      int n = symbolCount * 2;
      symbolRef = Arrays.copyOf(symbolRef, n);
      symbolName = Arrays.copyOf(symbolName, n);
      symbolKind = Arrays.copyOf(symbolKind, n);
      symbolEffects = Arrays.copyOf(symbolEffects, n);
      lineStart = Arrays.copyOf(lineStart, n);
      lineEnd = Arrays.copyOf(lineEnd, n);
    }
    int i = symbolCount++;
    symbolRef[i] = nameRef;
    symbolKind[i] = kind;
    symbolEffects[i] = effects;
    lineStart[i] = start;
    lineEnd[i] = end;
    return i;
  }

  /** Adds an edge from symbol {@code source} of type {@code type} to {@code target}, a {@link NameRef}. */
  public void addEdge(int source, int type, long target) {
    if (edgeCount == edgeSource.length) {
      int n = edgeCount * 2;
      edgeSource = Arrays.copyOf(edgeSource, n);
      edgeType = Arrays.copyOf(edgeType, n);
      edgeRef = Arrays.copyOf(edgeRef, n);
      targetPlan = Arrays.copyOf(targetPlan, n);
      edgeTarget = Arrays.copyOf(edgeTarget, n);
    }
    int i = edgeCount++;
    edgeSource[i] = source;
    edgeType[i] = type;
    edgeRef[i] = target;
  }

  /**
   * Replaces edge {@code i}'s target by a resolved {@link NameRef} naming the same thing, with the
   * {@linkplain PlanTable#word packed plan} of the file it names (0 if it names none).
   */
  public void resolveTarget(int i, long target, long plan) {
    edgeRef[i] = target;
    targetPlan[i] = plan;
  }

  /** Sets the name number of the path, once spelled. */
  public void spellPath(int name) {
    path = name;
  }

  /** Sets the name number of symbol {@code i}, once spelled. */
  public void spellSymbol(int i, int name) {
    symbolName[i] = name;
  }

  /** Sets the name number of edge {@code i}'s target, once spelled. */
  public void spellTarget(int i, int name) {
    edgeTarget[i] = name;
  }

  /** The path as drawn, a {@link NameRef}. */
  public long pathRef() {
    return pathRef;
  }

  /** The path's name number, once spelled. */
  public int path() {
    return path;
  }

  /** The language tag. */
  public String language() {
    return language;
  }

  /** The number of symbols. */
  public int symbolCount() {
    return symbolCount;
  }

  /** The name of symbol {@code i} as drawn, a {@link NameRef}. */
  public long symbolRef(int i) {
    return symbolRef[i];
  }

  /** The name number of symbol {@code i}, once spelled. */
  public int symbolName(int i) {
    return symbolName[i];
  }

  /** The kind of symbol {@code i}. */
  public int symbolKind(int i) {
    return symbolKind[i];
  }

  /** The effect set of symbol {@code i}. */
  public int symbolEffects(int i) {
    return symbolEffects[i];
  }

  /** The first line of symbol {@code i}. */
  public int lineStart(int i) {
    return lineStart[i];
  }

  /** The last line of symbol {@code i}. */
  public int lineEnd(int i) {
    return lineEnd[i];
  }

  /** The number of edges as drawn, repeats included. */
  public int edgeCount() {
    return edgeCount;
  }

  /** The source symbol of edge {@code i}. */
  public int edgeSource(int i) {
    return edgeSource[i];
  }

  /** The type of edge {@code i}. */
  public int edgeType(int i) {
    return edgeType[i];
  }

  /** The target of edge {@code i} as drawn (or resolved), a {@link NameRef}. */
  public long edgeRef(int i) {
    return edgeRef[i];
  }

  /** The packed plan of the file edge {@code i}'s target names, once {@linkplain #resolveTarget resolved}. */
  public long targetPlan(int i) {
    return targetPlan[i];
  }

  /** The target's name number of edge {@code i}, once spelled. */
  public int edgeTarget(int i) {
    return edgeTarget[i];
  }

  /** The spelled file as a {@link FileSummary} (which sorts the edges and drops repeats). O(size of the file). */
  public FileSummary toSummary() {
    List<SymbolSummary> symbols = new ArrayList<>(symbolCount);
    for (int i = 0; i < symbolCount; i++) {
      symbols.add(new SymbolSummary(names.string(symbolName[i]), SummaryWords.kind(symbolKind[i]),
          SummaryWords.effects(symbolEffects[i]), lineStart[i], lineEnd[i], null, List.of(), null));
    }
    List<EdgeSummary> edges = new ArrayList<>(edgeCount);
    for (int i = 0; i < edgeCount; i++) {
      edges.add(new EdgeSummary(edgeSource[i], SummaryWords.edgeType(edgeType[i]), names.string(edgeTarget[i])));
    }
    return new FileSummary(names.string(path), language, null, symbols, edges);
  }
}
