package io.graphsnap.builder.internal.delta;

import io.graphsnap.builder.internal.SectionWriter;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.reader.CsrView;
import io.graphsnap.reader.EdgeCursor;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes one direction of the new compact adjacency ({@link CompactCsrFormat}) from a compact base and a {@link
 * Delta}: each new row is the touched node's new list, or the base row (read through the base's checked cursor)
 * with neighbour and type ids remapped when they moved; it is encoded as a full build encodes it, so the bytes are
 * the same. The index needs every row's length before the rows, so the index section runs the row stream once
 * to count and the rows section runs it again to write (two passes, no O(E) buffer). Scratch buffers; not
 * thread-safe.
 */
final class CompactRowSplicer {
  private final Delta d;
  private final Splice nodes;
  private final CompactCsrFormat.RowEncoder encoder = new CompactCsrFormat.RowEncoder();
  private int[] ids = new int[64];
  private byte[] types = new byte[64];

  CompactRowSplicer(Delta delta) {
    this.d = delta;
    this.nodes = delta.nodes;
  }

  /** Receives each new row in node order. */
  private interface RowSink {
    void row(byte[] bytes, int length, int degree) throws IOException;
  }

  /** {@code Index} of one direction. */
  void writeIndex(SectionWriter out, boolean reverse) throws IOException {
    CompactCsrFormat.IndexWriter index = new CompactCsrFormat.IndexWriter(out, CompactCsrFormat.DEFAULT_STRIDE);
    rows(reverse, (bytes, length, degree) -> index.add(length, degree));
    index.finish();
  }

  /** {@code Rows} of one direction. */
  void writeRows(SectionWriter out, boolean reverse) throws IOException {
    rows(reverse, (bytes, length, degree) -> out.put(bytes, 0, length));
  }

  private void rows(boolean reverse, RowSink sink) throws IOException {
    CsrView csr = reverse ? d.base.graph.reverse() : d.base.graph.forward();
    EdgeCursor cursor = csr.cursor();
    int[] remap = nodes.remap();
    int[] typeRemap = DeltaSections.isIdentity(d.typeRemap, d.edgeTypes.length) ? null : d.typeRemap;
    int v = 0;
    for (int seg = 0; seg < nodes.segments(); seg++) {
      int from = nodes.oldStart[seg];
      int to = from + nodes.length[seg];
      if (nodes.kind[seg] == Splice.ITEM) {
        NodeState s = d.nodeItems[nodes.item[seg]];
        int[] list = reverse ? s.inSources : s.outTargets;
        if (list != null) {
          byte[] t = reverse ? s.inTypes : s.outTypes;
          emit(sink, v++, list, t, list.length);
          continue;
        }
        if (s.oldId < 0) {
          emit(sink, v++, ids, types, 0);
          continue;
        }
        from = s.oldId;
        to = from + 1;
      }
      for (int old = from; old < to; old++) {
        int degree = 0;
        cursor.reset(old);
        if (ids.length < cursor.size()) {
          ids = new int[Math.toIntExact(Math.max(cursor.size(), 2L * ids.length))];
          types = Arrays.copyOf(types, ids.length);
        }
        for (int w = cursor.next(); w >= 0; w = cursor.next()) {
          ids[degree] = remap == null ? w : remap[w];
          int t = cursor.type();
          types[degree++] = (byte) (typeRemap == null ? t : typeRemap[t]);
        }
        emit(sink, v++, ids, types, degree);
      }
    }
  }

  private void emit(RowSink sink, int node, int[] list, byte[] t, int degree) throws IOException {
    int length = encoder.encode(node, list, t, 0, degree);
    sink.row(encoder.bytes(), length, degree);
  }
}
