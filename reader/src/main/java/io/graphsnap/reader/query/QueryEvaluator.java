package io.graphsnap.reader.query;

import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import io.graphsnap.reader.analysis.EffectClosure;
import io.graphsnap.format.snapshot.NameTrigramsFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Evaluates a {@link Query} over a snapshot's indexes. Each term narrows a candidate set rather than
 * scanning the graph:
 * <ul>
 *   <li>{@code kind:}, {@code effect:}: the snapshot's Roaring bitmaps, intersected in place (O(bitmap));
 *   <li>{@code effect~:}: the {@link EffectClosure} over {@code calls} (O(N + E) once per evaluator, then
 *       O(N) per effect);
 *   <li>{@code name:} exact and prefix: the name index and the sorted-name range (O(log N));
 *       a glob is checked only on the range of its literal prefix, or on {@link NameSearch}'s candidates;
 *   <li>relations: the CSR edge lists of the matched targets (O(sum of their degrees));
 *   <li>{@code file:}, {@code lang:}: the file table (O(F)), then the matched files' symbol lists (FILE_SYMBOLS)
 *       when they are shorter than the candidates, else each candidate's file id (O(candidates));
 *   <li>degrees, {@code is:}: O(1) per candidate; {@code meta:}: each candidate's details entry.
 * </ul>
 * Operands of an AND run cheapest first, each on the survivors of the previous ones; an OR's later operands
 * see only candidates not yet matched; a NOT subtracts its operand's matches from the candidates. So a
 * per-candidate test (glob, degree, metadata) only ever runs on what the bitmap terms left.
 *
 * <p>Not thread-safe (it caches the effect closure and collects warnings); use one per thread. The
 * snapshot must stay open while it is used; results are heap bitmaps that outlive it.
 */
public final class QueryEvaluator {
  /** A path under a {@code test} or {@code tests} folder: {@code src/test/java/...}, {@code tests/x.py}. */
  private static final Pattern TEST_FOLDER = Pattern.compile("(^|.*/)tests?/.*");

  private final GraphSnapshot g;
  private NameSearch nameSearch;
  private EffectClosure closure;
  private final List<String> warnings = new ArrayList<>();

  /**
   * An evaluator over {@code snapshot}, which the caller keeps open. Globs without a literal prefix take their
   * candidates from the snapshot's search index (NAME_TRIGRAMS) when it has one and the literal is long enough.
   */
  public QueryEvaluator(GraphSnapshot snapshot) {
    this.g = snapshot;
    this.nameSearch = snapshot.hasSearchIndex() ? this::indexCandidates : null;
  }

  /**
   * The nodes whose name contains {@code literal} ignoring ASCII case (a superset of the case-sensitive
   * matches), from the trigram index; {@code null} for a literal shorter than a trigram, which the index cannot
   * narrow (the caller then scans once instead of twice).
   */
  private ImmutableRoaringBitmap indexCandidates(String literal) {
    if (literal.getBytes(StandardCharsets.UTF_8).length < NameTrigramsFormat.GRAM) {
      return null;
    }
    return g.namesContaining(literal).toMutableRoaringBitmap();
  }

  /**
   * Uses {@code search} to find candidates for globs without a literal prefix instead of the snapshot's own
   * index; {@code null}: scan names.
   */
  public QueryEvaluator nameSearch(NameSearch search) {
    this.nameSearch = search;
    return this;
  }

  /** Evaluates {@code query}. */
  public QueryResult evaluate(Query query) {
    warnings.clear();
    MutableRoaringBitmap all = new MutableRoaringBitmap();
    all.add(0L, (long) g.nodeCount());
    return new QueryResult(eval(query, all), warnings);
  }

