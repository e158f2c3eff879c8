package io.graphsnap.bench.internal;

/**
 * A name as the generator draws it, before it is spelled: what sort of name it is and the numbers that make it, in
 * one {@code long} (the sort in the low 4 bits; then one number, or a file and an index). The generator deals in
 * refs only; {@link NameSpeller#spell} turns a draft's refs into names, in one place. Stateless.
 */
public final class NameRef {
  /** Symbol {@link #index} of the file itself (an edge to it, e.g. {@code contains}). */
  public static final int SYMBOL = 0;
  /** An external callable {@code ext.lib…​.T…​#op<number>}, the number a rank. */
  public static final int EXTERNAL_CALLABLE = 1;
  /** Callable {@link #index} of {@link #file}: a method of a Java class or a function of a Python module. */
  public static final int CALLABLE = 2;
  /** The fixed external callable named when the graph has no callables at all. */
  public static final int NO_CALLABLE = 3;
  /** An external type {@code ext.lib…​.Type<number>}, the number a rank. */
  public static final int EXTERNAL_TYPE = 4;
  /** The type (Java class or Python module) of {@link #file}. */
  public static final int TYPE = 5;
  /** Field {@link #index} of the Java class of {@link #file}. */
  public static final int FIELD = 6;
  /** Requirement {@link #index} of the requirements document {@link #file}. */
  public static final int REQUIREMENT = 7;
  /**
   * The callable at a {@link #number position} in the graph's order of all callables, not yet resolved to a
   * {@link #CALLABLE}: resolving looks up tables far larger than the caches, so it is done for a whole file at once.
   */
  public static final int CALLABLE_AT = 8;
  /** The type at a {@link #number position} in the graph's order of all types, not yet resolved to a {@link #TYPE}. */
  public static final int TYPE_AT = 9;
  /** Package {@link #index}. */
  public static final int PACKAGE = 10;
  /** The test class of Java test file {@link #file}. */
  public static final int TEST_CLASS = 11;
  /** Method {@link #index} of the class that is symbol {@link #file} of the file itself: {@code <class>#m<j>}. */
  public static final int METHOD_OF = 12;
  /** Field or function {@link #index} of symbol {@link #file} of the file itself: {@code <owner>.f<j>}. */
  public static final int FIELD_OF = 13;
  /** Test method {@link #index} of the test class that is symbol {@link #file} of the file itself. */
  public static final int TEST_OF = 14;
  /** The path of {@link #file}. */
  public static final int PATH = 15;

  private static final int SORT_BITS = 4;
  private static final int FILE_BITS = 32;
  private static final long FILE_MASK = (1L << FILE_BITS) - 1;
  private static final int INDEX_SHIFT = SORT_BITS + FILE_BITS;

  private NameRef() {}

  /** Symbol {@code index} of the file itself. */
  public static long symbol(int index) {
    return of(SYMBOL, 0, index);
  }

  /**
   * A name of sort {@code sort} given by one number: the rank of an external name ({@link #EXTERNAL_CALLABLE},
   * {@link #EXTERNAL_TYPE}) or a position ({@link #CALLABLE_AT}, {@link #TYPE_AT}).
   */
  public static long ofNumber(int sort, long number) {
    if (number < 0 || number >>> (64 - SORT_BITS) != 0) {
      throw new IllegalArgumentException("number " + number);
    }
    return number << SORT_BITS | sort;
  }

  /** A name of sort {@code sort} given by a file (or symbol) and an index ({@code file, index >= 0}). */
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

  /** The rank or position of a {@code ref} given by one number. */
  public static long number(long ref) {
    return ref >>> SORT_BITS;
  }

  /** The file (or owner symbol) of {@code ref}. */
  public static int file(long ref) {
    return (int) (ref >>> SORT_BITS & FILE_MASK);
  }

  /** The index of {@code ref}. */
  public static int index(long ref) {
    return (int) (ref >>> INDEX_SHIFT);
  }
}
