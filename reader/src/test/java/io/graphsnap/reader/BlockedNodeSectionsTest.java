package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.BlockedNodeFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NODES in blocks (format version 9, {@link BlockedNodeFormat}): a version-9 compact snapshot answers every read as
 * the same graph in the fixed layout does (no node, one node, one block and one more, lines at the int extremes), the
 * format's writer gives the bytes of the rule as the test writer spells it out, it is smaller than the packed table
 * when blocks hold few files, and hostile bytes give a {@link CorruptSnapshotException} naming NODES (or a section
 * checked against it), never another exception.
 */
class BlockedNodeSectionsTest {
  @TempDir Path dir;

  @Test
  void everyReadAgreesWithTheFixedLayout() throws Exception {
    int k = 0;
    for (TestGraph g : PackedNodeSectionsTest.graphs()) {
      k++;
      Path fixedFile = Fixtures.write(dir, "f" + k + ".gsnap", TestSnapshotWriter.write(g));
      Path blockedFile = Fixtures.write(dir, "b" + k + ".gsnap", TestSnapshotWriter.writeBlocked(g, 16, 16));
      try (GraphSnapshot f = GraphSnapshot.open(fixedFile); GraphSnapshot b = GraphSnapshot.open(blockedFile)) {
        assertEquals(SnapshotFormat.VERSION_BLOCKED_NODES, b.formatVersion());
        f.verify();
        b.verify();
        List<String> expected = Exercise.transcript(f);
        List<String> actual = Exercise.transcript(b);
        assertEquals(expected.subList(1, expected.size()), actual.subList(1, actual.size()), "graph " + k);
        for (int v = 0; v < b.nodeCount(); v++) {
          assertEquals(f.fileId(v), b.fileId(v));
          assertEquals(f.lineStart(v), b.lineStart(v));
          assertEquals(f.lineEnd(v), b.lineEnd(v));
          assertEquals(f.kindId(v), b.kindId(v));
        }
      }
    }
  }

  @Test
  void theFormatWriterGivesTheRulesBytes() throws Exception {
    for (TestGraph g : PackedNodeSectionsTest.graphs()) {
      byte[] expected = TestSnapshotWriter.blockedSections(g, 16, 16).get(SectionId.NODES);
      List<String> names = g.freeze();
      List<String> paths = g.filePaths();
      List<String> kinds = g.kinds();
      int n = names.size();
      int[] file = new int[n];
      int[] start = new int[n];
      int[] end = new int[n];
      int[] kind = new int[n];
      int[] flags = new int[n];
      for (int v = 0; v < n; v++) {
        TestGraph.Node node = g.nodes.get(names.get(v));
        file[v] = node.file == null ? -1 : TestGraph.indexOf(paths, node.file);
        start[v] = node.lineStart;
        end[v] = node.lineEnd;
        kind[v] = kinds.indexOf(node.kind);
        flags[v] = (node.external ? 1 : 0) | (node.merged ? 2 : 0);
      }
      assertArrayEquals(expected, SectionSink.Bytes.of(out -> BlockedNodeFormat.write(out, n, file, start, end, kind,
          flags)));
    }
  }

  @Test
  void blocksOfFewFilesAndShortLinesAreSmallerThanOnePackedTable() {
    TestGraph g = new TestGraph(); // 40 files of 60 members each, a few long files: names in file order
    for (int f = 0; f < 40; f++) {
      String path = String.format("src/f%02d.x", f);
      g.file(path, "java", null, Fixtures.sha(f + 1), 60);
      for (int m = 0; m < 60; m++) {
        int line = f % 10 == 0 ? 100_000 + 40 * m : 1 + 40 * m;
        g.node(String.format("f%02d.m%02d", f, m), "fn").file(path, line, line + 30);
      }
    }
    int packed = TestSnapshotWriter.packedSections(g, 16, 16).get(SectionId.NODES).length;
    int blocked = TestSnapshotWriter.blockedSections(g, 16, 16).get(SectionId.NODES).length;
    assertTrue(blocked < packed * 3 / 4, "blocked " + blocked + " vs packed " + packed);
  }

