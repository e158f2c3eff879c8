package io.graphsnap.frontend.java.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Questions about the supertypes of a tree type in a {@link TreeTypes}: which method a method overrides, the
 * simple names of all supertypes (for overload resolution), and every supertype in order. Walks are bounded by
 * depth and visited sets, so cyclic or broken inheritance ends. Thread-safe; one per table.
 */
final class TreeHierarchy {
  private final TreeTypes table;

  TreeHierarchy(TreeTypes table) {
    this.table = table;
  }

  /**
   * The method that a method {@code name(params)} of a subtype overrides in {@code supertype} or its
   * supertypes: the nearest non-private, non-static declaration with the same erased parameters (a
   * parameter typed by a type variable there, or {@code Object} in a JDK or class path type, matches
   * anything); its symbol name, or null.
   */
  String overridden(String supertype, String name, List<String> params) {
    return overridden(supertype, name, params, new HashSet<>(), 0);
  }

  private String overridden(String s, String name, List<String> params, Set<String> visited, int depth) {
    if (s == null || depth > TreeTypes.MAX_DEPTH || !visited.add(s)) {
      return null;
    }
    FileDeclarations.Type t = table.declaration(s);
    if (t == null) {
      JdkClasses.Info i = table.info(s);
      if (i == null) {
        return null;
      }
      JdkClasses.JdkMethod loose = null;
      int looseCount = 0;
      for (JdkClasses.JdkMethod c : i.methodsNamed(name)) {
        if (c.params().equals(params)) {
          return c.symbolName();
        }
        if (objectMatches(c.params(), params)) {
          loose = c;
          looseCount++;
        }
      }
      return looseCount == 1 ? loose.symbolName() : null;
    }
    for (FileDeclarations.Method m : t.methods()) {
      if (m.name().equals(name) && !m.isPrivate() && !m.isStatic() && m.params().size() == params.size()) {
        boolean same = true;
        for (int i = 0; i < params.size() && same; i++) {
          same = m.params().get(i).equals(params.get(i)) || m.typeVariableParam(i);
        }
        if (same) {
          return s + "#" + name + "(" + String.join(",", m.params()) + ")";
        }
      }
    }
    for (String up : table.supersOf(s).all()) {
      String found = overridden(up, name, params, visited, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean objectMatches(List<String> sup, List<String> sub) {
    if (sup.size() != sub.size()) {
      return false;
    }
    for (int i = 0; i < sup.size(); i++) {
      String p = sup.get(i);
      if (!p.equals(sub.get(i)) && !p.equals("Object") && !p.equals("Object[]") && !p.equals("Object...")) {
        return false;
      }
    }
    return true;
  }

  private final ConcurrentHashMap<String, Optional<Set<String>>> supertypeNames = new ConcurrentHashMap<>();

  /**
   * The simple names of {@code qualified} and of all its supertypes (tree, JDK and class path, {@code Object}
   * included), or null when the type or one of its supertypes is unknown (then nothing can be ruled out).
   */
  Set<String> supertypeSimpleNames(String qualified) {
    Optional<Set<String>> cached = supertypeNames.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    Set<String> names = new HashSet<>();
    names.add("Object");
    boolean known = collectSupertypeNames(qualified, names, new HashSet<>(), 0);
    Set<String> result = known ? Set.copyOf(names) : null;
    supertypeNames.putIfAbsent(qualified, Optional.ofNullable(result));
    return result;
  }

  private boolean collectSupertypeNames(String q, Set<String> names, Set<String> visited, int depth) {
    if (depth > TreeTypes.MAX_DEPTH || !visited.add(q)) {
      return true;
    }
    names.add(Names.simpleName(q));
    if (table.declares(q)) {
      FileDeclarations.Type t = table.declaration(q);
      TreeTypes.Supers s = table.supersOf(q);
      if (t.superclass() != null && s.superclass() == null && !q.equals("java.lang.Object")) {
        return false; // an unresolved superclass
      }
      if (s.interfaces().size() < t.interfaces().size()) {
        return false; // an unresolved interface
      }
      for (String up : s.all()) {
        if (!collectSupertypeNames(up, names, visited, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    List<String> jdk = JdkClasses.supertypes(q);
    if (jdk == null) {
      return false; // not a JDK class (class path types are not walked): unknown
    }
    for (String up : jdk) {
      names.add(Names.simpleName(up));
    }
    return true;
  }

  /** Every supertype of {@code name} (tree, JDK, class path), nearest first, without {@code name}. */
  List<String> allSupertypes(String name) {
    Set<String> out = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(table.supersOf(name).all());
    while (!queue.isEmpty() && out.size() < 256) {
      String s = queue.poll();
      if (!s.equals(name) && out.add(s)) {
        queue.addAll(table.supersOf(s).all());
      }
    }
    return new ArrayList<>(out);
  }
}
