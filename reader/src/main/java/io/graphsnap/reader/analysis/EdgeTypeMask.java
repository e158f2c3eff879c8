package io.graphsnap.reader.analysis;

import io.graphsnap.reader.GraphSnapshot;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A set of edge type ids (a snapshot has at most 255 types, ids in [0, 255)), read by the analysis loops as a
 * {@code boolean[256]} indexed by the raw type byte, so a filter costs one table load per edge and never goes
 * out of bounds. {@link #all()} is special: loops skip the type bytes entirely.
 *
 * <p>Immutable and thread-safe.
 */
public final class EdgeTypeMask {
  private static final int TABLE_SIZE = 256;
  private static final EdgeTypeMask ALL = new EdgeTypeMask(true, filled(true));
  private static final EdgeTypeMask NONE = new EdgeTypeMask(false, filled(false));

  private final boolean all;
  private final boolean[] selected;

  private EdgeTypeMask(boolean all, boolean[] selected) {
    this.all = all;
    this.selected = selected;
  }

  /** Every edge type. */
  public static EdgeTypeMask all() {
    return ALL;
  }

  /** No edge type: traversals then see no edges. */
  public static EdgeTypeMask none() {
    return NONE;
  }

  /**
   * Exactly the given type ids (none for an empty array).
   *
   * @throws IllegalArgumentException if an id is outside [0, 255]
   */
  public static EdgeTypeMask of(int... typeIds) {
    boolean[] table = new boolean[TABLE_SIZE];
    for (int t : typeIds) {
      if (t < 0 || t >= TABLE_SIZE) {
        throw new IllegalArgumentException("edge type id out of range: actual=" + t + " vs expected in [0, 255]");
      }
      table[t] = true;
    }
    return new EdgeTypeMask(false, table);
  }

  /**
   * The types named {@code names} in {@code snapshot}; {@link #all()} when {@code names} is null or empty, or
   * names every type the snapshot has. O(names).
   *
   * @throws IllegalArgumentException naming the first unknown type and listing the snapshot's types
   */
  public static EdgeTypeMask of(GraphSnapshot snapshot, Collection<String> names) {
    if (names == null || names.isEmpty()) {
      return ALL;
    }
    boolean[] table = new boolean[TABLE_SIZE];
    int distinct = 0;
    for (String name : names) {
      int id = snapshot.edgeTypeId(Objects.requireNonNull(name, "edge type name"));
      if (id < 0) {
        throw new IllegalArgumentException("unknown edge type '" + name + "' (this snapshot has "
            + snapshot.edgeTypes() + ")");
      }
      if (!table[id]) {
        table[id] = true;
        distinct++;
      }
    }
    return distinct == snapshot.edgeTypes().size() ? ALL : new EdgeTypeMask(false, table);
  }

  /** The single type named {@code name}, or {@link #none()} when the snapshot has no such type. */
  public static EdgeTypeMask ofOptional(GraphSnapshot snapshot, String name) {
    int id = snapshot.edgeTypeId(name);
    return id < 0 ? NONE : of(id);
  }

  /** Whether this is {@link #all()} (loops then ignore the type bytes). */
  public boolean isAll() {
    return all;
  }

  /** Whether no type id is selected. */
  public boolean isNone() {
    for (boolean b : selected) {
      if (b) {
        return false;
      }
    }
    return true;
  }

  /** Whether type id {@code typeId} (a raw type byte, masked to [0, 255]) is selected. */
  public boolean contains(int typeId) {
    return selected[typeId & 0xFF];
  }

  /** The selected ids in [0, 256), ascending. */
  public int[] ids() {
    int[] ids = new int[TABLE_SIZE];
    int n = 0;
    for (int t = 0; t < TABLE_SIZE; t++) {
      if (selected[t]) {
        ids[n++] = t;
      }
    }
    return Arrays.copyOf(ids, n);
  }

  /** The names of the selected types in {@code snapshot} (all of them for {@link #all()}). */
  public List<String> names(GraphSnapshot snapshot) {
    List<String> types = snapshot.edgeTypes();
    if (all) {
      return types;
    }
    return Arrays.stream(ids()).filter(t -> t < types.size()).mapToObj(types::get).toList();
  }

  /** The table itself, indexed by the raw type byte; shared, never modify. */
  boolean[] table() {
    return selected;
  }

  /** 1.0 for a selected type and 0.0 otherwise, indexed by the raw type byte; a new array. */
  double[] weights() {
    double[] w = new double[TABLE_SIZE];
    for (int t = 0; t < TABLE_SIZE; t++) {
      w[t] = selected[t] ? 1.0 : 0.0;
    }
    return w;
  }

  /** {@code mask}, or {@link #all()} when it is null. */
  static EdgeTypeMask orAll(EdgeTypeMask mask) {
    return mask == null ? ALL : mask;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeTypeMask m && all == m.all && Arrays.equals(selected, m.selected);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(selected);
  }

  @Override
  public String toString() {
    return all ? "EdgeTypeMask[all]" : "EdgeTypeMask" + Arrays.toString(ids());
  }

  private static boolean[] filled(boolean value) {
    boolean[] table = new boolean[TABLE_SIZE];
    Arrays.fill(table, value);
    return table;
  }
}
