package io.graphsnap.reader.internal;

import io.graphsnap.bloom.BloomHash;
import io.graphsnap.format.snapshot.NameIndexFormat;
import java.lang.foreign.MemorySegment;

/**
 * The NAME_INDEX section read in place ({@link NameIndexFormat} has the grammar and the rule, and the packed slots of
 * compact files from version 7): a hash table from node name to node id, probed linearly from the name's home slot.
 *
 * <p>{@link #open} checks in O(1) that SlotCount is the one the node count implies, Zero is zero and the
 * length is {@code 8 + 4·SlotCount}. {@link #find} checks every slot it reads (empty, or an id below N: else
 * {@link io.graphsnap.format.snapshot.CorruptSnapshotException} naming the slot's offset) and stops after
 * SlotCount slots whatever the bytes. {@link #verify} checks the whole table in O(SlotCount + name bytes).
 *
 * <p>Immutable and thread-safe; reads the snapshot's memory and must not outlive it.
 */
public final class NameIndexView {
  private final Section section;
  private final MemorySegment bytes;
  private final int nodeCount;
  private final long slotCount;
  private final NameIndexFormat.Coding coding;
  private final int idBits;
  private final int idMask;

  private NameIndexView(Section section, int nodeCount, long slotCount, NameIndexFormat.Coding coding) {
    this.section = section;
    this.bytes = section.bytes();
    this.nodeCount = nodeCount;
    this.slotCount = slotCount;
    this.coding = coding;
    this.idBits = coding.idBits();
    this.idMask = (int) ((1L << idBits) - 1);
  }

  /**
   * Checks the header and length of {@code section} for {@code nodeCount} nodes; O(1).
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if SlotCount, Zero or the length is wrong
   */
  public static NameIndexView open(Section section, int nodeCount) {
    return open(section, false, nodeCount);
  }

  /**
   * As {@link #open(Section, int)} for slots packed or not ({@link NameIndexFormat.Coding}): {@code packed} says
   * which ({@link io.graphsnap.format.snapshot.PackedNodeFormat#packed}). O(1).
   */
  public static NameIndexView open(Section section, boolean packed, int nodeCount) {
    NameIndexFormat.Coding coding = NameIndexFormat.Coding.of(packed, nodeCount);
    long length = section.length();
    if (length < NameIndexFormat.HEADER_BYTES) {
      throw section.corrupt(0, "section length mismatch: actual=" + length + " vs expected>="
          + NameIndexFormat.HEADER_BYTES + " (SlotCount, Zero)");
    }
    long slotCount = NameIndexFormat.storedSlotCount(section.bytes());
    long expected = NameIndexFormat.slotCount(nodeCount);
    if (slotCount != expected) {
      throw section.corrupt(NameIndexFormat.SLOT_COUNT, "slot count mismatch: actual=" + slotCount + " vs expected=" + expected
          + " (⌈4·N/3⌉ for N=" + nodeCount + ")");
    }
    int zero = NameIndexFormat.storedZero(section.bytes());
    if (zero != 0) {
      throw section.corrupt(NameIndexFormat.ZERO, "reserved field is not zero: actual=" + zero + " vs expected=0");
    }
    section.requireLength(coding.sectionBytes(nodeCount), "8 bytes and " + slotCount + " slots of "
        + (packed ? coding.valueBits() + " bits, packed" : "4 bytes"));
    return new NameIndexView(section, nodeCount, slotCount, coding);
  }

  /**
   * The id of the node whose name is {@code key} (UTF-8), or -1 if the index does not lead to it: hashes the
   * key once, then walks from its home slot comparing fingerprints, and the name bytes in place on a match,
   * until the name or an empty slot. O(key length) plus about one name comparison at load 0.75; at most
   * SlotCount slots on any bytes. No allocation.
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException if a slot read holds a value beyond the coding's
   *     bits or an id not below N
   */
  public int find(byte[] key, SortedStrings names) {
    return find(key, hash(key), names);
  }

  /** The hash {@link #find(byte[], SortedStrings)} uses: XXH64 of {@code key} with the index's seed. */
  public static long hash(byte[] key) {
    return BloomHash.hash64(key, 0, key.length, NameIndexFormat.HASH_SEED);
  }

