package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.BuildProgress;
import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names of a full build on both paths: interned on the heap (no cap), or spilled in sorted runs, merged to ranks
 * and joined back to the declarations and edges (a cap of 4 KiB: a run per object, hundreds of runs, merges in
 * passes). The snapshot has the same bytes; nothing is left in the temporary folder after success or failure.
 */
public class NameRunsTest {
  @TempDir Path dir;

  private static final String LONG_PREFIX = "com.example.a.rather.long.package.prefix.shared.by.many.names.that"
      + ".passes.sixty.four.bytes.";
  private static final String[] ODD = {"", "é", "中文", "\uD83D\uDE00", "Ω"};

  /**
   * Names with long shared prefixes, prefixes of one another, non-ASCII, one of 4090 bytes (about a first chunk); targets
   * declared in other files (duplicates across runs), external (never declared) targets, merged namespaces and
   * conflicts.
   */
  public static List<FileSummary> files(long seed, int count) {
    Random r = new Random(seed);
    List<FileSummary> files = new ArrayList<>();
    String huge = "h".repeat(4090);
    for (int f = 0; f < count; f++) {
      List<SymbolSummary> symbols = new ArrayList<>();
      List<EdgeSummary> edges = new ArrayList<>();
      symbols.add(sym("ns" + f % 5, "package"));
      symbols.add(sym("dup" + f % 11, f % 2 == 0 ? "fn" : "class")); // conflicts across files
      for (int i = 0; i < 12; i++) {
        String name = LONG_PREFIX + "f" + f + ODD[(f + i) % ODD.length] + ".s" + i;
        symbols.add(sym(i == 0 ? LONG_PREFIX + "f" + f : name, "fn"));
      }
      if (f == count / 2) {
        symbols.add(sym(huge, "fn"));
      }
      for (int s = 0; s < symbols.size(); s++) {
        for (int e = 0; e < 6; e++) {
          int g = r.nextInt(count);
          String target = switch (r.nextInt(6)) {
            case 0 -> "ext." + ODD[r.nextInt(ODD.length)] + r.nextInt(200); // external
            case 1 -> "dup" + r.nextInt(11);
            case 2 -> huge;
            default -> LONG_PREFIX + "f" + g + ODD[(g + 1 + r.nextInt(11)) % ODD.length] + ".s" + (1 + r.nextInt(12));
          };
          edges.add(new EdgeSummary(s, e % 2 == 0 ? "calls" : "references", target));
        }
      }
      files.add(new FileSummary("src/" + ODD[f % ODD.length] + "f" + f + ".x", "x", null, symbols, edges));
    }
    return files;
  }

  private static SymbolSummary sym(String name, String kind) {
    return new SymbolSummary(name, kind, List.of(), 1, 2, null, List.of(), null);
  }

  private static ObjectCollector collect(List<FileSummary> files, SpillFiles spill) throws IOException {
    ObjectSource source = ObjectSource.of(files);
    ObjectCollector collector = new ObjectCollector(source.size(), done -> { }, spill);
    source.forEach(collector);
    return collector;
  }

  private byte[] build(List<FileSummary> files, long cap, String name, boolean spilled) throws IOException {
    Path sub = Files.createDirectory(dir.resolve(name));
    Path out = sub.resolve("s.gsnap");
    try (SpillFiles spill = new SpillFiles(sub, cap)) {
      ObjectCollector c = collect(files, spill);
      CompiledGraph g = GraphCompiler.compile(c, new PhaseClock(BuildProgress.NONE));
      if (spilled) {
        assertInstanceOf(NameRuns.Merged.class, c.collected, "the names spilled");
        assertTrue(spill.files().stream().anyMatch(p -> p.toString().endsWith(".names.tmp")), "the names file");
      } else {
        assertInstanceOf(NameTable.class, c.collected, "the names stayed on the heap");
      }
      SnapshotFileWriter.write(g, io.graphsnap.format.snapshot.CompactCsrFormat.Layout.FIXED, out,
          new PhaseClock(BuildProgress.NONE));
    }
    try (Stream<Path> left = Files.list(sub)) {
      assertEquals(List.of(out), left.toList(), "only the snapshot is left");
    }
    return Files.readAllBytes(out);
  }

