package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.internal.spill.EdgeBlocks;
import io.graphsnap.builder.internal.spill.LongRunSorter;
import io.graphsnap.builder.internal.spill.SiteRunSorter;
import io.graphsnap.builder.internal.spill.SpillFiles;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntFunction;
import io.graphsnap.format.snapshot.SnapshotFormat;
import org.roaringbitmap.RoaringBitmap;

/**
 * Turns what an {@link ObjectCollector} gathered into a {@link CompiledGraph} with final ids: resolves
 * declarations (merges, conflicts), makes external nodes of unresolved targets, sorts every string table,
 * remaps and sorts the edges into forward and reverse CSR, and builds the kind and effect bitmaps.
 *
 * <p>O(V + E) apart from sorting the strings (O(V log V)) and each node's edge range. Consumes the collector: its
 * edge columns are released (set to null) once remapped. Mutable, single-use, not thread-safe.
 */
public final class GraphCompiler {
  private static final byte[] EMPTY = new byte[0];
  /**
   * Heap bytes per kept edge of the in-memory path beyond the collected columns: the forward and reverse CSR (5 + 5),
   * the remapped types and slack for the per-row sorts. Past the cap, the edges are sorted externally instead.
   */
  static final int HEAP_BYTES_PER_EDGE = 24;

  private final ObjectCollector c;
  private final PhaseClock clock;
  private FileOrder files;
  private Resolution res;
  private boolean[] usedName;
  private boolean[] usedType;
  private int keptEdges;
  private NodeNames names;
  /** Final node id → the collector's name id ({@link NodeNames#order()}, not a copy). */
  private int[] nodeProv;
  private int externalCount;
  private int externalKind = -1;
  private Dictionary.Sorted kinds;
  private Dictionary.Sorted effects;
  private Dictionary.Sorted types;
  private Dictionary.Sorted languages;
  /** Per provisional effect id: the final ids of the nodes a surviving declaration gives it (null: none). */
  private it.unimi.dsi.fastutil.ints.IntArrayList[] effectNodes;
  private NodeColumns nodes;
  /** The sited edges of winning declarations, in final ids (filled by {@link #forwardEdges}). */
  private int sitedCount;
  private int[] sitedSource;
  private byte[] sitedType;
  private int[] sitedTarget;
  private int[] sitedLineStart;
  private int[] sitedLineEnd;

  private GraphCompiler(ObjectCollector collector, PhaseClock clock) {
    this.c = collector;
    this.clock = clock;
  }

  /**
   * Compiles {@code collector}, reporting phases {@code resolve}, {@code sort}, {@code edges}, {@code indexes}.
   *
   * @throws BuildInputException if two objects share a path, or there are more than 255 edge types or 65,535 kinds
   * @throws IOException if the edges' temporary files (a build past its memory cap) cannot be written or read
   */
  public static CompiledGraph compile(ObjectCollector collector, PhaseClock clock) throws IOException {
    return new GraphCompiler(collector, clock).run();
  }

  private CompiledGraph run() throws IOException {
    clock.start("resolve");
    c.endCollection();
    files = FileOrder.of(c.files);
    res = Resolution.of(c, files);
    markUsed();
    clock.start("sort");
    sortTables();
    // Before the edges: then the effects' node lists are dropped, not held beside them.
    RoaringBitmap[] effectBitmaps = effectBitmaps();
    usedName = null;
    clock.start("edges");
    Adjacency adjacency = adjacency();
    clock.start("indexes");
    // After the edges: the per-node columns (24 bytes a node) are not on the heap beside the edges' sort buffers.
    nodes = nodeColumns();
    c.declarations.delete();
    RoaringBitmap[] kindBitmaps = kindBitmaps();
    return new CompiledGraph(names, nodes.file, nodes.lineStart, nodes.lineEnd, nodes.kind, nodes.flags,
        nodes.details, externalCount, kinds.strings(), effects.strings(), types.strings(), adjacency, kindBitmaps,
        effectBitmaps, new FileTable(c.files, files.sortedFiles(), languages.remap()), nodes.fileSymbolCount,
        languages.strings(),
        res.conflicts);
  }

