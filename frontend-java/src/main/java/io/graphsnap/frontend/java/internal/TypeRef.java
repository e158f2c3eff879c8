package io.graphsnap.frontend.java.internal;

/**
 * The static type of an expression or variable as far as one file shows it: an erased, qualified class
 * name (or a primitive keyword) with array dimensions, and the declaration when the class is in the file.
 *
 * @param name qualified class name ({@code java.lang.String}) or primitive keyword ({@code int})
 * @param dims array dimensions, 0 for a non-array
 * @param decl the declaration if the class is declared in this file, else {@code null}
 */
record TypeRef(String name, int dims, TypeDecl decl) {
  static final TypeRef STRING = new TypeRef("java.lang.String", 0, null);
  static final TypeRef OBJECT = new TypeRef("java.lang.Object", 0, null);
  static final TypeRef NULL = new TypeRef("null", 0, null);

  static TypeRef primitive(String keyword) {
    return new TypeRef(keyword, 0, null);
  }

  static TypeRef of(TypeDecl decl) {
    return new TypeRef(decl.name, 0, decl);
  }

  boolean isPrimitive() {
    return dims == 0 && Erasure.isPrimitive(name);
  }

  boolean isArray() {
    return dims > 0;
  }

  TypeRef element() {
    return new TypeRef(name, dims - 1, decl);
  }

  TypeRef arrayOf(int more) {
    return new TypeRef(name, dims + more, decl);
  }

  /** The erased simple name as a parameter list shows it: {@code String}, {@code int[]}. */
  String simpleName() {
    String simple = Names.simpleName(name);
    return dims == 0 ? simple : simple + "[]".repeat(dims);
  }
}
