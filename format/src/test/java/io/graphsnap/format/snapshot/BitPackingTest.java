package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BitPacking}: every width from 0 to {@link BitPacking#MAX_WIDTH} round-trips at every bit offset within a
 * word (so fields straddle words and bytes), the area has the documented length (one zero word past the last), and
 * a value wider than its field is refused. Also the packed node records of {@link PackedNodeFormat} round-trip at the
 * edges: no node, one node, widths of 0 and 33 bits, lines at the int extremes.
 */
class BitPackingTest {
  @Test
  void everyWidthRoundTripsAtEveryOffset() throws Exception {
    Random r = new Random(1);
    for (int width = 0; width <= BitPacking.MAX_WIDTH; width++) {
      for (int lead = 0; lead < 64; lead++) {
        long[] values = new long[5];
        for (int i = 0; i < values.length; i++) {
          values[i] = i == 0 ? BitPacking.mask(width) : r.nextLong() & BitPacking.mask(width); // the largest first
        }
        final int w = width;
        final int l = lead;
        byte[] bytes = SectionSink.Bytes.of(out -> {
          BitPacking.Writer writer = new BitPacking.Writer(out);
          for (int i = 0; i < l; i++) {
            writer.add(1 - (i & 1), 1); // 0x5555... in the lead bits
          }
          for (long v : values) {
            writer.add(v, w);
          }
          assertEquals(l + 5L * w, writer.bits());
          writer.finish();
        });
        assertEquals(BitPacking.areaBytes(lead + 5L * width), bytes.length, "width " + width + " lead " + lead);
        MemorySegment s = MemorySegment.ofArray(bytes);
        for (int i = 0; i < values.length; i++) {
          assertEquals(values[i], BitPacking.get(s, 0, lead + (long) i * width, width), "width " + width + " lead "
              + lead + " value " + i);
        }
        int checked = Math.min(lead, BitPacking.MAX_WIDTH);
        assertEquals(BitPacking.mask(checked) & 0x5555_5555_5555_5555L, BitPacking.get(s, 0, 0, checked));
        assertEquals(0, s.get(LittleEndian.LONG, bytes.length - 8), "the trailing word is zero");
      }
    }
  }

  @Test
  void widthsAndRefusals() {
    assertEquals(0, BitPacking.widthFor(0));
    assertEquals(1, BitPacking.widthFor(1));
    assertEquals(31, BitPacking.widthFor(Integer.MAX_VALUE));
    assertEquals(33, BitPacking.widthFor((1L << 33) - 2));
    assertEquals(8, BitPacking.areaBytes(0));
    assertEquals(16, BitPacking.areaBytes(64));
    assertEquals(24, BitPacking.areaBytes(65));
    assertThrows(IllegalArgumentException.class, () -> BitPacking.widthFor(-1));
    assertThrows(IllegalArgumentException.class, () -> SectionSink.Bytes.of(out -> new BitPacking.Writer(out).add(4, 2)));
    assertThrows(IllegalArgumentException.class, () -> SectionSink.Bytes.of(out -> new BitPacking.Writer(out).add(-1,
        BitPacking.MAX_WIDTH)));
  }

  @Test
  void nodeRecordsRoundTripAtTheEdges() throws Exception {
    int[][][] cases = {
      {{}, {}, {}, {}, {}},
      {{-1}, {0}, {0}, {0}, {1}},
      {{5}, {Integer.MAX_VALUE}, {Integer.MIN_VALUE}, {65_534}, {2}},
      {{-1, 0, 99_999}, {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 0, Integer.MIN_VALUE}, {0, 3, 1},
          {1, 0, 2}},
    };
    for (int[][] c : cases) {
      int n = c[0].length;
      byte[] bytes = SectionSink.Bytes.of(out -> PackedNodeFormat.write(out, n, c[0], c[1], c[2], c[3], c[4]));
      MemorySegment s = MemorySegment.ofArray(bytes);
      PackedNodeFormat.Header h = PackedNodeFormat.header(s);
      assertEquals(PackedNodeFormat.sectionBytes(n, h.recordBits()), bytes.length);
      PackedNodeFormat.Fields f = new PackedNodeFormat.Fields(s, h);
      for (int v = 0; v < n; v++) {
        assertEquals(c[0][v], f.fileId(v));
        assertEquals(c[1][v], f.lineStart(v));
        assertEquals(c[2][v], f.lineEnd(v));
        assertEquals(c[3][v], f.kindId(v));
        assertEquals(c[4][v], f.flags(v));
      }
      if (n == 3) {
        assertEquals(17, h.fileBits()); // 100,000 files and none
        assertEquals(32, h.startBits());
        assertEquals(33, h.spanBits()); // spans from -(2^32 - 1) to 2^32 - 1
      }
      if (n == 1 && c[0][0] == -1) {
        assertEquals(0, h.recordBits() - PackedNodeFormat.FLAG_BITS, "one external node: only its flags take bits");
      }
    }
    assertThrows(IllegalArgumentException.class, () -> SectionSink.Bytes.of(out -> PackedNodeFormat.write(out, 1,
        new int[] {0}, new int[] {0}, new int[] {0}, new int[] {0}, new int[] {4})), "an unknown flag");
  }
}
