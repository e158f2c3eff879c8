package io.graphsnap.reader.query;

import io.graphsnap.format.snapshot.NameTrigramsFormat;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Evaluates a {@link Query} over a snapshot's indexes. Each term narrows a candidate set rather than
 * scanning the graph:
 * <ul>
 *   <li>{@code kind:}, {@code effect:}: the snapshot's Roaring bitmaps, intersected with the candidates
 *       (O(containers));
 *   <li>{@code effect~:}: a backward breadth-first search over {@code calls} from the effect's bitmap
 *       ({@link InheritedEffects}: O(N/64 + in-edges of the nodes reached)), memoised per snapshot and effect;
 *   <li>{@code name:} exact and prefix: the name index and the sorted-name range (O(log N)); a glob is tested
 *       on the UTF-8 names in place (no decoding), only on the range of its literal prefix, or on the
 *       candidates the search index ({@link NameSearch}: NAME_TRIGRAMS by default) leaves for its longest
 *       literal, or, when the candidates are few, on the candidates themselves;
 *   <li>relations: the CSR edge lists of the matched targets (O(sum of their degrees));
 *   <li>{@code file:}, {@code lang:}, {@code is:test}: the file table ({@link FileTerms}: a path prefix is a
 *       range of file ids), then the files' symbol lists (FILE_SYMBOLS) or an O(1) file-id test per candidate,
 *       whichever is cheaper;
 *   <li>degrees ({@link DegreeFilter}), {@code is:external}, {@code is:merged}: O(1) per candidate;
 *       {@code meta:}: each candidate's details entry.
 * </ul>
 * Operands of an AND run most selective first, each on the survivors of the previous ones: terms an index
 * answers ordered by the number of nodes they can yield (a kind's or an effect's cardinality, one name, a
 * relation target's degree, a name or path range's size), then per-candidate tests, cheapest first; an OR's
 * later operands see only candidates not yet matched; a NOT subtracts its operand's matches from the
 * candidates. So a per-candidate test (glob, degree, metadata) only ever runs on what the index terms left.
 *
 * <p>Not thread-safe (it collects warnings); use one per thread. The snapshot must stay open while it is used;
 * results are heap bitmaps that outlive it.
 */
public final class QueryEvaluator {
  /** Test a glob on at most this many candidates directly rather than asking the search index first. */
  private static final long SCAN_LIMIT = 2048;

  private final GraphSnapshot g;
  private final FileTerms files;
  private NameSearch nameSearch;
  private boolean memoise = true;
  private final List<String> warnings = new ArrayList<>();
  /** The search index's answers during one evaluation, by literal (a null value: it cannot answer). */
  private final Map<String, ImmutableRoaringBitmap> hints = new HashMap<>();

