package io.graphsnap.reader.analysis;

import java.util.Arrays;

/**
 * A path as node ids and the type id of each step: {@code nodes[i] → nodes[i+1]} by an edge of type
 * {@code edgeTypes[i]} in the direction searched. Empty when no path exists; one node and no types for a path
 * from a node to itself.
 *
 * @param nodes the nodes from start to end
 * @param edgeTypes the type of each step, {@code nodes.length - 1} entries (none for the empty path)
 */
public record NodePath(int[] nodes, int[] edgeTypes) {
  private static final NodePath NONE = new NodePath(new int[0], new int[0]);

  /** Checks the lengths agree. */
  public NodePath {
    if (edgeTypes.length != Math.max(0, nodes.length - 1)) {
      throw new IllegalArgumentException("a path of " + nodes.length + " nodes has " + Math.max(0, nodes.length - 1)
          + " steps, not " + edgeTypes.length);
    }
  }

  /** The empty path: none exists. */
  public static NodePath none() {
    return NONE;
  }

  /** Whether no path exists. */
  public boolean isEmpty() {
    return nodes.length == 0;
  }

  /** The number of edges, or -1 for the empty path. */
  public int length() {
    return nodes.length - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodePath p && Arrays.equals(nodes, p.nodes) && Arrays.equals(edgeTypes, p.edgeTypes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nodes) * 31 + Arrays.hashCode(edgeTypes);
  }

  @Override
  public String toString() {
    return "NodePath" + Arrays.toString(nodes);
  }
}
