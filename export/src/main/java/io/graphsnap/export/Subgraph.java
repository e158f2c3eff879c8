package io.graphsnap.export;

import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.GraphSnapshot;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;
import org.roaringbitmap.RoaringBitmap;

/**
 * What an export writes: a set of nodes of one snapshot (all of them, or a neighbourhood) and a set of edge
 * types. An edge is exported when its type is selected and both its ends are. Node ids stay the snapshot's
 * ids, so a neighbourhood's ids are not dense.
 *
 * <p>Immutable and thread-safe once made. Holds no reference to the snapshot: the same subgraph may be used
 * with the snapshot it was made from only (ids and type ids are the snapshot's).
 */
public final class Subgraph {
  private final int snapshotNodes;
  private final RoaringBitmap nodes;
  private final boolean[] types;
  private final int center;
  private final boolean truncated;
  private final long edgeTotal;

  private Subgraph(int snapshotNodes, RoaringBitmap nodes, boolean[] types, int center, boolean truncated,
      long edgeTotal) {
    this.snapshotNodes = snapshotNodes;
    this.nodes = nodes;
    this.types = types;
    this.center = center;
    this.truncated = truncated;
    this.edgeTotal = edgeTotal;
  }

  /** Every node and every edge of {@code g}. O(1). */
  public static Subgraph whole(GraphSnapshot g) {
    return whole(g, List.of());
  }

  /**
   * Every node of {@code g} and the edges whose type is in {@code edgeTypes} (all types when it is empty).
   * O(T).
   *
   * @throws IllegalArgumentException if a type is not one of the snapshot's (the message lists them)
   */
  public static Subgraph whole(GraphSnapshot g, Collection<String> edgeTypes) {
    boolean[] selected = typeMask(g, edgeTypes);
    return new Subgraph(g.nodeCount(), null, selected, -1, false, edgeTotal(g, selected));
  }

  /**
   * The nodes within {@code depth} hops of {@code center} following {@code direction} over edges of
   * {@code edgeTypes} (all when empty), by breadth-first search; at most {@code maxNodes} nodes: when the
   * next node would exceed it, the search stops and {@link #truncated()} is set (nodes nearer the centre are
   * kept first). Time O(nodes found + their edges); memory a bitmap of the nodes found and one BFS level.
   *
   * @throws IllegalArgumentException if {@code depth < 0}, {@code maxNodes < 1}, or a type is unknown
   * @throws IndexOutOfBoundsException if {@code center} is not a node id of {@code g}
   */
  public static Subgraph around(GraphSnapshot g, int center, int depth, Neighbourhood direction,
      Collection<String> edgeTypes, int maxNodes) {
    Objects.checkIndex(center, g.nodeCount());
    Objects.requireNonNull(direction, "direction");
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be >= 0: actual=" + depth);
    }
    if (maxNodes < 1) {
      throw new IllegalArgumentException("maxNodes must be >= 1: actual=" + maxNodes);
    }
    boolean[] selected = typeMask(g, edgeTypes);
    RoaringBitmap found = new RoaringBitmap();
    found.add(center);
    IntArrayList level = IntArrayList.of(center);
    IntArrayList next = new IntArrayList();
    boolean truncated = false;
    CsrView[] views = direction == Neighbourhood.BOTH ? new CsrView[] {g.forward(), g.reverse()}
        : new CsrView[] {direction == Neighbourhood.FORWARD ? g.forward() : g.reverse()};
    io.graphsnap.reader.EdgeCursor[] cursors = new io.graphsnap.reader.EdgeCursor[views.length];
    for (int k = 0; k < views.length; k++) {
      cursors[k] = views[k].cursor(); // either adjacency layout, each value checked
    }
    search:
    for (int d = 0; d < depth && !level.isEmpty(); d++) {
      next.clear();
      for (int i = 0; i < level.size(); i++) {
        int v = level.getInt(i);
        for (io.graphsnap.reader.EdgeCursor c : cursors) {
          for (int w = c.reset(v).next(); w >= 0; w = c.next()) {
            if (!selected[c.type()]) {
              continue;
            }
            if (!found.contains(w)) {
              if (found.getCardinality() >= maxNodes) {
                truncated = true;
                break search;
              }
              found.add(w);
              next.add(w);
            }
          }
        }
      }
      IntArrayList swap = level;
      level = next;
      next = swap;
    }
    found.runOptimize();
    return new Subgraph(g.nodeCount(), found, selected, center, truncated, -1);
  }

  /** Whether this is every node of the snapshot (edge types may still be filtered). */
  public boolean isWholeGraph() {
    return nodes == null;
  }

  /** The centre of a neighbourhood, or -1 for a whole graph. */
  public int center() {
    return center;
  }

  /** Whether a neighbourhood search stopped at its node limit before reaching its depth. */
  public boolean truncated() {
    return truncated;
  }

  /** The number of nodes selected. O(1). */
  public long nodeCount() {
    return nodes == null ? snapshotNodes : nodes.getLongCardinality();
  }

  /** The number of edges an export writes, if known without scanning (whole graphs), else -1. */
  public long edgeCountIfKnown() {
    return edgeTotal;
  }

  /** Whether node {@code id} is selected. O(1) for a whole graph, O(log) for a neighbourhood. */
  public boolean containsNode(int id) {
    return nodes == null ? id >= 0 && id < snapshotNodes : nodes.contains(id);
  }

  /** Whether edges of type id {@code typeId} are selected. O(1). */
  public boolean allowsType(int typeId) {
    return types[typeId];
  }

  /** The selected node ids in increasing order. */
  public PrimitiveIterator.OfInt nodeIds() {
    if (nodes == null) {
      return IntStream.range(0, snapshotNodes).iterator();
    }
    var it = nodes.getIntIterator();
    return new PrimitiveIterator.OfInt() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public int nextInt() {
        return it.next();
      }
    };
  }

  private static boolean[] typeMask(GraphSnapshot g, Collection<String> edgeTypes) {
    List<String> names = g.edgeTypes();
    boolean[] mask = new boolean[names.size()];
    if (edgeTypes.isEmpty()) {
      java.util.Arrays.fill(mask, true);
      return mask;
    }
    List<String> unknown = new ArrayList<>();
    for (String t : edgeTypes) {
      int id = g.edgeTypeId(t);
      if (id < 0) {
        unknown.add(t);
      } else {
        mask[id] = true;
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown edge type(s) " + unknown + " (this snapshot has " + names + ")");
    }
    return mask;
  }

  private static long edgeTotal(GraphSnapshot g, boolean[] mask) {
    long total = 0;
    for (int t = 0; t < mask.length; t++) {
      if (mask[t]) {
        total += g.edgeCount(t);
      }
    }
    return total;
  }
}
