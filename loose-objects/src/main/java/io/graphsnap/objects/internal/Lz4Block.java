package io.graphsnap.objects.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The LZ4 block format (lz4's {@code lz4_Block_format.md}), as packs store their objects ({@link PackFormat}):
 * sequences of a token, literals and a back-reference of at least 4 bytes within the last 65,535, the last 5 bytes
 * always literals. No frame, no checksum (a pack checks each object against its SHA-256 id after decompressing),
 * and the decompressed length is stored beside the block, so the decompressor allocates exactly that and no more.
 *
 * <p>The compressor is lz4's fast greedy one (a hash table of 4-byte sequences, no chains): about what lz4's level 1
 * achieves, 2.4× on the synthetic corpus's objects. The table has 65,536 entries where lz4 has 4,096 (sized for a
 * 32 KiB first-level cache): on objects of about 8 KiB, each of whose positions the greedy search hashes, the small
 * table's collisions cost more than the larger table's cache misses (21 % less time an object in {@code
 * bench/results/huge-progress.md} section 18, and 0.2 % smaller blocks). The decompressor checks every length and offset
 * against both buffers, so hostile blocks give {@code null}, never an exception, an out-of-proportion allocation or
 * a loop that does not end: O(compressed + decompressed length).
 *
 * <p>Thread-safe. Each thread keeps one scratch table and output buffer for {@link #compress(byte[], int)} (256
 * KiB, plus the output buffer while it is at most {@value #MAX_KEPT_OUTPUT} bytes), so that a call allocates only the
 * block it returns: the table is never cleared, because each call's positions are stored above the last call's
 * (below, an entry is "none"), and it is zeroed once per 2 GiB compressed.
 */
public final class Lz4Block {
  private static final int MIN_MATCH = 4;
  /** The last 5 bytes of a block are literals. */
  private static final int LAST_LITERALS = 5;
  /** A match starts at least 12 bytes before the end of the block. */
  private static final int MF_LIMIT = 12;
  private static final int MAX_OFFSET = 65_535;
  private static final int HASH_LOG = 16;
  /** Misses before the search step grows by one (lz4's skip trigger): incompressible input costs little. */
  private static final int SKIP_TRIGGER = 6;
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** The largest output buffer a thread keeps between calls; a longer input gets a buffer of its own. */
  private static final int MAX_KEPT_OUTPUT = 1 << 20;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Lz4Block() {}

  /** The largest block {@link #compress} can write for {@code length} input bytes. */
  public static int maxCompressedLength(int length) {
    return length + length / 255 + 16;
  }

  /**
   * Compresses {@code src[0, length)}; returns the block, or null if it would not be shorter than the input (the
   * caller then stores the input as it is). O(length).
   */
  public static byte[] compress(byte[] src, int length) {
    Scratch scratch = SCRATCH.get();
    int bound = maxCompressedLength(length);
    byte[] dst = bound <= scratch.output.length ? scratch.output : new byte[bound];
    if (bound > scratch.output.length && bound <= MAX_KEPT_OUTPUT) {
      scratch.output = dst;
    }
    int written = compress(src, length, dst, scratch);
    return written < length ? Arrays.copyOf(dst, written) : null;
  }

  /** Compresses {@code src[0, length)} into {@code dst} (at least {@link #maxCompressedLength}); returns its length. */
  static int compress(byte[] src, int length, byte[] dst) {
    return compress(src, length, dst, new Scratch());
  }

  private static int compress(byte[] src, int length, byte[] dst, Scratch scratch) {
    int op = 0;
    int anchor = 0;
    if (length >= MF_LIMIT + 1) {
      int[] table = scratch.table; // base + position + 1 of the last 4-byte sequence of each hash; <= base: none
      if (scratch.base > Integer.MAX_VALUE - length) {
        Arrays.fill(table, 0);
        scratch.base = 0;
      }
      int base = scratch.base;
      scratch.base = base + length; // every entry this call stores is at most base + length
      int matchLimit = length - LAST_LITERALS;
      int lastStart = length - MF_LIMIT;
      int ip = 0;
      int misses = 1 << SKIP_TRIGGER;
      while (ip < lastStart) {
        int sequence = intAt(src, ip);
        int h = hash(sequence);
        int ref = table[h] - base - 1; // negative: none (or a position of an earlier call)
        table[h] = base + ip + 1;
        if (ref < 0 || ip - ref > MAX_OFFSET || intAt(src, ref) != sequence) {
          ip += misses++ >>> SKIP_TRIGGER;
          continue;
        }
        misses = 1 << SKIP_TRIGGER;
        while (ip > anchor && ref > 0 && src[ip - 1] == src[ref - 1]) { // extend backwards into the literals
          ip--;
          ref--;
        }
        int matchLength = MIN_MATCH + commonLength(src, ref + MIN_MATCH, ip + MIN_MATCH, matchLimit);
        op = sequence(src, anchor, ip - anchor, dst, op, ip - ref, matchLength);
        ip += matchLength;
        anchor = ip;
        if (ip - 2 < lastStart) {
          table[hash(intAt(src, ip - 2))] = base + ip - 2 + 1;
        }
      }
    }
    return lastLiterals(src, anchor, length - anchor, dst, op);
  }

  /**
   * Decompresses {@code block[from, from + blockLength)} into a new array of exactly {@code rawLength} bytes, or
   * returns null if the block is malformed or does not decompress to exactly that length. O(block + rawLength).
   */
  public static byte[] decompress(byte[] block, int from, int blockLength, int rawLength) {
    if (from < 0 || blockLength < 0 || rawLength < 0 || from > block.length - blockLength) {
      return null;
    }
    byte[] out = new byte[rawLength];
    int ip = from;
    int end = from + blockLength;
    int op = 0;
    while (true) {
      if (ip >= end) {
        return null;
      }
      int token = block[ip++] & 0xFF;
      int literals = token >>> 4;
      if (literals == 15) {
        int b;
        do {
          if (ip >= end) {
            return null;
          }
          b = block[ip++] & 0xFF;
          literals += b;
          if (literals > rawLength) {
            return null;
          }
        } while (b == 255);
      }
      if (literals > rawLength - op || literals > end - ip) {
        return null;
      }
      System.arraycopy(block, ip, out, op, literals);
      ip += literals;
      op += literals;
      if (ip == end) {
        return op == rawLength ? out : null; // the last sequence: literals only
      }
      if (end - ip < 2) {
        return null;
      }
      int offset = (block[ip] & 0xFF) | (block[ip + 1] & 0xFF) << 8;
      ip += 2;
      if (offset == 0 || offset > op) {
        return null;
      }
      int matchLength = token & 15;
      if (matchLength == 15) {
        int b;
        do {
          if (ip >= end) {
            return null;
          }
          b = block[ip++] & 0xFF;
          matchLength += b;
          if (matchLength > rawLength) {
            return null;
          }
        } while (b == 255);
      }
      matchLength += MIN_MATCH;
      if (matchLength > rawLength - op) {
        return null;
      }
      int ref = op - offset;
      if (offset >= matchLength) {
        System.arraycopy(out, ref, out, op, matchLength);
        op += matchLength;
      } else {
        for (int k = 0; k < matchLength; k++) { // overlapping: a repeat of the last offset bytes
          out[op++] = out[ref + k];
        }
      }
    }
  }

  /** A thread's hash table (entries above {@code base} belong to the current call) and output buffer. */
  private static final class Scratch {
    final int[] table = new int[1 << HASH_LOG];
    int base;
    byte[] output = new byte[0];
  }

  private static int sequence(byte[] src, int from, int literals, byte[] dst, int op, int offset, int matchLength) {
    int extra = matchLength - MIN_MATCH;
    dst[op++] = (byte) (Math.min(literals, 15) << 4 | Math.min(extra, 15));
    op = length(literals, dst, op);
    System.arraycopy(src, from, dst, op, literals);
    op += literals;
    dst[op++] = (byte) offset;
    dst[op++] = (byte) (offset >>> 8);
    return length(extra, dst, op);
  }

  private static int lastLiterals(byte[] src, int from, int literals, byte[] dst, int op) {
    dst[op++] = (byte) (Math.min(literals, 15) << 4);
    op = length(literals, dst, op);
    System.arraycopy(src, from, dst, op, literals);
    return op + literals;
  }

  /** The bytes after a token for a length field of 15 or more: 255s, then the rest. */
  private static int length(int value, byte[] dst, int op) {
    if (value < 15) {
      return op;
    }
    int rest = value - 15;
    while (rest >= 255) {
      dst[op++] = (byte) 255;
      rest -= 255;
    }
    dst[op++] = (byte) rest;
    return op;
  }

  /** The number of equal bytes at {@code ref} and {@code ip} ({@code ref < ip}), not reaching {@code limit}. */
  private static int commonLength(byte[] src, int ref, int ip, int limit) {
    int start = ip;
    while (ip <= limit - Long.BYTES) {
      long diff = (long) LONG.get(src, ip) ^ (long) LONG.get(src, ref);
      if (diff != 0) {
        return ip - start + (Long.numberOfTrailingZeros(diff) >>> 3);
      }
      ip += Long.BYTES;
      ref += Long.BYTES;
    }
    while (ip < limit && src[ref] == src[ip]) {
      ip++;
      ref++;
    }
    return ip - start;
  }

  private static int intAt(byte[] b, int i) {
    return (int) INT.get(b, i);
  }

  private static int hash(int sequence) {
    return (sequence * -1640531535) >>> (32 - HASH_LOG);
  }
}
