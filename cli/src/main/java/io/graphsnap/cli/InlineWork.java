package io.graphsnap.cli;

import java.util.function.Supplier;

/**
 * Work allowed on a thread that must not be held long: the server's event loops answer point questions inline, and
 * an answer that turns out to need more than {@link #MAX_ITEMS} items of work (a forgiving name look-up that reads
 * many names, a hub's thousands of neighbours, "did you mean" over every name) must go to a worker instead.
 *
 * <p>The caller runs the answer inside {@link #run}; the answering code calls {@link #check} with what it is about
 * to do before it does it. Outside {@link #run} (the command line, the server's workers) {@link #check} never
 * throws. Inside, it throws {@link Deferred} once the work exceeds the bound; the caller catches it and gives the
 * same question to a worker, which answers it in full. Nothing is computed twice beyond the bounded attempt.
 *
 * <p>Thread safety: the mark is a {@link ScopedValue}, so it belongs to the thread (and call) that set it.
 */
public final class InlineWork {
  /** The most items (names read, neighbours listed) an inline answer may handle. */
  public static final long MAX_ITEMS = 4_096;

  private static final ScopedValue<Boolean> INLINE = ScopedValue.newInstance();

  private InlineWork() {}

  /** Thrown inside {@link #run} by {@link #check}: the answer is too large for this thread; ask a worker. */
  public static final class Deferred extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Deferred(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * {@code answer}'s result, computed with the bound in force.
   *
   * @throws Deferred if the answer needs more than the bound allows
   */
  public static <T> T run(Supplier<T> answer) {
    return ScopedValue.where(INLINE, Boolean.TRUE).call(answer::get);
  }

  /**
   * Before work of {@code items} items: throws {@link Deferred} inside {@link #run} when they exceed
   * {@link #MAX_ITEMS}; does nothing otherwise.
   */
  public static void check(long items, String what) {
    if (items > MAX_ITEMS && INLINE.isBound()) {
      throw new Deferred(what + ": " + items + " items");
    }
  }

  /** Before work whose size is not known in advance but may be the whole graph: throws {@link Deferred} inside {@link #run}. */
  public static void unbounded(String what) {
    if (INLINE.isBound()) {
      throw new Deferred(what);
    }
  }
}
