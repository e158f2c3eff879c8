package io.graphsnap.frontend.java.internal;

import java.util.List;

/**
 * The static type of an expression or variable as far as one file shows it: an erased, qualified class
 * name (or a primitive keyword) with array dimensions, and the declaration when the class is in the file.
 *
 * @param name qualified class name ({@code java.lang.String}) or primitive keyword ({@code int})
 * @param dims array dimensions, 0 for a non-array
 * @param decl the declaration if the class is declared in this file, else {@code null}
 * @param args the type arguments as far as known ({@code List<Foo>} → [{@code Foo}]; an unknown one is null),
 *     empty when none are known; a hint for typing {@code get(0)} and the like, not part of the type's identity
 *     ({@link #equals} and {@link #hashCode} ignore it, as erasure does)
 */
record TypeRef(String name, int dims, TypeDecl decl, List<TypeRef> args) {
  static final TypeRef STRING = new TypeRef("java.lang.String", 0, null);
  static final TypeRef OBJECT = new TypeRef("java.lang.Object", 0, null);
  static final TypeRef NULL = new TypeRef("null", 0, null);

  TypeRef(String name, int dims, TypeDecl decl) {
    this(name, dims, decl, List.of());
  }

  /** The same type with these type arguments (a non-array class type only; otherwise this). */
  TypeRef withArgs(List<TypeRef> typeArgs) {
    return dims != 0 || typeArgs == null || typeArgs.isEmpty() ? this
        : new TypeRef(name, 0, decl, java.util.Collections.unmodifiableList(new java.util.ArrayList<>(typeArgs)));
  }

  /** The known type argument at {@code i}, or null. */
  TypeRef arg(int i) {
    return i >= 0 && i < args.size() ? args.get(i) : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeRef t && dims == t.dims && name.equals(t.name) && decl == t.decl;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + dims;
  }

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
