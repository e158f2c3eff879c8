package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.object.FileSummary;
import io.graphsnap.objects.IndexUpdate;
import io.graphsnap.objects.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random edit sequences against a real store: after every step the incremental build must publish exactly the
 * bytes a full build of the same objects gives, and must really be incremental (no silent fallback).
 */
class IncrementalEquivalenceTest {
  @TempDir(factory = MemoryTempDir.class) Path dir;

  @Test
  void randomEditSequencesGiveTheBytesOfAFullBuild() throws Exception {
    int steps = 0;
    for (long seed = 1; seed <= 3; seed++) {
      steps += run(seed, 90);
    }
    assertEquals(270, steps);
  }

  /**
   * The incremental build's search index (NAME_TRIGRAMS, byte-identical to the full build's by the comparison
   * above) answers every search as a scan of the names would: verify checks every posting, and substrings of
   * every name find it.
   */
  private static void checkSearchIndex(Path snapshot, String context) throws IOException {
    try (io.graphsnap.reader.GraphSnapshot g = io.graphsnap.reader.GraphSnapshot.open(snapshot)) {
      if (!g.hasSearchIndex()) {
        fail("no search index at " + context);
      }
      g.verify();
      for (int v = 0; v < g.nodeCount(); v += 7) {
        String name = g.name(v);
        int cps = name.codePointCount(0, name.length());
        String part = cps > 4 ? GoldenV1ReaderTest.codePoints(name, 1, cps - 1) : name;
        org.roaringbitmap.RoaringBitmap found = g.namesContaining(part);
        org.roaringbitmap.RoaringBitmap expected = new org.roaringbitmap.RoaringBitmap();
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
  private int run(long seed, int steps) throws IOException {
    Path storeDir = dir.resolve("store" + seed);
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
        StoreBuild built = StoreSnapshots.build(store, BuildOptions.defaults(), BuildMode.INCREMENTAL,
            step % 7 == 0 ? List.of("r" + step % 3) : List.of());
        String context = "seed " + seed + ", step " + step + ", edits " + edits;
        if (step > 0 && built.how() == StoreBuild.How.FULL) {
          fail("fell back to a full build at " + context + ": " + built.note().orElse("?"));
        }
        incremental += built.how() == StoreBuild.How.INCREMENTAL ? 1 : 0;
        byte[] expected = fullBuild(repo.summaries(), dir.resolve("full-" + seed + ".gsnap"));
        byte[] actual = Files.readAllBytes(built.result().path());
        if (!Arrays.equals(expected, actual)) {
          fail("incremental bytes differ from a full build at " + context + "\n"
              + SnapshotDiffer.describe(dir.resolve("full-" + seed + ".gsnap"), built.result().path()));
        }
        if (step % 10 == 0) {
          checkSearchIndex(built.result().path(), context);
        }
        compared++;
        if (step % 30 == 29) {
          store.collectGarbage(1);
        }
      }
    }
    assertNotEquals(0, incremental, "no step ran incrementally");
    return compared;
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

  private static byte[] fullBuild(List<FileSummary> files, Path out) throws IOException {
    new SnapshotBuilder().build(ObjectSource.of(files), out);
    return Files.readAllBytes(out);
  }
}
