package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.BuildProgress;
import io.graphsnap.builder.ObjectSource;
import io.graphsnap.builder.internal.spill.SpillFiles;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.SymbolSummary;
import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which path the edges take: on the heap within the cap, staged through external sorts past it (the edge blocks
 * spilled, many runs); each adjacency section, of the fixed and the compact layout, has the same bytes on both.
 */
class AdjacencyPathTest {
  @TempDir Path dir;

  private static List<FileSummary> files() {
    Random r = new Random(3);
    List<FileSummary> files = new ArrayList<>();
    for (int f = 0; f < 60; f++) {
      List<SymbolSummary> symbols = new ArrayList<>();
      List<EdgeSummary> edges = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        symbols.add(new SymbolSummary("f" + f + ".s" + i, "fn", List.of(), i + 1, i + 1, null, List.of(), null));
        for (int e = 0; e < 8; e++) {
          // some unresolved: external nodes; one hub that every symbol calls (a row longer than any buffer's start)
          String target = e == 1 ? "hub" : "f" + r.nextInt(60) + ".s" + r.nextInt(25);
          String type = e % 3 == 0 ? "references" : "calls";
          edges.add(e == 0 ? new EdgeSummary(i, type, target, new int[] {i + 1}) : new EdgeSummary(i, type, target));
        }
      }
      files.add(new FileSummary("src/f" + f + ".x", "x", null, symbols, edges));
    }
    return files;
  }

  private static CompiledGraph compile(SpillFiles spill) throws IOException {
    ObjectSource source = ObjectSource.of(files());
    ObjectCollector collector = new ObjectCollector(source.size(), done -> { }, spill);
    source.forEach(collector);
    return GraphCompiler.compile(collector, new PhaseClock(BuildProgress.NONE));
  }

  private static byte[] section(CompiledGraph g, SectionId id, Path dir) throws IOException {
    Path file = dir.resolve(id + ".bin");
    try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE); SectionWriter out = new SectionWriter(ch, 0)) {
      out.begin(id);
      g.adjacency().write(id, out);
      out.end();
      out.finish();
    }
    return java.nio.file.Files.readAllBytes(file);
  }

  @Test
  void bothPathsGiveTheSameSections() throws IOException {
    Path heapDir = java.nio.file.Files.createDirectory(dir.resolve("heap"));
    Path stagedDir = java.nio.file.Files.createDirectory(dir.resolve("staged"));
    SectionId[][] layouts = {
        {SectionId.FORWARD_OFFSETS, SectionId.FORWARD_TARGETS, SectionId.FORWARD_TYPES, SectionId.REVERSE_OFFSETS,
            SectionId.REVERSE_SOURCES, SectionId.REVERSE_TYPES, SectionId.CALL_SITES},
        {SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_FORWARD_ROWS, SectionId.CALL_SITES,
            SectionId.COMPACT_REVERSE_INDEX, SectionId.COMPACT_REVERSE_ROWS}};
    try (SpillFiles unlimited = new SpillFiles(heapDir, Long.MAX_VALUE)) {
      CompiledGraph heap = compile(unlimited);
      assertInstanceOf(HeapAdjacency.class, heap.adjacency());
      // Nothing spilled but the declarations' attributes (always on disk), and no temporary file is left.
      assertEquals(java.util.Set.of(), unlimited.files());
      assertTrue(heap.adjacency().sitedNodeCount() > 1000);
      for (SectionId[] layout : layouts) {
        // A staged adjacency is written once, in one layout: it deletes each direction's files once written.
        try (SpillFiles tiny = new SpillFiles(stagedDir, 4096)) {
          CompiledGraph staged = compile(tiny);
          assertInstanceOf(StagedAdjacency.class, staged.adjacency());
          assertTrue(tiny.spilledBytes() > 3 * 12 * 9600, "the edges spilled, then their runs: " + tiny.spilledBytes());
          assertEquals(heap.edgeCount(), staged.edgeCount());
          assertArrayEquals(heap.edgeTypeCounts(), staged.edgeTypeCounts());
          assertEquals(heap.adjacency().sitedNodeCount(), staged.adjacency().sitedNodeCount());
          for (SectionId id : layout) {
            assertArrayEquals(section(heap, id, heapDir), section(staged, id, stagedDir), id.toString());
            boolean forwardDone = id == SectionId.REVERSE_OFFSETS
                || id == SectionId.CALL_SITES && layout[0] == SectionId.COMPACT_FORWARD_INDEX;
            if (forwardDone) {
              assertTrue(tiny.files().stream().noneMatch(p -> p.toString().contains(".forward-")),
                  "the forward direction's staged files are deleted once its sections are written: " + tiny.files());
              assertTrue(tiny.files().stream().anyMatch(p -> p.toString().contains(".reverse-")), tiny.files().toString());
            }
          }
          assertTrue(tiny.files().stream().noneMatch(p -> p.toString().contains("forward-")
              || p.toString().contains("reverse-")), "both directions deleted: " + tiny.files());
        }
        for (SectionId id : layout) {
          java.nio.file.Files.deleteIfExists(heapDir.resolve(id + ".bin"));
          java.nio.file.Files.deleteIfExists(stagedDir.resolve(id + ".bin"));
        }
      }
    }
  }
}
