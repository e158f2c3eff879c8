package io.graphsnap.frontend.java.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the members of a type of the tree ({@link JdkClasses.Info}: methods inherited included, constructors,
 * fields, member types) from the declarations of it and its supertypes in a {@link TreeTypes}, in the JVM's
 * method resolution order: the superclass chain of tree classes, then the first non-tree superclass (the JDK's
 * or the class path's), then the interfaces breadth first. Stateless; the table caches the results.
 */
final class MemberInfos {
  private MemberInfos() {}

  /** Bit {@code i} set when erased parameter {@code i} of a method of {@code t} is certainly no interface. */
  static long classParams(TreeTypes table, FileDeclarations.Type t, FileDeclarations.Method m) {
    List<String> params = m.params();
    long bits = 0;
    for (int i = 0; i < params.size() && i < 64; i++) {
      String p = params.get(i);
      if (m.typeVariableParam(i)) {
        continue; // a type variable may stand for a functional interface
      }
      if (p.endsWith("[]") || p.endsWith("...") || Erasure.isPrimitive(p)) {
        bits |= 1L << i;
        continue;
      }
      TypeRef r = table.typeRef(t, p);
      if (r != null && table.exists(r.name()) && !table.isInterface(r.name())) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  /** The tree types and the first non-tree supertypes of {@code name}, in the JVM's method resolution order. */
  static JdkClasses.Info build(TreeTypes table, String name) {
    FileDeclarations.Type self = table.declaration(name);
    List<String> order = new ArrayList<>(); // tree types
    List<String> external = new ArrayList<>(); // non-tree supertypes, in order
    String k = name;
    for (int depth = 0; k != null && depth < TreeTypes.MAX_DEPTH && !order.contains(k); depth++) {
      if (!table.declares(k)) {
        external.add(k);
        break;
      }
      order.add(k);
      k = table.supersOf(k).superclass();
    }
    ArrayDeque<String> queue = new ArrayDeque<>();
    Set<String> seenTypes = new HashSet<>(order);
    for (String c : List.copyOf(order)) {
      queue.addAll(table.supersOf(c).interfaces());
    }
    while (!queue.isEmpty() && order.size() + external.size() < 512) {
      String i = queue.poll();
      if (!seenTypes.add(i)) {
        continue;
      }
      if (table.declares(i)) {
        order.add(i);
        queue.addAll(table.supersOf(i).interfaces());
      } else {
        external.add(i);
      }
    }
    if (self.isInterface()) {
      external.add("java.lang.Object");
    }
    Map<String, List<JdkClasses.JdkMethod>> methods = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Map<String, TypeRef> fields = new HashMap<>();
    Map<String, TypeRef> staticFields = new HashMap<>();
    Map<String, String> memberTypes = new HashMap<>();
    Map<String, JdkClasses.FieldType> genericFields = new HashMap<>();
    List<JdkClasses.JdkMethod> constructors = new ArrayList<>();
    // The superclass chain of tree classes, then the first non-tree superclass, then the interfaces.
    int chain = 0;
    while (chain < order.size() && (chain == 0 || !table.declaration(order.get(chain)).isInterface())) {
      chain++;
    }
    List<String> sequence = new ArrayList<>(order.subList(0, chain));
    boolean externalSuperclass = !self.isInterface() && !external.isEmpty() && k != null && k.equals(external.getFirst());
    if (externalSuperclass) {
      sequence.add(external.getFirst());
    }
    sequence.addAll(order.subList(chain, order.size()));
    sequence.addAll(externalSuperclass ? external.subList(1, external.size()) : external);
    for (String s : sequence) {
      FileDeclarations.Type t = table.declaration(s);
      if (t == null) {
        JdkClasses.Info i = JdkClasses.info(s);
        if (i == null) {
          i = table.classpath().info(s);
        }
        if (i != null) {
          for (Map.Entry<String, List<JdkClasses.JdkMethod>> e : i.methods().entrySet()) {
            for (JdkClasses.JdkMethod m : e.getValue()) {
              if (seen.add(m.name() + m.params())) {
                methods.computeIfAbsent(m.name(), n -> new ArrayList<>(2)).add(m);
              }
            }
          }
          i.fields().forEach(fields::putIfAbsent);
          i.staticFields().forEach(staticFields::putIfAbsent);
          i.memberTypes().forEach(memberTypes::putIfAbsent);
          i.genericFields().forEach(genericFields::putIfAbsent);
        }
        continue;
      }
      boolean own = s.equals(name);
      for (FileDeclarations.Method m : t.methods()) {
        if (m.name().equals("<init>")) {
          if (own && !m.isPrivate()) { // infos answer other files, which cannot call a private constructor
            constructors.add(new JdkClasses.JdkMethod(name, "<init>", m.params(), m.varargs(), null, null,
                classParams(table, t, m)));
          }
          continue;
        }
        if (!own && (m.isPrivate() || m.isStatic() && t.isInterface())) {
          continue;
        }
        if (seen.add(m.name() + m.params())) {
          methods.computeIfAbsent(m.name(), n -> new ArrayList<>(2))
              .add(new JdkClasses.JdkMethod(s, m.name(), m.params(), m.varargs(), table.typeRef(t, m.returnType()),
                  table.template(t, m.genericReturn()), classParams(table, t, m)));
        }
      }
      for (FileDeclarations.Field f : t.fields()) {
        if (!own && f.isPrivate()) {
          continue;
        }
        if (!fields.containsKey(f.name())) {
          TypeRef type = table.typeRef(t, f.type());
          if (type != null) {
            fields.put(f.name(), type);
            if (f.isStatic()) {
              staticFields.putIfAbsent(f.name(), type);
            }
          }
          JdkGenerics.Template g = table.template(t, f.genericType());
          if (g != null) {
            genericFields.putIfAbsent(f.name(), new JdkClasses.FieldType(s, g));
          }
        }
      }
      for (String m : t.memberTypes()) {
        memberTypes.putIfAbsent(m, s + "." + m);
      }
    }
    methods.replaceAll((n, v) -> List.copyOf(v));
    return new JdkClasses.Info(self.isInterface(), Map.copyOf(methods), List.copyOf(constructors),
        Map.copyOf(staticFields), Map.copyOf(fields), Map.copyOf(memberTypes), Map.copyOf(genericFields));
  }
}
