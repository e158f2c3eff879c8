package io.graphsnap.reader.analysis;

import java.util.Arrays;
import java.util.Objects;

/**
 * Strongly connected components of a graph (see {@link StronglyConnectedComponents}): a component id per node,
 * ids in reverse topological order of the condensation, and the members of each component.
 *
 * <p><b>Cycles.</b> A component is <em>cyclic</em> when it has two or more nodes, or one node with a
 * self-loop of a selected type; {@link #cyclic(int)} lists those. A single node without a self-loop is a
 * trivial component.
 *
 * <p>Immutable and thread-safe; arrays returned are new copies. Memory: about 8N + 4C bytes.
 */
public final class Components {
  private final int[] component;
  private final int[] members;
  private final int[] starts;
  private final int count;
  private final long[] selfLoops;

  Components(int[] component, int[] members, int[] starts, int count, long[] selfLoops) {
    this.component = component;
    this.members = members;
    this.starts = starts;
    this.count = count;
    this.selfLoops = selfLoops;
  }

  /** C, the number of components; ids are [0, C). */
  public int count() {
    return count;
  }

  /** N, the number of nodes. */
  public int nodeCount() {
    return component.length;
  }

  /** The component of {@code node}. O(1). */
  public int component(int node) {
    return component[Objects.checkIndex(node, component.length)];
  }

  /** The number of nodes of component {@code c}. O(1). */
  public int size(int c) {
    Objects.checkIndex(c, count);
    return starts[c + 1] - starts[c];
  }

  /** The members of component {@code c}, ascending. O(size log size). */
  public int[] members(int c) {
    Objects.checkIndex(c, count);
    int[] m = Arrays.copyOfRange(members, starts[c], starts[c + 1]);
    Arrays.sort(m);
    return m;
  }

  /** Whether {@code node} has an edge of a selected type to itself. O(1). */
  public boolean hasSelfLoop(int node) {
    Objects.checkIndex(node, component.length);
    return Bits.get(selfLoops, node);
  }

  /** Whether component {@code c} holds a cycle: two or more nodes, or one with a self-loop. O(1). */
  public boolean isCyclic(int c) {
    int size = size(c);
    return size > 1 || (size == 1 && Bits.get(selfLoops, members[starts[c]]));
  }

  /**
   * The cyclic components with at least {@code minSize} nodes, largest first, ties by smallest member id
   * (name order in a snapshot). O(C + k log k) for k results.
   */
  public int[] cyclic(int minSize) {
    long[] keyed = new long[16];
    int k = 0;
    for (int c = 0; c < count; c++) {
      int size = starts[c + 1] - starts[c];
      if (size >= minSize && isCyclic(c)) {
        int smallest = Integer.MAX_VALUE;
        for (int i = starts[c]; i < starts[c + 1]; i++) {
          smallest = Math.min(smallest, members[i]);
        }
        if (k == keyed.length) {
          keyed = Arrays.copyOf(keyed, 2 * k);
        }
        // sort key: size descending, then smallest member ascending; the component id rides along below
        keyed[k++] = ((long) (Integer.MAX_VALUE - size) << 32) | smallest;
      }
    }
    Arrays.sort(keyed, 0, k);
    int[] result = new int[k];
    for (int i = 0; i < k; i++) {
      result[i] = component[(int) keyed[i]];
    }
    return result;
  }

  /** The id of the largest component (smallest id among equals), or -1 when there are none. O(C). */
  public int largest() {
    int best = -1;
    for (int c = 0; c < count; c++) {
      if (best < 0 || size(c) > size(best)) {
        best = c;
      }
    }
    return best;
  }

  /** Members grouped by component, ascending component id; shared, never modify. */
  int[] membersByComponent() {
    return members;
  }

  /** {@code starts[c]..starts[c+1]} index {@link #membersByComponent()}; shared, never modify. */
  int[] componentStarts() {
    return starts;
  }

  /** The component id of each node; shared, never modify. */
  int[] componentOfNode() {
    return component;
  }

  @Override
  public String toString() {
    return "Components[count=" + count + ", nodes=" + component.length + "]";
  }
}
