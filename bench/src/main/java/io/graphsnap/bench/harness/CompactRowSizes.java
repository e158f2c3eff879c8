package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.BitPacking;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.FileRecordFormat;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a compact snapshot (any version, or a fixed one) would weigh with the rows, indexes and FILES of the coding this
 * code writes ({@link CompactCsrFormat.RowCoding#current()}): every row read through the reader's cursors and encoded
 * by the format's own {@link CompactCsrFormat.RowEncoder}, the index and FILES lengths from their formats' rules; so
 * the figure for a 10 M-file snapshot needs no rebuild (it was 36 bytes off the real file at medium scale). Holds one
 * row at a time, plus two ints a file.
 *
 * <pre>
 * java -Xmx1g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.graphsnap.bench.harness.CompactRowSizes FILE.gsnap
 * </pre>
 * Not thread-safe; a tool.
 */
public final class CompactRowSizes {
  private CompactRowSizes() {}

  public static void main(String[] args) throws IOException {
    Path path = Path.of(args[0]);
    try (GraphSnapshot s = GraphSnapshot.open(path); SnapshotFile file = SnapshotFile.open(path)) {
      int n = s.nodeCount();
      long before = 0;
      for (SectionId id : s.adjacencyLayout().sections()) {
        before += file.required(id).byteSize();
      }
      long after = 0;
      CompactCsrFormat.RowCoding coding = CompactCsrFormat.RowCoding.current();
      for (boolean reverse : new boolean[] {false, true}) {
        long rows = rowBytes(s, reverse, new CompactCsrFormat.RowEncoder(coding));
        long index = CompactCsrFormat.indexBytes(n, CompactCsrFormat.DEFAULT_STRIDE, coding);
        System.out.printf(Locale.ROOT, "%s: rows %,d B + index %,d B%n", reverse ? "reverse" : "forward", rows, index);
        after += rows + index;
      }
      long filesBefore = file.required(SectionId.FILES).byteSize();
      long filesAfter = packedFilesBytes(s);
      long edges = s.edgeCount();
      long total = Files.size(path);
      long projected = total - before + after - filesBefore + filesAfter;
      System.out.printf(Locale.ROOT, "adjacency %,d -> %,d B; FILES %,d -> %,d B%n", before, after, filesBefore,
          filesAfter);
      System.out.printf(Locale.ROOT, "file %,d B (%.3f B/edge) -> %,d B (%.3f B/edge) in format version %d's coding, %,d"
          + " edges%n", total, total / (double) edges, projected, projected / (double) edges,
          SnapshotFormat.VERSION_CURRENT, edges);
    }
  }

  /** The bytes of one direction's Rows in the encoder's coding. */
  private static long rowBytes(GraphSnapshot s, boolean reverse, CompactCsrFormat.RowEncoder encoder) {
    int[] neighbours = new int[1024];
    byte[] types = new byte[1024];
    long bytes = 0;
    EdgeCursor c = (reverse ? s.reverse() : s.forward()).cursor();
    for (int v = 0; v < s.nodeCount(); v++) {
      int d = 0;
      for (int w = c.reset(v).next(); w >= 0; w = c.next()) {
        if (d == neighbours.length) {
          neighbours = Arrays.copyOf(neighbours, 2 * d);
          types = Arrays.copyOf(types, 2 * d);
        }
        neighbours[d] = w;
        types[d++] = (byte) c.type();
      }
      bytes += encoder.encode(v, neighbours, types, 0, d);
    }
    return bytes;
  }

  /**
   * FILES packed ({@link FileRecordFormat#packed}): the hashes, then the tail at the widths the files need (language
   * ids numbered in the order of their tags, as the LANGUAGES dictionary is sorted).
   */
  private static long packedFilesBytes(GraphSnapshot s) {
    java.util.TreeSet<String> languages = new java.util.TreeSet<>();
    int maxCount = 0;
    for (int f = 0; f < s.fileCount(); f++) {
      languages.add(s.fileLanguage(f));
      maxCount = Math.max(maxCount, s.fileSymbolCount(f));
    }
    int maxLanguage = 0;
    for (int f = 0; f < s.fileCount(); f++) {
      maxLanguage = Math.max(maxLanguage, languages.headSet(s.fileLanguage(f)).size());
    }
    return FileRecordFormat.packedSectionBytes(s.fileCount(), BitPacking.widthFor(maxLanguage),
        BitPacking.widthFor(maxCount));
  }
}
