package io.graphsnap.bench.internal;

/**
 * An edge target as drawn, before it is spelled: what sort of name it is and the numbers that make it, in one
 * {@code long} (the sort in the low 3 bits; then a rank, or a file and an index within the file). The generator
 * draws refs; {@link NameSpeller#spellTargets} turns them into names, in one place. Stateless.
 */
public final class TargetRef {
  /** A name already in the file's arena (a symbol of the file itself): {@link #index} is its number. */
  public static final int NAMED = 0;
  /** An external callable {@code ext.lib…​.T…​#op<rank>}. */
  public static final int EXTERNAL_CALLABLE = 1;
  /** Callable {@link #index} of {@link #file}: a method of a Java class or a Python function. */
  public static final int CALLABLE = 2;
  /** The fixed external callable named when the graph has no callables at all. */
  public static final int NO_CALLABLE = 3;
  /** An external type {@code ext.lib…​.Type<rank>}. */
  public static final int EXTERNAL_TYPE = 4;
  /** The type (class or module) of {@link #file}. */
  public static final int TYPE = 5;
  /** Field {@link #index} of the Java class of {@link #file}. */
  public static final int FIELD = 6;
  /** Requirement {@link #index} of the requirements document {@link #file}. */
  public static final int REQUIREMENT = 7;

  private static final int SORT_BITS = 3;
  private static final int FILE_BITS = 32;
  private static final long FILE_MASK = (1L << FILE_BITS) - 1;
  private static final int INDEX_SHIFT = SORT_BITS + FILE_BITS;

  private TargetRef() {}

  /** The name numbered {@code name} in the file's arena. */
  public static long named(int name) {
    return of(NAMED, 0, name);
  }

  /** An external name of sort {@code sort} ({@link #EXTERNAL_CALLABLE}, {@link #EXTERNAL_TYPE}) with a rank. */
  public static long external(int sort, long rank) {
    if (rank < 0 || rank >>> (64 - SORT_BITS) != 0) {
      throw new IllegalArgumentException("rank " + rank);
    }
    return rank << SORT_BITS | sort;
  }

  /** A target of sort {@code sort} given by a file and an index in it ({@code file, index >= 0}). */
  public static long of(int sort, int file, int index) {
    if (file < 0 || index < 0 || index >= 1 << (64 - INDEX_SHIFT)) {
      throw new IllegalArgumentException("file " + file + ", index " + index);
    }
    return (long) index << INDEX_SHIFT | (long) file << SORT_BITS | sort;
  }

  /** The sort of {@code ref}. */
  public static int sort(long ref) {
    return (int) (ref & ((1 << SORT_BITS) - 1));
  }

  /** The rank of an external {@code ref}. */
  public static long rank(long ref) {
    return ref >>> SORT_BITS;
  }

  /** The file of {@code ref}. */
  public static int file(long ref) {
    return (int) (ref >>> SORT_BITS & FILE_MASK);
  }

  /** The index (or name number, for {@link #NAMED}) of {@code ref}. */
  public static int index(long ref) {
    return (int) (ref >>> INDEX_SHIFT);
  }
}
