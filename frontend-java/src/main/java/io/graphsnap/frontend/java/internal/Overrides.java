package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.ModifiersTree;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code overrides} edges. A method overrides the method of the same name and erased parameter list in
 * the nearest supertype declared in the same file (a parameter typed by a type variable in the supertype
 * matches any type, so {@code compareTo(Foo)} overrides {@code compareTo(T)}). When none is found, the
 * supertypes declared outside the file are tried: a JDK class ({@link JdkClasses}, implicit {@code Object},
 * {@code Enum} and {@code Record} included) gives an edge to its first declaration with the same name and
 * parameters (a JDK parameter {@code Object} matches anything, as type variables erase to it); any other
 * supertype gets an edge to the same signature only if the method is annotated {@code @Override}, and that
 * signature may not exist there (it then becomes an external node). Constructors, static and private methods override nothing.
 */
final class Overrides {
  private static final int MAX_DEPTH = 8;
  private final FileExtraction fx;

  Overrides(FileExtraction fx) {
    this.fx = fx;
  }

  void emit(int idx, MethodDecl m, ModifiersTree mods) {
    if (m.isConstructor() || mods.getFlags().contains(Modifier.STATIC) || mods.getFlags().contains(Modifier.PRIVATE)) {
      return;
    }
    boolean found = false;
    for (TypeDecl s : m.owner.inFileSupertypes) {
      MethodDecl overridden = find(s, m, 0);
      if (overridden != null) {
        fx.edge(idx, "overrides", overridden.symbolName);
        found = true;
      }
    }
    if (!found) {
      boolean annotated = FileExtraction.hasAnnotation(mods, "Override");
      String params = "(" + String.join(",", m.params) + ")";
      for (String external : fx.calls.externalSupertypes(m.owner)) {
        JdkClasses.Info info = fx.tree.info(external);
        if (info != null && fx.scope.wholeTree()) {
          String overridden = fx.tree.overridden(external, m.name, m.params);
          if (overridden != null) {
            fx.edge(idx, "overrides", overridden);
          }
          continue;
        }
        if (info == null) {
          if (annotated) {
            fx.edge(idx, "overrides", external + "#" + m.name + params);
          }
          continue;
        }
        JdkClasses.JdkMethod overridden = jdkOverridden(info.methodsNamed(m.name), m.params);
        if (overridden != null) {
          fx.edge(idx, "overrides", overridden.symbolName());
        }
      }
    }
  }

  /** The JDK method with exactly these parameters, else the only one they match loosely, else null. */
  private static JdkClasses.JdkMethod jdkOverridden(List<JdkClasses.JdkMethod> candidates, List<String> params) {
    JdkClasses.JdkMethod loose = null;
    int looseCount = 0;
    for (JdkClasses.JdkMethod c : candidates) {
      if (c.params().equals(params)) {
        return c;
      }
      if (sameErasure(c.params(), params)) {
        loose = c;
        looseCount++;
      }
    }
    return looseCount == 1 ? loose : null;
  }

  private static boolean sameErasure(List<String> jdk, List<String> sub) {
    if (jdk.size() != sub.size()) {
      return false;
    }
    for (int i = 0; i < jdk.size(); i++) {
      String p = jdk.get(i);
      if (!p.equals(sub.get(i)) && !p.equals("Object") && !p.equals("Object[]") && !p.equals("Object...")) {
        return false;
      }
    }
    return true;
  }

  private static MethodDecl find(TypeDecl s, MethodDecl m, int depth) {
    for (MethodDecl candidate : s.methodsNamed(m.name)) {
      if (candidate.tree != null && !candidate.tree.getModifiers().getFlags().contains(Modifier.STATIC)
          && !candidate.tree.getModifiers().getFlags().contains(Modifier.PRIVATE)
          && sameErasure(candidate, m)) {
        return candidate;
      }
    }
    if (depth >= MAX_DEPTH) {
      return null;
    }
    for (TypeDecl up : s.inFileSupertypes) {
      MethodDecl found = find(up, m, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean sameErasure(MethodDecl sup, MethodDecl sub) {
    List<String> a = sup.params;
    List<String> b = sub.params;
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i)) && !sup.isTypeVariableParam(i)) {
        return false;
      }
    }
    return true;
  }
}
