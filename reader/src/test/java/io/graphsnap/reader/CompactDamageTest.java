package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CompactCsrFormat;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SectionId;
import io.graphsnap.format.snapshot.SnapshotFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compact adjacency sections whose checksums are right but whose bytes are hostile: every read path (open, cursors,
 * degrees, offsets, edge positions, the decoded analysis graph) and {@code verify} either answer or throw a
 * {@link CorruptSnapshotException} naming a compact section; never another exception, a hang or a large allocation
 * (a degree is bounded by its row's bytes).
 */
class CompactDamageTest {
  private static final SectionId[] COMPACT = {SectionId.COMPACT_FORWARD_INDEX, SectionId.COMPACT_FORWARD_ROWS,
      SectionId.COMPACT_REVERSE_INDEX, SectionId.COMPACT_REVERSE_ROWS};

  @TempDir Path dir;

  @Test
  void randomByteDamageIsCaughtOrHarmless() throws Exception {
    TestGraph g = Fixtures.random(11, 300, 2500);
    int caughtByVerify = 0;
    Random r = new Random(5);
    for (int trial = 0; trial < 160; trial++) {
      EnumMap<SectionId, byte[]> s = TestSnapshotWriter.compactSections(g, 1 + r.nextInt(20));
      SectionId id = COMPACT[r.nextInt(COMPACT.length)];
      byte[] b = s.get(id).clone();
      for (int k = 0, flips = 1 + r.nextInt(3); k < flips && b.length > 0; k++) {
        int at = r.nextInt(b.length);
        b[at] = r.nextInt(4) == 0 ? (byte) 0xFF : (byte) (b[at] ^ (1 << r.nextInt(8)));
      }
      s.put(id, b);
      Path file = Fixtures.write(dir, "d" + trial + ".gsnap",
          TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_COMPACT_ADJACENCY));
      try (GraphSnapshot snap = GraphSnapshot.open(file)) {
        exerciseEverything(snap);
        try {
          snap.verify();
        } catch (CorruptSnapshotException e) {
          caughtByVerify++;
          assertCompactSection(e);
        }
      } catch (CorruptSnapshotException e) {
        assertCompactSection(e);
        caughtByVerify++;
      }
    }
    assertTrue(caughtByVerify > 120, "most damage is caught: " + caughtByVerify);
  }

  static void assertCompactSection(CorruptSnapshotException e) {
    assertTrue(e.section().startsWith("COMPACT_") || e.section().equals("EDGE_TYPE_COUNTS"), e.getMessage());
  }

  /** Every compact read path over every node; damage found on the way must be a CorruptSnapshotException. */
  static void exerciseEverything(GraphSnapshot s) {
    for (CsrView csr : new CsrView[] {s.forward(), s.reverse()}) {
      EdgeCursor c = csr.cursor();
      for (int v = 0; v < s.nodeCount(); v++) {
        try {
          for (int w = c.reset(v).next(); w >= 0; w = c.next()) {
            c.type();
          }
          csr.degree(v);
          long start = csr.offset(v);
          if (start < csr.edgeCount()) {
            csr.neighbour(start);
            csr.type(start);
          }
          c.reset(v, 0).next();
        } catch (CorruptSnapshotException e) {
          assertCompactSection(e);
        }
      }
      try {
        csr.decodeFixed();
      } catch (CorruptSnapshotException e) {
        assertCompactSection(e);
      }
    }
  }

  @Test
  void namedDamageGivesNamedErrors() throws Exception {
    TestGraph g = Fixtures.random(3, 60, 400);
    // Stride zero: open names the index.
    assertEquals("COMPACT_FORWARD_INDEX", openDamaged(g, SectionId.COMPACT_FORWARD_INDEX, b -> b.putInt(0, 0)));
    // The last entry does not end the rows.
    assertEquals("COMPACT_REVERSE_INDEX", openDamaged(g, SectionId.COMPACT_REVERSE_INDEX,
        b -> b.putLong(b.capacity() - 16, b.getLong(b.capacity() - 16) + 1)));
    // A varint of six bytes, a huge degree, a neighbour past N: the cursor (and verify) name the rows.
    for (java.util.function.Consumer<ByteBuffer> damage : java.util.List.<java.util.function.Consumer<ByteBuffer>>of(
        b -> { for (int i = 0; i < 6; i++) { b.put(i, (byte) 0xFF); } },
        b -> { b.put(1, (byte) 0xFF); b.put(2, (byte) 0xFF); b.put(3, (byte) 0x7F); },
        b -> fillRowsWith(b, (byte) 0x7F))) {
      EnumMap<SectionId, byte[]> s = TestSnapshotWriter.compactSections(g, 4);
      ByteBuffer b = ByteBuffer.wrap(s.get(SectionId.COMPACT_FORWARD_ROWS)).order(ByteOrder.LITTLE_ENDIAN);
      damage.accept(b);
      Path file = Fixtures.write(dir, "n" + System.nanoTime() + ".gsnap",
          TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_COMPACT_ADJACENCY));
      try (GraphSnapshot snap = GraphSnapshot.open(file)) {
        CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> {
          for (int v = 0; v < snap.nodeCount(); v++) {
            snap.forward().cursor(v).next();
          }
        });
        assertEquals("COMPACT_FORWARD_ROWS", e.section(), e.getMessage());
        assertEquals("COMPACT_FORWARD_ROWS", assertThrows(CorruptSnapshotException.class, snap::verify).section());
      }
    }
  }

  @Test
  void aFileWithBothLayoutsIsRefused() throws Exception {
    TestGraph g = Fixtures.random(3, 60, 400);
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.compactSections(g, 4);
    s.putAll(TestSnapshotWriter.sections(g));
    Path file = Fixtures.write(dir, "both.gsnap", TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_COMPACT_ADJACENCY));
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file));
    assertTrue(e.getMessage().contains("other layout"), e.getMessage());
  }

  @Test
  void nonMinimalVarintsFailVerify() throws Exception {
    // Node 0 with no edges is the single byte 0x00; written as 0x80 0x00 it still decodes but is not canonical.
    TestGraph g = Fixtures.random(3, 60, 400);
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.compactSections(g, 1);
    byte[] rows = s.get(SectionId.COMPACT_FORWARD_ROWS);
    ByteBuffer index = ByteBuffer.wrap(s.get(SectionId.COMPACT_FORWARD_INDEX)).order(ByteOrder.LITTLE_ENDIAN);
    int firstRowEnd = (int) index.getLong((int) CompactCsrFormat.rowOffsetAt(1, CompactCsrFormat.RowCoding.VARINT));
    byte[] grown = new byte[rows.length + 1];
    int lengthByte = rows[0] & 0xFF;
    assertTrue(lengthByte < 0x80, "the fixture's first row is shorter than 128 bytes");
    grown[0] = (byte) (lengthByte | 0x80);
    grown[1] = 0;
    System.arraycopy(rows, 1, grown, 2, rows.length - 1);
    s.put(SectionId.COMPACT_FORWARD_ROWS, grown);
    for (long b = 1; CompactCsrFormat.rowOffsetAt(b, CompactCsrFormat.RowCoding.VARINT) < index.capacity(); b++) {
      index.putLong((int) CompactCsrFormat.rowOffsetAt(b, CompactCsrFormat.RowCoding.VARINT), index.getLong((int) CompactCsrFormat.rowOffsetAt(b, CompactCsrFormat.RowCoding.VARINT)) + 1);
    }
    assertTrue(firstRowEnd > 0);
    Path file = Fixtures.write(dir, "nm.gsnap", TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_COMPACT_ADJACENCY));
    try (GraphSnapshot snap = GraphSnapshot.open(file)) {
      snap.forward().cursor(0).next(); // readable
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, snap::verify);
      assertTrue(e.getMessage().contains("not minimal"), e.getMessage());
    }
  }

  private static void fillRowsWith(ByteBuffer b, byte value) {
    for (int i = 2; i < b.capacity(); i++) {
      b.put(i, value);
    }
  }

  private String openDamaged(TestGraph g, SectionId id, java.util.function.Consumer<ByteBuffer> damage) {
    EnumMap<SectionId, byte[]> s = TestSnapshotWriter.compactSections(g, 4);
    damage.accept(ByteBuffer.wrap(s.get(id)).order(ByteOrder.LITTLE_ENDIAN));
    Path file = Fixtures.write(dir, "o" + System.nanoTime() + ".gsnap",
        TestSnapshotWriter.layout(s, SnapshotFormat.VERSION_COMPACT_ADJACENCY));
    return assertThrows(CorruptSnapshotException.class, () -> GraphSnapshot.open(file).close()).section();
  }
}
