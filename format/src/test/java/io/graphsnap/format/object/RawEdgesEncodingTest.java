package io.graphsnap.format.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LooseObjectCodec#encode(String, String, byte[], List, RawEdges)} writes, for edges already in canonical
 * order, exactly the bytes of the summary built from the same edges as Strings, and returns null for every edge list
 * the summary would reorder, merge or refuse.
 */
class RawEdgesEncodingTest {
  private static final List<SymbolSummary> SYMBOLS = List.of(SymbolSummary.of("p.A", "class", 1, 40),
      new SymbolSummary("p.A#m", "method", List.of("net", "db"), 3, 9, null, List.of(), null),
      SymbolSummary.of("p.A#n", "method", 10, 20));

  /** Edges written into one text, as a scanner finds them in its input, with the same edges as summaries. */
  private static final class Edges {
    final ByteArrayOutputStream text = new ByteArrayOutputStream();
    final List<int[]> ranges = new ArrayList<>();
    final List<int[]> lines = new ArrayList<>();
    final List<Object[]> given = new ArrayList<>();

    Edges add(int source, String type, String target, int... edgeLines) {
      int typeStart = put(type);
      int targetStart = put(target);
      ranges.add(new int[] {source, typeStart, type.getBytes(StandardCharsets.UTF_8).length, targetStart,
          target.getBytes(StandardCharsets.UTF_8).length});
      lines.add(edgeLines.length == 0 ? null : edgeLines);
      given.add(new Object[] {source, type, target, edgeLines});
      return this;
    }

    private int put(String s) {
      int start = text.size();
      text.write('"'); // some input between the strings, as in a line
      text.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      return start + 1;
    }

    RawEdges raw() {
      RawEdges raw = new RawEdges();
      raw.reset(text.toByteArray());
      for (int i = 0; i < ranges.size(); i++) {
        int[] r = ranges.get(i);
        raw.add(r[0], r[1], r[2], r[3], r[4], lines.get(i));
      }
      return raw;
    }

    EncodedFile encode() {
      return LooseObjectCodec.encode("./src//A.java", "java", null, SYMBOLS, raw());
    }

    byte[] reference() {
      List<EdgeSummary> summaries = new ArrayList<>();
      for (Object[] g : given) {
        summaries.add(new EdgeSummary((Integer) g[0], (String) g[1], (String) g[2], (int[]) g[3]));
      }
      return LooseObjectCodec.encode(new FileSummary("./src//A.java", "java", null, SYMBOLS, summaries));
    }
  }

  @Test
  void edgesInCanonicalOrderGiveTheSummarysBytes() {
    Edges edges = new Edges().add(0, "contains", "p.A#m").add(0, "contains", "p.A#n")
        .add(1, "calls", "q.B#x", 7, 4, 7).add(1, "calls", "q.B#xy").add(1, "calls", "q.B#y")
        .add(1, "references", "q.C").add(2, "calls", "\u007f").add(2, "callsToo", "a");
    EncodedFile file = edges.encode();
    assertNotNull(file);
    assertArrayEquals(edges.reference(), file.objectBytes());
    assertEquals("src/A.java", file.path());
    assertEquals(List.of("p.A", "p.A#m", "p.A#n"), file.symbolNames());
    assertNotNull(new Edges().encode(), "no edges");
    assertArrayEquals(new Edges().reference(), new Edges().encode().objectBytes());
  }

  @Test
  void randomCanonicalEdgesGiveTheSummarysBytes() {
    Random random = new Random(2026_12_06L);
    for (int round = 0; round < 500; round++) {
      List<String[]> all = new ArrayList<>();
      for (int i = random.nextInt(60); i > 0; i--) {
        all.add(new String[] {String.valueOf(random.nextInt(3)), random.nextBoolean() ? "calls" : "ref" + random.nextInt(3),
            "t." + Long.toString(random.nextLong() & 0xFFFFFFFFFFL, 36).substring(0, 1 + random.nextInt(6))});
      }
      all.sort((a, b) -> a[0].equals(b[0]) ? a[1].equals(b[1]) ? a[2].compareTo(b[2]) : a[1].compareTo(b[1])
          : a[0].compareTo(b[0]));
      Edges edges = new Edges();
      String[] last = null;
      for (String[] e : all) {
        if (last != null && java.util.Arrays.equals(last, e)) {
          continue;
        }
        edges.add(Integer.parseInt(e[0]), e[1], e[2], random.nextInt(4) == 0 ? new int[] {1 + random.nextInt(9)}
            : new int[0]);
        last = e;
      }
      assertArrayEquals(edges.reference(), edges.encode().objectBytes(), "round " + round);
    }
  }

