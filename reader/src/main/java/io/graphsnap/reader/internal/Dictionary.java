package io.graphsnap.reader.internal;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;

/**
 * A small sorted StringList decoded at open (edge types, kinds, effects, languages): id → name and
 * name → id. Open checks that the names strictly increase as unsigned bytes (so they are distinct) and that
 * there are at most {@code max}; O(dictionary bytes). Immutable; thread-safe.
 */
public final class Dictionary {
  private final String[] names;
  private final List<String> list;
  private final Object2IntOpenHashMap<String> ids;

  private Dictionary(Section section, String[] names) {
    this.names = names;
    this.list = List.of(names);
    this.ids = new Object2IntOpenHashMap<>(names.length);
    ids.defaultReturnValue(-1);
    for (int i = 0; i < names.length; i++) {
      if (ids.put(names[i], i) != -1) {
        throw section.corrupt(0, "name " + i + " decodes to the same string as another (invalid UTF-8): \""
            + names[i] + "\"");
      }
    }
  }

  /**
   * Decodes the StringList in {@code section}, checking its order and that it holds at most {@code max}
   * names ({@code what} names them in errors).
   */
  public static Dictionary open(Section section, int max, String what) {
    StringListView view = StringListView.open(section);
    if (view.count() > max) {
      throw section.corrupt(0, "too many " + what + ": actual=" + view.count() + " vs expected<=" + max);
    }
    view.verifyOrder(true, what);
    return new Dictionary(section, view.decodeAll());
  }

  /** The number of names. */
  public int size() {
    return names.length;
  }

  /** Name {@code id}; {@code id} in [0, size). */
  public String name(int id) {
    return names[id];
  }

  /** The id of {@code name}, or -1. O(1). */
  public int id(String name) {
    return ids.getInt(name);
  }

  /** All names in id order, unmodifiable. */
  public List<String> names() {
    return list;
  }
}
