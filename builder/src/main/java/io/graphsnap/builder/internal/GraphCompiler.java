package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.format.snapshot.SnapshotFormat;
import org.roaringbitmap.RoaringBitmap;

/**
 * Turns what an {@link ObjectCollector} gathered into a {@link CompiledGraph} with final ids: resolves
 * declarations (merges, conflicts), makes external nodes of unresolved targets, sorts every string table,
 * remaps and sorts the edges into forward and reverse CSR, and builds the kind and effect bitmaps.
 *
 * <p>O(V + E) apart from sorting the strings (O(V log V)) and each node's edge range. Consumes the collector: its
 * edge columns are released (set to null) once the CSR is built. Stateless; not thread-safe per collector.
 */
public final class GraphCompiler {
  private static final byte[] EMPTY = new byte[0];

  private GraphCompiler() {}

  /**
   * Compiles {@code c}.
   *
   * @throws BuildInputException if two objects share a path, or there are more than 255 edge types or 65,535 kinds
   */
  public static CompiledGraph compile(ObjectCollector c, PhaseClock clock) {
    clock.start("resolve");
    FileOrder files = FileOrder.of(c.filePaths, c.fileObjectId);
    Resolution res = Resolution.of(c, files);
    int[] declName = c.declName.elements();
    int[] edgeSource = c.edgeSource.elements();
    int[] edgeType = c.edgeType.elements();
    int[] edgeTarget = c.edgeTarget.elements();
    int rawEdges = c.edgeSource.size();
    boolean[] usedName = new boolean[c.names.size()];
    for (int p = 0; p < usedName.length; p++) {
      usedName[p] = res.winner[p] >= 0;
    }
    boolean[] usedType = new boolean[c.edgeTypes.size()];
    int keptEdges = 0;
    for (int i = 0; i < rawEdges; i++) {
      if (!res.dropped[edgeSource[i]]) {
        usedName[edgeTarget[i]] = true;
        usedType[edgeType[i]] = true;
        keptEdges++;
      }
    }

    clock.start("sort");
    Dictionary.Sorted names = c.names.sort(p -> usedName[p]);
    int n = names.size();
    int[] nodeProv = new int[n];
    for (int p = 0; p < usedName.length; p++) {
      if (names.remap()[p] >= 0) {
        nodeProv[names.remap()[p]] = p;
      }
    }
    int externalCount = 0;
    for (int v = 0; v < n; v++) {
      if (res.winner[nodeProv[v]] < 0) {
        externalCount++;
      }
    }
    int externalKind = externalCount > 0 ? c.kinds.intern(SnapshotFormat.EXTERNAL_KIND, "external nodes") : -1;
    Dictionary.Sorted kinds = sortKinds(c, res, nodeProv, externalKind);
    Dictionary.Sorted effects = sortEffects(c, res);
    Dictionary.Sorted types = c.edgeTypes.sort(t -> usedType[t]);
    if (types.size() > SnapshotFormat.MAX_EDGE_TYPES) {
      throw new BuildInputException("the objects use " + types.size() + " distinct edge types, more than the "
          + SnapshotFormat.MAX_EDGE_TYPES + " a snapshot holds (a type id is one byte)");
    }
    Dictionary.Sorted languages = c.languages.sort(l -> true);

    int[] nodeFile = new int[n];
    int[] nodeLineStart = new int[n];
    int[] nodeLineEnd = new int[n];
    int[] nodeKind = new int[n];
    int[] nodeFlags = new int[n];
    byte[][] nodeDetails = new byte[n][];
    int[] fileSymbolCount = new int[files.rank().length];
    for (int v = 0; v < n; v++) {
      int p = nodeProv[v];
      int d = res.winner[p];
      if (d < 0) {
        nodeFile[v] = -1;
        nodeKind[v] = kinds.remap()[externalKind];
        nodeFlags[v] = SnapshotFormat.NODE_FLAG_EXTERNAL;
        nodeDetails[v] = EMPTY;
      } else {
        nodeFile[v] = files.rank()[c.declFile.getInt(d)];
        nodeLineStart[v] = c.declLineStart.getInt(d);
        nodeLineEnd[v] = c.declLineEnd.getInt(d);
        nodeKind[v] = kinds.remap()[c.declKind.getInt(d)];
        nodeFlags[v] = res.merged[p] ? SnapshotFormat.NODE_FLAG_MERGED : 0;
        nodeDetails[v] = c.declDetails.get(d);
        fileSymbolCount[nodeFile[v]]++;
      }
    }

    clock.start("edges");
    int[] nameRemap = names.remap();
    int[] typeRemap = types.remap();
    byte[] finalTypes = new byte[keptEdges];
    int m = 0;
    for (int i = 0; i < rawEdges; i++) {
      int d = edgeSource[i];
      if (!res.dropped[d]) {
        edgeSource[m] = nameRemap[declName[d]];
        edgeTarget[m] = nameRemap[edgeTarget[i]];
        finalTypes[m] = (byte) typeRemap[edgeType[i]];
        m++;
      }
    }
    c.edgeType = null;
    c.edgeSource = null;
    c.edgeTarget = null;
    Csr forward = Csr.forward(edgeSource, edgeTarget, finalTypes, m, n);
    edgeSource = null;
    edgeTarget = null;
    Csr reverse = forward.transpose();
    long[] edgeTypeCounts = new long[types.size()];
    for (byte t : forward.types()) {
      edgeTypeCounts[t & 0xFF]++;
    }

    clock.start("indexes");
    RoaringBitmap[] kindBitmaps = newBitmaps(kinds.size());
    for (int v = 0; v < n; v++) {
      kindBitmaps[nodeKind[v]].add(v);
    }
    RoaringBitmap[] effectBitmaps = effectBitmaps(c, res, nodeProv, effects);
    for (RoaringBitmap b : kindBitmaps) {
      b.runOptimize();
    }
    for (RoaringBitmap b : effectBitmaps) {
      b.runOptimize();
    }

    int f = files.sortedFiles().length;
    String[] filePaths = new String[f];
    byte[][] fileSha = new byte[f][];
    byte[][] fileObjectId = new byte[f][];
    int[] fileLanguage = new int[f];
    for (int i = 0; i < f; i++) {
      int a = files.sortedFiles()[i];
      filePaths[i] = c.filePaths.get(a);
      fileSha[i] = c.fileSourceSha.get(a);
      fileObjectId[i] = c.fileObjectId.get(a);
      fileLanguage[i] = languages.remap()[c.fileLanguage.getInt(a)];
    }
    return new CompiledGraph(names.strings(), nodeFile, nodeLineStart, nodeLineEnd, nodeKind, nodeFlags, nodeDetails,
        externalCount, kinds.strings(), effects.strings(), types.strings(), edgeTypeCounts, forward, reverse,
        kindBitmaps, effectBitmaps, filePaths, fileSha, fileObjectId, fileLanguage, fileSymbolCount,
        languages.strings(), res.conflicts);
  }

