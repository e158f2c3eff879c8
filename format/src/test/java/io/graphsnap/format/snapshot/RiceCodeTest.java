package io.graphsnap.format.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RiceCode}: what the writer writes is what the grammar says (read back bit by bit by a reader written from
 * the grammar, not from the decoder), {@link RiceCode#bits} is the length written, escapes start exactly at the
 * quotient {@value RiceCode#ESCAPE}, and {@link RiceCode#chooseK} is the cheapest of its candidates.
 */
class RiceCodeTest {
  /** Reads bits low bit first, one at a time. */
  private static final class Bits {
    private final byte[] in;
    private long at;

    Bits(byte[] in) {
      this.in = in;
    }

    int bit() {
      int b = (in[(int) (at >>> 3)] >>> (at & 7)) & 1;
      at++;
      return b;
    }

    long bits(int width) {
      long v = 0;
      for (int i = 0; i < width; i++) {
        v |= (long) bit() << i;
      }
      return v;
    }

    long rice(int k) {
      int zeros = 0;
      while (bit() == 0) {
        zeros++;
      }
      assertTrue(zeros <= RiceCode.ESCAPE, "zeros " + zeros);
      return zeros == RiceCode.ESCAPE ? bits(RiceCode.RAW_BITS) : ((long) zeros << k) | bits(k);
    }
  }

  @Test
  void valuesReadBackAsTheGrammarSays() {
    Random r = new Random(3);
    long[] values = new long[5000];
    int[] ks = new int[values.length];
    RiceCode.BitWriter w = new RiceCode.BitWriter();
    long total = 0;
    for (int i = 0; i < values.length; i++) {
      ks[i] = r.nextInt(RiceCode.MAX_K + 1);
      long v = switch (r.nextInt(4)) {
        case 0 -> r.nextInt(1 << Math.min(30, ks[i] + 5)); // around the parameter
        case 1 -> 0xFFFF_FFFFL - r.nextInt(3); // the largest values
        case 2 -> ((long) (RiceCode.ESCAPE - r.nextInt(2)) << ks[i]) + r.nextInt(2); // at the escape's edge
        default -> r.nextLong() >>> 32;
      };
      values[i] = Math.min(v, 0xFFFF_FFFFL);
      w.putRice(values[i], ks[i]);
      total += RiceCode.bits(values[i], ks[i]);
      assertEquals((values[i] >>> ks[i]) >= RiceCode.ESCAPE, RiceCode.bits(values[i], ks[i]) == RiceCode.MAX_CODE_BITS,
          "escaped exactly from the quotient " + RiceCode.ESCAPE + " on");
    }
    int bytes = w.finish();
    assertEquals((total + 7) / 8, bytes);
    Bits in = new Bits(java.util.Arrays.copyOf(w.bytes(), bytes));
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], in.rice(ks[i]), "value " + i);
    }
    assertEquals(total, in.at);
    while (in.at < 8L * bytes) {
      assertEquals(0, in.bit(), "padding");
    }
  }

  @Test
  void theParameterIsTheCheapestCandidate() {
    Random r = new Random(4);
    for (int trial = 0; trial < 2000; trial++) {
      int count = 1 + r.nextInt(40);
      long[] values = new long[count];
      int scale = r.nextInt(32);
      for (int i = 0; i < count; i++) {
        values[i] = r.nextInt(8) == 0 ? r.nextLong() >>> 32 : (r.nextLong() >>> 32) >>> (31 - scale);
      }
      int k = RiceCode.chooseK(values, count);
      long sum = 0;
      for (long v : values) {
        sum += v;
      }
      long mean = sum / count;
      int log = mean == 0 ? 0 : 63 - Long.numberOfLeadingZeros(mean);
      assertTrue(k >= Math.max(0, log - 3) && k <= Math.min(RiceCode.MAX_K, log + 1), "k " + k + " log " + log);
      for (int c = Math.max(0, log - 3); c <= Math.min(RiceCode.MAX_K, log + 1); c++) {
        long chosen = 0;
        long other = 0;
        for (long v : values) {
          chosen += RiceCode.bits(v, k);
          other += RiceCode.bits(v, c);
        }
        assertTrue(chosen < other || (chosen == other && k <= c), "k " + k + " vs " + c);
      }
    }
  }
}
