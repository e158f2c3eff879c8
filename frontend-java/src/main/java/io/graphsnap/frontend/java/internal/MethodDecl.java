package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.MethodTree;
import java.util.List;

/**
 * A method or constructor of a {@link TypeDecl}, with its erased parameter list. Implicit members (a
 * default constructor, a record's canonical constructor and accessors) have no tree.
 */
final class MethodDecl implements Signature {
  final TypeDecl owner;
  final String name; // "<init>" for constructors
  final MethodTree tree; // null when implicit
  final List<String> params; // erased simple names; the last ends in "..." for varargs
  final boolean varargs;
  final boolean isNative;
  final String symbolName;
  /** Which parameters are typed by a bare type variable ({@code T t}); null when none are. */
  boolean[] typeVariableParams;
  /** For implicit record accessors: the component's field. */
  final FieldDecl component;
  /** Return type, resolved on first use by {@link ExpressionTyper}; UNKNOWN until then. */
  TypeRef returnType;
  boolean returnTypeResolved;

  MethodDecl(TypeDecl owner, String name, MethodTree tree, List<String> params, boolean varargs,
      boolean isNative, String symbolName, FieldDecl component) {
    this.owner = owner;
    this.name = name;
    this.tree = tree;
    this.params = params;
    this.varargs = varargs;
    this.isNative = isNative;
    this.symbolName = symbolName;
    this.component = component;
  }

  boolean isConstructor() {
    return name.equals("<init>");
  }

  @Override
  public List<String> params() {
    return params;
  }

  @Override
  public boolean varargs() {
    return varargs;
  }

  boolean isTypeVariableParam(int i) {
    return typeVariableParams != null && i < typeVariableParams.length && typeVariableParams[i];
  }

  @Override
  public String toString() {
    return symbolName;
  }
}
