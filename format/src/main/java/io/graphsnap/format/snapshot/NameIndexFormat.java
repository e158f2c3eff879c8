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

  private NameIndexFormat() {}

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
