package io.graphsnap.frontend.java.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the running JDK's own classes declare: whether a type is an interface, its methods (with those it
 * inherits, each named after the type that declares it first in the JVM's resolution order: the class and
 * its superclasses, then the superinterfaces), constructors, static fields and non-generic return types. Used only for names that {@link JdkTypes} finds in the JDK's runtime image; classes are
 * loaded without initialisation and only their metadata is read.
 *
 * <p>Thread-safe; one entry per class for the life of the JVM. A class that cannot be loaded or linked
 * counts as unknown.
 */
final class JdkClasses {
  /**
   * One method or constructor of a class (of the JDK, the class path or the tree). {@code classParams} has bit
   * {@code i} set when parameter {@code i} is certainly no interface (a class, a primitive or an array), so no
   * lambda or method reference can be passed there. {@code genericParams} are the parameters' templates of a
   * method with type variables of its own (else null); {@code packagePrivate} marks a JDK method that only its
   * own package can call.
   */
  record JdkMethod(String owner, String name, List<String> params, boolean varargs, TypeRef returnType,
      JdkGenerics.Template genericResult, long classParams, List<JdkGenerics.Template> genericParams,
      boolean packagePrivate) implements Signature {
    JdkMethod(String owner, String name, List<String> params, boolean varargs, TypeRef returnType,
        JdkGenerics.Template genericResult, long classParams) {
      this(owner, name, params, varargs, returnType, genericResult, classParams, null, false);
    }

    JdkMethod(String owner, String name, List<String> params, boolean varargs, TypeRef returnType,
        JdkGenerics.Template genericResult, long classParams, List<JdkGenerics.Template> genericParams) {
      this(owner, name, params, varargs, returnType, genericResult, classParams, genericParams, false);
    }

    JdkMethod(String owner, String name, List<String> params, boolean varargs, TypeRef returnType) {
      this(owner, name, params, varargs, returnType, null, 0);
    }

    JdkMethod(String owner, String name, List<String> params, boolean varargs, TypeRef returnType,
        JdkGenerics.Template genericResult) {
      this(owner, name, params, varargs, returnType, genericResult, 0);
    }

    @Override
    public boolean classParam(int i) {
      return i < 64 && (classParams & (1L << i)) != 0;
    }

    String symbolName() {
      return owner + "#" + name + "(" + String.join(",", params) + ")";
    }
  }

  /** A field's generic type, a template over the type parameters of the type that declares it ({@code owner}). */
  record FieldType(String owner, JdkGenerics.Template type) {}

  /**
   * The members of one class (of the JDK, the class path or the tree); {@code genericFields} holds the generic
   * types of the fields whose type has type arguments or is a type parameter of their class.
   */
  record Info(boolean isInterface, Map<String, List<JdkMethod>> methods, List<JdkMethod> constructors,
      Map<String, TypeRef> staticFields, Map<String, TypeRef> fields, Map<String, String> memberTypes,
      Map<String, FieldType> genericFields) {
    Info(boolean isInterface, Map<String, List<JdkMethod>> methods, List<JdkMethod> constructors,
        Map<String, TypeRef> staticFields, Map<String, TypeRef> fields, Map<String, String> memberTypes) {
      this(isInterface, methods, constructors, staticFields, fields, memberTypes, Map.of());
    }

    List<JdkMethod> methodsNamed(String name) {
      return name.equals("<init>") ? constructors : methods.getOrDefault(name, List.of());
    }
  }

  private static final ConcurrentHashMap<String, Optional<Info>> CACHE = new ConcurrentHashMap<>();
  private static final ClassLoader LOADER = ClassLoader.getSystemClassLoader();

  private JdkClasses() {}

  /** The members of JDK class {@code qualified} ({@code java.util.Map.Entry}), or {@code null} if it is not one. */
  static Info info(String qualified) {
    if (qualified == null) {
      return null;
    }
    Optional<Info> cached = CACHE.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    String binary = binaryName(qualified);
    if (binary == null) {
      return null; // not a JDK class: answered from JdkTypes' per-package cache, nothing stored here
    }
    return CACHE.computeIfAbsent(qualified, q -> Optional.ofNullable(load(binary))).orElse(null);
  }

  private static final ConcurrentHashMap<String, Optional<List<String>>> SUPERTYPES = new ConcurrentHashMap<>();

