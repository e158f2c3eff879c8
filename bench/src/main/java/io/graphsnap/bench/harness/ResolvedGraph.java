package io.graphsnap.bench.harness;

import java.util.Arrays;
import java.util.List;

/**
 * A code graph after name resolution, in heap arrays: the neutral form every peer of the harness loads, and
 * the reference answers are computed on. Node ids are the ranks of the names in code-point order, as in a
 * snapshot, so that every system numbers the nodes alike. Kinds, effects and edge types are sorted name
 * lists and ids index them.
 *
 * <p>Edges form a forward CSR: node {@code v}'s out-edges are {@code [offsets[v], offsets[v+1])}, sorted by
 * (type id, target id) and distinct. At most 2<sup>31</sup> - 8 edges.
 *
 * <p>Immutable by contract: the accessors return the arrays themselves (no copies, so that a 100 M-edge graph
 * is not duplicated); callers must not modify them. Thread-safe for readers.
 */
public final class ResolvedGraph {
  private final String[] names;
  private final List<String> kinds;
  private final List<String> effects;
  private final List<String> edgeTypes;
  private final short[] kindOf;
  private final int[] effectMask;
  private final int[] offsets;
  private final int[] targets;
  private final byte[] types;

  /** Wraps the arrays (not copied); checks their lengths agree. */
  public ResolvedGraph(String[] names, List<String> kinds, List<String> effects, List<String> edgeTypes,
      short[] kindOf, int[] effectMask, int[] offsets, int[] targets, byte[] types) {
    int n = names.length;
    if (kindOf.length != n || effectMask.length != n || offsets.length != n + 1) {
      throw new IllegalArgumentException("column lengths disagree with " + n + " nodes: kinds=" + kindOf.length
          + " effects=" + effectMask.length + " offsets=" + offsets.length);
    }
    if (targets.length != offsets[n] || types.length != offsets[n]) {
      throw new IllegalArgumentException("edge arrays disagree with offsets[N]=" + offsets[n] + ": targets="
          + targets.length + " types=" + types.length);
    }
    if (effects.size() > 31) {
      throw new IllegalArgumentException(effects.size() + " effects; at most 31 fit the effect masks");
    }
    this.names = names;
    this.kinds = List.copyOf(kinds);
    this.effects = List.copyOf(effects);
    this.edgeTypes = List.copyOf(edgeTypes);
    this.kindOf = kindOf;
    this.effectMask = effectMask;
    this.offsets = offsets;
    this.targets = targets;
    this.types = types;
  }

  /** N. */
  public int nodeCount() {
    return names.length;
  }

  /** E. */
  public int edgeCount() {
    return targets.length;
  }

  /** The node names, sorted; id = index. Shared: do not modify. */
  public String[] names() {
    return names;
  }

  /** The id of {@code name}, or -1. O(log N). */
  public int find(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? i : -1;
  }

  /** The kind names, sorted. */
  public List<String> kinds() {
    return kinds;
  }

  /** The effect names, sorted; bit {@code i} of an effect mask is effect {@code i}. */
  public List<String> effects() {
    return effects;
  }

  /** The edge type names, sorted. */
  public List<String> edgeTypes() {
    return edgeTypes;
  }

  /** Each node's kind id. Shared: do not modify. */
  public short[] kindOf() {
    return kindOf;
  }

  /** Each node's effects as a bit mask. Shared: do not modify. */
  public int[] effectMask() {
    return effectMask;
  }

  /** CSR offsets, N + 1 of them. Shared: do not modify. */
  public int[] offsets() {
    return offsets;
  }

  /** CSR targets, E of them. Shared: do not modify. */
  public int[] targets() {
    return targets;
  }

  /** CSR edge type ids, E of them. Shared: do not modify. */
  public byte[] types() {
    return types;
  }
}