  /** {@link #find(byte[], SortedStrings)} with the key's {@link #hash} already computed. */
  public int find(byte[] key, long h, SortedStrings names) {
    final long slots = slotCount;
    if (slots == 0) {
      return -1;
    }
    final int fingerprint = coding.fingerprint(h);
    final MemorySegment b = bytes;
    long slot = NameIndexFormat.homeSlot(h, slots);
    for (long probes = slots; probes > 0; probes--) {
      int value = coding.read(b, slot);
      if (value == NameIndexFormat.EMPTY) {
        return -1;
      }
      int id = checkedId(value, slot);
      if (value >>> idBits == fingerprint && names.equalsAt(id, key)) {
        return id;
      }
      if (++slot == slots) {
        slot = 0;
      }
    }
    return -1;
  }

  /**
   * Checks the whole table against the names: every slot empty or a valid id; every node in exactly one slot,
   * with its name's fingerprint, in the run of full slots that holds its home slot, at or after that home
   * slot (so {@link #find} reaches it). O(SlotCount + name bytes) time, N/8 bytes of memory plus a buffer
   * for the longest name. It does not check that the layout is the canonical one of the insertion rule.
   *
   * @throws io.graphsnap.format.snapshot.CorruptSnapshotException for the first problem found
   */
  public void verify(SortedStrings names) {
    if (coding.packed()) {
      long bits = slotCount * coding.valueBits();
      long first = NameIndexFormat.HEADER_BYTES + (bits >>> 3);
      for (long at = first; at < section.length(); at++) {
        int b = Byte.toUnsignedInt(bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at));
        if ((b & ~(at == first ? (1 << (bits & 7)) - 1 : 0)) != 0) {
          throw section.corrupt(at, "padding after the last slot is not zero: actual=0x" + Integer.toHexString(b));
        }
      }
    }
    long firstEmpty = -1;
    long used = 0;
    for (long slot = 0; slot < slotCount; slot++) {
      int value = slotValue(slot);
      if (value == NameIndexFormat.EMPTY) {
        firstEmpty = firstEmpty < 0 ? slot : firstEmpty;
      } else {
        checkedId(value, slot);
        used++;
      }
    }
    if (used != nodeCount) {
      throw section.corrupt(0, "the name index holds " + used + " nodes: actual=" + used + " vs expected="
          + nodeCount);
    }
    if (slotCount == 0) {
      return;
    }
    NameHasher hasher = new NameHasher(names);
    long[] seen = new long[(nodeCount + 63) >>> 6];
    long runStart = firstEmpty + 1; // first slot of the current run of full slots (cyclic)
    for (long i = 1; i <= slotCount; i++) {
      long slot = (firstEmpty + i) % slotCount;
      int value = slotValue(slot);
      if (value == NameIndexFormat.EMPTY) {
        runStart = slot + 1;
        continue;
      }
      int id = value & idMask;
      if ((seen[id >>> 6] & (1L << id)) != 0) {
        throw corruptSlot(slot, "node " + id + " appears in two slots of the name index");
      }
      seen[id >>> 6] |= 1L << id;
      long h = hasher.hash(id);
      if (value != coding.value(id, h)) {
        throw corruptSlot(slot, String.format("slot holds node %d with fingerprint actual=%d vs expected=%d",
            id, value >>> idBits, coding.fingerprint(h)));
      }
      long home = NameIndexFormat.homeSlot(h, slotCount);
      long displacement = Math.floorMod(slot - home, slotCount);
      long reach = Math.floorMod(slot - runStart, slotCount);
      if (displacement > reach) {
        throw corruptSlot(slot, "node " + id + " \"" + names.get(id) + "\" is not reachable from its home slot "
            + home + ": an empty slot lies between (run starts at " + runStart % slotCount + ")");
      }
    }
  }

  private int slotValue(long slot) {
    return coding.read(bytes, slot);
  }

  /** The id in a non-empty slot value, checked: the value is not negative and its id is below N. */
  private int checkedId(int value, long slot) {
    int id = value & idMask;
    if ((Integer.toUnsignedLong(value) >>> coding.valueBits()) != 0 || id >= nodeCount) {
      throw corruptSlot(slot, "slot value out of range: actual=" + value + " (node id " + id + ") vs expected -1 or"
          + " a node id in [0, " + nodeCount + ") with a fingerprint above bit " + idBits);
    }
    return id;
  }

  private RuntimeException corruptSlot(long slot, String problem) {
    return section.corrupt(coding.slotOffset(slot),
        "name index slot " + slot + ": " + problem);
  }

  /** Hashes node names read from the mapped list, through a cursor. */
  private static final class NameHasher {
    private final NameCursor cursor;

    NameHasher(SortedStrings names) {
      this.cursor = names.cursor();
    }

    long hash(int id) {
      byte[] name = cursor.copy(id);
      return BloomHash.hash64(name, 0, cursor.length(), NameIndexFormat.HASH_SEED);
    }
  }
}
