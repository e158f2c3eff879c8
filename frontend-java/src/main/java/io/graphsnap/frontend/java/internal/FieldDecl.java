package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.VariableTree;

/** A field, enum constant or record component of a {@link TypeDecl}. */
final class FieldDecl {
  final TypeDecl owner;
  final String name;
  final VariableTree tree;
  final String kind; // "field" or "enum-constant"
  final String symbolName;
  /** Declared type, resolved on first use by {@link ExpressionTyper}. */
  TypeRef type;
  boolean typeResolved;

  FieldDecl(TypeDecl owner, String name, VariableTree tree, String kind, String symbolName) {
    this.owner = owner;
    this.name = name;
    this.tree = tree;
    this.kind = kind;
    this.symbolName = symbolName;
  }

  @Override
  public String toString() {
    return symbolName;
  }
}
