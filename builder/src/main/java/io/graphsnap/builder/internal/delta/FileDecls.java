package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.DetailEncoder;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a {@link FileSummary} into its declarations by name. Stateless. */
final class FileDecls {
  private FileDecls() {}

  /** Name → declaration of every symbol of {@code summary}; empty for {@code null}. O(size of the summary). */
  static Map<String, Decl> of(FileSummary summary) {
    if (summary == null) {
      return Map.of();
    }
    List<SymbolSummary> symbols = summary.symbols();
    List<Set<Decl.EdgeKey>> edges = new ArrayList<>(symbols.size());
    List<Map<Decl.EdgeKey, int[]>> lines = new ArrayList<>(symbols.size());
    for (int i = 0; i < symbols.size(); i++) {
      edges.add(new LinkedHashSet<>());
      lines.add(Map.of());
    }
    for (EdgeSummary e : summary.edges()) {
      Decl.EdgeKey key = new Decl.EdgeKey(e.type(), e.target());
      edges.get(e.source()).add(key);
      if (e.lineCount() > 0) {
        if (lines.get(e.source()).isEmpty()) {
          lines.set(e.source(), new HashMap<>());
        }
        lines.get(e.source()).put(key, e.lines());
      }
    }
    Map<String, Decl> byName = new HashMap<>(symbols.size() * 2);
    for (int i = 0; i < symbols.size(); i++) {
      SymbolSummary s = symbols.get(i);
      byName.put(s.name(), new Decl(summary.path(), s.kind(), s.lineStart(), s.lineEnd(),
          DetailEncoder.encode(s, summary.path()), Set.copyOf(s.effects()), edges.get(i), lines.get(i)));
    }
    return byName;
  }
}
