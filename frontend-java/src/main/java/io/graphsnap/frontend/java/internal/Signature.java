package io.graphsnap.frontend.java.internal;

import java.util.List;

/** A method's erased parameter list, as {@link OverloadChooser} compares them. */
interface Signature {
  /** Erased simple parameter type names; the last ends in {@code ...} for varargs. */
  List<String> params();

  boolean varargs();

  /** True if parameter {@code i} is certainly no interface (so it takes no lambda); false when unknown. */
  default boolean classParam(int i) {
    return false;
  }

  /** True if a call with {@code arity} arguments can bind to this method. */
  default boolean acceptsArity(int arity) {
    int n = params().size();
    return varargs() ? arity >= n - 1 : arity == n;
  }
}
