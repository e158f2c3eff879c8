package io.graphsnap.builder.internal;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Interns strings to dense provisional ids in arrival order, then {@link #sort sorts} the used ones into final
 * ids by code-point (unsigned UTF-8) order. Mutable; not thread-safe.
 *
 * <p>{@link #intern} is O(length) expected; {@link #sort} is O(n log n) comparisons. Every distinct string is
 * checked to be valid UTF-8 once, when first interned.
 */
public final class Dictionary {
  private final String what;
  private final Object2IntOpenHashMap<String> ids;
  private final ObjectArrayList<String> strings;

  /**
   * Creates an empty dictionary.
   *
   * @param what what the strings are, for messages ({@code "symbol name"})
   * @param expected expected number of distinct strings (a sizing hint)
   */
  public Dictionary(String what, int expected) {
    this.what = what;
    this.ids = new Object2IntOpenHashMap<>(Math.max(16, expected));
    this.ids.defaultReturnValue(-1);
    this.strings = new ObjectArrayList<>(Math.max(16, expected));
  }

  /**
   * Returns the provisional id of {@code s}, adding it if new.
   *
   * @param context where the string was found, for messages (a file path)
   * @throws io.graphsnap.builder.BuildInputException if {@code s} is not valid UTF-8 or the dictionary is full
   */
  public int intern(String s, String context) {
    int id = ids.getInt(s);
    if (id < 0) {
      Utf8.length(s, what + " in " + context);
      id = strings.size();
      if (id == io.graphsnap.builder.BuildLimits.MAX_NAMES) {
        throw new io.graphsnap.builder.BuildInputException("more than " + io.graphsnap.builder.BuildLimits.MAX_NAMES + " distinct "
            + what + "s: a snapshot's ids are 32-bit and its tables are Java arrays");
      }
      ids.put(s, id);
      strings.add(s);
    }
    return id;
  }

  /** Number of distinct strings interned. */
  public int size() {
    return strings.size();
  }

  /** The string of provisional id {@code id}. */
  public String get(int id) {
    return strings.get(id);
  }

  /** Releases the hash index; {@link #intern} must not be called afterwards ({@link #get} still works). */
  public void freeIndex() {
    ids.clear();
    ids.trim();
  }

  /**
   * Sorts the provisional ids that {@code used} accepts by code-point order of their strings.
   *
   * @return the final table: sorted strings and the provisional → final map (-1 for unused ids)
   */
  public Sorted sort(IntPredicate used) {
    int n = strings.size();
    int[] order = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (used.test(i)) {
        order[count++] = i;
      }
    }
    order = Arrays.copyOf(order, count);
    Object[] all = strings.elements();
    IntArrays.quickSort(order, (a, b) -> Utf8.compare((String) all[a], (String) all[b]));
    int[] remap = new int[n];
    Arrays.fill(remap, -1);
    String[] sorted = new String[count];
    for (int rank = 0; rank < count; rank++) {
      remap[order[rank]] = rank;
      sorted[rank] = (String) all[order[rank]];
    }
    return new Sorted(sorted, remap);
  }

  /**
   * The final id space of a dictionary.
   *
   * @param strings the distinct used strings in code-point order; final id = index
   * @param remap provisional id → final id, or -1 if unused
   */
  public record Sorted(String[] strings, int[] remap) {
    /** Number of final ids. */
    public int size() {
      return strings.length;
    }
  }
}
