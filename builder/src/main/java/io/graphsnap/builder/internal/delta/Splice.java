package io.graphsnap.builder.internal.delta;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * How a sorted table of the base (nodes by name, files by path) becomes the new one: base entries are removed,
 * new ones inserted at their sorted place, and some kept ones rewritten ("touched"). Expressed as segments in
 * new order: {@link #COPY} runs of untouched base entries (contiguous in both tables, so sections copy them in
 * bulk) and single {@link #ITEM}s (a touched or inserted entry, written from its new state). O(changes)
 * segments; {@link #remap()} is O(base size) and only built when entries move.
 *
 * <p>Immutable once built.
 */
final class Splice {
  static final int COPY = 0;
  static final int ITEM = 1;

  final int oldCount;
  final int newCount;
  /** Per segment: kind, base start, new start, length (1 for items), item index (-1 for copies). */
  final int[] kind;
  final int[] oldStart;
  final int[] newStart;
  final int[] length;
  final int[] item;
  /** Base id → new id (-1 if removed), or null if nothing was removed or inserted (identity). */
  private final int[] remap;
  /** New id of each item: first the touched base entries, then the inserted ones, in the orders given. */
  final int[] itemNewId;

  /**
   * Plans the splice.
   *
   * @param oldCount base entries
   * @param removed sorted distinct base ids that disappear
   * @param touched sorted distinct base ids rewritten (none of them removed); items 0..T-1
   * @param insertAt for each inserted entry, in final order, the base id it goes before (its insertion point,
   *     non-decreasing, ≤ oldCount); items T..T+A-1
   */
  Splice(int oldCount, int[] removed, int[] touched, int[] insertAt) {
    this.oldCount = oldCount;
    IntArrayList kinds = new IntArrayList();
    IntArrayList olds = new IntArrayList();
    IntArrayList news = new IntArrayList();
    IntArrayList lengths = new IntArrayList();
    IntArrayList items = new IntArrayList();
    int t = touched.length;
    this.itemNewId = new int[t + insertAt.length];
    boolean moves = removed.length > 0 || insertAt.length > 0;
    this.remap = moves ? new int[oldCount] : null;
    int o = 0;
    int n = 0;
    int ri = 0;
    int ti = 0;
    int ai = 0;
    while (true) {
      int stop = Math.min(ri < removed.length ? removed[ri] : oldCount,
          Math.min(ti < t ? touched[ti] : oldCount, ai < insertAt.length ? insertAt[ai] : oldCount));
      if (stop > o) {
        kinds.add(COPY);
        olds.add(o);
        news.add(n);
        lengths.add(stop - o);
        items.add(-1);
        if (remap != null) {
          for (int i = o; i < stop; i++) {
            remap[i] = n + i - o;
          }
        }
        n += stop - o;
        o = stop;
      }
      if (ai < insertAt.length && insertAt[ai] == o) {
        addItem(kinds, olds, news, lengths, items, -1, n, t + ai);
        itemNewId[t + ai] = n++;
        ai++;
        continue;
      }
      if (o == oldCount) {
        break;
      }
      if (ri < removed.length && removed[ri] == o) {
        if (ti < t && touched[ti] == o) {
          throw new IllegalArgumentException("entry " + o + " is both removed and touched");
        }
        remap[o] = -1;
        ri++;
        o++;
        continue;
      }
      if (ti >= t || touched[ti] != o) {
        throw new IllegalStateException("splice stopped at entry " + o + " which is not removed, touched or an insertion point");
      }
      addItem(kinds, olds, news, lengths, items, o, n, ti);
      if (remap != null) {
        remap[o] = n;
      }
      itemNewId[ti] = n++;
      ti++;
      o++;
    }
    this.newCount = n;
    this.kind = kinds.toIntArray();
    this.oldStart = olds.toIntArray();
    this.newStart = news.toIntArray();
    this.length = lengths.toIntArray();
    this.item = items.toIntArray();
  }

  private static void addItem(IntArrayList kinds, IntArrayList olds, IntArrayList news, IntArrayList lengths,
      IntArrayList items, int old, int at, int index) {
    kinds.add(ITEM);
    olds.add(old);
    news.add(at);
    lengths.add(1);
    items.add(index);
  }

  /** Number of segments. */
  int segments() {
    return kind.length;
  }

  /** True if every base entry keeps its id (nothing removed or inserted). */
  boolean identity() {
    return remap == null;
  }

  /** The new id of base entry {@code oldId}, or -1 if it was removed. O(1). */
  int newId(int oldId) {
    return remap == null ? oldId : remap[oldId];
  }

  /** Base id → new id, or null for the identity. Shared; do not modify. */
  int[] remap() {
    return remap;
  }
}
