package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildOptions;
import io.graphsnap.builder.BuildProgress;
import io.graphsnap.builder.IncrementalBuilder;
import io.graphsnap.builder.MemoryChangeSet;
import io.graphsnap.builder.ObjectSource;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.CsrFormat;
import io.graphsnap.format.snapshot.LittleEndian;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFile;
import io.graphsnap.objects.ObjectId;
import io.graphsnap.reader.EdgeCursor;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.PageRankResult;
import io.graphsnap.reader.analysis.Reachability;
import io.graphsnap.reader.analysis.ShortestPaths;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's writer end to end at the sizes of a 10-million-file graph, on a sound snapshot that {@link
 * GraphSnapshot#verify()} accepts: 2<sup>29</sup> + 2<sup>15</sup> edges, so each neighbour section is 2 GiB +
 * 128 KiB, the file is 5.4 GB, and REVERSE_SOURCES crosses 2<sup>32</sup> with every later section past it. The
 * graph is a circulant one (node v calls v+1 … v+D mod N, one edge type), written through the real {@link
 * SnapshotFileWriter} (SectionWriter, write-behind, CRC32C per section, header, SHA-256 read back, force, atomic
 * rename) from a {@link SnapshotBody} that takes every section but the CSR and the edge counts from a real build of
 * its N nodes; then opened, walked at the far rows, searched, ranked, and verified byte by byte. Then an
 * {@link IncrementalBuilder} build on it adds a node and an edge: the incremental writer copies the base's runs from
 * past 2<sup>31</sup> bytes into a second 5.4 GB file, which is checked and verified too.
 *
 * <p>Not in CI: it writes (and forces) two files of 5.4 GB (11 GB of disk at the peak) and takes a minute or two on a
 * 2-core machine, so it runs only with
 * {@code -Dgraphsnap.huge=true}:
 * <pre>
 * mvn -B -o -pl builder -am verify -Dtest=HugeSnapshotWriteTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgraphsnap.huge=true -Dfuzz.skip -Dspark.cluster.skip=true
 * </pre>
 * The fast tests that run in CI cover the same arithmetic on sparse files: {@code SectionWriterTest} (sections
 * written from just below 2<sup>32</sup>), the format's {@code FarOffsetsTest} and the reader's {@code
 * HugeSectionsTest} (more than 2<sup>31</sup> edges, read). Why not sparse here: a sound CSR cannot be mostly
 * zero bytes (a row's neighbours strictly increase, so a row holds the id 0 once), so a file that {@code verify}
 * accepts must write its edges.
 */
@EnabledIfSystemProperty(named = "graphsnap.huge", matches = "true")
class HugeSnapshotWriteTest {
  /** Nodes. */
  static final int N = 1 << 15;
  /** Out-degree (and in-degree) of every node: more than N/2, so every node is two steps from any other. */
  static final int D = (1 << 14) + 1;
  /** Edges: 2^29 + 2^15. */
  static final long E = (long) N * D;
  static final int FILES = 64;

  @TempDir Path dir;

  @Test
  void aSoundSnapshotOfFiveGigabytesIsWrittenReadAndVerified() throws Exception {
    List<FileSummary> files = files();
    CompiledGraph small = compile(files);
    assertEquals(N, small.nodeCount());
    assertArrayEquals(new String[] {"calls"}, small.edgeTypes());
    long t0 = System.nanoTime();
    SnapshotFileWriter.Written written = SnapshotFileWriter.writeInto(new Circulant(small), dir,
        sha -> sha + ".gsnap", new PhaseClock(BuildProgress.NONE));
    Path file = written.path();
    long t1 = System.nanoTime();
    assertEquals(Files.size(file), written.bytes());
    assertTrue(written.bytes() > 5L << 30, "a file over 5 GiB: " + written.bytes());
    assertEquals(sha256(file), written.sha256Hex(), "the id is the SHA-256 of every byte, read back past 4 GiB");

    try (SnapshotFile raw = SnapshotFile.open(file)) {
      var header = raw.header();
      assertEquals(CsrFormat.neighboursBytes(E), header.entry(SectionId.FORWARD_TARGETS).length());
      assertTrue(header.entry(SectionId.FORWARD_TARGETS).length() > 1L << 31);
      var sources = header.entry(SectionId.REVERSE_SOURCES);
      assertTrue(sources.offset() < 1L << 32 && sources.offset() + sources.length() > 1L << 32);
      assertTrue(header.entry(SectionId.REVERSE_TYPES).offset() > 1L << 32);
      assertTrue(header.entry(SectionId.CALL_SITES).offset() > 1L << 32);
    }

    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      assertEquals(N, g.nodeCount());
      assertEquals(E, g.edgeCount());
      assertEquals(E, g.edgeCount(g.edgeTypeId("calls")));
      assertEquals(Long.toString(E), g.buildInfo().get("edges"));
      int last = N - 1;
      assertEquals(last, g.node(name(last)), "NAME_INDEX past 4 GiB");
      assertEquals((long) last * D, g.forward().offset(last), "a row whose ids start 2 GiB into its section");
      EdgeCursor out = g.out(last);
      assertEquals(D, out.size());
      for (int k = 0; k < D; k++) {
        assertEquals(k, out.next(), "node N-1 calls 0 … D-1");
      }
      assertEquals(EdgeCursor.END, out.next());
      assertEquals(D - 1, g.forward().neighbour(E - 1));
      EdgeCursor in = g.in(last, 0);
      for (int w = last - D; w < last; w++) {
        assertEquals(w, in.next(), "node N-1 is called by N-1-D … N-2 (read past 4 GiB in the file)");
      }
      assertEquals(EdgeCursor.END, in.next());
      assertEquals(D, g.inDegree(last));

      CsrGraph graph = CsrGraph.of(g);
      assertEquals(N, Reachability.reach(graph, new int[] {last}, null, Direction.FORWARD, -1).count());
      assertEquals(N, Reachability.reach(graph, new int[] {0}, null, Direction.REVERSE, -1).count());
      assertEquals(2, ShortestPaths.between(graph, 0, last, null, Direction.FORWARD).length());
      PageRankResult rank = PageRank.on(graph).run();
      assertTrue(rank.converged());
      assertEquals(1.0 / N, rank.rank(last), 1e-12, "a regular graph's ranks are uniform");

      long t2 = System.nanoTime();
      g.verify();
      long t3 = System.nanoTime();
      // figures for the record, not checked: wall time, on whatever else the machine runs
      System.out.printf("HugeSnapshotWriteTest: %,d bytes, %,d edges: written, forced and hashed in %.1f s; "
          + "hashed again, opened, walked, searched and ranked in %.1f s; verified in %.1f s%n", written.bytes(), E,
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
    incrementalBuildCopiesTheFarRuns(file, files);
  }

  /**
   * An incremental build on the 5 GB base: a new file declares node {@code n99999} (id N, the last) calling
   * {@code n00000}. The writer copies every run of the base's sections (the CSR's at byte offsets past 2<sup>31</sup>,
   * the reverse offsets shifted by the one edge node 0 gains) and writes BUILD_INFO's count; the new file must verify.
   */
  private void incrementalBuildCopiesTheFarRuns(Path base, List<FileSummary> files) throws Exception {
    FileSummary added = new FileSummary("src/z.x", "x", null,
        List.of(new SymbolSummary("n99999", "fn", List.of(), 1, 1, null, List.of(), null)),
        List.of(new EdgeSummary(0, "calls", name(0))));
    List<FileSummary> now = new ArrayList<>(files);
    now.add(added);
    Path into = Files.createDirectories(dir.resolve("incremental"));
    long t0 = System.nanoTime();
    IncrementalBuilder.Outcome outcome = new IncrementalBuilder(BuildOptions.defaults())
        .buildInto(base, new MemoryChangeSet(files, now), into).orElseThrow();
    long t1 = System.nanoTime();
    assertEquals(1, outcome.changedFiles());
    Files.delete(base); // the next checks map only the new file
    try (GraphSnapshot g = GraphSnapshot.open(outcome.result().path())) {
      assertEquals(N + 1, g.nodeCount());
      assertEquals(E + 1, g.edgeCount());
      assertEquals(Long.toString(E + 1), g.buildInfo().get("edges"));
      assertEquals(N, g.node("n99999"));
      EdgeCursor out = g.out(N);
      assertEquals(0, out.next());
      assertEquals(EdgeCursor.END, out.next());
      EdgeCursor in = g.in(0);
      assertEquals(D + 1, in.size());
      for (int w = N - D; w <= N; w++) {
        assertEquals(w, in.next(), "node 0's in-edges: its circulant callers, then the new node");
      }
      int last = N - 1;
      assertEquals((long) last * D + 1, g.reverse().offset(last), "a run shifted by node 0's new in-edge");
      EdgeCursor far = g.out(last);
      for (int k = 0; k < D; k++) {
        assertEquals(k, far.next(), "node N-1's row, copied from 2 GiB into the base's section");
      }
      long t2 = System.nanoTime();
      g.verify();
      long t3 = System.nanoTime();
      System.out.printf("HugeSnapshotWriteTest: incremental build in %.1f s; verified in %.1f s%n",
          (t1 - t0) / 1e9, (t3 - t2) / 1e9);
    }
  }

  /** N declared nodes in {@link #FILES} files and one calls edge (so EDGE_TYPES is {@code calls}). */
  private static List<FileSummary> files() {
    List<FileSummary> files = new ArrayList<>();
    int perFile = N / FILES;
    for (int f = 0; f < FILES; f++) {
      List<SymbolSummary> symbols = new ArrayList<>();
      for (int i = 0; i < perFile; i++) {
        symbols.add(new SymbolSummary(name(f * perFile + i), "fn", List.of(), i + 1, i + 1, null, List.of(), null));
      }
      List<EdgeSummary> edges = f == 0 ? List.of(new EdgeSummary(0, "calls", name(1))) : List.of();
      files.add(new FileSummary(String.format("src/f%02d.x", f), "x", null, symbols, edges));
    }
    return files;
  }

  private static CompiledGraph compile(List<FileSummary> files) throws IOException {
    ObjectSource source = ObjectSource.of(files);
    ObjectCollector collector = new ObjectCollector(source.size(), done -> { });
    source.forEach(collector);
    return GraphCompiler.compile(collector, new PhaseClock(BuildProgress.NONE));
  }

  static String name(int v) {
    return String.format("n%05d", v);
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest sha = ObjectId.sha256();
    byte[] chunk = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        sha.update(chunk, 0, n);
      }
    }
    return Hex.of(sha.digest());
  }

  /**
   * The small build's sections, with the circulant CSR instead of its own: forward row v is {v+1 … v+D} mod N and
   * reverse row w is {w-D … w-1} mod N, each sorted (one or two runs of consecutive ids), all of type 0.
   */
  private static final class Circulant implements SnapshotBody {
    private final CompiledGraph small;
    private final CompiledSections sections;
    /** The ids 0 … N-1 as little-endian Int32s: every row is one or two slices of it. */
    private final MemorySegment ids;

    Circulant(CompiledGraph small) {
      this.small = small;
      this.sections = new CompiledSections(small);
      byte[] bytes = new byte[4 * N];
      MemorySegment segment = MemorySegment.ofArray(bytes);
      for (int v = 0; v < N; v++) {
        segment.set(LittleEndian.INT, 4L * v, v);
      }
      this.ids = segment;
    }

    @Override
    public Content section(SectionId id) {
      return switch (id) {
        case BUILD_INFO -> out -> out.putStringList(CompiledGraph.buildInfo(0, E, 0, FILES, N));
        case EDGE_TYPE_COUNTS -> out -> CsrFormat.writeTypeCounts(out, new long[] {E});
        case FORWARD_OFFSETS, REVERSE_OFFSETS -> this::offsets;
        case FORWARD_TARGETS -> out -> {
          for (int v = 0; v < N; v++) {
            if (v + D < N) {
              run(out, v + 1, v + D + 1);
            } else {
              run(out, 0, v + D - N + 1);
              run(out, v + 1, N);
            }
          }
        };
        case REVERSE_SOURCES -> out -> {
          for (int w = 0; w < N; w++) {
            if (w - D >= 0) {
              run(out, w - D, w);
            } else {
              run(out, 0, w);
              run(out, w - D + N, N);
            }
          }
        };
        case FORWARD_TYPES, REVERSE_TYPES -> out -> {
          byte[] zeros = new byte[1 << 20];
          for (long left = CsrFormat.typesBytes(E); left > 0; left -= zeros.length) {
            out.put(zeros, 0, (int) Math.min(left, zeros.length));
          }
        };
        default -> sections.section(id);
      };
    }

    private void offsets(SectionWriter out) throws IOException {
      for (long v = 0; v <= N; v++) {
        out.putLong(v * D);
      }
    }

    /** Neighbour ids {@code [from, to)}. */
    private void run(SectionWriter out, int from, int to) throws IOException {
      out.put(ids, 4L * from, 4L * (to - from));
    }

    @Override
    public String toString() {
      return "Circulant[" + small.nodeCount() + " nodes, " + E + " edges]";
    }
  }
}
