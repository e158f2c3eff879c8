package io.graphsnap.format.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import io.graphsnap.format.fbs.Edge;
import io.graphsnap.format.fbs.LooseObject;
import io.graphsnap.format.fbs.Symbol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines (sites) of edges: canonical form, merging of repeated edges, schema versions, damaged input. */
class EdgeLinesTest {
  private static FileSummary summary(EdgeSummary... edges) {
    return new FileSummary("src/a.x", "x", null,
        List.of(SymbolSummary.of("a.f", "fn", 1, 50), SymbolSummary.of("a.g", "fn", 51, 60)), List.of(edges));
  }

  @Test
  void linesAreSortedAndDistinctAndRepeatedEdgesUniteThem() {
    FileSummary s = summary(new EdgeSummary(0, "calls", "b.h", new int[] {9, 3, 9}),
        new EdgeSummary(0, "calls", "b.h", new int[] {4}), new EdgeSummary(0, "calls", "b.h"),
        new EdgeSummary(1, "calls", "b.h", new int[] {55}));
    assertEquals(2, s.edges().size());
    assertArrayEquals(new int[] {3, 4, 9}, s.edges().get(0).lines());
    assertArrayEquals(new int[] {55}, s.edges().get(1).lines());
    assertNotEquals(new EdgeSummary(0, "calls", "b.h", new int[] {3}), new EdgeSummary(0, "calls", "b.h", new int[] {4}));
    assertThrows(InvalidSummaryException.class, () -> new EdgeSummary(0, "calls", "b.h", new int[] {0}));
    assertThrows(InvalidSummaryException.class, () -> new EdgeSummary(0, "calls", "b.h", new int[] {-5, 2}));
  }

  @Test
  void manyRepeatsOfOneEdgeMergeInLinearTime() {
    List<EdgeSummary> edges = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      edges.add(new EdgeSummary(0, "calls", "b.h", new int[] {1 + i % 50_000}));
    }
    FileSummary s = new FileSummary("a.x", "x", null, List.of(SymbolSummary.of("a.f", "fn", 1, 1)), edges);
    assertEquals(50_000, s.edges().get(0).lineCount());
  }

  @Test
  void tooManyLinesInOneFileAreRefused() {
    int[] many = new int[Limits.MAX_EDGE_LINES_PER_FILE / 2 + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = i + 1;
    }
    InvalidSummaryException e = assertThrows(InvalidSummaryException.class, () -> summary(
        new EdgeSummary(0, "calls", "b.h", many), new EdgeSummary(1, "calls", "b.h", many)));
    assertTrue(e.getMessage().contains("edge lines"), e.getMessage());
  }

  @Test
  void objectsWithoutLinesStayVersion1AndWithLinesAreVersion2() throws Exception {
    byte[] plain = LooseObjectCodec.encode(summary(new EdgeSummary(0, "calls", "b.h")));
    assertEquals(LooseObjectCodec.SCHEMA_VERSION, LooseObject.getRootAsLooseObject(ByteBuffer.wrap(plain)).schemaVersion());
    FileSummary sited = summary(new EdgeSummary(0, "calls", "b.h", new int[] {7, 12}));
    byte[] bytes = LooseObjectCodec.encode(sited);
    assertEquals(LooseObjectCodec.SCHEMA_VERSION_EDGE_LINES, LooseObject.getRootAsLooseObject(ByteBuffer.wrap(bytes)).schemaVersion());
    FileSummary back = LooseObjectCodec.decode(bytes, "sited");
    assertEquals(sited, back);
    assertArrayEquals(new int[] {7, 12}, back.edges().get(0).lines());
    assertEquals(summary(new EdgeSummary(0, "calls", "b.h")), LooseObjectCodec.decode(plain, "plain"));
  }

  /** A hand-built object: one symbol, one edge with {@code lines} as stored, schema {@code version}. */
  private static byte[] object(int version, long... lines) {
    FlatBufferBuilder b = new FlatBufferBuilder(256);
    int name = b.createString("a.f");
    int kind = b.createString("fn");
    int symbol = Symbol.createSymbol(b, name, kind, Symbol.createEffectsVector(b, new int[0]), 1, 1,
        Symbol.createContentHashVector(b, new byte[0]), Symbol.createNotesVector(b, new int[0]),
        Symbol.createMetadataVector(b, new int[0]));
    int type = b.createString("calls");
    int target = b.createString("b.h");
    int vector = Edge.createLinesVector(b, lines);
    int edge = Edge.createEdge(b, 0, type, target, vector);
    int root = LooseObject.createLooseObject(b, version, b.createString("a.x"), b.createString("x"),
        LooseObject.createSourceSha256Vector(b, new byte[0]), LooseObject.createSymbolsVector(b, new int[] {symbol}),
        LooseObject.createEdgesVector(b, new int[] {edge}));
    LooseObject.finishLooseObjectBuffer(b, root);
    return b.sizedByteArray();
  }

  @Test
  void badLinesAreRefusedNamingTheObject() throws Exception {
    assertArrayEquals(new int[] {3, 8}, LooseObjectCodec.decode(object(2, 3, 8), "ok").edges().get(0).lines());
    for (long[] bad : new long[][] {{0}, {5, 5}, {9, 4}, {1L << 31}, {0xFFFF_FFFFL}}) {
      CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> LooseObjectCodec.decode(object(2, bad), "obj-7"));
      assertTrue(e.getMessage().contains("obj-7") && e.getMessage().contains("edge 0"), e.getMessage());
    }
    CorruptObjectException v1 = assertThrows(CorruptObjectException.class, () -> LooseObjectCodec.decode(object(1, 3), "old"));
    assertTrue(v1.getMessage().contains("schema version 1"), v1.getMessage());
    CorruptObjectException v3 = assertThrows(CorruptObjectException.class, () -> LooseObjectCodec.decode(object(3, 3), "new"));
    assertTrue(v3.getMessage().contains("unsupported schema version 3"), v3.getMessage());
  }
}
