package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotHeader;
import io.graphsnap.reader.AlreadyClosedException;
import io.graphsnap.reader.GraphSnapshot;
import io.graphsnap.reader.analysis.CsrGraph;
import io.graphsnap.reader.analysis.Direction;
import io.graphsnap.reader.analysis.EffectClosure;
import io.graphsnap.reader.analysis.PageRank;
import io.graphsnap.reader.analysis.Reachability;
import io.graphsnap.reader.analysis.ShortestPaths;
import io.graphsnap.reader.analysis.StronglyConnectedComponents;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged CSR sections that open does not check (it reads only headers and counts): every analysis either
 * answers or throws {@link CorruptSnapshotException} naming the file, never an index exception; the CLI exits 3.
 * And a closed snapshot gives {@link AlreadyClosedException}.
 */
class AnalysisCorruptionTest {
  @TempDir Path dir;

  /** Writes {@code value} (little-endian, {@code width} bytes) at {@code index · width} into {@code section}. */
  private Path damaged(Path original, String name, SectionId section, long index, long value, int width) throws Exception {
    Path copy = dir.resolve(name + ".gsnap");
    Files.copy(original, copy);
    SnapshotHeader header = SnapshotHeader.decode(MemorySegment.ofArray(Files.readAllBytes(copy)), copy.toString());
    long offset = header.entry(section).offset() + index * width;
    ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
    try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
      file.seek(offset);
      file.write(bytes.array(), 0, width);
    }
    return copy;
  }

  /** Runs every analysis over the damaged file; returns how many threw CorruptSnapshotException. */
  private int runAll(Path file) throws Exception {
    int corrupt = 0;
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      CsrGraph graph = CsrGraph.of(g);
      int[] everyone = IntStream.range(0, g.nodeCount()).toArray();
      Runnable[] analyses = { // PageRank in place first, while a compact snapshot has no decoded copy
          () -> PageRank.on(graph).decodedCopyLimit(0).run(),
          () -> PageRank.on(graph).types(io.graphsnap.reader.analysis.EdgeTypeMask.of(0)).decodedCopyLimit(0).run(),
          () -> Reachability.reach(graph, everyone, null, Direction.FORWARD, -1),
          () -> Reachability.reach(graph, everyone, null, Direction.REVERSE, -1),
          () -> {
            for (int v = 0; v < g.nodeCount(); v++) {
              Reachability.reach(graph, new int[] {v}, null, Direction.FORWARD, -1);
              Reachability.reach(graph, new int[] {v}, null, Direction.REVERSE, -1);
            }
          },
          () -> StronglyConnectedComponents.of(graph, null),
          () -> StronglyConnectedComponents.of(graph.reverse(), null),
          () -> PageRank.on(graph).run(),
          () -> PageRank.on(graph).types(io.graphsnap.reader.analysis.EdgeTypeMask.of(0)).run(),
          () -> EffectClosure.of(g),
          () -> ShortestPaths.between(graph, 0, g.nodeCount() - 1, null, Direction.FORWARD),
      };
      for (Runnable analysis : analyses) {
        try {
          analysis.run();
        } catch (CorruptSnapshotException e) {
          assertTrue(e.getMessage().contains(file.toString()), e::getMessage);
          corrupt++;
        } catch (RuntimeException e) {
          fail("expected CorruptSnapshotException or an answer, got " + e, e);
        }
      }
    }
    return corrupt;
  }

  @Test
  void damagedNeighboursAndOffsetsRaiseCorruptSnapshotException() throws Exception {
    Path good = AnalysisFixture.build(dir);
    assertEquals(0, runAll(good));
    assertTrue(runAll(damaged(good, "fwd-target", SectionId.FORWARD_TARGETS, 0, 0x7FFF_FFFF, 4)) >= 3);
    assertTrue(runAll(damaged(good, "rev-source", SectionId.REVERSE_SOURCES, 1, -5, 4)) >= 3);
    assertTrue(runAll(damaged(good, "fwd-offset", SectionId.FORWARD_OFFSETS, 1, 1L << 40, 8)) >= 3);
    assertTrue(runAll(damaged(good, "rev-offset-order", SectionId.REVERSE_OFFSETS, 3, 0, 8)) >= 2);
    assertTrue(runAll(damaged(good, "rev-offset-negative", SectionId.REVERSE_OFFSETS, 2, -8, 8)) >= 2);
    runAll(damaged(good, "fwd-type", SectionId.FORWARD_TYPES, 0, 0xFF, 1)); // any type byte is harmless

    Path bad = damaged(good, "cli", SectionId.FORWARD_TARGETS, 0, 0x7FFF_FFFF, 4);
    for (String[] args : new String[][] {{"reach", "app.main"}, {"cycles"}, {"pagerank"}, {"effects", "app.main"}}) {
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--snapshot", bad.toString()))
          .toArray(String[]::new);
      CliRunner r = CliRunner.run(all);
      if (r.exitCode() != ExitCodes.OK) {
        assertEquals(ExitCodes.CORRUPT, r.exitCode(), r::toString);
        assertTrue(r.err().contains(bad.toString()), r::toString);
      }
    }
    assertEquals(ExitCodes.CORRUPT, CliRunner.run("cycles", "--snapshot", bad.toString()).exitCode());
  }

  @Test
  void everyByteOfDamagedCompactRowsGivesAnAnswerOrCorruptSnapshotException() throws Exception {
    Path good = AnalysisFixture.build(dir, io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT);
    assertEquals(0, runAll(good));
    byte[] bytes = Files.readAllBytes(good);
    SnapshotHeader header = SnapshotHeader.decode(MemorySegment.ofArray(bytes), good.toString());
    int damagedRuns = 0;
    for (SectionId rows : new SectionId[] {SectionId.COMPACT_FORWARD_ROWS, SectionId.COMPACT_REVERSE_ROWS,
        SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_REVERSE_INDEX}) {
      long start = header.entry(rows).offset();
      for (long at = start; at < start + header.entry(rows).length(); at++) {
        for (int flip : new int[] {0x01, 0x80, 0xFF}) {
          Path copy = dir.resolve("compact-" + rows + "-" + at + "-" + flip + ".gsnap");
          byte[] damaged = bytes.clone();
          damaged[(int) at] ^= (byte) flip;
          Files.write(copy, damaged);
          try {
            damagedRuns += runAll(copy) > 0 ? 1 : 0; // an answer or CorruptSnapshotException, never anything else
          } catch (CorruptSnapshotException e) {
            damagedRuns++; // refused at open
          }
          Files.delete(copy);
        }
      }
    }
    assertTrue(damagedRuns > 0, "some damage was found");
  }

  @Test
  void closedCompactSnapshotGivesAlreadyClosed() throws Exception {
    Path file = AnalysisFixture.build(dir, io.graphsnap.format.snapshot.CompactCsrFormat.Layout.COMPACT);
    GraphSnapshot g = GraphSnapshot.open(file);
    CsrGraph graph = CsrGraph.of(g);
    g.close();
    assertThrows(AlreadyClosedException.class, () -> PageRank.on(graph).decodedCopyLimit(0).run());
    assertThrows(AlreadyClosedException.class,
        () -> PageRank.on(graph).types(io.graphsnap.reader.analysis.EdgeTypeMask.of(0)).decodedCopyLimit(0).run());
    assertThrows(AlreadyClosedException.class, () -> PageRank.on(graph).run());
  }

  @Test
  void closedSnapshotGivesAlreadyClosed() throws Exception {
    Path file = AnalysisFixture.build(dir);
    GraphSnapshot g = GraphSnapshot.open(file);
    CsrGraph graph = CsrGraph.of(g);
    g.close();
    assertThrows(AlreadyClosedException.class, () -> Reachability.reach(graph, new int[] {0}, null, Direction.FORWARD, -1));
    assertThrows(AlreadyClosedException.class, () -> StronglyConnectedComponents.of(graph, null));
    assertThrows(AlreadyClosedException.class, () -> PageRank.on(graph).run());
    assertThrows(AlreadyClosedException.class, () -> ShortestPaths.between(graph, 0, 1, null, Direction.FORWARD));
    assertThrows(AlreadyClosedException.class, () -> graph.forward().start(0));
  }
}
