package io.graphsnap.builder.internal.delta;

import java.util.Map;
import java.util.Set;

/**
 * One file's declaration of one name, as name resolution needs it: the node attributes the declaration would
 * give if it wins, and what it contributes to the node (effects, out-edges by name). Immutable; the sets and
 * the details array are shared and must not be modified.
 *
 * @param path the declaring file
 * @param kind the symbol kind
 * @param lineStart first line
 * @param lineEnd last line
 * @param details the NODE_DETAILS entry this declaration gives
 * @param effects its effects
 * @param edges its distinct out-edges, by type and target name
 * @param lines the lines (sites) of those of its edges that have some, strictly increasing
 */
record Decl(String path, String kind, int lineStart, int lineEnd, byte[] details, Set<String> effects,
    Set<EdgeKey> edges, Map<EdgeKey, int[]> lines) {

  /**
   * An edge by names, as loose objects state it: from a known source, of {@code type}, to {@code target}.
   *
   * @param type the edge type
   * @param target the target name (a source name when used as an in-edge)
   */
  record EdgeKey(String type, String target) {}
}
