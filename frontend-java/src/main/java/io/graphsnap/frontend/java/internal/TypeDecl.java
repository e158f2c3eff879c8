package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A type declared in the file being extracted (class, interface, enum, record, annotation type, local or
 * anonymous class), with its members as far as the parser shows them. Filled by {@link
 * DeclarationCollector}; the supertype fields are resolved later by {@link FileExtraction}.
 */
final class TypeDecl {
  final String name;
  final String simpleName; // "" for anonymous classes
  final String kind;
  final ClassTree tree;
  final TypeDecl outer; // lexically enclosing type, null for a top-level type
  final boolean local; // declared in a method body or initializer (local or anonymous)
  final MethodTree enclosingMethod; // for local and anonymous classes declared in a method
  final Map<String, TypeParameterTree> typeParams = new HashMap<>(4);
  final Map<String, TypeDecl> memberTypes = new LinkedHashMap<>(4);
  final Map<String, TypeDecl> localTypes = new HashMap<>(2);
  final Map<String, List<MethodDecl>> methods = new LinkedHashMap<>();
  final Map<String, FieldDecl> fields = new LinkedHashMap<>();
  final List<MethodDecl> implicitMethods = new ArrayList<>(2);
  /** For an anonymous class: the type named after {@code new}. */
  Tree anonymousSuper;

  private int anonymousCount;
  private Map<String, Integer> localCounts;

  // Resolved by FileExtraction before bodies are scanned.
  String superclass; // explicit or implicit (Object, Enum, Record); null for interfaces
  boolean explicitSuperclass;
  final List<String> interfaces = new ArrayList<>(2);
  final List<TypeDecl> inFileSupertypes = new ArrayList<>(2);
  boolean supertypesResolved;

  TypeDecl(String name, String simpleName, String kind, ClassTree tree, TypeDecl outer, boolean local,
      MethodTree enclosingMethod) {
    this.name = name;
    this.simpleName = simpleName;
    this.kind = kind;
    this.tree = tree;
    this.outer = outer;
    this.local = local;
    this.enclosingMethod = enclosingMethod;
    for (TypeParameterTree tp : tree.getTypeParameters()) {
      typeParams.put(tp.getName().toString(), tp);
    }
  }

  boolean anonymous() {
    return simpleName.isEmpty();
  }

  boolean isInterface() {
    return kind.equals("interface") || kind.equals("annotation");
  }

  /** The next anonymous class index, 1-based, as javac numbers them ({@code Outer$1}). */
  int nextAnonymousIndex() {
    return ++anonymousCount;
  }

  /** The next index for a local class of this simple name, 1-based ({@code Outer$1Local}). */
  int nextLocalIndex(String simple) {
    if (localCounts == null) {
      localCounts = new HashMap<>(2);
    }
    return localCounts.merge(simple, 1, Integer::sum);
  }

  void addMethod(MethodDecl m) {
    methods.computeIfAbsent(m.name, k -> new ArrayList<>(2)).add(m);
  }

  /** The methods of this name declared here (explicitly or implicitly), or an empty list. */
  List<MethodDecl> methodsNamed(String methodName) {
    List<MethodDecl> found = methods.get(methodName);
    return found == null ? List.of() : found;
  }

  @Override
  public String toString() {
    return name;
  }
}
