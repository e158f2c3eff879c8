package io.graphsnap.format.object;

import java.util.List;

/**
 * The effects graphsnap's Java front end derives from what a method uses, named once. Effects are an open set
 * (any analyzer may write its own). Stateless.
 */
public final class Effects {
  /** Reads or writes files or streams. */
  public static final String IO = "io";
  /** Uses the network. */
  public static final String NET = "net";
  /** Uses a database. */
  public static final String DB = "db";
  /** Uses reflection. */
  public static final String REFLECT = "reflect";
  /** Uses threads, locks or atomics. */
  public static final String CONCURRENCY = "concurrency";
  /** Uses {@code sun.misc.Unsafe} or similar. */
  public static final String UNSAFE = "unsafe";
  /** Calls native code. */
  public static final String NATIVE = "native";
  /** Every effect the Java front end derives, in the order it reports them. */
  public static final List<String> JAVA = List.of(IO, NET, DB, REFLECT, CONCURRENCY, UNSAFE, NATIVE);

  private Effects() {}
}
