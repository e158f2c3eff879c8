package io.graphsnap.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.delta.DeltaFormat;
import io.graphsnap.format.delta.DeltaSectionId;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Hex;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.SectionEntry;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.objects.ObjectId;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta's cost follows the change, not the base: the same change (one file edited with a rename and a new call,
 * one file added) against a base of 40 files and one of 800 gives sections of the same lengths (ids differ, counts
 * in INFO differ by their digits) and the same number of base rows and records read, and the delta is a tiny fraction
 * of the base.
 */
class DeltaCostTest {
  private static final int SYMBOLS = 30;

  @TempDir Path dir;

  @Test
  void theDeltaOfTheSameChangeDoesNotGrowWithTheBase() throws Exception {
    Measured small = measure(40, dir.resolve("small"));
    Measured large = measure(800, dir.resolve("large"));
    assertTrue(large.baseBytes > 15 * small.baseBytes, "bases of very different sizes: " + small.baseBytes + " vs "
        + large.baseBytes);
    assertEquals(small.outcome.baseEntriesRead(), large.outcome.baseEntriesRead(), "base entries read");
    assertEquals(small.outcome.dirtyNodes(), large.outcome.dirtyNodes());
    assertEquals(small.outcome.newNodes(), large.outcome.newNodes());
    assertEquals(small.outcome.tombstones(), large.outcome.tombstones());
    Map<String, Long> smallSections = new TreeMap<>(small.sectionLengths);
    Map<String, Long> largeSections = new TreeMap<>(large.sectionLengths);
    smallSections.remove(DeltaSectionId.INFO.name());
    largeSections.remove(DeltaSectionId.INFO.name());
    assertEquals(smallSections, largeSections, "section lengths besides INFO");
    assertTrue(large.outcome.bytes() * 100 < large.baseBytes, "delta " + large.outcome.bytes() + " bytes vs base "
        + large.baseBytes);
  }

  private record Measured(long baseBytes, DeltaFileWriter.Outcome outcome, Map<String, Long> sectionLengths) {}

  private static Measured measure(int files, Path dir) throws Exception {
    List<FileSummary> base = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      base.add(file(f, files, false));
    }
    List<FileSummary> now = new ArrayList<>(base);
    now.set(0, file(0, files, true));
    now.add(new FileSummary("src/new.cov", "covenant", null, List.of(new SymbolSummary("aaa.new", "fn", List.of(),
        1, 2, null, List.of(), null)), List.of(new EdgeSummary(0, "calls", "m0.s3"))));
    byte[] bytes = Fixtures.buildBytes(base, dir, "base.gsnap");
    DeltaFileWriter.Outcome outcome = new DeltaFileWriter(BuildOptions.defaults()).writeInto(dir.resolve("base.gsnap"),
        Hex.of(ObjectId.sha256().digest(bytes)), new MemoryChangeSet(base, now), dir).orElseThrow();
    SnapshotHeader header = SnapshotHeader.decode(MemorySegment.ofArray(Files.readAllBytes(outcome.path())),
        outcome.path().toString(), DeltaFormat.CONTAINER);
    Map<String, Long> lengths = new TreeMap<>();
    for (SectionEntry e : header.sections()) {
      lengths.put(DeltaSectionId.byId(e.id()).name(), e.length());
    }
    return new Measured(bytes.length, outcome, lengths);
  }

  /**
   * File {@code f}: symbols {@code m<f>.s<i>}, each calling two symbols of the next file (so every file has the same
   * shape whatever the count); edited, one symbol is renamed to a name sorting before every other and one more call
   * is made.
   */
  private static FileSummary file(int f, int files, boolean edited) {
    List<SymbolSummary> symbols = new ArrayList<>();
    List<EdgeSummary> edges = new ArrayList<>();
    int next = (f + 1) % files;
    for (int i = 0; i < SYMBOLS; i++) {
      String name = edited && i == 7 ? "a.renamed" : "m" + f + ".s" + i;
      symbols.add(new SymbolSummary(name, i == 0 ? "class" : "method", List.of(), i + 1, i + 1, null, List.of(), null));
      edges.add(new EdgeSummary(i, "calls", "m" + next + ".s" + (i * 7 % SYMBOLS)));
      edges.add(new EdgeSummary(i, "calls", "m" + next + ".s" + (i * 11 % SYMBOLS)));
    }
    if (edited) {
      edges.add(new EdgeSummary(2, "references", "m" + next + ".s1"));
    }
    return new FileSummary("src/f" + f + ".cov", "covenant", null, symbols, edges);
  }
}
