package io.graphsnap.frontend.scip;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.InvalidSummaryException;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.frontend.scip.ScipDescriptor.Suffix;
import io.graphsnap.frontend.scip.internal.IntSort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps one SCIP document to one loose object ({@link FileSummary}); README, "SCIP indexes", has the table. In short:
 *
 * <ol>
 *   <li><b>Symbols</b>: every global symbol with a definition occurrence ({@code symbol_roles} bit 1) or a
 *       {@code SymbolInformation} in the document, named by {@link ScipSymbol#readableName()}; kind from {@code
 *       SymbolInformation.kind}, else from the descriptor suffix ({@link ScipKinds}); lines from the first
 *       definition's {@code enclosing_range}, else its {@code range} (0-based in SCIP, 1-based here); each {@code
 *       documentation} string a note ({@code lang} {@code md}); metadata {@code scip.symbol} (the full symbol),
 *       {@code scip.kind}, {@code scip.display-name}, {@code scip.signature} when set. Local symbols ({@code local N})
 *       are not nodes.
 *   <li><b>contains</b>: from the symbol's parent (its {@code enclosing_symbol}, else the symbol with its last
 *       descriptor removed) when the document defines it; a parent namespace the document does not define is
 *       declared by it (kind {@code namespace}, merged across files like every namespace) and nests in turn, up to
 *       {@link #MAX_IMPLICIT_NAMESPACES} levels.
 *   <li><b>references</b>: each non-definition occurrence of a global symbol gives an edge from the innermost
 *       definition whose {@code enclosing_range} holds the occurrence's start, else from the document's module symbol
 *       (its first defined namespace or meta symbol: {@code src/auth.ts/}, {@code shop.auth/__init__:}), else from a
 *       node named after the path (kind {@code file}). Its type is {@code imports} when the Import role (bit 2) is
 *       set, {@code calls} when the target's last descriptor is a method, else {@code references}.
 *   <li><b>implements / overrides</b>: each {@code is_implementation} relationship; {@code overrides} when the symbol
 *       is a method, else {@code implements}.
 *   <li><b>effects</b>: {@link EffectRules} on the targets of each symbol's own references.
 * </ol>
 *
 * <p>Problems (one message each, the document is still stored): a range that is not 3 or 4 non-negative values in
 * order, or that ends past the document's last line when its line count is known (the occurrence is dropped); a
 * symbol string that does not parse or whose readable name breaks the name limits (every occurrence of it is
 * dropped, reported once; so is a symbol of more than {@link #MAX_DESCRIPTORS} descriptors); a note or metadata value over {@link Limits#MAX_TEXT_BYTES} (dropped). A path that is not
 * a safe repository path, or a document over the per-file symbol or edge limits, is not stored at all.
 *
 * <p>Cost: O(occurrences log occurrences) time (a sort of the references and of the scopes, then one sweep with a
 * stack), memory linear in the document. Stateless and thread-safe.
 */
public final class DocumentMapper {
  /** SymbolRole.Definition. */
  public static final int ROLE_DEFINITION = 0x1;
  /** SymbolRole.Import. */
  public static final int ROLE_IMPORT = 0x2;
  /** The note language of SCIP documentation (CommonMark). */
  public static final String NOTE_LANG = "md";
  /** Symbols with more descriptors are dropped (reported): real ones nest a few levels, hostile ones thousands. */
  public static final int MAX_DESCRIPTORS = 64;
  /** At most this many undeclared parent namespaces are declared for one symbol (the rest of the chain is left out). */
  public static final int MAX_IMPLICIT_NAMESPACES = 16;
  /** The kind of the node that stands for a document without a module symbol. */
  public static final String FILE_KIND = "file";

  private DocumentMapper() {}

  /**
   * Maps {@code document}; {@code source} is what is known of its file on disk (the document's own text, when the
   * index holds it, wins).
   */
  public static MappedDocument map(ScipDocument document, SourceFacts source) {
    return new Run(document, source).map();
  }

  /** An edge by names, before indices are known. */
  private record RawEdge(String source, String type, String target) {}

  /** The state of one mapping. */
  private static final class Run {
    final ScipDocument doc;
    final List<String> problems = new ArrayList<>();
    final int lineCount;
    final byte[] sha256;
    /** Per distinct occurrence symbol: 0 not yet parsed, 1 usable global, 2 local, 3 unusable. */
    final byte[] state;
    final ScipSymbol[] parsed;
    final String[] names;
    final Map<String, SymbolState> symbols = new LinkedHashMap<>();
    final Map<String, Object> parseCache = new HashMap<>();
    final Set<RawEdge> edges = new LinkedHashSet<>();
    final Set<String> reportedBadSymbols = new TreeSet<>();
    String moduleSymbol;
    // scopes: definitions with an enclosing range
    int scopeCount;
    long[] scopeStart = new long[8];
    long[] scopeEnd = new long[8];
    String[] scopeName = new String[8];

    Run(ScipDocument doc, SourceFacts source) {
      this.doc = doc;
      this.lineCount = doc.hasText() ? doc.textLineCount() : source.lineCount();
      this.sha256 = doc.hasText() ? doc.textSha256() : source.sha256();
      this.state = new byte[doc.symbolCount()];
      this.parsed = new ScipSymbol[doc.symbolCount()];
      this.names = new String[doc.symbolCount()];
    }

    MappedDocument map() {
      String path;
      try {
        path = RepoPaths.normalise(doc.relativePath());
      } catch (InvalidSummaryException e) {
        problems.add("relative_path is not a safe repository path: " + e.getMessage() + "; document not stored");
        return new MappedDocument(doc.relativePath(), null, problems);
      }
      String language = MappingRules.language(doc.language(), path);
      if (!language.isEmpty() && !MappingRules.validName(language)) {
        problems.add("language " + MappingRules.quote(language) + " is not a valid name; left empty");
        language = "";
      }
      definitions();
      symbolInformation();
      containment();
      references(path);
      relationships();
      return build(path, language);
    }

    /** 1 usable global, 2 local, 3 unusable: parses occurrence symbol {@code id} once. */
    int classify(int id) {
      if (state[id] == 0) {
        Object p = parse(doc.symbol(id));
        if (p instanceof ScipSymbol s) {
          parsed[id] = s;
          if (s.isLocal()) {
            state[id] = 2;
          } else {
            names[id] = s.readableName();
            state[id] = 1;
          }
        } else {
          state[id] = 3;
        }
      }
      return state[id];
    }

    /** A parsed global or local symbol, or a String describing why it is unusable (reported once). */
    Object parse(String symbol) {
      return parseCache.computeIfAbsent(symbol, s -> {
        try {
          ScipSymbol parsedSymbol = ScipSymbol.parse(s);
          if (parsedSymbol.descriptors().size() > MAX_DESCRIPTORS) {
            return bad(s, "has " + parsedSymbol.descriptors().size() + " descriptors, more than " + MAX_DESCRIPTORS);
          }
          if (!parsedSymbol.isLocal() && !MappingRules.validName(parsedSymbol.readableName())) {
            return bad(s, "its readable name is empty, longer than " + Limits.MAX_NAME_BYTES
                + " bytes, or holds NUL or an unpaired surrogate");
          }
          return parsedSymbol;
        } catch (ScipSymbolException e) {
          return bad(s, "does not parse: " + e.getMessage());
        }
      });
    }

    private String bad(String symbol, String why) {
      if (reportedBadSymbols.add(symbol)) {
        problems.add("symbol " + MappingRules.quote(symbol) + " " + why + "; its occurrences are dropped");
      }
      return why;
    }

    void definitions() {
      for (int i = 0; i < doc.occurrenceCount(); i++) {
        if ((doc.occurrenceRoles(i) & ROLE_DEFINITION) == 0) {
          continue;
        }
        int id = doc.occurrenceSymbol(i);
        if (classify(id) != 1) {
          continue;
        }
        String rangeProblem = rangeProblem(i, false);
        if (rangeProblem != null) {
          problems.add("definition of " + MappingRules.quote(names[id]) + ": range " + rangeProblem + "; occurrence dropped");
          continue;
        }
        boolean enclosed = doc.enclosingRangeLength(i) > 0;
        if (enclosed) {
          String enclosingProblem = rangeProblem(i, true);
          if (enclosingProblem != null) {
            problems.add("definition of " + MappingRules.quote(names[id]) + ": enclosing_range " + enclosingProblem
                + "; its range is used instead");
            enclosed = false;
          }
        }
        SymbolState s = symbols.computeIfAbsent(names[id], n -> new SymbolState(n, parsed[id], doc.symbol(id)));
        if (moduleSymbol == null && isModuleLike(s.symbol)) {
          moduleSymbol = s.name;
        }
        int startLine = enclosed ? doc.enclosingRange(i, 0) : doc.range(i, 0);
        int endLine = enclosed ? endLine(i, true) : endLine(i, false);
        if (!s.hasLines) {
          s.hasLines = true;
          s.lineStart = startLine + 1;
          s.lineEnd = endLine + 1;
        }
        if (enclosed) {
          addScope(MappingRules.position(doc.enclosingRange(i, 0), doc.enclosingRange(i, 1)),
              MappingRules.position(endLine, endChar(i, true)), s.name);
        }
      }
    }

    private static boolean isModuleLike(ScipSymbol symbol) {
      Suffix suffix = symbol.last().suffix();
      return suffix == Suffix.NAMESPACE || suffix == Suffix.META;
    }

    void symbolInformation() {
      for (ScipSymbolInformation info : doc.symbolInformation()) {
        Object p = parse(info.symbol());
        if (!(p instanceof ScipSymbol symbol) || symbol.isLocal()) {
          continue;
        }
        String name = symbol.readableName();
        SymbolState s = symbols.computeIfAbsent(name, n -> new SymbolState(n, symbol, info.symbol()));
        s.info = s.info == null ? info : merge(s.info, info);
      }
    }

    /** Two SymbolInformations of one symbol: each field from the first that sets it, relationships from both. */
    private static ScipSymbolInformation merge(ScipSymbolInformation a, ScipSymbolInformation b) {
      List<ScipRelationship> relationships = new ArrayList<>(a.relationships());
      relationships.addAll(b.relationships());
      return new ScipSymbolInformation(a.symbol(), a.documentation().isEmpty() ? b.documentation() : a.documentation(),
          relationships, a.kind() != 0 ? a.kind() : b.kind(), a.displayName().isEmpty() ? b.displayName() : a.displayName(),
          a.signature().isEmpty() ? b.signature() : a.signature(),
          a.enclosingSymbol().isEmpty() ? b.enclosingSymbol() : a.enclosingSymbol());
    }

    void containment() {
      for (SymbolState s : new ArrayList<>(symbols.values())) {
        ScipSymbol child = s.symbol;
        String childName = s.name;
        ScipSymbol parent = enclosingOf(s);
        int declared = 0;
        while (parent != null) {
          String parentName = parent.readableName();
          if (parentName.equals(childName)) {
            break;
          }
          SymbolState existing = symbols.get(parentName);
          if (existing != null) {
            edges.add(new RawEdge(parentName, EdgeTypes.CONTAINS, childName));
            break;
          }
          if (parent.last().suffix() != Suffix.NAMESPACE || declared++ == MAX_IMPLICIT_NAMESPACES) {
            break;
          }
          SymbolState namespace = new SymbolState(parentName, parent, null);
          namespace.implicitNamespace = true;
          symbols.put(parentName, namespace);
          edges.add(new RawEdge(parentName, EdgeTypes.CONTAINS, childName));
          child = parent;
          childName = parentName;
          parent = child.parent();
        }
      }
    }

    /** The symbol's parent: its {@code enclosing_symbol} when that is a usable global symbol, else its descriptor parent. */
    private ScipSymbol enclosingOf(SymbolState s) {
      if (s.info != null && !s.info.enclosingSymbol().isEmpty()) {
        Object p = parse(s.info.enclosingSymbol());
        if (p instanceof ScipSymbol enclosing && !enclosing.isLocal()) {
          return enclosing;
        }
      }
      return s.symbol.parent();
    }

    void references(String path) {
      int[] refs = new int[doc.occurrenceCount()];
      int n = 0;
      for (int i = 0; i < doc.occurrenceCount(); i++) {
        if ((doc.occurrenceRoles(i) & ROLE_DEFINITION) != 0) {
          continue;
        }
        int id = doc.occurrenceSymbol(i);
        if (classify(id) != 1) {
          continue;
        }
        String rangeProblem = rangeProblem(i, false);
        if (rangeProblem != null) {
          problems.add("reference to " + MappingRules.quote(names[id]) + ": range " + rangeProblem + "; occurrence dropped");
          continue;
        }
        refs[n++] = i;
      }
      if (n == 0) {
        return;
      }
      long[] refStart = new long[doc.occurrenceCount()];
      for (int k = 0; k < n; k++) {
        refStart[refs[k]] = MappingRules.position(doc.range(refs[k], 0), doc.range(refs[k], 1));
      }
      IntSort.sort(refs, n, (a, b) -> Long.compare(refStart[a], refStart[b]));
      int[] scopes = new int[scopeCount];
      for (int k = 0; k < scopeCount; k++) {
        scopes[k] = k;
      }
      IntSort.sort(scopes, scopeCount, (a, b) -> scopeStart[a] != scopeStart[b]
          ? Long.compare(scopeStart[a], scopeStart[b]) : Long.compare(scopeEnd[b], scopeEnd[a]));
      int[] stack = new int[scopeCount];
      int depth = 0;
      int next = 0;
      for (int k = 0; k < n; k++) {
        int occurrence = refs[k];
        long at = refStart[occurrence];
        while (next < scopeCount && scopeStart[scopes[next]] <= at) {
          stack[depth++] = scopes[next++];
        }
        while (depth > 0 && scopeEnd[stack[depth - 1]] < at) {
          depth--;
        }
        String source = depth > 0 ? scopeName[stack[depth - 1]] : fallbackSource(path);
        int id = doc.occurrenceSymbol(occurrence);
        ScipSymbol target = parsed[id];
        String type = (doc.occurrenceRoles(occurrence) & ROLE_IMPORT) != 0 ? EdgeTypes.IMPORTS
            : target.last().suffix() == Suffix.METHOD ? EdgeTypes.CALLS : EdgeTypes.REFERENCES;
        edges.add(new RawEdge(source, type, names[id]));
        String effect = EffectRules.effectOf(target);
        if (effect != null) {
          SymbolState s = symbols.get(source);
          if (s.effects == null) {
            s.effects = new TreeSet<>();
          }
          s.effects.add(effect);
        }
      }
    }

    /** The module symbol, or a node named after the path (created on first use). */
    private String fallbackSource(String path) {
      if (moduleSymbol != null) {
        return moduleSymbol;
      }
      if (!symbols.containsKey(path)) {
        SymbolState file = new SymbolState(path, null, null);
        if (lineCount > 0) {
          file.hasLines = true;
          file.lineStart = 1;
          file.lineEnd = lineCount;
        }
        symbols.put(path, file);
      }
      moduleSymbol = path;
      return path;
    }

    void relationships() {
      for (SymbolState s : symbols.values()) {
        if (s.info == null) {
          continue;
        }
        relationships(s, s.info.relationships());
      }
    }

    private void relationships(SymbolState s, List<ScipRelationship> relationships) {
      for (ScipRelationship r : relationships) {
        if (!r.isImplementation()) {
          continue;
        }
        Object p = parse(r.symbol());
        if (!(p instanceof ScipSymbol target) || target.isLocal()) {
          continue;
        }
        String type = s.symbol.last().suffix() == Suffix.METHOD ? EdgeTypes.OVERRIDES : EdgeTypes.IMPLEMENTS;
        edges.add(new RawEdge(s.name, type, target.readableName()));
      }
    }

    MappedDocument build(String path, String language) {
      List<SymbolSummary> summaries = new ArrayList<>(symbols.size());
      Map<String, Integer> index = new HashMap<>();
      for (SymbolState s : symbols.values()) {
        SymbolSummary summary = s.toSummary(problems);
        if (summary != null) {
          index.put(s.name, summaries.size());
          summaries.add(summary);
        }
      }
      List<EdgeSummary> edgeSummaries = new ArrayList<>(edges.size());
      for (RawEdge e : edges) {
        Integer source = index.get(e.source());
        if (source != null) {
          edgeSummaries.add(new EdgeSummary(source, e.type(), e.target()));
        }
      }
      try {
        return new MappedDocument(path, new FileSummary(path, language, sha256, summaries, edgeSummaries), problems);
      } catch (InvalidSummaryException e) {
        problems.add(e.getMessage() + "; document not stored");
        return new MappedDocument(path, null, problems);
      }
    }

    private String rangeProblem(int occurrence, boolean enclosing) {
      if (enclosing) {
        return MappingRules.rangeProblem(doc.enclosingRangeLength(occurrence), doc.enclosingRange(occurrence, 0),
            doc.enclosingRange(occurrence, 1), doc.enclosingRange(occurrence, 2), doc.enclosingRange(occurrence, 3),
            lineCount);
      }
      return MappingRules.rangeProblem(doc.rangeLength(occurrence), doc.range(occurrence, 0), doc.range(occurrence, 1),
          doc.range(occurrence, 2), doc.range(occurrence, 3), lineCount);
    }

    private int endLine(int occurrence, boolean enclosing) {
      if (enclosing) {
        return doc.enclosingRangeLength(occurrence) == 4 ? doc.enclosingRange(occurrence, 2) : doc.enclosingRange(occurrence, 0);
      }
      return doc.rangeLength(occurrence) == 4 ? doc.range(occurrence, 2) : doc.range(occurrence, 0);
    }

    private int endChar(int occurrence, boolean enclosing) {
      if (enclosing) {
        return doc.enclosingRangeLength(occurrence) == 4 ? doc.enclosingRange(occurrence, 3) : doc.enclosingRange(occurrence, 2);
      }
      return doc.rangeLength(occurrence) == 4 ? doc.range(occurrence, 3) : doc.range(occurrence, 2);
    }

    private void addScope(long start, long end, String name) {
      if (scopeCount == scopeStart.length) {
        scopeStart = java.util.Arrays.copyOf(scopeStart, scopeCount * 2);
        scopeEnd = java.util.Arrays.copyOf(scopeEnd, scopeCount * 2);
        scopeName = java.util.Arrays.copyOf(scopeName, scopeCount * 2);
      }
      scopeStart[scopeCount] = start;
      scopeEnd[scopeCount] = end;
      scopeName[scopeCount] = name;
      scopeCount++;
    }
  }

}