  @Test
  void edgesTheSummaryWouldReorderMergeOrRefuseGiveNull() {
    assertNull(new Edges().add(1, "calls", "b").add(1, "calls", "a").encode(), "targets out of order");
    assertNull(new Edges().add(1, "calls", "a").add(1, "calls", "a", 3).encode(), "an edge twice");
    assertNull(new Edges().add(2, "calls", "a").add(1, "calls", "a").encode(), "sources out of order");
    assertNull(new Edges().add(1, "refs", "a").add(1, "calls", "a").encode(), "types out of order");
    assertNull(new Edges().add(1, "calls", "ab").add(1, "calls", "a").encode(), "a prefix after the longer name");
    assertNull(new Edges().add(1, "calls", "é").encode(), "non-ASCII");
    assertNull(new Edges().add(1, "calls", "a\0b").encode(), "NUL");
    assertNull(new Edges().add(1, "calls", "x".repeat(Limits.MAX_NAME_BYTES + 1)).encode(), "too long");
    assertNull(new Edges().add(3, "calls", "a").encode(), "no such source");
    Edges empty = new Edges();
    empty.text.writeBytes("xa".getBytes(StandardCharsets.UTF_8));
    RawEdges raw = empty.raw();
    raw.add(0, 0, 0, 1, 1, null);
    assertNull(LooseObjectCodec.encode("A.java", "", null, SYMBOLS, raw), "an empty type");
    Edges zeroLine = new Edges();
    zeroLine.text.writeBytes("\"calls\"a".getBytes(StandardCharsets.UTF_8));
    RawEdges withZero = zeroLine.raw();
    withZero.add(0, 1, 5, 7, 1, new int[] {0, 2});
    assertNull(LooseObjectCodec.encode("A.java", "", null, SYMBOLS, withZero), "a line below 1");
    assertNotNull(new Edges().add(1, "calls", "x".repeat(Limits.MAX_NAME_BYTES)).encode(), "the longest name");
  }

  @Test
  void addSaysAtOnceWhenTheEdgesLeaveTheCanonicalOrderAndChecksItsRanges() {
    RawEdges raw = new RawEdges();
    raw.reset("callsab".getBytes(StandardCharsets.UTF_8));
    assertTrue(raw.add(0, 0, 5, 5, 1, null));
    assertTrue(raw.add(0, 0, 5, 5, 2, null), "\"ab\" after its prefix \"a\"");
    assertTrue(raw.add(1, 0, 5, 5, 1, null), "a later source");
    assertFalse(raw.add(1, 0, 5, 5, 1, null), "the same edge again");
    assertFalse(raw.inCanonicalOrder());
    assertFalse(raw.add(2, 0, 5, 5, 1, null), "stays false until reset");
    raw.reset("callsab".getBytes(StandardCharsets.UTF_8));
    assertTrue(raw.inCanonicalOrder());
    assertTrue(raw.add(1, 0, 5, 6, 1, null));
    assertFalse(raw.add(0, 0, 5, 5, 1, null), "an earlier source");
    raw.reset("calls".getBytes(StandardCharsets.UTF_8));
    assertThrows(IndexOutOfBoundsException.class, () -> raw.add(0, 0, 5, 4, 2, null));
    assertThrows(IndexOutOfBoundsException.class, () -> raw.add(0, -1, 2, 0, 1, null));
  }

  @Test
  void theHeaderIsCheckedAsTheSummaryChecksIt() {
    RawEdges none = new Edges().raw();
    assertThrows(InvalidSummaryException.class, () -> LooseObjectCodec.encode("../A.java", "", null, SYMBOLS, none));
    assertThrows(InvalidSummaryException.class, () -> LooseObjectCodec.encode("A.java", "", new byte[3], SYMBOLS, none));
    assertThrows(InvalidSummaryException.class, () -> LooseObjectCodec.encode("A.java", "", null,
        List.of(SymbolSummary.of("a", "fn", 0, 0), SymbolSummary.of("a", "fn", 0, 0)), none));
  }
}