  /** A name is a node if declared or the target of a kept edge; a type is used if a kept edge has it. */
  private void markUsed() throws IOException {
    usedName = new boolean[c.collected.size()];
    for (int p = 0; p < usedName.length; p++) {
      usedName[p] = res.winner[p] >= 0;
    }
    usedType = new boolean[c.edgeTypes.size()];
    c.edges.forEachBlock(b -> {
      int[] source = b.source;
      int[] type = b.type;
      int[] target = b.target;
      for (int i = 0, n = b.edges; i < n; i++) {
        if (!res.dropped[source[i]]) {
          usedName[target[i]] = true;
          usedType[type[i]] = true;
          keptEdges++;
        }
      }
    });
  }

  private void sortTables() throws IOException {
    names = c.collected.sort(p -> usedName[p]);
    nodeProv = names.order(); // final id → provisional id, shared with the sorted names
    for (int p : nodeProv) {
      if (res.winner[p] < 0) {
        externalCount++;
      }
    }
    if (externalCount > 0) {
      externalKind = c.kinds.intern(SnapshotFormat.EXTERNAL_KIND, "external nodes");
    }
    boolean[] usedKind = new boolean[c.kinds.size()];
    for (int p : nodeProv) {
      int d = res.winner[p];
      usedKind[d < 0 ? externalKind : c.declKind.getInt(d)] = true;
    }
    kinds = c.kinds.sort(k -> usedKind[k]);
    if (kinds.size() > SnapshotFormat.MAX_KINDS) {
      throw new BuildInputException("the objects use " + kinds.size() + " distinct kinds, more than the "
          + SnapshotFormat.MAX_KINDS + " a snapshot holds (a kind id is two bytes)");
    }
    effectNodes = effectNodes();
    effects = c.effects.sort(e -> effectNodes[e] != null);
    types = c.edgeTypes.sort(t -> usedType[t]);
    if (types.size() > SnapshotFormat.MAX_EDGE_TYPES) {
      throw new BuildInputException("the objects use " + types.size() + " distinct edge types, more than the "
          + SnapshotFormat.MAX_EDGE_TYPES + " a snapshot holds (a type id is one byte)");
    }
    languages = c.languages.sort(l -> true);
  }

  /**
   * One pass over the declarations: for each effect, the final ids of the nodes whose surviving declarations
   * (winners and the members of merged namespaces) have it, in declaration order; a merged namespace has the union
   * of its declarations' effects.
   */
  private it.unimi.dsi.fastutil.ints.IntArrayList[] effectNodes() throws IOException {
    it.unimi.dsi.fastutil.ints.IntArrayList[] lists = new it.unimi.dsi.fastutil.ints.IntArrayList[c.effects.size()];
    int[] declName = c.declName.elements();
    int[] nameRemap = names.remap();
    try (DeclarationStream.Cursor d = c.declarations.cursor()) {
      while (d.next()) {
        if (d.effectCount() > 0 && !res.dropped[d.index()]) {
          int v = nameRemap[declName[d.index()]];
          for (int i = 0; i < d.effectCount(); i++) {
            int e = d.effects()[i];
            if (lists[e] == null) {
              lists[e] = new it.unimi.dsi.fastutil.ints.IntArrayList();
            }
            lists[e].add(v);
          }
        }
      }
    }
    return lists;
  }

  /** The NODES and NODE_DETAILS columns, and each file's symbol count. */
  private static final class NodeColumns {
    int[] file;
    int[] lineStart;
    int[] lineEnd;
    int[] kind;
    int[] flags;
    IntFunction<byte[]> details;
    int[] fileSymbolCount;
  }

