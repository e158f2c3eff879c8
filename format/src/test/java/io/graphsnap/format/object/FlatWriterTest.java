package io.graphsnap.format.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link LooseObjectCodec#encode} (on {@link FlatWriter}) writes exactly the bytes of the encoder it replaced,
 * flatbuffers-java's FlatBufferBuilder driven by the generated classes ({@link ReferenceEncoder}): object ids must not
 * change. Random summaries with every field, non-ASCII names of 2-, 3- and 4-byte UTF-8, empty lists, edge lines,
 * repeated and distinct vtables, and objects large enough to grow both builders many times.
 */
class FlatWriterTest {
  private static final String[] PIECES = {"a", "calls", "org.acme.C0#m1", "é", "ü.x", "名前", "𝄞", "x😀y", "-", "~",
      "\u007f", "\u0080", "\u07ff", "\u0800", "\uffff", "long.name.with.many.parts.and.more.parts.to.be.long"};

  @Test
  void sameBytesAsFlatBufferBuilderOnRandomSummaries() {
    Random random = new Random(20261206);
    for (int round = 0; round < 3_000; round++) {
      FileSummary summary = randomSummary(random, 1 + random.nextInt(round % 100 == 0 ? 400 : 20));
      byte[] expected = ReferenceEncoder.encode(summary, 1 + random.nextInt(64));
      assertArrayEquals(expected, LooseObjectCodec.encode(summary), summary.toString());
      assertArrayEquals(expected, ReferenceEncoder.encode(summary, 16 << 10), "the builder's size does not matter");
    }
  }

  @Test
  void sameBytesForEmptyAndMinimalSummaries() {
    List<FileSummary> cases = List.of(
        new FileSummary("a", null, null, null, null),
        new FileSummary("a", "", null, List.of(), List.of()),
        new FileSummary("dir/é.java", "java", new byte[32], List.of(SymbolSummary.of("x", "fn", 0, 0)), List.of()),
        new FileSummary("b", "go", null, List.of(new SymbolSummary("s", "k", List.of(), 0, 0, null, List.of(),
            new TreeMap<>())), List.of(new EdgeSummary(0, "t", "u"))),
        new FileSummary("c", "go", null, List.of(SymbolSummary.of("s", "k", 1, 1)),
            List.of(new EdgeSummary(0, "t", "u", new int[] {3, 1, 3}))));
    for (FileSummary summary : cases) {
      assertArrayEquals(ReferenceEncoder.encode(summary, 1), LooseObjectCodec.encode(summary), summary.toString());
    }
  }

  @Test
  void sameBytesForAnObjectOverAMegabyte() {
    List<SymbolSummary> symbols = new ArrayList<>();
    List<EdgeSummary> edges = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      symbols.add(SymbolSummary.of("pkg.Type" + i + "#méthode", "method", i + 1, i + 2));
      for (int j = 0; j < 20; j++) {
        edges.add(new EdgeSummary(i, j % 2 == 0 ? "calls" : "références", "target.名前." + (i * 31 + j)));
      }
    }
    FileSummary big = new FileSummary("big/File.java", "java", null, symbols, edges);
    byte[] expected = ReferenceEncoder.encode(big, 1);
    assertEquals(true, expected.length > 1 << 20);
    assertArrayEquals(expected, LooseObjectCodec.encode(big));
    FileSummary small = new FileSummary("small", "java", null, List.of(SymbolSummary.of("s", "k", 1, 2)), List.of());
    assertArrayEquals(ReferenceEncoder.encode(small, 1), LooseObjectCodec.encode(small), "after a large object");
  }

  @Test
  void anUnpairedSurrogateInThePathIsRefusedAsBefore() {
    FileSummary summary = new FileSummary("dir/a\ud800b", "java", null, List.of(), List.of());
    RuntimeException expected = assertThrows(RuntimeException.class, () -> ReferenceEncoder.encode(summary, 1));
    RuntimeException actual = assertThrows(RuntimeException.class, () -> LooseObjectCodec.encode(summary));
    assertEquals(expected.getClass(), actual.getClass());
    FileSummary next = new FileSummary("ok", "java", null, List.of(), List.of());
    assertArrayEquals(ReferenceEncoder.encode(next, 1), LooseObjectCodec.encode(next), "the writer is usable after it");
  }

  private static FileSummary randomSummary(Random random, int symbolCount) {
    List<SymbolSummary> symbols = new ArrayList<>();
    for (int i = 0; i < symbolCount; i++) {
      List<String> effects = new ArrayList<>();
      for (int k = random.nextInt(3); k > 0; k--) {
        effects.add(name(random));
      }
      List<Note> notes = new ArrayList<>();
      for (int k = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; k > 0; k--) {
        notes.add(new Note(name(random), random.nextBoolean() ? "" : name(random) + " " + name(random)));
      }
      TreeMap<String, String> metadata = new TreeMap<>();
      for (int k = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; k > 0; k--) {
        metadata.put(name(random), random.nextBoolean() ? "" : name(random));
      }
      int start = random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000);
      int end = start == 0 && random.nextBoolean() ? 0 : start + random.nextInt(100);
      symbols.add(new SymbolSummary(i + ":" + name(random), name(random), effects, start, end,
          random.nextInt(3) == 0 ? hash(random) : null, notes, metadata));
    }
    List<EdgeSummary> edges = new ArrayList<>();
    for (int k = random.nextInt(4 * symbolCount + 1); k > 0; k--) {
      int[] lines = null;
      if (random.nextInt(4) == 0) {
        lines = new int[1 + random.nextInt(5)];
        for (int j = 0; j < lines.length; j++) {
          lines[j] = 1 + random.nextInt(random.nextBoolean() ? 10 : Integer.MAX_VALUE - 1);
        }
      }
      edges.add(new EdgeSummary(random.nextInt(symbolCount), random.nextBoolean() ? "calls" : name(random),
          name(random), lines));
    }
    String language = random.nextInt(4) == 0 ? null : name(random);
    return new FileSummary("src/" + name(random).replace('\u007f', 'd').replace('\u0080', 'e') + "/F.java", language,
        random.nextBoolean() ? hash(random) : null, symbols, edges);
  }

  private static String name(Random random) {
    StringBuilder b = new StringBuilder();
    for (int k = 1 + random.nextInt(4); k > 0; k--) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static byte[] hash(Random random) {
    byte[] hash = new byte[32];
    random.nextBytes(hash);
    return hash;
  }
}