  /** The matches of {@code q} among {@code candidates} (never modified). */
  private MutableRoaringBitmap eval(Query q, MutableRoaringBitmap candidates) {
    return switch (q) {
      case Query.All a -> candidates.clone();
      case Query.And and -> {
        List<Query> ordered = new ArrayList<>(and.operands());
        ordered.sort(Comparator.comparingInt(QueryEvaluator::cost));
        MutableRoaringBitmap result = candidates;
        for (Query operand : ordered) {
          result = eval(operand, result);
          if (result.isEmpty()) {
            break;
          }
        }
        yield result == candidates ? candidates.clone() : result;
      }
      case Query.Or or -> {
        MutableRoaringBitmap result = new MutableRoaringBitmap();
        MutableRoaringBitmap rest = candidates.clone();
        List<Query> ordered = new ArrayList<>(or.operands());
        ordered.sort(Comparator.comparingInt(QueryEvaluator::cost));
        for (Query operand : ordered) {
          if (rest.isEmpty()) {
            break;
          }
          MutableRoaringBitmap hit = eval(operand, rest);
          result.or(hit);
          rest.andNot(hit);
        }
        yield result;
      }
      case Query.Not not -> {
        MutableRoaringBitmap result = candidates.clone();
        result.andNot(eval(not.operand(), candidates));
        yield result;
      }
      case Query.Kind kind -> {
        if (g.kindId(kind.kind()) < 0) {
          warn("no node has kind '" + kind.kind() + "' (kinds: " + String.join(", ", g.kinds()) + ")");
        }
        yield ImmutableRoaringBitmap.and(candidates, g.ofKind(kind.kind()));
      }
      case Query.Effect effect -> effect(effect, candidates);
      case Query.Name name -> names(name.pattern(), candidates);
      case Query.File file -> inFiles(candidates, f -> file.pattern().matches(g.filePath(f)), null);
      case Query.Language lang -> inFiles(candidates, f -> g.fileLanguage(f).equals(lang.language()),
          "no file has language '" + lang.language() + "'");
      case Query.Meta meta -> filter(candidates, v -> {
        Map<String, String> m = g.details(v).metadata();
        String value = m.get(meta.key());
        return value != null && (meta.value() == null || value.equals(meta.value()));
      });
      case Query.Relation rel -> relation(rel, candidates);
      case Query.Degree degree -> degree(degree, candidates);
      case Query.Is is -> switch (is.flag()) {
        case "external" -> filter(candidates, g::isExternal);
        case "merged" -> filter(candidates, g::isMerged);
        default -> tests(candidates);
      };
    };
  }

  private MutableRoaringBitmap effect(Query.Effect effect, MutableRoaringBitmap candidates) {
    int x = g.effectId(effect.effect());
    if (x < 0) {
      warn("no node has effect '" + effect.effect() + "' (effects: " + String.join(", ", g.effectNames()) + ")");
      return new MutableRoaringBitmap();
    }
    if (!effect.inherited()) {
      return ImmutableRoaringBitmap.and(candidates, g.withEffect(effect.effect()));
    }
    if (closure == null) {
      closure = EffectClosure.of(g);
    }
    MutableRoaringBitmap with = MutableRoaringBitmap.bitmapOf(closure.nodesWith(x).toArray());
    with.and(candidates);
    return with;
  }

  /** The candidates whose name matches {@code p}, by the name index, the prefix range, then the pattern. */
  private MutableRoaringBitmap names(NamePattern p, MutableRoaringBitmap candidates) {
    MutableRoaringBitmap scope = new MutableRoaringBitmap();
    switch (p.kind()) {
      case EXACT -> {
        int id = g.node(p.literalPrefix());
        if (id >= 0 && candidates.contains(id)) {
          scope.add(id);
        }
        return scope;
      }
      case PREFIX -> {
        IdRange range = g.withPrefix(p.literalPrefix());
        scope.add((long) range.start(), (long) range.end());
        scope.and(candidates);
        return scope;
      }
      default -> {
        String prefix = p.literalPrefix();
        if (!prefix.isEmpty()) {
          IdRange range = g.withPrefix(prefix);
          scope.add((long) range.start(), (long) range.end());
          scope.and(candidates);
        } else {
          ImmutableRoaringBitmap hint = nameSearch == null || p.longestLiteral().isEmpty()
              ? null : nameSearch.candidatesContaining(p.longestLiteral());
          scope = hint == null ? candidates : ImmutableRoaringBitmap.and(candidates, hint);
        }
        return filter(scope, v -> p.matches(g.name(v)));
      }
    }
  }

  /**
   * {@code is:test}: the candidates of kind {@code test} (a bitmap), and those declared in a file under a
   * {@code test/} or {@code tests/} folder (the file table, then as {@link #inFiles}).
   */
  private MutableRoaringBitmap tests(MutableRoaringBitmap candidates) {
    MutableRoaringBitmap result = ImmutableRoaringBitmap.and(candidates, g.ofKind("test"));
    result.or(inFiles(candidates, f -> TEST_FOLDER.matcher(g.filePath(f)).matches(), null));
    return result;
  }

