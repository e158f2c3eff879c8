package io.graphsnap.bench.harness;

import io.graphsnap.reader.GraphSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The per-node reads of the packed sections of a compact file (format version 7: bit-packed NODES and NAME_INDEX slots,
 * sparse NODE_DETAILS, bit-packed FILE_SYMBOLS) against the same graph in other files (the fixed layout first, the
 * reference): the bytes of those sections per edge, then thread CPU time per operation of name lookups that hit and
 * miss, a node's fields ({@code kindId}, {@code fileId}, {@code lineStart}, {@code lineEnd}, {@code isExternal} of a
 * random id: the O(1) record read), {@code details(id)} and {@code fileSymbols(f)}; files in turn within each round (a
 * different one first each round), each answer checked against the first file's, median of the rounds after two
 * warm-up rounds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.PackedNodesProbe ROUNDS fixed.gsnap compact-v6.gsnap \
 *     compact-v7.gsnap
 * </pre>
 * Not thread-safe; a tool.
 */
public final class PackedNodesProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int SAMPLE = 200_000;
  private static final String[] OPERATIONS = {"lookup hit", "lookup miss", "node fields", "details(id)",
      "fileSymbols(f)"};
  private static final String[] SECTIONS = {"NODES", "NODE_DETAILS", "FILE_SYMBOLS", "NAME_INDEX"};

  private PackedNodesProbe() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Path[] files = Arrays.stream(args, 1, args.length).map(Path::of).toArray(Path[]::new);
    GraphSnapshot[] open = new GraphSnapshot[files.length];
    try {
      for (int i = 0; i < files.length; i++) {
        open[i] = GraphSnapshot.open(files[i]);
        Map<String, Long> sizes = SnapshotSections.sizes(files[i]);
        double edges = open[i].edgeCount();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s v%d %.3f B/edge;", files[i].getFileName(),
            open[i].formatVersion(), open[i].byteSize() / edges));
        for (String s : SECTIONS) {
          line.append(String.format(Locale.ROOT, " %s %.3f", s, sizes.get(s) / edges));
        }
        System.out.println(line);
      }
      latencies(files, open, rounds);
    } finally {
      for (GraphSnapshot g : open) {
        if (g != null) {
          g.close();
        }
      }
    }
  }

  private static void latencies(Path[] files, GraphSnapshot[] open, int rounds) {
    GraphSnapshot reference = open[0];
    Random random = new Random(20261205);
    int n = reference.nodeCount();
    int[] ids = new int[SAMPLE];
    int[] fileIds = new int[SAMPLE];
    byte[][] hits = new byte[SAMPLE][];
    byte[][] misses = new byte[SAMPLE][];
    for (int i = 0; i < SAMPLE; i++) {
      ids[i] = random.nextInt(n);
      fileIds[i] = random.nextInt(reference.fileCount());
      String name = reference.name(random.nextInt(n));
      hits[i] = name.getBytes(StandardCharsets.UTF_8);
      int cut = name.length() / 2;
      misses[i] = (name.substring(0, cut) + '\u0001' + name.substring(Math.min(name.length(), cut + 1)))
          .getBytes(StandardCharsets.UTF_8);
    }
    long[] expected = new long[OPERATIONS.length];
    for (int op = 0; op < OPERATIONS.length; op++) {
      expected[op] = run(reference, op, ids, fileIds, hits, misses)[1];
    }
    FrontCodedNamesProbe.alternate(Arrays.stream(files).map(p -> p.getFileName().toString()).toList(), OPERATIONS,
        expected, rounds, SAMPLE, (f, op) -> run(open[f], op, ids, fileIds, hits, misses));
  }

  /** Runs operation {@code op} over the sample on {@code g}: {thread CPU nanoseconds, checksum of the answers}. */
  private static long[] run(GraphSnapshot g, int op, int[] ids, int[] fileIds, byte[][] hits, byte[][] misses) {
    long sum = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    switch (op) {
      case 0 -> sum = FrontCodedNamesProbe.lookups(g, hits);
      case 1 -> sum = FrontCodedNamesProbe.lookups(g, misses);
      case 2 -> {
        for (int id : ids) {
          sum = sum * 31 + g.kindId(id) + 7L * g.fileId(id) + 13L * g.lineStart(id) + 17L * g.lineEnd(id)
              + (g.isExternal(id) ? 1 : 0);
        }
      }
      case 3 -> {
        for (int id : ids) {
          sum = sum * 31 + g.details(id).hashCode();
        }
      }
      default -> {
        for (int f : fileIds) {
          int[] symbols = g.fileSymbols(f);
          sum = sum * 31 + Arrays.hashCode(symbols);
        }
      }
    }
    return new long[] {THREADS.getCurrentThreadCpuTime() - start, sum};
  }
}
