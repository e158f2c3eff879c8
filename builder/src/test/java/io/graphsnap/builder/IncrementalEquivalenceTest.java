package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Random edit sequences against a real store: after every step the incremental build must publish exactly the
 * bytes a full build of the same objects gives, and must really be incremental (no silent fallback); the two
 * version-3 indexes, FILE_SYMBOLS and NAME_TRIGRAMS, and the version-4 CALL_SITES (edited by the random steps too: a
 * line moved down, lines added and dropped) are present and read back against naive models at every step.
 */
class IncrementalEquivalenceTest {
  @TempDir(factory = MemoryTempDir.class) Path dir;

  @Test
  void randomEditSequencesGiveTheBytesOfAFullBuild() throws Exception {
    int steps = 0;
    for (long seed = 1; seed <= 3; seed++) {
      steps += run(seed, 90, CompactCsrFormat.Layout.FIXED);
    }
    assertEquals(270, steps);
  }

  /** The same for the compact adjacency: every incremental compact build equals a full compact build. */
  @Test
  void compactRandomEditSequencesGiveTheBytesOfAFullCompactBuild() throws Exception {
    assertEquals(60, run(4, 60, CompactCsrFormat.Layout.COMPACT));
  }

  /**
   * The incremental build's search index (NAME_TRIGRAMS, byte-identical to the full build's by the comparison
   * above) answers every search as a scan of the names would: verify checks every posting, and substrings of
   * every name find it.
   */
  private static void checkSearchIndex(Path snapshot, String context) throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      if (!g.hasSearchIndex()) {
        fail("no search index at " + context);
      }
      g.verify();
      for (int v = 0; v < g.nodeCount(); v += 7) {
        String name = g.name(v);
        int cps = name.codePointCount(0, name.length());
        String part = cps > 4 ? GoldenV1ReaderTest.codePoints(name, 1, cps - 1) : name;
        RoaringBitmap found = g.namesContaining(part);
        RoaringBitmap expected = new RoaringBitmap();
        String folded = asciiLower(part);
        for (int u = 0; u < g.nodeCount(); u++) {
          if (asciiLower(g.name(u)).contains(folded)) {
            expected.add(u);
          }
        }
        assertEquals(expected, found, "search '" + part + "' at " + context);
      }
    }
  }

  private static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  /** Runs {@code steps} random steps from {@code seed}; returns the number of steps compared. */
  private int run(long seed, int steps, CompactCsrFormat.Layout layout) throws IOException {
    Path storeDir = dir.resolve("store" + seed);
    BuildOptions options = BuildOptions.defaults().withLayout(layout);
    RandomRepo repo = new RandomRepo(seed);
    int compared = 0;
    int incremental = 0;
    try (Store store = Store.open(storeDir, true)) {
      for (int step = 0; step < steps; step++) {
        Set<String> touched = new TreeSet<>();
        List<String> edits = new ArrayList<>();
        for (int e = 0, n = step == 0 ? 6 : 1 + step % 3; e < n; e++) {
          edits.add(repo.edit(touched));
        }
        ingest(store, repo, touched);
        StoreBuild built = StoreSnapshots.build(store, options, BuildMode.INCREMENTAL,
            step % 7 == 0 ? List.of("r" + step % 3) : List.of());
        String context = "seed " + seed + ", step " + step + ", edits " + edits;
        if (step > 0 && built.how() == StoreBuild.How.FULL) {
          fail("fell back to a full build at " + context + ": " + built.note().orElse("?"));
        }
        incremental += built.how() == StoreBuild.How.INCREMENTAL ? 1 : 0;
        byte[] expected = fullBuild(repo.summaries(), dir.resolve("full-" + seed + ".gsnap"), options);
        byte[] actual = Files.readAllBytes(built.result().path());
        if (!Arrays.equals(expected, actual)) {
          fail("incremental bytes differ from a full build at " + context + "\n"
              + SnapshotDiffer.describe(dir.resolve("full-" + seed + ".gsnap"), built.result().path()));
        }
        assertFileSymbols(built.result().path(), context);
        assertSites(built.result().path(), repo, context);
        checkSearchIndex(built.result().path(), context);
        compared++;
        if (step % 30 == 29) {
          store.collectGarbage(1);
        }
      }
    }
    assertNotEquals(0, incremental, "no step ran incrementally");
    return compared;
  }

  /**
   * FILE_SYMBOLS of the published snapshot, read back: each file lists exactly its nodes, by LineStart ascending,
   * LineEnd descending, id ascending (a naive check of the rule, beside the byte comparison with a full build).
   */
  private static void assertFileSymbols(Path snapshot, String context) throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      if (!g.hasFileSymbolIndex()) {
        fail("no FILE_SYMBOLS section at " + context);
      }
      for (int f = 0; f < g.fileCount(); f++) {
        List<Integer> expected = new ArrayList<>();
        for (int v = 0; v < g.nodeCount(); v++) {
          if (g.fileId(v) == f) {
            expected.add(v);
          }
        }
        expected.sort(Comparator.<Integer>comparingInt(g::lineStart)
            .thenComparing(Comparator.<Integer>comparingInt(g::lineEnd).reversed()).thenComparingInt(v -> v));
        assertEquals(expected, Arrays.stream(g.fileSymbols(f)).boxed().toList(), "file " + g.filePath(f) + " at " + context);
      }
    }
  }

  /**
   * CALL_SITES read back: every out-edge of every node has exactly the lines that the declaration in the node's file
   * gives (none for an external node or an edge of another declaration of a merged namespace).
   */
  private static void assertSites(Path snapshot, RandomRepo repo, String context) throws IOException {
    try (GraphSnapshot g = GraphSnapshot.open(snapshot)) {
      if (!g.hasSites()) {
        fail("no CALL_SITES section at " + context);
      }
      for (int v = 0; v < g.nodeCount(); v++) {
        RandomRepo.File file = g.file(v) == null ? null : repo.files.get(g.file(v));
        int[][] sites = g.outSites(v);
        io.graphsnap.reader.EdgeCursor c = g.out(v);
        for (int p = 0, w = c.next(); w >= 0; p++, w = c.next()) {
          TreeSet<Integer> lines = file == null ? null
              : file.lines.get(new RandomRepo.Edge(g.name(v), g.edgeTypes().get(c.type()), g.name(w)));
          int[] expected = lines == null ? null : lines.stream().mapToInt(Integer::intValue).toArray();
          String what = g.name(v) + " -" + g.edgeTypes().get(c.type()) + "-> " + g.name(w) + " at " + context;
          org.junit.jupiter.api.Assertions.assertArrayEquals(expected, sites[p], what);
          org.junit.jupiter.api.Assertions.assertArrayEquals(expected == null ? new int[0] : expected,
              g.sites(v, c.type(), w), what);
        }
      }
    }
  }

  private static void ingest(Store store, RandomRepo repo, Set<String> touched) throws IOException {
    try (IndexUpdate update = store.beginUpdate()) {
      for (String path : touched) {
        if (repo.files.containsKey(path)) {
          update.put(repo.summary(path));
        } else {
          update.delete(path);
        }
      }
      update.commit();
    }
  }

  private static byte[] fullBuild(List<FileSummary> files, Path out, BuildOptions options) throws IOException {
    new SnapshotBuilder(options).build(ObjectSource.of(files), out);
    return Files.readAllBytes(out);
  }
}