  /** The candidates defined in a file that {@code fileMatches}. */
  private MutableRoaringBitmap inFiles(MutableRoaringBitmap candidates, IntPredicate fileMatches, String noneWarning) {
    BitSet files = new BitSet();
    for (int f = 0, n = g.fileCount(); f < n; f++) {
      if (fileMatches.test(f)) {
        files.set(f);
      }
    }
    if (files.isEmpty()) {
      if (noneWarning != null) {
        warn(noneWarning);
      }
      return new MutableRoaringBitmap();
    }
    if (g.hasFileSymbolIndex()) {
      long listed = 0;
      for (int f = files.nextSetBit(0); f >= 0; f = files.nextSetBit(f + 1)) {
        listed += g.fileSymbolCount(f);
      }
      if (listed < candidates.getLongCardinality()) { // the files' own lists are shorter than the candidates
        MutableRoaringBitmap result = new MutableRoaringBitmap();
        for (int f = files.nextSetBit(0); f >= 0; f = files.nextSetBit(f + 1)) {
          int[] ids = g.fileSymbols(f);
          result.addN(ids, 0, ids.length);
        }
        result.and(candidates);
        return result;
      }
    }
    return filter(candidates, v -> {
      int f = g.fileId(v);
      return f >= 0 && files.get(f);
    });
  }

  private MutableRoaringBitmap relation(Query.Relation rel, MutableRoaringBitmap candidates) {
    int typeId = -1;
    if (rel.type() != null) {
      typeId = g.edgeTypeId(rel.type());
      if (typeId < 0) {
        warn("no edge has type '" + rel.type() + "' (edge types: " + String.join(", ", g.edgeTypes()) + ")");
        return new MutableRoaringBitmap();
      }
    }
    MutableRoaringBitmap all = new MutableRoaringBitmap();
    all.add(0L, (long) g.nodeCount());
    MutableRoaringBitmap targets = names(rel.target(), all);
    if (targets.isEmpty() && rel.target().kind() == NamePattern.Kind.EXACT) {
      warn("no node is named '" + rel.target().literalPrefix() + "'");
    }
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    int[] buffer = new int[256];
    for (IntIterator it = targets.getIntIterator(); it.hasNext(); ) {
      int t = it.next();
      // the node is the source of an edge to t (OUT): t's in-edges; the node is the target (IN): t's out-edges
      EdgeCursor cursor = rel.direction() == Query.Direction.OUT
          ? (typeId < 0 ? g.in(t) : g.in(t, typeId))
          : (typeId < 0 ? g.out(t) : g.out(t, typeId));
      int n = 0;
      for (int v = cursor.next(); v >= 0; v = cursor.next()) {
        buffer[n++] = v;
        if (n == buffer.length) {
          result.addN(buffer, 0, n);
          n = 0;
        }
      }
      result.addN(buffer, 0, n);
    }
    result.and(candidates);
    return result;
  }

  private MutableRoaringBitmap degree(Query.Degree d, MutableRoaringBitmap candidates) {
    if (d.type() == null) {
      return filter(candidates, v -> d.comparison().test(d.direction() == Query.Direction.IN ? g.inDegree(v) : g.outDegree(v), d.bound()));
    }
    int typeId = g.edgeTypeId(d.type());
    if (typeId < 0) {
      warn("no edge has type '" + d.type() + "' (edge types: " + String.join(", ", g.edgeTypes()) + ")");
      return filter(candidates, v -> d.comparison().test(0, d.bound()));
    }
    return filter(candidates, v -> d.comparison().test(
        (d.direction() == Query.Direction.IN ? g.in(v, typeId) : g.out(v, typeId)).size(), d.bound()));
  }

  private static MutableRoaringBitmap filter(ImmutableRoaringBitmap candidates, IntPredicate keep) {
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    int[] buffer = new int[256];
    int n = 0;
    for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int v = it.next();
      if (keep.test(v)) {
        buffer[n++] = v;
        if (n == buffer.length) {
          result.addN(buffer, 0, n);
          n = 0;
        }
      }
    }
    result.addN(buffer, 0, n);
    return result;
  }

  private void warn(String warning) {
    if (!warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  /** A rough cost rank: bitmap and index terms first, per-candidate tests later, detail decoding last. */
  static int cost(Query q) {
    return switch (q) {
      case Query.All a -> 0;
      case Query.Kind k -> 1;
      case Query.Effect e -> e.inherited() ? 3 : 1;
      case Query.Name n -> switch (n.pattern().kind()) {
        case EXACT, PREFIX -> 1;
        case GLOB -> n.pattern().literalPrefix().isEmpty() ? 6 : 4;
      };
      case Query.Relation r -> r.target().kind() == NamePattern.Kind.GLOB ? 4 : 2;
      case Query.Degree d -> 5;
      case Query.Is i -> 5;
      case Query.File f -> 5;
      case Query.Language l -> 5;
      case Query.Meta m -> 8;
      case Query.Not n -> cost(n.operand()) + 1;
      case Query.And a -> a.operands().stream().mapToInt(QueryEvaluator::cost).min().orElse(0);
      case Query.Or o -> o.operands().stream().mapToInt(QueryEvaluator::cost).max().orElse(0);
    };
  }
}
