package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.Conflict;
import java.util.List;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;

/**
 * Everything a snapshot file holds, in final ids, ready for {@link SnapshotWriter}. Built by
 * {@link GraphCompiler}; the arrays are owned by this object and not modified after it is built.
 *
 * @param nodeNames N distinct names in code-point order; node id = index (on the heap, shared with the collector, or
 *     in a temporary file of the build)
 * @param nodeFile file id of each node, -1 for external nodes
 * @param nodeLineStart first line of each node (0 for external nodes)
 * @param nodeLineEnd last line of each node (0 for external nodes)
 * @param nodeKind kind id of each node
 * @param nodeFlags flags of each node (NODE_FLAG_EXTERNAL, NODE_FLAG_MERGED)
 * @param nodeDetails the NODE_DETAILS entry of node id v (empty for external nodes): a copy out of the sparse
 *     entries on each call (or a shared empty array), read only; not thread-safe, fastest asked in ascending ids
 * @param externalCount number of external nodes
 * @param kinds kind names, sorted; kind id = index
 * @param effects effect names, sorted; effect id = index
 * @param edgeTypes edge-type names, sorted; type id = index
 * @param adjacency the edges: forward and reverse rows, per-type counts and the CALL_SITES entries
 * @param kindBitmaps node ids per kind id
 * @param effectBitmaps node ids per effect id
 * @param files the files, sorted by path; file id = index (paths, source hashes, object ids, language ids)
 * @param fileSymbolCount nodes whose file is this one
 * @param languages language tags, sorted; language id = index
 * @param conflicts conflicts, sorted by name, then dropped path
 */
public record CompiledGraph(
    NodeNames nodeNames,
    int[] nodeFile,
    int[] nodeLineStart,
    int[] nodeLineEnd,
    int[] nodeKind,
    int[] nodeFlags,
    IntFunction<byte[]> nodeDetails,
    int externalCount,
    String[] kinds,
    String[] effects,
    String[] edgeTypes,
    Adjacency adjacency,
    RoaringBitmap[] kindBitmaps,
    RoaringBitmap[] effectBitmaps,
    FileTable files,
    int[] fileSymbolCount,
    String[] languages,
    List<Conflict> conflicts) {

  /** The tool name and version written in BUILD_INFO. Part of the bytes: changing it changes every snapshot. */
  public static final String TOOL = "graphsnap 0.1.0";

  /** Number of nodes. */
  public int nodeCount() {
    return nodeNames.size();
  }

  /** Number of distinct edges. */
  public long edgeCount() {
    return adjacency.edgeCount();
  }

  /** Distinct edges per type id. */
  public long[] edgeTypeCounts() {
    return adjacency.edgeTypeCounts();
  }

  /** BUILD_INFO's strings: key, value, key, value…, keys in code-point order. */
  public String[] buildInfo() {
    return buildInfo(conflicts.size(), edgeCount(), externalCount, files.count(), nodeCount());
  }

  /**
   * BUILD_INFO's strings for these counts, as every build (full or incremental) writes them. The edge count is a
   * {@code long}: an incremental build streams the CSR and may pass 2<sup>31</sup> edges, which a full build (its
   * edges in Java arrays, {@link io.graphsnap.builder.BuildLimits#MAX_EDGES}) cannot; the decimal text is the same
   * for every count both can write.
   */
  public static String[] buildInfo(int conflicts, long edges, int externalNodes, int files, int nodes) {
    return new String[] {
        "conflicts", Integer.toString(conflicts),
        "edges", Long.toString(edges),
        "externalNodes", Integer.toString(externalNodes),
        "files", Integer.toString(files),
        "nodes", Integer.toString(nodes),
        "tool", TOOL,
    };
  }
}
