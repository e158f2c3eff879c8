package io.graphsnap.reader.internal;

import java.lang.foreign.MemorySegment;

/**
 * Sorted strings held in a StringList ({@link io.graphsnap.format.snapshot.StringListFormat}): NODE_NAMES and
 * FILE_PATHS of every version but a compact file's from version 6. A thin adapter over {@link StringListView}. Immutable; thread-safe.
 */
final class PlainStrings implements SortedStrings {
  private final StringListView list;
  private final String what;

  PlainStrings(StringListView list, String what) {
    this.list = list;
    this.what = what;
  }

  @Override
  public int count() {
    return list.count();
  }

  @Override
  public String get(int id) {
    return list.get(id);
  }

  @Override
  public boolean equalsAt(int id, byte[] key) {
    return list.equalsAt(id, key);
  }

  @Override
  public int find(byte[] key) {
    return list.find(MemorySegment.ofArray(key));
  }

  @Override
  public int lowerBound(byte[] key) {
    return list.lowerBound(MemorySegment.ofArray(key));
  }

  @Override
  public int prefixEnd(int from, byte[] key) {
    return list.prefixEnd(from, MemorySegment.ofArray(key));
  }

  @Override
  public NameCursor cursor() {
    return new StringCopier(list);
  }

  @Override
  public void verify() {
    list.verifyOrder(true, what);
  }
}
