package io.graphsnap.frontend.scip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte slices of one array (the symbol strings of a document's occurrences): a slice seen before returns its
 * id without allocating; a new one is decoded to a {@link String} once (malformed UTF-8 becomes U+FFFD). Open
 * addressing over a power-of-two table of ids. Mutable, used once, not thread-safe; O(length) per call.
 */
public final class SymbolInterner {
  private final byte[] bytes;
  private int[] slots = new int[16];
  private int[] starts = new int[8];
  private int[] lengths = new int[8];
  private int[] hashes = new int[8];
  private String[] strings = new String[8];
  private int count;

  /** An interner over slices of {@code bytes}. */
  public SymbolInterner(byte[] bytes) {
    Arrays.fill(slots, -1);
    this.bytes = bytes;
  }

  /** The id of {@code bytes[start, start + length)}, adding it if new. */
  public int intern(int start, int length) {
    int hash = hash(start, length);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int id = slots[slot];
      if (id < 0) {
        return add(slot, start, length, hash);
      }
      if (hashes[id] == hash && lengths[id] == length
          && Arrays.equals(bytes, starts[id], starts[id] + length, bytes, start, start + length)) {
        return id;
      }
    }
  }

  private int add(int slot, int start, int length, int hash) {
    if (count == starts.length) {
      int capacity = count * 2;
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
      strings = Arrays.copyOf(strings, capacity);
    }
    int id = count++;
    starts[id] = start;
    lengths[id] = length;
    hashes[id] = hash;
    strings[id] = new String(bytes, start, length, StandardCharsets.UTF_8);
    slots[slot] = id;
    if (count * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int[] bigger = new int[slots.length * 2];
    Arrays.fill(bigger, -1);
    int mask = bigger.length - 1;
    for (int id = 0; id < count; id++) {
      int slot = hashes[id] & mask;
      while (bigger[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = id;
    }
    slots = bigger;
  }

  private int hash(int start, int length) {
    int h = 1;
    for (int i = start; i < start + length; i++) {
      h = 31 * h + bytes[i];
    }
    return h ^ (h >>> 16);
  }

  /** The interned strings, by id (a new array of exactly {@code count} entries). */
  public String[] strings() {
    return Arrays.copyOf(strings, count);
  }
}