  /** The canonical names of every supertype of JDK class {@code qualified}, or null if it is not one. */
  static List<String> supertypes(String qualified) {
    Optional<List<String>> cached = SUPERTYPES.get(qualified);
    if (cached != null) {
      return cached.orElse(null);
    }
    String binary = binaryName(qualified);
    List<String> result = null;
    if (binary != null) {
      try {
        Class<?> c = Class.forName(binary, false, LOADER);
        Set<String> out = new java.util.LinkedHashSet<>();
        ArrayDeque<Class<?>> queue = new ArrayDeque<>();
        queue.add(c);
        while (!queue.isEmpty()) {
          Class<?> k = queue.poll();
          if (k.getCanonicalName() != null && out.add(k.getCanonicalName())) {
            if (k.getSuperclass() != null) {
              queue.add(k.getSuperclass());
            }
            queue.addAll(List.of(k.getInterfaces()));
          }
        }
        out.add("java.lang.Object");
        result = List.copyOf(out);
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        result = null;
      }
    }
    SUPERTYPES.putIfAbsent(qualified, Optional.ofNullable(result));
    return result;
  }

  /** The canonical name of JDK class {@code qualified}'s superclass; null for interfaces, Object, or no JDK class. */
  static String superclass(String qualified) {
    String binary = binaryName(qualified);
    if (binary == null) {
      return null;
    }
    try {
      Class<?> s = Class.forName(binary, false, LOADER).getSuperclass();
      return s == null ? null : s.getCanonicalName();
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  static boolean isInterface(String qualified) {
    Info i = info(qualified);
    return i != null && i.isInterface();
  }

  private static Info load(String binaryName) {
    try {
      return describe(Class.forName(binaryName, false, LOADER));
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** {@link #binaryName}, for {@link JdkGenerics}. */
  static String binaryNameOf(String qualified) {
    return binaryName(qualified);
  }

  /** The binary name ({@code java.util.Map$Entry}) if {@code qualified} is a class of the JDK's runtime image, else null. */
  private static String binaryName(String qualified) {
    int dot = qualified.lastIndexOf('.');
    while (dot > 0) {
      String pkg = qualified.substring(0, dot);
      String rest = qualified.substring(dot + 1).replace('.', '$');
      if (JdkTypes.exists(pkg, rest)) {
        return pkg + "." + rest;
      }
      dot = qualified.lastIndexOf('.', dot - 1);
    }
    return null;
  }

  private static Info describe(Class<?> c) {
    Map<String, List<JdkMethod>> methods = new HashMap<>();
    Set<String> seen = new HashSet<>();
    // As the JVM resolves methods: the class and its superclasses first, then all superinterfaces.
    List<Class<?>> order = new ArrayList<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      order.add(k);
    }
    Set<Class<?>> visited = new HashSet<>(order);
    ArrayDeque<Class<?>> interfaces = new ArrayDeque<>();
    for (Class<?> k : List.copyOf(order)) {
      interfaces.addAll(List.of(k.getInterfaces()));
    }
    while (!interfaces.isEmpty()) {
      Class<?> i = interfaces.poll();
      if (visited.add(i)) {
        order.add(i);
        interfaces.addAll(List.of(i.getInterfaces()));
      }
    }
    if (c.isInterface()) {
      order.add(Object.class); // interfaces have Object's public methods
    }
    for (Class<?> k : order) {
      String owner = k.getCanonicalName();
      if (owner == null) {
        continue;
      }
      for (Method m : k.getDeclaredMethods()) {
        if (m.isSynthetic() || m.isBridge() || Modifier.isPrivate(m.getModifiers())) { // never accessible from the tree
          continue;
        }
        JdkMethod jm = new JdkMethod(owner, m.getName(), params(m, 0), m.isVarArgs(), returnType(m),
            JdkGenerics.resultOf(m), classParams(m, 0), JdkGenerics.paramsOf(m),
            (m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) == 0);
        if (seen.add(m.getName() + jm.params())) { // the first declaration in resolution order wins
          methods.computeIfAbsent(m.getName(), n -> new ArrayList<>(2)).add(jm);
        }
      }
    }
    List<JdkMethod> constructors = new ArrayList<>();
    String name = c.getCanonicalName();
    if (name != null) {
      boolean inner = c.isMemberClass() && !Modifier.isStatic(c.getModifiers());
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (!k.isSynthetic() && !Modifier.isPrivate(k.getModifiers())) {
          constructors.add(new JdkMethod(name, "<init>", params(k, inner ? 1 : 0), k.isVarArgs(), null, null,
              classParams(k, inner ? 1 : 0)));
        }
      }
    }
    Map<String, TypeRef> staticFields = new HashMap<>();
    Map<String, TypeRef> fields = new HashMap<>();
    for (Field f : accessibleFields(c)) {
      if (!(f.getGenericType() instanceof TypeVariable<?>)) {
        TypeRef t = typeRef(f.getType());
        if (t != null) {
          fields.putIfAbsent(f.getName(), t);
          if (Modifier.isStatic(f.getModifiers())) {
            staticFields.putIfAbsent(f.getName(), t);
          }
        }
      }
    }
    Map<String, String> memberTypes = new HashMap<>();
    try {
      for (Class<?> k : c.getDeclaredClasses()) {
        if (k.getCanonicalName() != null) {
          memberTypes.putIfAbsent(k.getSimpleName(), k.getCanonicalName());
        }
      }
      for (Class<?> k : c.getClasses()) { // public member types, inherited ones included
        if (k.getCanonicalName() != null) {
          memberTypes.putIfAbsent(k.getSimpleName(), k.getCanonicalName());
        }
      }
    } catch (LinkageError | RuntimeException e) {
      // a member class that cannot be linked: the others still count
    }
    methods.replaceAll((k, v) -> List.copyOf(v));
    return new Info(c.isInterface(), Map.copyOf(methods), List.copyOf(constructors), Map.copyOf(staticFields),
        Map.copyOf(fields), Map.copyOf(memberTypes));
  }

  /**
   * The fields a subclass in the tree can name: the public and protected fields that {@code c} and its
   * superclasses declare, nearest first (so a field hides one of the same name further up, as in javac), then
   * the public fields of its interfaces ({@code FilterInputStream.in} is protected: a tree class extending it
   * reads it as {@code in}).
   */
  private static List<Field> accessibleFields(Class<?> c) {
    List<Field> out = new ArrayList<>();
    try {
      for (Class<?> k = c; k != null; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          int mod = f.getModifiers();
          if (!f.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod))) {
            out.add(f);
          }
        }
      }
    } catch (LinkageError | RuntimeException e) {
      out.clear(); // a field type that cannot be linked: the public fields below still count
    }
    out.addAll(List.of(c.getFields())); // the interfaces' constants (the classes' public ones again: kept first above)
    return out;
  }

