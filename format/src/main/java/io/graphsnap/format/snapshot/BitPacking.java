package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.LONG;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Fixed-width bit fields packed into little-endian 64-bit words: the one encoding of the bit-packed sections of a
 * compact file from format version {@link SnapshotFormat#VERSION_PACKED_NODES} ({@link PackedNodeFormat},
 * {@link PackedFileSymbolsFormat}). The grammar of a packed area of {@code B} bits:
 *
 * <pre>
 * Packed --&gt; Word UInt64^⌈B / 64⌉, Zero UInt64      bit i is bit (i mod 64) of Word[i / 64]; bits from B on are zero
 * </pre>
 *
 * <ul>
 *   <li>A field of width w (in [0, {@link #MAX_WIDTH}]) at bit i is bits [i, i + w): low bit first. Width 0 holds
 *       only the value 0 and takes no bits.
 *   <li>The trailing zero word lets {@link #get} read any field with one unaligned 8-byte load at byte
 *       {@code i / 8} (w + 7 ≤ 64 bits), never past the area: so reads are O(1) and branch-free.
 * </ul>
 * Stateless and thread-safe; {@link Writer} is mutable and used once.
 */
public final class BitPacking {
  /** The widest field: 56 bits, so that a field and its bit offset within a byte fit one 64-bit load. */
  public static final int MAX_WIDTH = 56;

  private BitPacking() {}

  /** Bytes of a packed area of {@code bits} bits: 8·(⌈bits / 64⌉ + 1). */
  public static long areaBytes(long bits) {
    return 8 * ((bits + 63) / 64 + 1);
  }

  /** The width of the widest of values in [0, {@code max}]: 0 for 0, else the bits of {@code max}. */
  public static int widthFor(long max) {
    if (max < 0) {
      throw new IllegalArgumentException("max=" + max + " is negative");
    }
    return 64 - Long.numberOfLeadingZeros(max);
  }

  /** The mask of a field of {@code width} bits, {@code width} in [0, 63]: no branch (it is on every read). */
  public static long mask(int width) {
    return (1L << width) - 1;
  }

  /**
   * The field of {@code width} bits at bit {@code bit} of the area starting at byte {@code area} of {@code bytes};
   * unchecked (the caller checks that the field lies within the area).
   */
  public static long get(MemorySegment bytes, long area, long bit, int width) {
    return getMasked(bytes, area, bit, mask(width));
  }

  /** {@link #get(MemorySegment, long, long, int)} with the field's {@link #mask} computed once by the caller. */
  public static long getMasked(MemorySegment bytes, long area, long bit, long mask) {
    return (bytes.get(LONG, area + (bit >>> 3)) >>> (bit & 7)) & mask;
  }

  /** Writes a packed area field by field to a sink, low bit first. Mutable; used once. */
  public static final class Writer {
    private final SectionSink out;
    private long word;
    private int used;
    private long bits;

    /** A writer of one packed area to {@code out}. */
    public Writer(SectionSink out) {
      this.out = out;
    }

    /**
     * Appends {@code value} as a field of {@code width} bits.
     *
     * @throws IllegalArgumentException if the value is negative or does not fit the width
     */
    public void add(long value, int width) throws IOException {
      if (width < 0 || width > MAX_WIDTH || (value & ~mask(width)) != 0) {
        throw new IllegalArgumentException("value " + value + " does not fit " + width + " bits (at bit " + bits + ")");
      }
      bits += width;
      if (width == 0) {
        return;
      }
      word |= value << used;
      int room = 64 - used;
      if (width < room) {
        used += width;
        return;
      }
      out.putLong(word);
      word = width == room ? 0 : value >>> room;
      used = width - room;
    }

    /** Bits appended so far. */
    public long bits() {
      return bits;
    }

    /** Writes the last partial word, if any, and the trailing zero word: {@link #areaBytes}(bits) in all. */
    public void finish() throws IOException {
      if (used > 0) {
        out.putLong(word);
        word = 0;
        used = 0;
      }
      out.putLong(0);
    }
  }
}