  /**
   * Builds the node columns in one pass over the declarations (their lines and details are read from
   * {@link DeclarationStream}, the file of each from the files' declaration ends), then frees the declaration
   * columns.
   */
  private NodeColumns nodeColumns() throws IOException {
    int n = nodeProv.length;
    NodeColumns cols = new NodeColumns();
    cols.lineStart = new int[n];
    cols.lineEnd = new int[n];
    cols.kind = new int[n];
    cols.flags = new int[n];
    cols.file = new int[n];
    int[] kindRemap = kinds.remap();
    for (int v = 0; v < n; v++) {
      int p = nodeProv[v];
      if (res.winner[p] < 0) {
        cols.kind[v] = kindRemap[externalKind];
        cols.file[v] = -1;
        cols.flags[v] = SnapshotFormat.NODE_FLAG_EXTERNAL;
      } else if (res.merged[p]) {
        cols.flags[v] = SnapshotFormat.NODE_FLAG_MERGED;
      }
    }
    cols.fileSymbolCount = new int[files.rank().length];
    SparseNodeDetails details = new SparseNodeDetails();
    int[] declName = c.declName.elements();
    int[] declKind = c.declKind.elements();
    int[] fileDeclEnd = c.fileDeclEnd.elements();
    int[] nameRemap = names.remap();
    int file = 0;
    try (DeclarationStream.Cursor d = c.declarations.cursor()) {
      while (d.next()) {
        int decl = d.index();
        while (fileDeclEnd[file] <= decl) {
          file++;
        }
        int name = declName[decl];
        if (res.winner[name] != decl) {
          continue; // dropped, or a merged namespace's other declaration: the node's record is the winner's
        }
        int v = nameRemap[name];
        cols.lineStart[v] = d.lineStart();
        cols.lineEnd[v] = d.lineEnd();
        cols.kind[v] = kindRemap[declKind[decl]];
        int rank = files.rank()[file];
        cols.file[v] = rank;
        cols.fileSymbolCount[rank]++;
        if (d.hasDetails()) {
          details.add(v, d.detailsBytes(), d.detailsLength());
        }
      }
    }
    details.sort();
    int[] flags = cols.flags;
    cols.details = v -> (flags[v] & SnapshotFormat.NODE_FLAG_EXTERNAL) != 0 ? EMPTY : details.get(v);
    release(c.declName);
    release(c.declKind);
    release(c.fileDeclEnd);
    return cols;
  }

  private static void release(it.unimi.dsi.fastutil.ints.IntArrayList column) {
    column.clear();
    column.trim();
  }

  /**
   * The adjacency: in memory ({@link HeapAdjacency}) when no edge block spilled and the kept edges' arrays fit the
   * cap, else streamed through external sorts ({@link StagedAdjacency}). Both give the same bytes.
   */
  private Adjacency adjacency() throws IOException {
    long cap = c.spill == null ? Long.MAX_VALUE : c.spill.maxMemory();
    if (!c.edges.spilled() && (long) keptEdges * HEAP_BYTES_PER_EDGE <= cap) {
      Csr forward = forwardEdges();
      CallSitesBuilder.Sites sites = CallSitesBuilder.build(sitedSource, sitedType, sitedTarget, sitedLineStart,
          sitedLineEnd, c.edges.siteLines.elements(), sitedCount, forward);
      sitedSource = null;
      sitedTarget = null;
      c.edges.release();
      return HeapAdjacency.of(forward, sites, types.size());
    }
    return stagedEdges();
  }

  /**
   * Remaps the kept edges to final keys block by block into two external sorts (all edges; the sited ones with
   * their lines), then merges them into the staged sections.
   */
  private Adjacency stagedEdges() throws IOException {
    SpillFiles files = c.spill;
    EdgeKeys keys = new EdgeKeys(nodeProv.length, types.size());
    LongRunSorter forward = new LongRunSorter(files, "forward", files.share(1, 2, 1024));
    SiteRunSorter sites = new SiteRunSorter(files, files.share(1, 4, 1024));
    int[] declName = c.declName.elements();
    int[] nameRemap = names.remap();
    int[] typeRemap = types.remap();
    c.edges.forEachBlock(b -> {
      int k = 0;
      for (int i = 0; i < b.edges; i++) {
        int d = b.source[i];
        boolean hasLines = k < b.sited && b.sitedEdge[k] == i;
        if (!res.dropped[d]) {
          int name = declName[d];
          long key = keys.pack(nameRemap[name], typeRemap[b.type[i]], nameRemap[b.target[i]]);
          forward.add(key);
          // Sites come from the declaration that gives the node its record (a merged namespace's first path).
          if (hasLines && res.winner[name] == d) {
            int from = k == 0 ? 0 : b.sitedLineEnd[k - 1];
            sites.add(key, b.siteLines, from, b.sitedLineEnd[k] - from);
          }
        }
        if (hasLines) {
          k++;
        }
      }
    });
    c.edges.release();
    return StagedAdjacency.build(forward.finish(), sites.finish(), keys, nodeProv.length, types.size(), files);
  }

