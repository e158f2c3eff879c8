package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves type names written in a file to qualified names, lexically: type variables in scope, then the
 * enclosing types themselves, their member types (also those inherited from supertypes declared in the
 * file) and local classes, then the {@link FileScope file-level rules}. Not thread-safe.
 */
final class TypeResolver {
  private static final int MAX_DEPTH = 8;
  /** Prefix of a type name that resolves nowhere ({@code ?.Foo}): explicit, never guessed into a package. */
  static final String UNRESOLVED = "?.";

  final FileScope scope;
  final Map<String, TypeDecl> byName;

  TypeResolver(FileScope scope, Map<String, TypeDecl> byName) {
    this.scope = scope;
    this.byName = byName;
  }

  /**
   * What a simple name means as a type: a type variable ({@code typeVar} set), or a qualified name with
   * its declaration when in the file. {@code confident} is false when only the package default applied.
   */
  record Resolved(String name, TypeDecl decl, TypeParameterTree typeVar, boolean confident) {}

  Resolved resolveSimple(String n, MethodTree method, TypeDecl ctx) {
    if (method != null) {
      for (TypeParameterTree tp : method.getTypeParameters()) {
        if (tp.getName().contentEquals(n)) {
          return new Resolved(n, null, tp, true);
        }
      }
    }
    for (TypeDecl t = ctx; t != null; t = t.outer) {
      TypeParameterTree tp = t.typeParams.get(n);
      if (tp != null) {
        return new Resolved(n, null, tp, true);
      }
      if (t.simpleName.equals(n)) {
        return found(t);
      }
      TypeDecl member = memberType(t, n, 0);
      if (member == null) {
        member = t.localTypes.get(n);
      }
      if (member != null) {
        return found(member);
      }
      String inherited = scope.wholeTree() ? inheritedMemberType(t, n) : null;
      if (inherited != null) {
        return new Resolved(inherited, byName.get(inherited), null, true);
      }
      if (t.enclosingMethod != null) {
        for (TypeParameterTree mtp : t.enclosingMethod.getTypeParameters()) {
          if (mtp.getName().contentEquals(n)) {
            return new Resolved(n, null, mtp, true);
          }
        }
      }
    }
    String q = scope.qualifyOrNull(n);
    if (q != null) {
      return new Resolved(q, byName.get(q), null, true);
    }
    if (scope.wholeTree()) {
      return new Resolved(UNRESOLVED + n, null, null, false);
    }
    String guess = Names.qualify(scope.packageName, n);
    return new Resolved(guess, byName.get(guess), null, false);
  }

  /**
   * A member type {@code n} that {@code t} inherits from a supertype declared outside the file (the tree,
   * the JDK or the class path), directly or through its supertypes in the file; null if none.
   */
  private String inheritedMemberType(TypeDecl t, String n) {
    if (!t.supertypesResolved) {
      return findInheritedMemberType(t, n); // not final yet: do not cache
    }
    Map<String, String> cached = inheritedCache.computeIfAbsent(t, k -> new java.util.HashMap<>());
    String hit = cached.get(n);
    if (hit == null) {
      String found = findInheritedMemberType(t, n);
      hit = found == null ? "" : found;
      cached.put(n, hit);
    }
    return hit.isEmpty() ? null : hit;
  }

  private final Map<TypeDecl, Map<String, String>> inheritedCache = new java.util.IdentityHashMap<>();

  private String findInheritedMemberType(TypeDecl t, String n) {
    TreeTypes tree = scope.tree();
    List<TypeDecl> queue = new ArrayList<>();
    queue.add(t);
    for (int i = 0; i < queue.size() && i < 64; i++) {
      TypeDecl x = queue.get(i);
      List<String> supers = new ArrayList<>(x.interfaces.size() + 1);
      if (x.superclass != null) {
        supers.add(x.superclass);
      }
      supers.addAll(x.interfaces);
      for (String s : supers) {
        TypeDecl inFile = byName.get(s);
        if (inFile != null) {
          if (!queue.contains(inFile)) {
            queue.add(inFile);
          }
        } else {
          String m = tree.memberType(s, n);
          if (m != null) {
            return m;
          }
        }
      }
    }
    return null;
  }

  private static Resolved found(TypeDecl t) {
    return new Resolved(t.name, t, null, true);
  }

