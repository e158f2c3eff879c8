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
import java.util.Locale;
import java.util.Set;

/**
 * Erases a type as written to the simple name used in method symbol names: generic arguments dropped,
 * type variables replaced by the erasure of their first bound ({@code Object} when unbounded), qualified
 * names reduced to their last identifier, arrays kept as {@code []}. Stateless.
 */
final class Erasure {
  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double", "void");
  private static final int MAX_DEPTH = 16;

  private Erasure() {}

  static boolean isPrimitive(String name) {
    return PRIMITIVES.contains(name);
  }

  /** The erased simple name of {@code type} seen in method {@code method} (may be null) of {@code owner}. */
  static String simpleName(Tree type, MethodTree method, TypeDecl owner) {
    return erase(type, method, owner, 0);
  }

  private static String erase(Tree type, MethodTree method, TypeDecl owner, int depth) {
    if (depth > MAX_DEPTH) {
      return "Object";
    }
    return switch (type) {
      case PrimitiveTypeTree p -> p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT);
      case IdentifierTree id -> {
        String n = id.getName().toString();
        TypeParameterTree tp = typeVariable(n, method, owner);
        if (tp == null) {
          yield n;
        }
        yield tp.getBounds().isEmpty() ? "Object" : erase(tp.getBounds().getFirst(), method, owner, depth + 1);
      }
      case MemberSelectTree ms -> ms.getIdentifier().toString();
      case ParameterizedTypeTree pt -> erase(pt.getType(), method, owner, depth + 1);
      case ArrayTypeTree at -> erase(at.getType(), method, owner, depth + 1) + "[]";
      case AnnotatedTypeTree an -> erase(an.getUnderlyingType(), method, owner, depth + 1);
      case null -> "Object";
      default -> "Object";
    };
  }

  /**
   * The type variable named {@code n} in scope in {@code method} of {@code owner}, or {@code null}: the
   * method's own, then each lexically enclosing type's and, for local classes, their enclosing method's.
   */
  static TypeParameterTree typeVariable(String n, MethodTree method, TypeDecl owner) {
    if (method != null) {
      for (TypeParameterTree tp : method.getTypeParameters()) {
        if (tp.getName().contentEquals(n)) {
          return tp;
        }
      }
    }
    for (TypeDecl t = owner; t != null; t = t.outer) {
      TypeParameterTree tp = t.typeParams.get(n);
      if (tp != null) {
        return tp;
      }
      if (t.simpleName.equals(n) || t.memberTypes.containsKey(n)) {
        return null; // a type of that name shadows type variables of enclosing scopes
      }
      if (t.enclosingMethod != null) {
        for (TypeParameterTree mtp : t.enclosingMethod.getTypeParameters()) {
          if (mtp.getName().contentEquals(n)) {
            return mtp;
          }
        }
      }
    }
    return null;
  }
}
