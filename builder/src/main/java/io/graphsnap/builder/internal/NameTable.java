package io.graphsnap.builder.internal;

import io.graphsnap.builder.BuildInputException;
import io.graphsnap.builder.BuildLimits;
import io.graphsnap.format.snapshot.SectionSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The names of a full build (symbols and edge targets), interned to dense provisional ids in arrival order and kept
 * as UTF-8 bytes in chunks (4 KiB, doubling up to 4 MiB), not as one {@code String} per name: about the name's bytes plus 12 bytes per name
 * (its address and length), and while interning an open-addressing table of 8–16 bytes per name and each name's
 * hash (4 bytes; a probe compares it before the bytes, a rehash reads it instead of the bytes; {@link #freeIndex}
 * drops both). {@link #sort} gives the final ids in code-point order (unsigned UTF-8 order). Mutable; not thread-safe.
 *
 * <p>{@link #intern} is O(length) expected; {@link #sort} a radix sort ({@link NameRadixSort}). A name is checked for
 * an unpaired surrogate (which {@link String#getBytes} would turn into {@code '?'}) only when its bytes hold a
 * {@code '?'}: otherwise they are its strict UTF-8.
 */
public final class NameTable implements CollectedNames {
  /** The largest chunk; the first is {@link #FIRST_CHUNK_BYTES} and each next one twice the last, up to this. */
  private static final int CHUNK_BYTES = 1 << 22;
  private static final int FIRST_CHUNK_BYTES = 1 << 12;

  private final String what;
  private byte[][] chunks = new byte[16][];
  private int chunkCount;
  /** Bytes used of the last chunk (its length when there is none, so that the first name starts one). */
  private int chunkUsed;
  private int chunkLength;
  /** Per id: chunk index (high 32 bits) and offset (low 32 bits). */
  private long[] address;
  private int[] length;
  /** Per id: its name's hash, while interning (null once the index is freed). */
  private int[] hashes;
  private int size;
  /** Open addressing: id + 1 per slot, 0 for empty; null once freed. */
  private int[] slots;

  /**
   * An empty table.
   *
   * @param what what the names are, for messages ({@code "symbol name"})
   * @param expected expected number of distinct names (a sizing hint)
   */
  public NameTable(String what, int expected) {
    this.what = what;
    int capacity = Math.max(16, expected);
    this.address = new long[capacity];
    this.length = new int[capacity];
    this.hashes = new int[capacity];
    this.slots = new int[Integer.highestOneBit(Math.max(8, capacity) - 1) << 2];
  }

  /**
   * Returns the provisional id of {@code s}, adding it if new.
   *
   * @param context where the name was found, for messages (a file path)
   * @throws BuildInputException if {@code s} is not valid UTF-8 or the table is full
   */
  public int intern(String s, String context) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (hasQuestionMark(utf8)) {
      // The encoder writes '?' for an unpaired surrogate: such a name must be refused, never merged with "…?…".
      Utf8.length(s, what + " in " + context);
    }
    // No '?': no unpaired surrogate, so the bytes are the name's strict UTF-8 (a new name needs no other check).
    int mask = slots.length - 1;
    int h = hash(utf8, 0, utf8.length);
    int i = h & mask;
    for (int slot = slots[i]; slot != 0; slot = slots[i]) {
      // The hash first: a probe that meets another name reads one int, not its address, length and bytes.
      if (hashes[slot - 1] == h && equals(slot - 1, utf8)) {
        return slot - 1;
      }
      i = (i + 1) & mask;
    }
    if (size == BuildLimits.MAX_NAMES) {
      throw new BuildInputException("more than " + BuildLimits.MAX_NAMES + " distinct " + what
          + "s: a snapshot's ids are 32-bit and its tables are Java arrays");
    }
    int id = add(utf8, h);
    slots[i] = id + 1;
    if (2L * size > slots.length) {
      rehash();
    }
    return id;
  }

  private int add(byte[] utf8, int h) {
    if (size == address.length) {
      int grown = (int) Math.min(BuildLimits.MAX_NAMES, Math.max(16, (long) size + (size >> 1)));
      address = Arrays.copyOf(address, grown);
      length = Arrays.copyOf(length, grown);
      hashes = Arrays.copyOf(hashes, grown);
    }
    hashes[size] = h;
    int n = utf8.length;
    if (n > chunkLength - chunkUsed) {
      if (chunkCount == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      int next = chunkCount == 0 ? FIRST_CHUNK_BYTES : Math.min(CHUNK_BYTES, 2 * chunks[chunkCount - 1].length);
      chunkLength = Math.max(next, n);
      chunks[chunkCount++] = new byte[chunkLength];
      chunkUsed = 0;
    }
    int chunk = chunkCount - 1;
    System.arraycopy(utf8, 0, chunks[chunk], chunkUsed, n);
    address[size] = (long) chunk << 32 | chunkUsed;
    length[size] = n;
    chunkUsed += n;
    return size++;
  }

  private void rehash() {
    int[] grown = new int[slots.length * 2];
    int mask = grown.length - 1;
    for (int id = 0; id < size; id++) {
      int i = hashes[id] & mask;
      while (grown[i] != 0) {
        i = (i + 1) & mask;
      }
      grown[i] = id + 1;
    }
    slots = grown;
  }

  private boolean equals(int id, byte[] utf8) {
    int off = offset(id);
    return length[id] == utf8.length && Arrays.equals(chunk(id), off, off + utf8.length, utf8, 0, utf8.length);
  }

  private static boolean hasQuestionMark(byte[] utf8) {
    for (byte b : utf8) {
      if (b == '?') {
        return true;
      }
    }
    return false;
  }

  private static int hash(byte[] b, int from, int n) {
    int h = 0x9E3779B9 ^ n;
    for (int i = from, end = from + n; i < end; i++) {
      h = 31 * h + b[i];
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /** The chunk holding {@code id}'s name. */
  byte[] chunk(int id) {
    return chunks[(int) (address[id] >>> 32)];
  }

  /** Where {@code id}'s name starts in its {@link #chunk}. */
  int offset(int id) {
    return (int) address[id];
  }

  /** The UTF-8 length of {@code id}'s name. */
  int length(int id) {
    return length[id];
  }

  /**
   * The heap this table holds: its chunks, the address and length columns and the hash table. What a build under a
   * memory cap compares with its share, to spill the table as a run ({@link NameRuns}).
   */
  public long heapBytes() {
    long bytes = 12L * address.length + (slots == null ? 0 : 4L * slots.length + 4L * hashes.length);
    for (int i = 0; i < chunkCount; i++) {
      bytes += chunks[i].length;
    }
    return bytes;
  }

  /** Number of distinct names interned. */
  @Override
  public int size() {
    return size;
  }

  /** The name of provisional id {@code id}. */
  public String get(int id) {
    return new String(chunk(id), offset(id), length[id], StandardCharsets.UTF_8);
  }

  @Override
  public String[] names(int[] ids) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = get(ids[i]);
    }
    return out;
  }

  /** Releases the hash table; {@link #intern} must not be called afterwards ({@link #get} still works). */
  public void freeIndex() {
    slots = null;
    hashes = null;
    address = Arrays.copyOf(address, size);
    length = Arrays.copyOf(length, size);
  }

  /**
   * Sorts the provisional ids that {@code used} accepts by unsigned UTF-8 order (code-point order).
   *
   * @return the final table: the sorted names over this table, and the provisional → final map (-1 for unused)
   */
  @Override
  public Sorted sort(IntPredicate used) {
    int[] order = new int[size];
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (used.test(i)) {
        order[count++] = i;
      }
    }
    order = Arrays.copyOf(order, count);
    NameRadixSort.sort(this, order);
    int[] remap = new int[size];
    Arrays.fill(remap, -1);
    for (int rank = 0; rank < count; rank++) {
      remap[order[rank]] = rank;
    }
    return new Sorted(this, order, remap);
  }

  /**
   * The final names: final id {@code v} is provisional id {@code order[v]}. Reads the table's bytes (which must
   * outlive it); immutable.
   *
   * @param table the names' bytes
   * @param order final id → provisional id
   * @param remap provisional id → final id, or -1 if unused
   */
  public record Sorted(NameTable table, int[] order, int[] remap) implements NodeNames {
    /** Number of final ids. */
    @Override
    public int size() {
      return order.length;
    }

    @Override
    public Cursor cursor() {
      return new Cursor() {
        int v = -1;
        int p;

        @Override
        public boolean next() {
          if (v + 1 >= order.length) {
            v = order.length;
            return false;
          }
          p = order[++v];
          return true;
        }

        @Override
        public byte[] bytes() {
          return table.chunk(p);
        }

        @Override
        public int offset() {
          return table.offset(p);
        }

        @Override
        public int length() {
          return table.length[p];
        }

        @Override
        public void close() {}
      };
    }

    /** The name of final id {@code v}. */
    public String get(int v) {
      return table.get(order[v]);
    }

    /** The UTF-8 length of final id {@code v}'s name. */
    public int utf8Length(int v) {
      return table.length[order[v]];
    }

    /** A copy of final id {@code v}'s name in UTF-8. */
    public byte[] utf8(int v) {
      int p = order[v];
      int off = table.offset(p);
      return Arrays.copyOfRange(table.chunk(p), off, off + table.length[p]);
    }

    /** Writes final id {@code v}'s UTF-8 bytes to {@code out}. */
    public void write(int v, SectionSink out) throws IOException {
      int p = order[v];
      out.put(table.chunk(p), table.offset(p), table.length[p]);
    }

    /** Passes final id {@code v}'s bytes to {@code consumer} without copying them. */
    public void visit(int v, BytesConsumer consumer) {
      int p = order[v];
      consumer.accept(table.chunk(p), table.offset(p), table.length[p]);
    }
  }

  /** Receives a name's UTF-8 bytes as a slice of a larger array. */
  @FunctionalInterface
  public interface BytesConsumer {
    /** Receives {@code bytes[offset, offset + length)}; must not keep or modify them. */
    void accept(byte[] bytes, int offset, int length);
  }
}