  @Test
  void spilledNamesGiveTheSameSnapshot() throws IOException {
    List<FileSummary> files = files(5, 300);
    byte[] heap = build(files, Long.MAX_VALUE, "heap", false);
    byte[] tiny = build(files, 4096, "tiny", true);
    byte[] small = build(files, 256 << 10, "small", true);
    assertArrayEquals(heap, tiny, "a run per object");
    assertArrayEquals(heap, small, "a few runs");
    try (GraphSnapshot g = GraphSnapshot.open(dir.resolve("tiny").resolve("s.gsnap"))) {
      g.verify();
      assertTrue(g.nodeCount() > 3000, "nodes: " + g.nodeCount());
      assertTrue(g.conflicts().size() > 100, "conflicts: " + g.conflicts().size());
      assertTrue(g.node("h".repeat(4090)) >= 0, "the 4090-byte name");
      assertTrue(g.node("ext.中文7") >= 0 || g.node("ext.中文8") >= 0, "a non-ASCII external");
      assertTrue(g.node(LONG_PREFIX + "f7") >= 0, "a name that prefixes others");
    }
  }

  @Test
  void theRunsAreManyAndTheJoinRenumbersEveryOccurrence() throws IOException {
    List<FileSummary> files = files(6, 200);
    try (SpillFiles spill = new SpillFiles(Files.createDirectory(dir.resolve("runs")), 4096)) {
      ObjectCollector c = collect(files, spill);
      long runs = spill.files().stream().filter(p -> p.toString().endsWith(".names.tmp")).count();
      assertTrue(runs > NameRuns.FAN_IN, "more runs than one merge takes: " + runs);
      c.endCollection();
      NameRuns.Merged merged = assertInstanceOf(NameRuns.Merged.class, c.collected);
      ObjectCollector heap = collect(files, new SpillFiles(Files.createDirectory(dir.resolve("heap")), Long.MAX_VALUE));
      heap.endCollection();
      assertEquals(heap.collected.size(), merged.size(), "one id per distinct name");
      // Every declaration's name id now is its name's rank: the same name as the heap's provisional id names.
      int[] ids = c.declName.toIntArray();
      String[] spilledNames = merged.names(ids);
      for (int d = 0; d < ids.length; d++) {
        assertEquals(((NameTable) heap.collected).get(heap.declName.getInt(d)), spilledNames[d], "declaration " + d);
      }
      // Ranks are in name order.
      for (int d = 1; d < ids.length; d++) {
        int cmp = Integer.compare(ids[d - 1], ids[d]);
        int byName = Integer.signum(Utf8.compare(spilledNames[d - 1], spilledNames[d]));
        assertEquals(byName, Integer.signum(cmp), spilledNames[d - 1] + " vs " + spilledNames[d]);
      }
    }
  }

  @Test
  void aFailureAfterTheMergeLeavesNoTemporary() throws IOException {
    List<FileSummary> files = new ArrayList<>(files(7, 100));
    files.add(new FileSummary(files.get(3).path(), "x", null, List.of(sym("again", "fn")), List.of()));
    Path sub = Files.createDirectory(dir.resolve("bad"));
    try (SpillFiles spill = new SpillFiles(sub, 4096)) {
      ObjectCollector c = collect(files, spill);
      assertTrue(!spill.files().isEmpty(), "runs were written");
      BuildInputException e = assertThrows(BuildInputException.class,
          () -> GraphCompiler.compile(c, new PhaseClock(BuildProgress.NONE)));
      assertTrue(e.getMessage().contains(files.get(3).path()), e.getMessage());
      assertInstanceOf(NameRuns.Merged.class, c.collected, "it failed after the names were merged");
    }
    try (Stream<Path> left = Files.list(sub)) {
      assertEquals(List.of(), left.toList());
    }
  }
}
