package io.graphsnap.bench.internal;

/**
 * The {@link FilePlan}s of all files of a synthetic graph, one {@code long} each (role, type kind, callables,
 * fields, package) instead of one object each: 8 bytes a file, and one memory read to learn a file's role and
 * package when an edge names one of its symbols. Write once per file, then read from any thread.
 */
public final class PlanTable {
  private static final int COUNT_BITS = 16;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final int CALLABLES_SHIFT = 4;
  private static final int FIELDS_SHIFT = CALLABLES_SHIFT + COUNT_BITS;
  private static final int PACKAGE_SHIFT = FIELDS_SHIFT + COUNT_BITS;
  private static final FileRole[] ROLES = FileRole.values();

  private final long[] packed;

  /** A table of {@code files} plans, to be {@link #set} one by one. */
  public PlanTable(int files) {
    this.packed = new long[files];
  }

  /**
   * Stores the plan of file {@code i}.
   *
   * @throws IllegalArgumentException if a count or the package does not fit (more than 65,535 symbols of a sort,
   *     2<sup>28</sup> packages)
   */
  public void set(int i, FilePlan plan) {
    if (plan.callables() < 0 || plan.callables() > COUNT_MASK || plan.fields() < 0 || plan.fields() > COUNT_MASK
        || plan.typeKind() < 0 || plan.typeKind() > 3 || plan.packageIndex() < 0
        || plan.packageIndex() >= 1 << (64 - PACKAGE_SHIFT)) {
      throw new IllegalArgumentException("plan does not fit in 64 bits: " + plan);
    }
    packed[i] = plan.role().ordinal() | (long) plan.typeKind() << 2 | (long) plan.callables() << CALLABLES_SHIFT
        | (long) plan.fields() << FIELDS_SHIFT | (long) plan.packageIndex() << PACKAGE_SHIFT;
  }

  /** The number of files. */
  public int size() {
    return packed.length;
  }

  /** The plan of file {@code i}. */
  public FilePlan get(int i) {
    long p = packed[i];
    return new FilePlan(ROLES[(int) (p & 3)], (int) (p >>> PACKAGE_SHIFT), (int) (p >>> 2 & 3),
        (int) (p >>> CALLABLES_SHIFT & COUNT_MASK), (int) (p >>> FIELDS_SHIFT & COUNT_MASK));
  }

  /** The packed plan of file {@code i}, for {@link #role(long)} and {@link #packageIndex(long)}. */
  public long word(int i) {
    return packed[i];
  }

  /** The role in a packed plan. */
  public static FileRole role(long word) {
    return ROLES[(int) (word & 3)];
  }

  /** The package in a packed plan. */
  public static int packageIndex(long word) {
    return (int) (word >>> PACKAGE_SHIFT);
  }

  /** The role of file {@code i}. */
  public FileRole role(int i) {
    return ROLES[(int) (packed[i] & 3)];
  }

  /** The package (Java) or folder (Python) of file {@code i}. */
  public int packageIndex(int i) {
    return (int) (packed[i] >>> PACKAGE_SHIFT);
  }

  /** The fields of file {@code i} (Java main files; 0 otherwise). */
  public int fields(int i) {
    return (int) (packed[i] >>> FIELDS_SHIFT & COUNT_MASK);
  }
}