  @Test
  void randomByteDamageIsCaughtOrHarmless() throws Exception {
    TestGraph g = PackedNodeSectionsTest.extremes(11, 200);
    int caught = 0;
    Random r = new Random(9);
    int trials = 150;
    for (int trial = 0; trial < trials; trial++) {
      EnumMap<SectionId, byte[]> s = TestSnapshotWriter.blockedSections(g, 16, 16);
      byte[] b = s.get(SectionId.NODES).clone();
      for (int k = 0, flips = 1 + r.nextInt(3); k < flips; k++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextInt(4) == 0 ? (byte) 0xFF : (byte) (b[at] ^ (1 << r.nextInt(8)));
      }
      s.put(SectionId.NODES, b);
      Path file = Fixtures.write(dir, "d" + trial + ".gsnap", TestSnapshotWriter.layout(s,
          SnapshotFormat.VERSION_BLOCKED_NODES));
      try (GraphSnapshot snap = GraphSnapshot.open(file)) {
        try {
          Exercise.transcript(snap);
        } catch (CorruptSnapshotException e) {
          assertNodes(e);
        }
        try {
          snap.verify();
        } catch (CorruptSnapshotException e) {
          assertNodes(e);
          caught++;
        }
      } catch (CorruptSnapshotException e) {
        assertNodes(e);
        caught++;
      }
    }
    // What verify cannot see is a flip that gives another sound table: a line number, a flag.
    assertTrue(caught > trials / 2, "most damage is caught: " + caught + " of " + trials);
  }

  private static void assertNodes(CorruptSnapshotException e) {
    assertTrue(Set.of("NODES", "KIND_BITMAPS", "FILE_SYMBOLS").contains(e.section()), e.getMessage());
  }

  @Test
  void namedDamageGivesNamedErrors() throws Exception {
    TestGraph g = PackedNodeSectionsTest.extremes(3, 300);
    int n = g.freeze().size();
    long blocks = BlockedNodeFormat.blockCount(n);
    int blocksAt = (int) BlockedNodeFormat.blocksAt(n);
    assertOpenFails(g, b -> b.putLong(24, 1), "BlockBit[0] is not 0");
    assertOpenFails(g, b -> b.putLong((int) BlockedNodeFormat.blockBitAt(blocks), -1), "BlockBit[B] out of range");
    assertOpenFails(g, b -> b.putLong((int) BlockedNodeFormat.blockBitAt(blocks),
        b.getLong((int) BlockedNodeFormat.blockBitAt(blocks)) + 64 * 8), "section length mismatch");
    // Block 0's FilesLess1 (its first 6 bits) to 63: its header runs into its records, which no longer fit.
    assertReadFails(g, b -> b.put(blocksAt, (byte) (b.get(blocksAt) | 0x3F)), "block 0 of node 0 is damaged");
    // Block 1 said to start one bit later: block 0 now ends a bit after its records; verify says which block.
    assertVerifyFails(g, b -> b.putLong((int) BlockedNodeFormat.blockBitAt(1),
        b.getLong((int) BlockedNodeFormat.blockBitAt(1)) + 1), "block of node 0 has 1 bits after its records");
    assertVerifyFails(g, b -> b.put(b.capacity() - 1, (byte) 1), "padding");
  }

  private Path damaged(TestGraph g, Consumer<ByteBuffer> damage) throws Exception {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.blockedSections(g, 16, 16);
    damage.accept(ByteBuffer.wrap(s.get(SectionId.NODES)).order(ByteOrder.LITTLE_ENDIAN));
    return Fixtures.write(dir, "n" + System.nanoTime() + ".gsnap", TestSnapshotWriter.layout(s,
        SnapshotFormat.VERSION_BLOCKED_NODES));
  }

  private void assertOpenFails(TestGraph g, Consumer<ByteBuffer> damage, String message) throws Exception {
    Path file = damaged(g, damage);
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file).close());
    assertEquals("NODES", e.section(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private void assertReadFails(TestGraph g, Consumer<ByteBuffer> damage, String message) throws Exception {
    try (GraphSnapshot snap = GraphSnapshot.open(damaged(g, damage))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> snap.lineEnd(0));
      assertEquals("NODES", e.section(), e.getMessage());
      assertTrue(e.getMessage().contains(message), e.getMessage());
      assertEquals("NODES", assertThrows(CorruptSnapshotException.class, snap::verify).section());
    }
  }

  private void assertVerifyFails(TestGraph g, Consumer<ByteBuffer> damage, String message) throws Exception {
    try (GraphSnapshot snap = GraphSnapshot.open(damaged(g, damage))) {
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, snap::verify);
      assertEquals("NODES", e.section(), e.getMessage());
      assertTrue(e.getMessage().contains(message), e.getMessage());
    }
  }
}
