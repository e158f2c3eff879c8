package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.PackedNodeFormat;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The NODES section each compact encoding gives a snapshot's nodes, written by the formats' own writers from the node
 * columns read out of the file (so a large snapshot's figure for another encoding needs no rebuild): bytes and bytes
 * per node and per edge of {@link PackedNodeFormat} (format versions 7 and 8) and {@link BlockedNodeFormat} (9).
 * Holds five int columns of N (20 bytes a node).
 *
 * <pre>
 * java -Xmx3g -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.NodeTableSizes FILE.gsnap
 * </pre>
 * Not thread-safe; a tool.
 */
public final class NodeTableSizes {
  private NodeTableSizes() {}

  public static void main(String[] args) throws IOException {
    try (GraphSnapshot s = GraphSnapshot.open(Path.of(args[0]))) {
      int n = s.nodeCount();
      int[] file = new int[n];
      int[] start = new int[n];
      int[] end = new int[n];
      int[] kind = new int[n];
      int[] flags = new int[n];
      for (int v = 0; v < n; v++) {
        file[v] = s.fileId(v);
        start[v] = s.lineStart(v);
        end[v] = s.lineEnd(v);
        kind[v] = s.kindId(v);
        flags[v] = (s.isExternal(v) ? 1 : 0) | (s.isMerged(v) ? 2 : 0);
      }
      Counting packed = new Counting();
      PackedNodeFormat.write(packed, n, file, start, end, kind, flags);
      Counting blocked = new Counting();
      BlockedNodeFormat.write(blocked, n, file, start, end, kind, flags);
      double edges = s.edgeCount();
      System.out.printf(Locale.ROOT, "nodes %,d edges %,d (v%d file)%n", n, s.edgeCount(), s.formatVersion());
      System.out.printf(Locale.ROOT, "packed  (v7, v8) %,15d B %6.3f B/node %6.3f B/edge%n", packed.bytes,
          packed.bytes / (double) n, packed.bytes / edges);
      System.out.printf(Locale.ROOT, "blocked (v9)     %,15d B %6.3f B/node %6.3f B/edge%n", blocked.bytes,
          blocked.bytes / (double) n, blocked.bytes / edges);
    }
  }

  /** A sink that only counts. */
  private static final class Counting implements SectionSink {
    long bytes;

    @Override
    public void putByte(int b) {
      bytes++;
    }

    @Override
    public void putShort(int s) {
      bytes += 2;
    }

    @Override
    public void putInt(int i) {
      bytes += 4;
    }

    @Override
    public void putLong(long l) {
      bytes += 8;
    }

    @Override
    public void put(byte[] b, int offset, int length) {
      bytes += length;
    }

    @Override
    public void put(MemorySegment source, long offset, long length) {
      bytes += length;
    }
  }
}
