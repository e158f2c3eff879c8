package io.graphsnap.bench.harness;

import io.graphsnap.format.snapshot.FrontCodedListFormat;
import io.graphsnap.format.snapshot.FrontCodedListWriter;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.IdRange;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * Node names, fixed layout against front-coded (a compact file of format version 6): NODE_NAMES bytes per edge for
 * block sizes 8, 16 and 32 (copies of the compact file with NODE_NAMES re-encoded, every other section the same:
 * FILE_PATHS stays in blocks of 16),
 * then, on every file, the thread CPU time per operation of name lookups that hit ({@code node(byte[])} of a present
 * name: the hash index, then the name's bytes compared in place), lookups that miss (an absent name: mostly the Bloom
 * filter), {@code name(id)} and {@code withPrefix}; files in turn within each round, each answer checked against
 * the fixed file's, median of the rounds after two warm-up rounds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.graphsnap.bench.harness.FrontCodedNamesProbe \
 *     fixed.gsnap compact-v6.gsnap 7 /tmp/scratch [8 16 32]
 * </pre>
 * Writes the re-encoded copies into the scratch folder (deleted at the end). Not thread-safe; a tool.
 */
public final class FrontCodedNamesProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int SAMPLE = 200_000;
  private static final String[] OPERATIONS = {"lookup hit", "lookup miss", "name(id)", "withPrefix"};

  private FrontCodedNamesProbe() {}

  public static void main(String[] args) throws Exception {
    Path fixed = Path.of(args[0]);
    Path compact = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Path scratch = Path.of(args[3]);
    int[] blockSizes = args.length > 4 ? Arrays.stream(args, 4, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {8, 16, 32};
    List<String> labels = new ArrayList<>(List.of("fixed"));
    List<Path> files = new ArrayList<>(List.of(fixed));
    for (int b : blockSizes) {
      Path copy = scratch.resolve("names-b" + b + ".gsnap");
      withBlockSize(compact, b, copy);
      labels.add("front-coded B=" + b);
      files.add(copy);
    }
    try {
      sizes(labels, files);
      latencies(labels, files, rounds);
    } finally {
      for (int i = 1; i < files.size(); i++) {
        java.nio.file.Files.deleteIfExists(files.get(i));
      }
    }
  }

  private static void sizes(List<String> labels, List<Path> files) throws IOException {
    for (int i = 0; i < files.size(); i++) {
      Map<String, Long> sizes = SnapshotSections.sizes(files.get(i));
      try (GraphSnapshot g = GraphSnapshot.open(files.get(i))) {
        double edges = g.edgeCount();
        System.out.printf(Locale.ROOT, "%-20s file %,d B = %.2f B/edge; NODE_NAMES %,d B = %.2f B/edge; FILE_PATHS %,d B"
            + " = %.3f B/edge%n", labels.get(i), g.byteSize(), g.byteSize() / edges, sizes.get("NODE_NAMES"),
            sizes.get("NODE_NAMES") / edges, sizes.get("FILE_PATHS"), sizes.get("FILE_PATHS") / edges);
      }
    }
  }

  private static void latencies(List<String> labels, List<Path> files, int rounds) throws IOException {
    List<GraphSnapshot> open = new ArrayList<>();
    try {
      for (Path f : files) {
        open.add(GraphSnapshot.open(f));
      }
      GraphSnapshot reference = open.get(0);
      Random random = new Random(20261204);
      int n = reference.nodeCount();
      int[] ids = new int[SAMPLE];
      byte[][] hits = new byte[SAMPLE][];
      byte[][] misses = new byte[SAMPLE][];
      String[] prefixes = new String[SAMPLE];
      for (int i = 0; i < SAMPLE; i++) {
        ids[i] = random.nextInt(n);
        String name = reference.name(ids[i]);
        hits[i] = name.getBytes(StandardCharsets.UTF_8);
        int cut = name.length() / 2; // absent: the name with its middle character changed
        misses[i] = (name.substring(0, cut) + '\u0001' + name.substring(Math.min(name.length(), cut + 1)))
            .getBytes(StandardCharsets.UTF_8);
        prefixes[i] = name.substring(0, Math.max(1, name.lastIndexOf('.') + 1));
      }
      long[] expected = new long[OPERATIONS.length];
      for (int op = 0; op < OPERATIONS.length; op++) {
        expected[op] = run(reference, op, ids, hits, misses, prefixes)[1];
      }
      alternate(labels, OPERATIONS, expected, rounds, SAMPLE, (f, op) -> run(open.get(f), op, ids, hits, misses,
          prefixes));
    } finally {
      for (GraphSnapshot g : open) {
        g.close();
      }
    }
  }

  /** Runs operation {@code op} over the sample on {@code g}: {thread CPU nanoseconds, checksum of the answers}. */
  private static long[] run(GraphSnapshot g, int op, int[] ids, byte[][] hits, byte[][] misses, String[] prefixes) {
    long sum = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    switch (op) {
      case 0 -> sum = lookups(g, hits);
      case 1 -> sum = lookups(g, misses);
      case 2 -> {
        for (int id : ids) {
          sum += g.name(id).length();
        }
      }
      default -> {
        for (String prefix : prefixes) {
          IdRange r = g.withPrefix(prefix);
          sum += r.start() * 31L + r.end();
        }
      }
    }
    return new long[] {THREADS.getCurrentThreadCpuTime() - start, sum};
  }

  /** One operation of a probe on one file: {thread CPU nanoseconds, checksum of the answers}. */
  interface Operation {
    long[] run(int file, int op);
  }

  /**
   * Runs every operation on every file, two warm-up rounds then {@code rounds}, the files in turn within each round
   * (a different one first each round), each checksum checked against {@code expected[op]}; prints per file and
   * operation the median and range of the rounds in nanoseconds per operation ({@code sample} operations a run).
   */
  static void alternate(List<String> labels, String[] operations, long[] expected, int rounds, int sample,
      Operation operation) {
    int files = labels.size();
    long[][][] cpu = new long[files][operations.length][rounds];
    for (int round = -2; round < rounds; round++) {
      for (int k = 0; k < files; k++) {
        int f = Math.floorMod(k + round, files); // a different file first each round
        for (int op = 0; op < operations.length; op++) {
          long[] r = operation.run(f, op);
          if (r[1] != expected[op]) {
            throw new AssertionError(labels.get(f) + " " + operations[op] + ": checksum " + r[1] + " vs " + expected[op]);
          }
          if (round >= 0) {
            cpu[f][op][round] = r[0];
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-28s", "ns/op (thread CPU)");
    for (String op : operations) {
      System.out.printf(Locale.ROOT, " %18s", op);
    }
    System.out.println();
    for (int f = 0; f < files; f++) {
      System.out.printf(Locale.ROOT, "%-28s", labels.get(f));
      for (int op = 0; op < operations.length; op++) {
        long[] sorted = cpu[f][op].clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, " %6.0f (%4.0f-%4.0f)", (double) sorted[rounds / 2] / sample,
            (double) sorted[0] / sample, (double) sorted[rounds - 1] / sample);
      }
      System.out.println();
    }
  }

  /** Looks up every name of {@code names} on {@code g}: the sum of the ids found (−1 for a miss). */
  static long lookups(GraphSnapshot g, byte[][] names) {
    long sum = 0;
    for (byte[] name : names) {
      sum += g.node(name);
    }
    return sum;
  }

  /**
   * Writes a copy of the compact file {@code compact} whose NODE_NAMES is re-encoded in blocks of {@code blockSize};
   * every other section's bytes are the same, the header and CRCs rewritten.
   */
  static void withBlockSize(Path compact, int blockSize, Path out) throws IOException {
    try (SnapshotFile in = SnapshotFile.open(compact)) {
      SnapshotHeader header = in.header();
      if (!FrontCodedListFormat.frontCoded(header)) {
        throw new IllegalArgumentException(compact + " has no front-coded names (a compact file of version "
            + SnapshotFormat.VERSION_FRONT_CODED_NAMES + " is needed)");
      }
      List<MemorySegment> bodies = new ArrayList<>();
      for (SectionEntry e : header.sections()) {
        MemorySegment body = in.bytes().asSlice(e.offset(), e.length());
        if (e.section() == SectionId.NODE_NAMES) {
          SectionSink.Bytes sink = SectionSink.ofBytes();
          FrontCodedListWriter w = new FrontCodedListWriter(sink, FrontCodedListFormat.count(body), blockSize);
          FrontCodedListFormat.forEach(body, (bytes, length) -> {
            try {
              w.add(bytes, 0, length);
            } catch (IOException impossible) {
              throw new java.io.UncheckedIOException(impossible);
            }
          });
          w.finish();
          body = MemorySegment.ofArray(sink.toByteArray());
        }
        bodies.add(body);
      }
      long position = SnapshotFormat.align(SnapshotFormat.headerBytes(bodies.size()));
      List<SectionEntry> entries = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        position = SnapshotFormat.align(position);
        CRC32C crc = new CRC32C();
        crc.update(bodies.get(i).asByteBuffer());
        entries.add(new SectionEntry(header.sections().get(i).id(), (int) crc.getValue(), position,
            bodies.get(i).byteSize()));
        position += bodies.get(i).byteSize();
      }
      SnapshotHeader written = new SnapshotHeader(header.formatVersion(), 0, position, entries);
      try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(written.encode()), 0);
        for (int i = 0; i < bodies.size(); i++) {
          ByteBuffer b = bodies.get(i).asByteBuffer();
          long at = entries.get(i).offset();
          while (b.hasRemaining()) {
            at += ch.write(b, at);
          }
        }
      }
    }
  }
}
