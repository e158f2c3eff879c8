package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.SymbolSummary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/**
 * The packs' LZ4 blocks: round trips at every edge of the format's rules, blocks exchanged with the reference lz4
 * library (lz4-java's pure-Java codec, on the class path through MapDB) in both directions, and hostile blocks that
 * give null, never an exception or an array of another length.
 */
class Lz4BlockTest {
  private static final LZ4Factory REFERENCE = LZ4Factory.safeInstance();

  private static List<byte[]> inputs() {
    Random random = new Random(42);
    List<byte[]> out = new ArrayList<>();
    for (int n : new int[] {0, 1, 4, 5, 11, 12, 13, 14, 15, 16, 19, 20, 64, 255, 256, 270, 1000, 65_535, 65_536,
        70_000, 300_000}) {
      byte[] zeros = new byte[n];
      out.add(zeros); // one long match: length fields of many 255s
      byte[] noise = new byte[n];
      random.nextBytes(noise);
      out.add(noise); // incompressible: literal runs of every length
      byte[] text = new byte[n];
      for (int i = 0; i < n; i++) {
        text[i] = (byte) "abcab_cabc.Type#m(".charAt((i * 7 + random.nextInt(3)) % 18);
      }
      out.add(text);
      byte[] far = new byte[n]; // repeats just within and just beyond the 65,535-byte window
      random.nextBytes(far);
      for (int i = 65_535; i + 100 < n; i += 65_536) {
        System.arraycopy(far, i - 65_535, far, i, 100);
      }
      out.add(far);
    }
    out.add(object());
    return out;
  }

