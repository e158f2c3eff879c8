package io.graphsnap.frontend.scip;

/**
 * One descriptor of a SCIP symbol: a name, an optional method disambiguator and the suffix that says what it is.
 * Immutable.
 *
 * @param name the unescaped name (backticks removed, doubled backticks undone); never empty
 * @param disambiguator a method's disambiguator ({@code +1} in {@code m(+1).}), else empty
 * @param suffix what the descriptor denotes
 */
public record ScipDescriptor(String name, String disambiguator, Suffix suffix) {
  /** The descriptor suffixes of {@code scip.proto}'s {@code Descriptor.Suffix} that appear in symbol strings. */
  public enum Suffix {
    /** {@code name/}: a namespace, package or module (SCIP also calls it Package). */
    NAMESPACE,
    /** {@code name#}: a type. */
    TYPE,
    /** {@code name.}: a term (a value, field, variable). */
    TERM,
    /** {@code name(disambiguator).}: a method or function. */
    METHOD,
    /** {@code [name]}: a type parameter. */
    TYPE_PARAMETER,
    /** {@code (name)}: a parameter. */
    PARAMETER,
    /** {@code name:}: anything else (SCIP's Meta). */
    META,
    /** {@code name!}: a macro. */
    MACRO
  }

  /** Validates the fields. */
  public ScipDescriptor {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a descriptor needs a name");
    }
    disambiguator = disambiguator == null ? "" : disambiguator;
    if (suffix == null) {
      throw new IllegalArgumentException("a descriptor needs a suffix");
    }
  }
}