  private static Dictionary.Sorted sortKinds(ObjectCollector c, Resolution res, int[] nodeProv, int externalKind) {
    boolean[] used = new boolean[c.kinds.size()];
    for (int p : nodeProv) {
      int d = res.winner[p];
      used[d < 0 ? externalKind : c.declKind.getInt(d)] = true;
    }
    Dictionary.Sorted kinds = c.kinds.sort(k -> used[k]);
    if (kinds.size() > SnapshotFormat.MAX_KINDS) {
      throw new BuildInputException("the objects use " + kinds.size() + " distinct kinds, more than the "
          + SnapshotFormat.MAX_KINDS + " a snapshot holds (a kind id is two bytes)");
    }
    return kinds;
  }

  /** Effects of every declaration that survives: winners and the members of merged namespaces. */
  private static Dictionary.Sorted sortEffects(ObjectCollector c, Resolution res) {
    boolean[] used = new boolean[c.effects.size()];
    int[] ids = c.effectIds.elements();
    for (int d = 0; d < res.dropped.length; d++) {
      if (!res.dropped[d]) {
        for (int i = c.effectStart(d), end = c.declEffectEnd.getInt(d); i < end; i++) {
          used[ids[i]] = true;
        }
      }
    }
    return c.effects.sort(e -> used[e]);
  }

  /** Node ids per effect; a merged namespace has the union of its declarations' effects. */
  private static RoaringBitmap[] effectBitmaps(ObjectCollector c, Resolution res, int[] nodeProv,
      Dictionary.Sorted effects) {
    RoaringBitmap[] bitmaps = newBitmaps(effects.size());
    int[] ids = c.effectIds.elements();
    int[] remap = effects.remap();
    for (int v = 0; v < nodeProv.length; v++) {
      int p = nodeProv[v];
      int d = res.winner[p];
      if (d < 0) {
        continue;
      }
      if (res.merged[p]) {
        for (int e = res.firstDecl[p]; e >= 0; e = res.nextDecl[e]) {
          addEffects(bitmaps, c, ids, remap, e, v);
        }
      } else {
        addEffects(bitmaps, c, ids, remap, d, v);
      }
    }
    return bitmaps;
  }

  private static void addEffects(RoaringBitmap[] bitmaps, ObjectCollector c, int[] ids, int[] remap, int d, int v) {
    for (int i = c.effectStart(d), end = c.declEffectEnd.getInt(d); i < end; i++) {
      bitmaps[remap[ids[i]]].add(v);
    }
  }

  private static RoaringBitmap[] newBitmaps(int count) {
    RoaringBitmap[] bitmaps = new RoaringBitmap[count];
    for (int i = 0; i < count; i++) {
      bitmaps[i] = new RoaringBitmap();
    }
    return bitmaps;
  }
}
