package io.graphsnap.builder.internal;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The compact layout's Index and Rows of one direction ({@link CompactCsrFormat}), encoded from that direction as
 * a bounded-memory build stages it ({@link StagedCsr}: the fixed layout's Offsets, Neighbours and Types in three
 * temporary files), so that a compact build honours the memory cap as a fixed one does. The files are mapped and
 * read sequentially, a row at a time: memory is one row's neighbours and types (the largest degree) and the
 * encoder's buffer, whatever the graph's size; the mapped pages behind the reader are released
 * ({@link PageCache.ReleaseBehind}), so the resident set does not grow by the files' length (6 GB a direction at a
 * billion edges). The Index needs every row's length before the Rows, so each section
 * runs the encoder over the rows once (as {@link HeapAdjacency}'s in-memory path does); the bytes equal it. Single
 * use per call; not thread-safe.
 */
final class StagedCompactRows {
  private final StagedCsr staged;
  private final int nodeCount;
  private final CompactCsrFormat.RowEncoder encoder = new CompactCsrFormat.RowEncoder();
  private int[] neighbours = new int[64];
  private byte[] types = new byte[64];

  /** The rows of {@code staged}, finished with {@code nodeCount} nodes. */
  StagedCompactRows(StagedCsr staged, int nodeCount) {
    this.staged = staged;
    this.nodeCount = nodeCount;
  }

  /** Receives each encoded row in node order. */
  private interface RowSink {
    void row(byte[] bytes, int length, int degree) throws IOException;
  }

  /** Writes the direction's Index (stride {@link CompactCsrFormat#DEFAULT_STRIDE}). */
  void writeIndex(SectionWriter out) throws IOException {
    CompactCsrFormat.IndexWriter index = new CompactCsrFormat.IndexWriter(out, CompactCsrFormat.DEFAULT_STRIDE);
    rows((bytes, length, degree) -> index.add(length, degree));
    index.finish();
  }

  /** Writes the direction's Rows. */
  void writeRows(SectionWriter out) throws IOException {
    rows((bytes, length, degree) -> out.put(bytes, 0, length));
  }

  private void rows(RowSink sink) throws IOException {
    Path[] files = staged.files();
    long edges = staged.edgeCount();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment offsets = StagedCsr.map(files[0], CsrFormat.offsetsBytes(nodeCount), arena);
      MemorySegment others = StagedCsr.map(files[1], CsrFormat.neighboursBytes(edges), arena);
      MemorySegment typeIds = StagedCsr.map(files[2], CsrFormat.typesBytes(edges), arena);
      PageCache.ReleaseBehind offsetsRead = new PageCache.ReleaseBehind(offsets);
      PageCache.ReleaseBehind othersRead = new PageCache.ReleaseBehind(others);
      PageCache.ReleaseBehind typesRead = new PageCache.ReleaseBehind(typeIds);
      long from = 0;
      for (int v = 0; v < nodeCount; v++) {
        long to = CsrFormat.offset(offsets, v + 1);
        if (to < from || to > edges || to - from > Integer.MAX_VALUE) {
          throw new IOException("staged offsets " + files[0] + " are not ascending within " + edges
              + " edges at node " + v + " (a temporary file changed during the build)");
        }
        int degree = (int) (to - from);
        if (neighbours.length < degree) {
          neighbours = new int[Math.max(degree, 2 * neighbours.length)];
          types = Arrays.copyOf(types, neighbours.length);
        }
        MemorySegment.copy(others, LittleEndian.INT, CsrFormat.neighbourAt(from), neighbours, 0, degree);
        MemorySegment.copy(typeIds, LittleEndian.BYTE, CsrFormat.typeAt(from), types, 0, degree);
        int length = encoder.encode(v, neighbours, types, 0, degree);
        sink.row(encoder.bytes(), length, degree);
        from = to;
        offsetsRead.at(CsrFormat.offsetAt(v + 1));
        othersRead.at(CsrFormat.neighbourAt(from));
        typesRead.at(CsrFormat.typeAt(from));
      }
    }
  }
}