  /** Erased simple parameter names, as the source extractor writes them; {@code skip} drops an outer-instance parameter. */
  private static List<String> params(Executable e, int skip) {
    Class<?>[] types = e.getParameterTypes();
    List<String> out = new ArrayList<>(types.length);
    for (int i = skip; i < types.length; i++) {
      String simple = types[i].getSimpleName();
      if (i == types.length - 1 && e.isVarArgs() && simple.endsWith("[]")) {
        simple = simple.substring(0, simple.length() - 2) + "...";
      }
      out.add(simple);
    }
    return List.copyOf(out);
  }

  /** Bit {@code i} set when parameter {@code i} (after {@code skip}) is no interface. */
  private static long classParams(Executable e, int skip) {
    Class<?>[] types = e.getParameterTypes();
    java.lang.reflect.Type[] generic = e.getGenericParameterTypes();
    int shift = types.length - generic.length; // javac may leave implicit parameters out of the generic ones
    long bits = 0;
    for (int i = skip; i < types.length && i - skip < 64; i++) {
      boolean typeVariable = i - shift >= 0 && generic[i - shift] instanceof TypeVariable<?>;
      if (!types[i].isInterface() && !typeVariable) { // a type variable may stand for a functional interface
        bits |= 1L << (i - skip);
      }
    }
    return bits;
  }

  private static TypeRef returnType(Method m) {
    if (m.getGenericReturnType() instanceof TypeVariable<?>) {
      return null; // erased to its bound, which tells little about the value
    }
    return typeRef(m.getReturnType());
  }

  private static TypeRef typeRef(Class<?> type) {
    int dims = 0;
    Class<?> t = type;
    while (t.isArray()) {
      dims++;
      t = t.getComponentType();
    }
    if (t == void.class) {
      return null;
    }
    String name = t.isPrimitive() ? t.getName() : t.getCanonicalName();
    return name == null ? null : new TypeRef(name, dims, null);
  }
}
