package io.graphsnap.bench.harness;

import io.graphsnap.builder.ObjectSource;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Kinds;
import io.graphsnap.format.object.SymbolSummary;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Resolves a set of file summaries into a {@link ResolvedGraph}, independently of the builder, with the rules of
 * docs/DESIGN.md §1: a namespace name declared by several files becomes one node with the union of their edges and
 * effects, an undeclared target becomes an {@code external} node, duplicate edges collapse. A name declared twice
 * outside namespaces is a conflict, which synthetic graphs never have: it fails here rather than guess.
 *
 * <p>A second, naive implementation of what the builder does, so that the harness's check that every system
 * gives the same answers also checks the snapshot against something it was not derived from. Memory about
 * 100 bytes per name plus 12 bytes per edge (twice, briefly). Single-threaded, one use per instance.
 */
public final class GraphResolver {
  private static final String EXTERNAL = Kinds.EXTERNAL;

  private final Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
  private final ObjectArrayList<String> names = new ObjectArrayList<>();
  private final ObjectArrayList<String> kindNames = new ObjectArrayList<>();
  private final IntArrayList effectBits = new IntArrayList();
  private final Object2IntOpenHashMap<String> effectIds = new Object2IntOpenHashMap<>();
  private final Object2IntOpenHashMap<String> typeIds = new Object2IntOpenHashMap<>();
  private final IntArrayList sources = new IntArrayList();
  private final IntArrayList targets = new IntArrayList();
  private final IntArrayList types = new IntArrayList();

  private GraphResolver() {
    ids.defaultReturnValue(-1);
    effectIds.defaultReturnValue(-1);
    typeIds.defaultReturnValue(-1);
  }

  /** Resolves every object of {@code source}. */
  public static ResolvedGraph resolve(ObjectSource source) throws IOException {
    GraphResolver r = new GraphResolver();
    source.forEach((id, summary) -> r.add(summary));
    return r.finish();
  }

  private void add(FileSummary file) {
    List<SymbolSummary> symbols = file.symbols();
    int[] local = new int[symbols.size()];
    for (int s = 0; s < symbols.size(); s++) {
      SymbolSummary symbol = symbols.get(s);
      int id = intern(symbol.name());
      String previous = kindNames.get(id);
      if (previous != null && !(symbol.isNamespace() && previous.equals(symbol.kind()))) {
        throw new IllegalStateException("name " + symbol.name() + " declared twice (" + previous + ", "
            + symbol.kind() + ") in " + file.path() + ": synthetic graphs must not have conflicts");
      }
      kindNames.set(id, symbol.kind());
      int bits = effectBits.getInt(id);
      for (String effect : symbol.effects()) {
        int e = effectIds.getInt(effect);
        if (e < 0) {
          e = effectIds.size();
          effectIds.put(effect, e);
        }
        bits |= 1 << e;
      }
      effectBits.set(id, bits);
      local[s] = id;
    }
    for (EdgeSummary edge : file.edges()) {
      int t = typeIds.getInt(edge.type());
      if (t < 0) {
        t = typeIds.size();
        typeIds.put(edge.type(), t);
      }
      sources.add(local[edge.source()]);
      targets.add(intern(edge.target()));
      types.add(t);
    }
  }

  private int intern(String name) {
    int id = ids.getInt(name);
    if (id < 0) {
      id = names.size();
      ids.put(name, id);
      names.add(name);
      kindNames.add(null);
      effectBits.add(0);
    }
    return id;
  }

  private ResolvedGraph finish() {
    int n = names.size();
    ids.clear();
    ids.trim();
    // Ranks of the names in code-point order (names are ASCII here, where String order agrees).
    String[] byTemp = names.toArray(new String[0]);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.parallelQuickSort(order, (a, b) -> byTemp[a].compareTo(byTemp[b]));
    int[] rank = new int[n];
    String[] sortedNames = new String[n];
    for (int i = 0; i < n; i++) {
      rank[order[i]] = i;
      sortedNames[i] = byTemp[order[i]];
    }
    List<String> kinds = sortedDistinct(kindNames, EXTERNAL);
    List<String> effects = sortedKeys(effectIds);
    List<String> edgeTypes = sortedKeys(typeIds);
    short[] kindOf = new short[n];
    int[] effectMask = new int[n];
    int[] effectRemap = remap(effectIds, effects);
    for (int temp = 0; temp < n; temp++) {
      String kind = kindNames.get(temp);
      kindOf[rank[temp]] = (short) kinds.indexOf(kind == null ? EXTERNAL : kind);
      int bits = effectBits.getInt(temp);
      int mask = 0;
      for (int b = 0; b < 31; b++) {
        if ((bits & (1 << b)) != 0) {
          mask |= 1 << effectRemap[b];
        }
      }
      effectMask[rank[temp]] = mask;
    }
    int[] typeRemap = remap(typeIds, edgeTypes);
    return csr(n, rank, typeRemap, sortedNames, kinds, effects, edgeTypes, kindOf, effectMask);
  }

  private ResolvedGraph csr(int n, int[] rank, int[] typeRemap, String[] sortedNames, List<String> kinds,
      List<String> effects, List<String> edgeTypes, short[] kindOf, int[] effectMask) {
    int e = sources.size();
    int[] count = new int[n + 1];
    for (int i = 0; i < e; i++) {
      count[rank[sources.getInt(i)] + 1]++;
    }
    for (int v = 0; v < n; v++) {
      count[v + 1] += count[v];
    }
    long[] keys = new long[e];
    int[] fill = count.clone();
    for (int i = 0; i < e; i++) {
      int v = rank[sources.getInt(i)];
      keys[fill[v]++] = ((long) typeRemap[types.getInt(i)] << 32) | rank[targets.getInt(i)];
    }
    sources.clear();
    sources.trim();
    targets.clear();
    targets.trim();
    types.clear();
    types.trim();
    int[] offsets = new int[n + 1];
    int out = 0;
    for (int v = 0; v < n; v++) {
      int from = count[v];
      int to = count[v + 1];
      java.util.Arrays.sort(keys, from, to);
      offsets[v] = out;
      for (int i = from; i < to; i++) {
        if (i == from || keys[i] != keys[i - 1]) {
          keys[out++] = keys[i];
        }
      }
    }
    offsets[n] = out;
    int[] edgeTargets = new int[out];
    byte[] edgeTypeIds = new byte[out];
    for (int i = 0; i < out; i++) {
      edgeTargets[i] = (int) keys[i];
      edgeTypeIds[i] = (byte) (keys[i] >>> 32);
    }
    return new ResolvedGraph(sortedNames, kinds, effects, edgeTypes, kindOf, effectMask, offsets, edgeTargets,
        edgeTypeIds);
  }

  private static List<String> sortedDistinct(List<String> values, String extra) {
    TreeSet<String> set = new TreeSet<>();
    boolean missing = false;
    for (String v : values) {
      if (v == null) {
        missing = true;
      } else {
        set.add(v);
      }
    }
    if (missing) {
      set.add(extra);
    }
    return new ArrayList<>(set);
  }

  private static List<String> sortedKeys(Object2IntOpenHashMap<String> map) {
    return new ArrayList<>(new TreeSet<>(map.keySet()));
  }

  private static int[] remap(Object2IntOpenHashMap<String> temp, List<String> sorted) {
    int[] remap = new int[Math.max(32, temp.size())];
    for (var entry : temp.object2IntEntrySet()) {
      remap[entry.getIntValue()] = sorted.indexOf(entry.getKey());
    }
    return remap;
  }
}
