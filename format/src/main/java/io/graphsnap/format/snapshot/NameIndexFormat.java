package io.graphsnap.format.snapshot;

import static io.graphsnap.format.snapshot.LittleEndian.INT;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The name index ({@link SectionId#NAME_INDEX}, since format version {@link SnapshotFormat#VERSION_NAME_INDEX}):
 * an open-addressing hash table, linear probing, from a node's name to its id. The grammar:
 *
 * <pre>
 * NameIndex --&gt; SlotCount UInt32, Zero UInt32, Slots Int32^SlotCount
 * Slot      --&gt; -1 (empty) | Fingerprint &lt;&lt; IdBits | NodeId      (never negative when not empty)
 * </pre>
 *
 * The rule, exact so that any writer gives the same bytes ({@code N} is the node count of NODE_NAMES):
 * <ul>
 *   <li>{@link #slotCount SlotCount} = ⌈4·N / 3⌉ = {@code (4·N + 2) / 3} in integer arithmetic: the smallest
 *       integer ≥ N / 0.75 (a load factor of at most 0.75; not a power of two). Zero when N = 0. The section is
 *       {@code 8 + 4·SlotCount} bytes, about 5.33 bytes per node.
 *   <li>{@code h} = XXH64 with seed {@value #HASH_SEED} of the name's UTF-8 bytes (the bloom module's
 *       {@code BloomHash.hash64(byte[])}, the same hash the default Bloom filter computes per name).
 *   <li>{@link #homeSlot Home slot} = {@code ((h >>> 32) · SlotCount) >>> 32} as an unsigned 64-bit product
 *       (Lemire's fastrange of the high 32 bits), in [0, SlotCount).
 *   <li>{@link #idBits IdBits} = the bits of the largest id, {@code max(1, 32 − numberOfLeadingZeros(N − 1))};
 *       the remaining {@code 31 − IdBits} bits of a slot hold the {@link #fingerprint Fingerprint}: the low
 *       {@code 31 − IdBits} bits of {@code h} (10 bits at N = 1.2 M; none at N &gt; 2^30). A probe compares the
 *       fingerprint before it reads a name, so a lookup compares about one name, and a miss usually none.
 *   <li>Ids are inserted in increasing order 0 … N−1, each into the first empty slot at or after its home
 *       slot, wrapping from SlotCount − 1 to 0. The layout depends only on the names in id order, so a full
 *       and an incremental build give identical bytes.
 * </ul>
 *
 * <h2>Packed slots (compact files from format version {@link SnapshotFormat#VERSION_PACKED_NODES})</h2>
 *
 * A file whose per-node sections are packed ({@link PackedNodeFormat#packed}) stores the same table with slots of
 * {@link Coding#packed SlotBits} bits instead of 32:
 *
 * <pre>
 * NameIndex --&gt; SlotCount UInt32, Zero UInt32, Slots             Slots: {@link BitPacking Packed} of SlotCount·SlotBits bits
 * Slot      --&gt; all ones (empty) | Fingerprint &lt;&lt; IdBits | NodeId
 * </pre>
 * with IdBits = {@link BitPacking#widthFor}(N) (so an id is never all ones), FingerprintBits = min({@value
 * #PACKED_FINGERPRINT_BITS}, 32 − IdBits), SlotBits = IdBits + FingerprintBits: 26 bits at N = 1.2 M instead of 32.
 * SlotCount, the hash, the home slot and the insertion order are as above, so a slot holds the same node in both
 * encodings. The shorter fingerprint costs a name comparison per 32 slots probed, about 0.05 a hit at load 0.75.
 *
 * <p>A lookup walks from the home slot until the name matches or an empty slot; it stops after SlotCount
 * slots whatever the bytes (a hostile file may have no empty slot). Stateless and thread-safe.
 */
public final class NameIndexFormat {
  /** Offset of SlotCount. */
  public static final int SLOT_COUNT = 0;
  /** Offset of the reserved zero field. */
  public static final int ZERO = 4;
  /** Bytes before the slots: SlotCount and Zero. */
  public static final int HEADER_BYTES = 8;
  /** Bytes of one slot. */
  public static final int SLOT_BYTES = 4;
  /** The value of an empty slot. */
  public static final int EMPTY = -1;
  /** The XXH64 seed of the index's hash. */
  public static final long HASH_SEED = 0L;

  /** The largest fingerprint of a packed slot. */
  public static final int PACKED_FINGERPRINT_BITS = 5;

  private NameIndexFormat() {}

  /**
   * How slots encode a node and its fingerprint: the fixed Int32 slots or the packed ones. Values are held in an
   * {@code int} either way ({@link NameIndexFormat#EMPTY}, −1, in memory for both); {@link #read} and {@link #write} map them to the
   * stored bits. Immutable.
   *
   * @param packed whether slots are packed ({@link BitPacking}) rather than Int32
   * @param idBits bits of the id
   * @param fingerprintBits bits of the fingerprint above the id
   */
  public record Coding(boolean packed, int idBits, int fingerprintBits) {
    /** The fixed coding for {@code nodeCount} nodes: {@link #idBits(int)}, 31 − IdBits fingerprint bits. */
    public static Coding fixed(int nodeCount) {
      int idBits = NameIndexFormat.idBits(nodeCount);
      return new Coding(false, idBits, 31 - idBits);
    }

    /** The packed coding for {@code nodeCount} nodes, as the class documentation says. */
    public static Coding packed(int nodeCount) {
      int idBits = Math.max(1, BitPacking.widthFor(nodeCount));
      return new Coding(true, idBits, Math.min(PACKED_FINGERPRINT_BITS, 32 - idBits));
    }

    /** The coding of a file: {@link #packed(int)} if its per-node sections are packed, else {@link #fixed(int)}. */
    public static Coding of(boolean packed, int nodeCount) {
      return packed ? packed(nodeCount) : fixed(nodeCount);
    }

    /** Bits a non-empty slot's value may use. */
    public int valueBits() {
      return idBits + fingerprintBits;
    }

    /** The fingerprint of hash {@code h}: its low FingerprintBits bits. */
    public int fingerprint(long h) {
      return (int) h & (int) BitPacking.mask(fingerprintBits);
    }

    /** The slot value that stores node {@code id}, whose name hashes to {@code h}. */
    public int value(int id, long h) {
      return (fingerprint(h) << idBits) | id;
    }

    /** The section's exact length for {@code nodeCount} nodes. */
    public long sectionBytes(int nodeCount) {
      long slots = slotCount(nodeCount);
      return packed ? HEADER_BYTES + BitPacking.areaBytes(slots * valueBits()) : NameIndexFormat.sectionBytes(nodeCount);
    }

    /** Slot {@code slot}'s value, −1 when empty; unchecked. */
    public int read(MemorySegment index, long slot) {
      if (!packed) {
        return NameIndexFormat.slot(index, slot);
      }
      int width = valueBits();
      long v = BitPacking.get(index, HEADER_BYTES, slot * width, width);
      return v == BitPacking.mask(width) ? EMPTY : (int) v;
    }

    /** Offset of the byte holding slot {@code slot}'s first bit, for messages. */
    public long slotOffset(long slot) {
      return packed ? HEADER_BYTES + (slot * valueBits() >>> 3) : NameIndexFormat.slotOffset(slot);
    }

    /** Writes the section: SlotCount, Zero, {@code slots[0, slotCount)} (in-memory values) in this coding. */
    public void write(SectionSink out, int[] slots, int slotCount) throws IOException {
      if (!packed) {
        NameIndexFormat.write(out, slots, slotCount);
        return;
      }
      out.putInt(slotCount);
      out.putInt(0);
      int width = valueBits();
      long empty = BitPacking.mask(width);
      BitPacking.Writer packed = new BitPacking.Writer(out);
      for (int i = 0; i < slotCount; i++) {
        packed.add(slots[i] == EMPTY ? empty : Integer.toUnsignedLong(slots[i]), width);
      }
      packed.finish();
    }
  }

  /**
   * SlotCount for {@code nodeCount} nodes: ⌈4·N / 3⌉. Below 2^32 for every int N.
   *
   * @throws IllegalArgumentException if {@code nodeCount} is negative
   */
  public static long slotCount(int nodeCount) {
    if (nodeCount < 0) {
      throw new IllegalArgumentException("nodeCount=" + nodeCount + " is negative");
    }
    return (4L * nodeCount + 2) / 3;
  }

  /** The section's exact length for {@code nodeCount} nodes: {@code 8 + 4·slotCount(N)}. */
  public static long sectionBytes(int nodeCount) {
    return HEADER_BYTES + SLOT_BYTES * slotCount(nodeCount);
  }

  /** IdBits for {@code nodeCount} nodes: {@code max(1, 32 − numberOfLeadingZeros(N − 1))}, in [1, 31]. */
  public static int idBits(int nodeCount) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, nodeCount - 1)));
  }

  /** The home slot of hash {@code h} among {@code slotCount} slots (which must be in [1, 2^32)). */
  public static long homeSlot(long h, long slotCount) {
    return ((h >>> 32) * slotCount) >>> 32;
  }

  /** The fingerprint of hash {@code h} when ids take {@code idBits} bits: its low {@code 31 − idBits} bits. */
  public static int fingerprint(long h, int idBits) {
    return (int) h & ((1 << (31 - idBits)) - 1);
  }

  /** The slot value that stores node {@code id}, whose name hashes to {@code h}. */
  public static int slotValue(int id, long h, int idBits) {
    return (fingerprint(h, idBits) << idBits) | id;
  }

  /** Offset of slot {@code slot} in the section. */
  public static long slotOffset(long slot) {
    return HEADER_BYTES + (long) SLOT_BYTES * slot;
  }

  /** SlotCount as stored, unsigned; unchecked. */
  public static long storedSlotCount(MemorySegment index) {
    return Integer.toUnsignedLong(index.get(INT, SLOT_COUNT));
  }

  /** The reserved field as stored (zero in a sound index). */
  public static int storedZero(MemorySegment index) {
    return index.get(INT, ZERO);
  }

  /** Slot {@code slot}'s value; unchecked. */
  public static int slot(MemorySegment index, long slot) {
    return index.get(INT, slotOffset(slot));
  }

  /** Writes the section: SlotCount, Zero, {@code slots[0, slotCount)}. */
  public static void write(SectionSink out, int[] slots, int slotCount) throws IOException {
    out.putInt(slotCount);
    out.putInt(0);
    out.putInts(slots, slotCount);
  }
}
