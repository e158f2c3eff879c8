package io.graphsnap.builder.internal;

import io.graphsnap.bloom.BloomHash;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.SectionSink;
import io.graphsnap.format.snapshot.StringListFormat;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Builds the NAME_INDEX section ({@link NameIndexFormat} has the exact rule): feed every node's name in id
 * order, 0 to N−1, then {@link #writeTo} the section. The bytes depend only on the names in id order.
 *
 * <p>Memory: one {@code int[SlotCount]} (≈ 5.33 bytes per node) on the heap. {@link #add} is O(name length)
 * plus the probe, O(1) expected at load factor 0.75. Mutable, single-use, not thread-safe.
 */
public final class NameIndexBuilder {
  /** Most nodes an index is built for: its slots must fit one Java array. */
  public static final int MAX_NODES = (int) ((Integer.MAX_VALUE - 8) * 3L / 4);

  private final int nodeCount;
  private final NameIndexFormat.Coding coding;
  private final int slotCount;
  private final int[] slots;
  private int added;
  private final StringChunks chunks = new StringChunks(1 << 16);

  /**
   * Creates an empty index for {@code nodeCount} names.
   *
   * @throws IllegalArgumentException if {@code nodeCount} is negative or above {@link #MAX_NODES}
   */
  public NameIndexBuilder(int nodeCount) {
    this(nodeCount, false);
  }

  /**
   * Creates an empty index for {@code nodeCount} names, its slots {@link NameIndexFormat.Coding#packed packed} or
   * not.
   *
   * @throws IllegalArgumentException if {@code nodeCount} is negative or above {@link #MAX_NODES}
   */
  public NameIndexBuilder(int nodeCount, boolean packed) {
    if (nodeCount < 0 || nodeCount > MAX_NODES) {
      throw new IllegalArgumentException("nodeCount=" + nodeCount + " is not in [0, " + MAX_NODES + "]");
    }
    this.nodeCount = nodeCount;
    this.coding = NameIndexFormat.Coding.of(packed, nodeCount);
    this.slotCount = (int) NameIndexFormat.slotCount(nodeCount);
    this.slots = new int[slotCount];
    Arrays.fill(slots, NameIndexFormat.EMPTY);
  }

  /** Adds the next node's name, {@code utf8[offset, offset + length)}; its id is the number of names added before. */
  public void add(byte[] utf8, int offset, int length) {
    addHash(BloomHash.hash64(utf8, offset, length, NameIndexFormat.HASH_SEED));
  }

  /** Adds the next node's name, all of {@code utf8}. */
  public void add(byte[] utf8) {
    add(utf8, 0, utf8.length);
  }

  /**
   * Adds the next node by the XXH64 (seed {@value NameIndexFormat#HASH_SEED}) of its name, for callers that
   * already computed it.
   *
   * @throws IllegalStateException if all {@code nodeCount} names were already added
   */
  public void addHash(long h) {
    if (added == nodeCount) {
      throw new IllegalStateException("name index for " + nodeCount + " nodes: one name too many");
    }
    int value = coding.value(added, h);
    int slot = (int) NameIndexFormat.homeSlot(h, slotCount);
    int[] s = slots;
    while (s[slot] != NameIndexFormat.EMPTY) {
      if (++slot == slotCount) {
        slot = 0;
      }
    }
    s[slot] = value;
    added++;
  }

  /**
   * Adds the names {@code [from, to)} of a {@link StringListFormat StringList} of {@code count} strings, such as
   * another snapshot's mapped NODE_NAMES, copying them in chunks ({@link StringChunks}). The list must be sound.
   */
  public void addNames(MemorySegment list, int count, int from, int to) {
    chunks.walk(list, count, from, to, this::add);
  }

  /**
   * Writes the section: SlotCount, Zero, the slots.
   *
   * @throws IllegalStateException unless exactly {@code nodeCount} names were added
   */
  public void writeTo(SectionSink out) throws IOException {
    if (added != nodeCount) {
      throw new IllegalStateException("name index for " + nodeCount + " nodes: only " + added + " names added");
    }
    coding.write(out, slots, slotCount);
  }
}
