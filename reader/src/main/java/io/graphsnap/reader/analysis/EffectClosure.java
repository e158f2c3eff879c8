package io.graphsnap.reader.analysis;

import io.graphsnap.format.object.EdgeTypes;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.internal.BufferParts;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The transitive effect closure of every node (the Covenant spec's {@code effect_closure}): a node's declared
 * effects plus those of every node it reaches by the selected edges ({@code calls} for a snapshot), computed
 * for the whole graph in one pass over the condensation: strongly connected components (whose members share
 * one closure) in reverse topological order, each OR-ing in the closures of the components its edges lead to.
 * Not one search per node.
 *
 * <p>Cost: O(N + E·W) time for W = ceil(effects / 64) words per set, sequential, plus the components (see
 * {@link StronglyConnectedComponents}). Memory: the components (about 8N bytes) and 8·W bytes per component.
 * {@link #witness} runs one shortest-path search per call.
 *
 * <p>Immutable and thread-safe. Over a snapshot it keeps the snapshot's effect bitmaps (for
 * {@link #declares} and {@link #witness}): do not use it after the snapshot is closed.
 */
public final class EffectClosure {
  private final CsrGraph graph;
  private final EdgeTypeMask types;
  private final ImmutableRoaringBitmap[] declaredBy;
  private final Components components;
  private final int words;
  private final long[] closure;

  private EffectClosure(CsrGraph graph, EdgeTypeMask types, ImmutableRoaringBitmap[] declaredBy,
      Components components, int words, long[] closure) {
    this.graph = graph;
    this.types = types;
    this.declaredBy = declaredBy;
    this.components = components;
    this.words = words;
    this.closure = closure;
  }

  /**
   * The closure of a snapshot's effects over its {@code calls} edges (declared effects only, when it has no
   * {@code calls} type).
   */
  public static EffectClosure of(GraphSnapshot snapshot) {
    return of(snapshot, null);
  }

  /**
   * {@link #of(GraphSnapshot)}, calling {@code checkpoint} (null: none) at the start and now and then (every
   * {@value StronglyConnectedComponents#CHECKPOINT_NODES} nodes or components), so that background work can pause
   * there (it blocks) or give up (it throws; the exception reaches the caller).
   */
  public static EffectClosure of(GraphSnapshot snapshot, Runnable checkpoint) {
    List<ImmutableRoaringBitmap> byEffect = new ArrayList<>();
    for (String effect : snapshot.effectNames()) {
      byEffect.add(snapshot.withEffect(effect));
    }
    return compute(CsrGraph.of(snapshot), EdgeTypeMask.ofOptional(snapshot, EdgeTypes.CALLS), byEffect, checkpoint);
  }

  /**
   * The closure over edges of {@code types} ({@code null}: all) of the effects {@code declaredBy}: effect id
   * {@code x} is declared by the nodes of {@code declaredBy.get(x)}. The bitmaps are kept, not copied.
   *
   * @throws IllegalArgumentException if a bitmap holds a node id outside [0, N)
   */
  public static EffectClosure compute(CsrGraph graph, EdgeTypeMask types,
      List<? extends ImmutableRoaringBitmap> declaredBy) {
    return compute(graph, types, declaredBy, null);
  }

  /** {@link #compute(CsrGraph, EdgeTypeMask, List)} with a checkpoint as in {@link #of(GraphSnapshot, Runnable)}. */
  public static EffectClosure compute(CsrGraph graph, EdgeTypeMask types,
      List<? extends ImmutableRoaringBitmap> declaredBy, Runnable checkpoint) {
    if (checkpoint != null) {
      checkpoint.run(); // once before starting, whatever the graph's size
    }
    EdgeTypeMask mask = EdgeTypeMask.orAll(types);
    ImmutableRoaringBitmap[] byEffect = declaredBy.toArray(ImmutableRoaringBitmap[]::new);
    Components components = StronglyConnectedComponents.of(graph, mask, checkpoint);
    int w = Math.max(1, (byEffect.length + 63) >>> 6);
    long[] sets = new long[Math.multiplyExact(components.count(), w)];
    int[] componentOf = components.componentOfNode();
    int n = graph.nodeCount();
    for (int x = 0; x < byEffect.length; x++) {
      for (IntIterator it = byEffect[x].getIntIterator(); it.hasNext(); ) {
        int v = it.next();
        if (Integer.compareUnsigned(v, n) >= 0) {
          throw new IllegalArgumentException("effect " + x + " is declared by node " + Integer.toUnsignedString(v)
              + ", outside [0, " + n + ")");
        }
        sets[componentOf[v] * w + (x >>> 6)] |= 1L << x;
      }
    }
    CsrView csr = graph.forward();
    try {
      propagate(csr, mask, components, w, sets, checkpoint);
    } catch (IllegalStateException e) {
      throw csr.closed(e);
    }
    return new EffectClosure(graph, mask, byEffect, components, w, sets);
  }

  /** Components in ascending id (successors first): OR each successor component's set into its own. */
  private static void propagate(CsrView csr, EdgeTypeMask mask, Components components, int w, long[] sets,
      Runnable checkpoint) {
    final LongBuffer[] off = csr.offsetParts();
    final IntBuffer[] nb = csr.neighbourParts();
    final ByteBuffer[] ty = csr.typeParts();
    final long edges = csr.edgeCount();
    final int n = csr.nodeCount();
    final boolean all = mask.isAll();
    final boolean[] sel = mask.table();
    final int[] members = components.membersByComponent();
    final int[] starts = components.componentStarts();
    final int[] componentOf = components.componentOfNode();
    for (int c = 0; c < components.count(); c++) {
      if (checkpoint != null && c > 0 && (c & (StronglyConnectedComponents.CHECKPOINT_NODES - 1)) == 0) {
        checkpoint.run();
      }
      int target = c * w;
      for (int i = starts[c]; i < starts[c + 1]; i++) {
        int v = members[i];
        long s = BufferParts.get(off, v);
        long e = BufferParts.get(off, v + 1L);
        if ((s | e) < 0 || s > e || e > edges) {
          throw csr.badRange(v);
        }
        for (long j = s; j < e; j++) {
          if (!all && !sel[BufferParts.get(ty, j)]) {
            continue;
          }
          int u = BufferParts.get(nb, j);
          if (Integer.compareUnsigned(u, n) >= 0) {
            throw csr.badNeighbour(j, u);
          }
          int source = componentOf[u] * w;
          if (source != target) {
            for (int k = 0; k < w; k++) {
              sets[target + k] |= sets[source + k];
            }
          }
        }
      }
    }
  }

  /** The number of effects (effect ids are [0, X)). */
  public int effectCount() {
    return declaredBy.length;
  }

  /** The components of the selected edges the closure was computed on. */
  public Components components() {
    return components;
  }

  /** Whether {@code effect} is in {@code node}'s closure (declared or inherited). O(1). */
  public boolean has(int node, int effect) {
    Objects.checkIndex(effect, declaredBy.length);
    int c = components.component(node);
    return (closure[c * words + (effect >>> 6)] & (1L << effect)) != 0;
  }

  /** Whether {@code node} declares {@code effect} itself. O(bitmap probe). */
  public boolean declares(int node, int effect) {
    Objects.checkIndex(node, graph.nodeCount());
    return declaredBy[Objects.checkIndex(effect, declaredBy.length)].contains(node);
  }

  /** The effect ids of {@code node}'s closure, ascending. O(X). */
  public int[] effects(int node) {
    return select(node, 0);
  }

  /** The effect ids {@code node} declares, ascending. O(X) bitmap probes. */
  public int[] declared(int node) {
    return select(node, 1);
  }

  /** The effect ids {@code node} inherits (in its closure but not declared by it), ascending. */
  public int[] inherited(int node) {
    return select(node, 2);
  }

  /** The nodes whose closure holds {@code effect}, as a new bitmap. O(N). */
  public RoaringBitmap nodesWith(int effect) {
    Objects.checkIndex(effect, declaredBy.length);
    RoaringBitmap result = new RoaringBitmap();
    int n = graph.nodeCount();
    int[] componentOf = components.componentOfNode();
    int word = effect >>> 6;
    long bit = 1L << effect;
    for (int v = 0; v < n; v++) {
      if ((closure[componentOf[v] * words + word] & bit) != 0) {
        result.add(v);
      }
    }
    return result;
  }

  /**
   * One shortest path, by the selected edges, from {@code node} to a node that declares {@code effect}: the
   * witness of why {@code node} has it. {@code [node]} when it declares the effect itself;
   * {@link NodePath#none()} when the effect is not in its closure. O(nodes and edges within the witness's
   * distance).
   */
  public NodePath witness(int node, int effect) {
    if (!has(node, effect)) {
      return NodePath.none();
    }
    ImmutableRoaringBitmap targets = declaredBy[effect];
    return ShortestPaths.nearest(graph, node, targets::contains, types, Direction.FORWARD);
  }

  private int[] select(int node, int which) {
    int c = components.component(node);
    int[] result = new int[declaredBy.length];
    int k = 0;
    for (int x = 0; x < declaredBy.length; x++) {
      boolean inClosure = (closure[c * words + (x >>> 6)] & (1L << x)) != 0;
      boolean keep = switch (which) {
        case 0 -> inClosure;
        case 1 -> inClosure && declaredBy[x].contains(node);
        default -> inClosure && !declaredBy[x].contains(node);
      };
      if (keep) {
        result[k++] = x;
      }
    }
    return java.util.Arrays.copyOf(result, k);
  }
}