  /**
   * An evaluator over {@code snapshot}, which the caller keeps open. Globs without a literal prefix take their
   * candidates from the snapshot's search index (NAME_TRIGRAMS) when it has one and the literal is long enough.
   */
  public QueryEvaluator(GraphSnapshot snapshot) {
    this.g = snapshot;
    this.files = new FileTerms(snapshot);
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

  /**
   * Whether {@code effect~:} reuses (and fills) the snapshot's memo of inherited-effect sets (default
   * {@code true}); {@code false} searches afresh for every term, as a first query on a snapshot does.
   */
  public QueryEvaluator memoise(boolean memoise) {
    this.memoise = memoise;
    return this;
  }

  /** Evaluates {@code query}. */
  public QueryResult evaluate(Query query) {
    warnings.clear();
    hints.clear();
    try {
      return new QueryResult(eval(query, Filters.all(g.nodeCount())), warnings);
    } finally {
      hints.clear();
    }
  }

  /** The matches of {@code q} among {@code candidates} (never modified). */
  private MutableRoaringBitmap eval(Query q, MutableRoaringBitmap candidates) {
    return switch (q) {
      case Query.All a -> candidates.clone();
      case Query.And and -> {
        MutableRoaringBitmap result = candidates;
        for (Query operand : ordered(and.operands(), true)) {
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
        for (Query operand : ordered(or.operands(), false)) {
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
        yield intersect(candidates, g.ofKind(kind.kind()));
      }
      case Query.Effect effect -> effect(effect, candidates);
      case Query.Name name -> names(name.pattern(), candidates);
      case Query.File file -> files.nodesIn(files.files(file.pattern()), candidates);
      case Query.Language lang -> {
        MutableRoaringBitmap ofLanguage = files.filesOfLanguage(lang.language());
        if (ofLanguage.isEmpty()) {
          warn("no file has language '" + lang.language() + "'");
        }
        yield files.nodesIn(ofLanguage, candidates);
      }
      case Query.Meta meta -> Filters.keep(candidates, v -> {
        Map<String, String> m = g.details(v).metadata();
        String value = m.get(meta.key());
        return value != null && (meta.value() == null || value.equals(meta.value()));
      });
      case Query.Relation rel -> relation(rel, candidates);
      case Query.Degree degree -> degree(degree, candidates);
      case Query.Is is -> switch (is.flag()) {
        case "external" -> Filters.keep(candidates, g::isExternal);
        case "merged" -> Filters.keep(candidates, g::isMerged);
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
    ImmutableRoaringBitmap with = effect.inherited() ? InheritedEffects.nodesWith(g, x, memoise)
        : g.withEffect(effect.effect());
    return intersect(candidates, with);
  }

  /**
   * {@code candidates ∩ bitmap} as a new heap bitmap; when the candidates are every node, a copy of the bitmap
   * (an AND with the full range is several times slower than the copy: its runs meet the bitmap's containers).
   */
  private MutableRoaringBitmap intersect(ImmutableRoaringBitmap candidates, ImmutableRoaringBitmap bitmap) {
    if (candidates.getLongCardinality() == g.nodeCount()) {
      return bitmap.toMutableRoaringBitmap();
    }
    return ImmutableRoaringBitmap.and(candidates, bitmap);
  }

  /** The candidates whose name matches {@code p}, by the name index, the prefix range, then the pattern. */
  private MutableRoaringBitmap names(NamePattern p, ImmutableRoaringBitmap candidates) {
    switch (p.kind()) {
      case EXACT -> {
        MutableRoaringBitmap scope = new MutableRoaringBitmap();
        int id = g.node(p.literalPrefix());
        if (id >= 0 && candidates.contains(id)) {
          scope.add(id);
        }
        return scope;
      }
      case PREFIX -> {
        return and(candidates, g.withPrefix(p.literalPrefix()));
      }
      default -> {
        String prefix = p.literalPrefix();
        ImmutableRoaringBitmap scope = candidates;
        if (!prefix.isEmpty()) {
          scope = and(candidates, g.withPrefix(prefix));
        } else if (nameSearch != null && !p.longestLiteral().isEmpty()
            && (candidates.getLongCardinality() > SCAN_LIMIT || hints.containsKey(p.longestLiteral()))) {
          ImmutableRoaringBitmap hint = hint(p.longestLiteral());
          if (hint != null) {
            scope = ImmutableRoaringBitmap.and(candidates, hint);
          }
        }
        return g.namesMatching(scope, p.utf8());
      }
    }
  }

  /** The search index's candidates for {@code literal} (or null), asked once per evaluation. */
  private ImmutableRoaringBitmap hint(String literal) {
    if (hints.containsKey(literal)) {
      return hints.get(literal);
    }
    ImmutableRoaringBitmap hint = nameSearch.candidatesContaining(literal);
    hints.put(literal, hint);
    return hint;
  }

  private static MutableRoaringBitmap and(ImmutableRoaringBitmap candidates, IdRange range) {
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    result.add((long) range.start(), (long) range.end());
    result.and(candidates);
    return result;
  }

  /**
   * {@code is:test}: the candidates of kind {@code test} (a bitmap), and those declared in a file under a
   * {@code test/} or {@code tests/} folder ({@link FileTerms#underTestFolders}, then {@link FileTerms#nodesIn}).
   */
  private MutableRoaringBitmap tests(MutableRoaringBitmap candidates) {
    MutableRoaringBitmap result = ImmutableRoaringBitmap.and(candidates, g.ofKind("test"));
    result.or(files.nodesIn(files.underTestFolders(), candidates));
    return result;
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
    MutableRoaringBitmap targets = names(rel.target(), Filters.all(g.nodeCount()));
    if (targets.isEmpty() && rel.target().kind() == NamePattern.Kind.EXACT) {
      warn("no node is named '" + rel.target().literalPrefix() + "'");
    }
    // the node is the source of an edge to t (OUT): t's in-edges; the node is the target (IN): t's out-edges
    CsrView csr = rel.direction() == Query.Direction.OUT ? g.reverse() : g.forward();
    EdgeCursor cursor = csr.cursor();
    MutableRoaringBitmap result = new MutableRoaringBitmap();
    int[] buffer = new int[256];
    for (IntIterator it = targets.getIntIterator(); it.hasNext(); ) {
      int t = it.next();
      if (typeId < 0) {
        cursor.reset(t);
      } else {
        cursor.reset(t, typeId);
      }
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
    int typeId = -1;
    if (d.type() != null) {
      typeId = g.edgeTypeId(d.type());
      if (typeId < 0) {
        warn("no edge has type '" + d.type() + "' (edge types: " + String.join(", ", g.edgeTypes()) + ")");
        return d.comparison().test(0, d.bound()) ? candidates.clone() : new MutableRoaringBitmap();
      }
    }
    return DegreeFilter.filter(g, d, typeId, candidates);
  }

  private void warn(String warning) {
    if (!warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  // ------------------------------------------------------------------------------------------ ordering

  /**
   * The operands in evaluation order. AND: by the number of nodes an index can yield for each (the smallest
   * first, so every later term sees few candidates), per-candidate tests after them by their cost rank. OR: by
   * cost rank alone (cheap operands first shrink what the costly ones see).
   */
  private List<Query> ordered(List<Query> operands, boolean conjunction) {
    int size = operands.size();
    long[] keys = new long[size];
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      Query q = operands.get(i);
      order[i] = i;
      keys[i] = conjunction ? Math.min(estimate(q), (long) g.nodeCount()) : 0;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> keys[i])
        .thenComparingInt(i -> cost(operands.get(i))));
    List<Query> result = new ArrayList<>(size);
    for (Integer i : order) {
      result.add(operands.get(i));
    }
    return result;
  }

  /**
   * An upper bound (or an estimate) of the nodes {@code q} can match, where an index gives one cheaply; N where
   * only a per-candidate test answers. O(log N) at most per term (bitmap cardinalities are O(containers)).
   */
  private long estimate(Query q) {
    long n = g.nodeCount();
    return switch (q) {
      case Query.All a -> n;
      case Query.Kind k -> g.ofKind(k.kind()).getLongCardinality();
      case Query.Effect e -> e.inherited() ? n : g.withEffect(e.effect()).getLongCardinality();
      case Query.Name name -> nameEstimate(name.pattern());
      case Query.Relation r -> relationEstimate(r);
      case Query.File f -> files.estimateSymbols(rangeOf(files.range(f.pattern())));
      case Query.And a -> a.operands().stream().mapToLong(this::estimate).min().orElse(n);
      case Query.Or o -> Math.min(n, o.operands().stream().mapToLong(this::estimate).sum());
      case Query.Not not -> n;
      case Query.Language l -> n;
      case Query.Meta m -> n;
      case Query.Degree d -> n;
      case Query.Is i -> n;
    };
  }

  /**
   * 1 for an exact name; the size of the literal prefix's range; else the search index's candidates for the
   * longest literal (asked here and kept for the evaluation), or N when there is no index or it cannot answer.
   */
  private long nameEstimate(NamePattern p) {
    if (p.kind() == NamePattern.Kind.EXACT) {
      return 1;
    }
    if (!p.literalPrefix().isEmpty()) {
      return g.withPrefix(p.literalPrefix()).size();
    }
    ImmutableRoaringBitmap hint = nameSearch == null || p.longestLiteral().isEmpty() ? null : hint(p.longestLiteral());
    return hint == null ? g.nodeCount() : hint.getLongCardinality();
  }

  /** An exact target's degree of the relation's type; N for patterns. */
  private long relationEstimate(Query.Relation r) {
    if (r.target().kind() != NamePattern.Kind.EXACT) {
      return g.nodeCount();
    }
    int t = g.node(r.target().literalPrefix());
    if (t < 0) {
      return 0;
    }
    CsrView csr = r.direction() == Query.Direction.OUT ? g.reverse() : g.forward();
    return csr.end(t) - csr.start(t); // in long: degree() throws past 2^31 - 1 edges, which the format allows
  }

  private static MutableRoaringBitmap rangeOf(IdRange range) {
    MutableRoaringBitmap ids = new MutableRoaringBitmap();
    ids.add((long) range.start(), (long) range.end());
    return ids;
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