  /** A member type named {@code n} of {@code t} or of its supertypes declared in the file. */
  static TypeDecl memberType(TypeDecl t, String n, int depth) {
    TypeDecl m = t.memberTypes.get(n);
    if (m != null || depth >= MAX_DEPTH) {
      return m;
    }
    for (TypeDecl s : t.inFileSupertypes) {
      m = memberType(s, n, depth + 1);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  /**
   * Resolves a dotted name used as a type ({@code Map.Entry}, {@code java.util.List}): its first
   * identifier is resolved as a simple name when that is certain or looks like a type, otherwise the
   * whole name is taken as already qualified.
   */
  Resolved resolveDotted(String dotted, MethodTree method, TypeDecl ctx) {
    int dot = dotted.indexOf('.');
    if (dot < 0) {
      return resolveSimple(dotted, method, ctx);
    }
    String first = dotted.substring(0, dot);
    Resolved head = resolveSimple(first, method, ctx);
    String name;
    if (head.typeVar() == null && (head.confident() || Names.looksLikeType(first))) {
      name = head.name() + dotted.substring(dot);
    } else {
      name = dotted;
    }
    return new Resolved(name, byName.get(name), null, true);
  }

  /** The class a type tree names (generic arguments and array dimensions dropped), or null for primitives and unknown trees. */
  Resolved resolveType(Tree type, MethodTree method, TypeDecl ctx) {
    return switch (type) {
      case IdentifierTree id -> resolveSimple(id.getName().toString(), method, ctx);
      case MemberSelectTree ms -> {
        String dotted = Names.dotted(ms);
        if (dotted == null) { // Outer<T>.Inner
          Resolved outer = resolveType(ms.getExpression(), method, ctx);
          if (outer == null || outer.typeVar() != null) {
            yield null;
          }
          String id = ms.getIdentifier().toString();
          String member = scope.wholeTree() ? scope.tree().memberType(outer.name(), id) : null;
          String name = member != null ? member : outer.name() + "." + id;
          yield new Resolved(name, byName.get(name), null, true);
        }
        yield resolveDotted(dotted, method, ctx);
      }
      case ParameterizedTypeTree pt -> resolveType(pt.getType(), method, ctx);
      case ArrayTypeTree at -> resolveType(at.getType(), method, ctx);
      case AnnotatedTypeTree an -> resolveType(an.getUnderlyingType(), method, ctx);
      case null, default -> null;
    };
  }

  /** The erased static type a type tree denotes, type variables replaced by their first bound; null if unknown. */
  TypeRef typeRef(Tree type, MethodTree method, TypeDecl ctx) {
    return typeRef(type, method, ctx, 0);
  }

  /** A type argument: {@code ? extends X} as {@code X}, {@code ?} and {@code ? super X} unknown (null). */
  private TypeRef typeArgument(Tree a, MethodTree method, TypeDecl ctx, int depth) {
    if (a instanceof com.sun.source.tree.WildcardTree w) {
      return w.getKind() == Tree.Kind.EXTENDS_WILDCARD ? typeRef(w.getBound(), method, ctx, depth + 1) : null;
    }
    TypeRef t = typeRef(a, method, ctx, depth);
    return t == null || t.isPrimitive() ? null : t;
  }

  /**
   * The type of a multi-catch parameter ({@code IOException | RuntimeException e}): the nearest common superclass
   * of the alternatives (javac's least upper bound, here {@code java.lang.Exception}), followed through the tree
   * and the JDK; null when a superclass chain is not known to the end.
   */
  private TypeRef unionType(com.sun.source.tree.UnionTypeTree u, MethodTree method, TypeDecl ctx, int depth) {
    java.util.List<java.util.List<String>> chains = new java.util.ArrayList<>();
    for (Tree alt : u.getTypeAlternatives()) {
      TypeRef t = typeRef(alt, method, ctx, depth + 1);
      if (t == null || t.isArray() || t.isPrimitive()) {
        return null;
      }
      java.util.List<String> chain = new java.util.ArrayList<>();
      for (String c = t.name(); c != null && chain.size() < 32 && !chain.contains(c); c = scope.tree().superclassOf(c)) {
        chain.add(c);
      }
      if (!chain.getLast().equals("java.lang.Object")) {
        return null; // a chain that leaves the tree and the JDK: its classes are not known
      }
      chains.add(chain);
    }
    for (String c : chains.getFirst()) {
      if (chains.stream().allMatch(ch -> ch.contains(c))) {
        return new TypeRef(c, 0, byName.get(c));
      }
    }
    return null;
  }

  private TypeRef typeRef(Tree type, MethodTree method, TypeDecl ctx, int depth) {
    if (depth > MAX_DEPTH) {
      return TypeRef.OBJECT;
    }
    return switch (type) {
      case PrimitiveTypeTree p -> TypeRef.primitive(p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT));
      case ArrayTypeTree at -> {
        TypeRef element = typeRef(at.getType(), method, ctx, depth + 1);
        yield element == null ? null : element.arrayOf(1);
      }
      case ParameterizedTypeTree pt -> {
        TypeRef base = typeRef(pt.getType(), method, ctx, depth + 1);
        if (base == null || pt.getTypeArguments().isEmpty()) {
          yield base;
        }
        java.util.List<TypeRef> args = new java.util.ArrayList<>(pt.getTypeArguments().size());
        for (Tree a : pt.getTypeArguments()) {
          args.add(typeArgument(a, method, ctx, depth + 1));
        }
        yield base.withArgs(args);
      }
      case AnnotatedTypeTree an -> typeRef(an.getUnderlyingType(), method, ctx, depth + 1);
      case com.sun.source.tree.UnionTypeTree u -> unionType(u, method, ctx, depth);
      case IdentifierTree id when id.getName().contentEquals("var") -> null;
      case IdentifierTree id -> {
        Resolved r = resolveSimple(id.getName().toString(), method, ctx);
        if (r.typeVar() != null) {
          yield r.typeVar().getBounds().isEmpty() ? TypeRef.OBJECT
              : typeRef(r.typeVar().getBounds().getFirst(), method, ctx, depth + 1);
        }
        yield new TypeRef(r.name(), 0, r.decl());
      }
      case MemberSelectTree ms -> {
        Resolved r = resolveType(ms, method, ctx);
        yield r == null ? null : new TypeRef(r.name(), 0, r.decl());
      }
      case null, default -> null;
    };
  }
}