  /** Remaps the kept edges to final ids in place (reusing the collector's arrays) and builds the forward CSR. */
  private Csr forwardEdges() {
    EdgeBlocks edges = c.edges;
    int[] source = edges.source.elements();
    int[] type = edges.type.elements();
    int[] target = edges.target.elements();
    int raw = edges.source.size();
    int[] declName = c.declName.elements();
    int[] nameRemap = names.remap();
    int[] typeRemap = types.remap();
    byte[] finalTypes = new byte[keptEdges];
    int[] sited = edges.sitedEdge.elements();
    int[] sitedEnd = edges.sitedLineEnd.elements();
    int sitedRaw = edges.sitedEdge.size();
    sitedSource = new int[sitedRaw];
    sitedType = new byte[sitedRaw];
    sitedTarget = new int[sitedRaw];
    sitedLineStart = new int[sitedRaw];
    sitedLineEnd = new int[sitedRaw];
    int m = 0;
    int k = 0;
    for (int i = 0; i < raw; i++) {
      int d = source[i];
      boolean hasLines = k < sitedRaw && sited[k] == i;
      if (!res.dropped[d]) {
        int name = declName[d];
        source[m] = nameRemap[name];
        target[m] = nameRemap[target[i]];
        finalTypes[m] = (byte) typeRemap[type[i]];
        // Sites come from the declaration that gives the node its record (a merged namespace's first path).
        if (hasLines && res.winner[name] == d) {
          sitedSource[sitedCount] = source[m];
          sitedType[sitedCount] = finalTypes[m];
          sitedTarget[sitedCount] = target[m];
          sitedLineStart[sitedCount] = k == 0 ? 0 : sitedEnd[k - 1];
          sitedLineEnd[sitedCount] = sitedEnd[k];
          sitedCount++;
        }
        m++;
      }
      if (hasLines) {
        k++;
      }
    }
    edges.source = null;
    edges.type = null;
    edges.target = null;
    return Csr.forward(source, target, finalTypes, m, nodeProv.length);
  }

  private RoaringBitmap[] kindBitmaps() {
    RoaringBitmap[] bitmaps = newBitmaps(kinds.size());
    for (int v = 0; v < nodes.kind.length; v++) {
      bitmaps[nodes.kind[v]].add(v);
    }
    return optimised(bitmaps);
  }

  /** Node ids per effect ({@link #effectNodes}, then dropped). */
  private RoaringBitmap[] effectBitmaps() {
    RoaringBitmap[] bitmaps = newBitmaps(effects.size());
    for (int e = 0; e < effectNodes.length; e++) {
      if (effectNodes[e] != null) {
        int[] v = effectNodes[e].elements();
        int count = effectNodes[e].size();
        Arrays.sort(v, 0, count);
        bitmaps[effects.remap()[e]].addN(v, 0, count);
        effectNodes[e] = null;
      }
    }
    effectNodes = null;
    return optimised(bitmaps);
  }

  private static RoaringBitmap[] newBitmaps(int count) {
    RoaringBitmap[] bitmaps = new RoaringBitmap[count];
    for (int i = 0; i < count; i++) {
      bitmaps[i] = new RoaringBitmap();
    }
    return bitmaps;
  }

  private static RoaringBitmap[] optimised(RoaringBitmap[] bitmaps) {
    for (RoaringBitmap b : bitmaps) {
      b.runOptimize();
    }
    return bitmaps;
  }
}