  /** The encoded loose object of a file with a few hundred symbols and edges, like the corpora's. */
  private static byte[] object() {
    List<SymbolSummary> symbols = new ArrayList<>();
    List<EdgeSummary> edges = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "com.example.service.Handler" + (i % 7) + "#handle" + i + "(java.lang.String,int)";
      symbols.add(SymbolSummary.of(name, "method", i + 1, i + 2));
      edges.add(new EdgeSummary(i, "calls", "com.example.util.Strings#join" + (i % 5) + "(java.lang.String[])",
          new int[] {i + 1}));
    }
    FileSummary file = new FileSummary("com/example/service/Handler.java", "java", new byte[32], symbols, edges);
    return LooseObjectCodec.encode(file);
  }

  @Test
  void everyInputRoundTrips() {
    for (byte[] input : inputs()) {
      byte[] block = Lz4Block.compress(input, input.length);
      if (block == null) {
        continue; // not shorter: stored as it is
      }
      assertTrue(block.length < input.length);
      assertArrayEquals(input, Lz4Block.decompress(block, 0, block.length, input.length), "length " + input.length);
    }
  }

  @Test
  void aThreadsReusedTableGivesTheBlocksOfAFreshOne() {
    // compress(byte[], int) keeps its hash table between calls; positions of earlier inputs (the same bytes at other
    // places, longer and shorter inputs) must never be taken for matches: every block equals a fresh table's block
    List<byte[]> inputs = inputs();
    Random random = new Random(7);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < inputs.size(); i++) {
        byte[] input = inputs.get(random.nextInt(inputs.size()));
        byte[] fresh = new byte[Lz4Block.maxCompressedLength(input.length)];
        int freshLength = Lz4Block.compress(input, input.length, fresh);
        byte[] reused = Lz4Block.compress(input, input.length);
        byte[] expected = freshLength < input.length ? Arrays.copyOf(fresh, freshLength) : null;
        assertArrayEquals(expected, reused, "input of " + input.length + " bytes, round " + round);
      }
    }
  }

  @Test
  void aLooseObjectCompressesWell() {
    byte[] object = object();
    byte[] block = Lz4Block.compress(object, object.length);
    assertTrue(block != null && block.length * 3 < object.length, object.length + " → " + (block == null ? "-" : block.length));
  }

  @Test
  void blocksAreExchangedWithTheReferenceLibrary() {
    for (byte[] input : inputs()) {
      byte[] ours = new byte[Lz4Block.maxCompressedLength(input.length)];
      int oursLength = Lz4Block.compress(input, input.length, ours);
      byte[] decoded = new byte[input.length];
      int read = REFERENCE.safeDecompressor().decompress(ours, 0, oursLength, decoded, 0, input.length);
      assertEquals(input.length, read, "the reference decodes our block of " + input.length + " bytes");
      assertArrayEquals(input, decoded);

      byte[] theirs = new byte[REFERENCE.fastCompressor().maxCompressedLength(input.length)];
      int theirsLength = REFERENCE.fastCompressor().compress(input, 0, input.length, theirs, 0, theirs.length);
      assertArrayEquals(input, Lz4Block.decompress(theirs, 0, theirsLength, input.length),
          "we decode the reference's block of " + input.length + " bytes");
      byte[] high = new byte[REFERENCE.highCompressor().maxCompressedLength(input.length)];
      int highLength = REFERENCE.highCompressor().compress(input, 0, input.length, high, 0, high.length);
      assertArrayEquals(input, Lz4Block.decompress(high, 0, highLength, input.length), "and its high-compression block");
    }
  }

  @Test
  void hostileBlocksGiveNullOrTheStatedLength() {
    byte[] object = object();
    byte[] block = Lz4Block.compress(object, object.length);
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] damaged = block.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      int length = random.nextInt(4) == 0 ? random.nextInt(2 * object.length) : object.length;
      byte[] out = Lz4Block.decompress(damaged, 0, damaged.length - random.nextInt(3), length);
      assertTrue(out == null || out.length == length, "round " + round);
    }
    byte[] noise = new byte[5000];
    for (int round = 0; round < 2000; round++) {
      random.nextBytes(noise);
      byte[] out = Lz4Block.decompress(noise, 0, noise.length, 1 << 16);
      assertTrue(out == null || out.length == 1 << 16);
    }
  }

  @Test
  void malformedShapesAreRefused() {
    byte[] literal = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] good = {(byte) 0x50, 'h', 'e', 'l', 'l', 'o'};
    assertArrayEquals(literal, Lz4Block.decompress(good, 0, good.length, 5));
    assertNull(Lz4Block.decompress(good, 0, good.length, 6), "shorter than stated");
    assertNull(Lz4Block.decompress(good, 0, good.length, 4), "longer than stated");
    assertNull(Lz4Block.decompress(new byte[0], 0, 0, 0), "no token");
    assertNull(Lz4Block.decompress(new byte[] {(byte) 0x14, 'a', 0, 0}, 0, 4, 6), "offset 0");
    assertNull(Lz4Block.decompress(new byte[] {(byte) 0x14, 'a', 2, 0}, 0, 4, 6), "offset before the start");
    assertNull(Lz4Block.decompress(new byte[] {(byte) 0x14, 'a', 1}, 0, 3, 6), "offset cut off");
    byte[] manyLengthBytes = new byte[10_000]; // a literal length of 15 + 255 · 9,999: more than stated, stops early
    manyLengthBytes[0] = (byte) 0xF0;
    Arrays.fill(manyLengthBytes, 1, manyLengthBytes.length, (byte) 255);
    assertNull(Lz4Block.decompress(manyLengthBytes, 0, manyLengthBytes.length, 100));
    assertNull(Lz4Block.decompress(good, 3, good.length, 5), "out of the array");
    byte[] overlap = {(byte) 0x1F, 'x', 1, 0, 5, 0x00}; // 'x' then a match of 24 at offset 1: a run of x
    byte[] run = Lz4Block.decompress(overlap, 0, 6, 25);
    byte[] expected = new byte[25];
    Arrays.fill(expected, (byte) 'x');
    assertArrayEquals(expected, run);
  }
}
