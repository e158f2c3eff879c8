package io.graphsnap.frontend.java.internal;

/**
 * What an expression denotes, as far as one file tells: a value of a type, a type name used as a
 * qualifier ({@code Math.max}), a package prefix ({@code java.util}), or nothing known.
 *
 * @param kind which of the above
 * @param type the value's or the named type, or {@code null}
 * @param field the field of a type in this file that the expression reads, or {@code null}
 * @param text the dotted package prefix for {@link Kind#PACKAGE}
 */
record Operand(Kind kind, TypeRef type, FieldDecl field, String text) {
  enum Kind { VALUE, TYPE, PACKAGE, UNKNOWN }

  static final Operand UNKNOWN = new Operand(Kind.UNKNOWN, null, null, null);

  static Operand value(TypeRef type) {
    return type == null || type == LocalScopes.UNKNOWN ? UNKNOWN : new Operand(Kind.VALUE, type, null, null);
  }

  static Operand field(FieldDecl field, TypeRef type) {
    return new Operand(type == null ? Kind.UNKNOWN : Kind.VALUE, type, field, null);
  }

  static Operand type(TypeRef type) {
    return new Operand(Kind.TYPE, type, null, null);
  }

  static Operand pkg(String text) {
    return new Operand(Kind.PACKAGE, null, null, text);
  }

  boolean isType() {
    return kind == Kind.TYPE;
  }

  /** The type of a value or a type name, else {@code null}. */
  TypeRef typeOrNull() {
    return kind == Kind.VALUE || kind == Kind.TYPE ? type : null;
  }
}
