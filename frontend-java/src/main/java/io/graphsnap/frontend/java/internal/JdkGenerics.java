package io.graphsnap.frontend.java.internal;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generic signatures of the running JDK's classes (by reflection, as {@link JdkClasses}): the type arguments
 * that a method's result or a supertype carries, so that a receiver typed {@code List<Foo>} gives
 * {@code get(0)} the type {@code Foo} and an enhanced {@code for} over it the element type {@code Foo}, erased
 * as javac erases (a type argument that is a wildcard {@code ? extends X} counts as {@code X}; {@code ?} and
 * {@code ? super X} as unknown).
 *
 * <p>Only classes of the JDK's runtime image are read; types of the source tree and the class path have no
 * generic signatures here (their members keep their erased types). Thread-safe; results are cached.
 */
final class JdkGenerics {
  /**
   * A generic type in terms of its declaring class's type parameters and, for a method's parameters and result,
   * the method's own: {@code typeVar >= 0} is the class's type parameter at that index, {@code methodVar >= 0}
   * the method's (inferred per call, {@link MethodInference}); otherwise the class {@code name} with argument
   * templates (null: unknown); with {@code dims} array dimensions.
   */
  record Template(int typeVar, String name, List<Template> args, int dims, int methodVar) {
    Template(int typeVar, String name, List<Template> args) {
      this(typeVar, name, args, 0, -1);
    }

    Template(int typeVar, String name, List<Template> args, int dims) {
      this(typeVar, name, args, dims, -1);
    }

    /** The method's own type variable at {@code index}, with {@code dims} array dimensions. */
    static Template methodVariable(int index, int dims) {
      return new Template(-1, null, List.of(), dims, index);
    }

    /** This template with {@code more} array dimensions. */
    Template arrayOf(int more) {
      return new Template(typeVar, name, args, dims + more, methodVar);
    }

    /** True if this template mentions a type parameter (of the class or the method) or has type arguments. */
    boolean generic() {
      return typeVar >= 0 || methodVar >= 0 || !args.isEmpty();
    }
  }

  private static final ClassLoader LOADER = ClassLoader.getSystemClassLoader();
  private static final int MAX_DEPTH = 16;
  private static final ConcurrentHashMap<String, Optional<Class<?>>> CLASSES = new ConcurrentHashMap<>();

  private JdkGenerics() {}

  /**
   * The template of {@code m}'s generic result when it has type arguments or is a type parameter of its class
   * or of the method itself, else null.
   */
  static Template resultOf(Method m) {
    Template t = template(m.getGenericReturnType(), m.getDeclaringClass(), m, 0);
    return t != null && t.generic() ? t : null;
  }

  /**
   * The templates of the parameters of a generic method {@code m} (one that declares type parameters of its own),
   * in which its type variables are {@link Template#methodVariable}s; null for a method without its own type
   * parameters, or when the generic parameter types do not line up with the erased ones.
   */
  static List<Template> paramsOf(Method m) {
    if (m.getTypeParameters().length == 0) {
      return null;
    }
    Type[] generic = m.getGenericParameterTypes();
    if (generic.length != m.getParameterCount()) {
      return null;
    }
    List<Template> out = new ArrayList<>(generic.length);
    for (Type t : generic) {
      out.add(template(t, m.getDeclaringClass(), m, 0));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /**
   * The direct supertypes of JDK class {@code qualified} with their type arguments as templates over its own type
   * parameters (empty arguments for a raw or non-generic supertype), or null if it is no JDK class.
   */
  static List<Generics.Super> supers(String qualified) {
    Class<?> c = load(qualified);
    if (c == null) {
      return null;
    }
    List<Type> types = new ArrayList<>();
    if (c.getGenericSuperclass() != null) {
      types.add(c.getGenericSuperclass());
    }
    types.addAll(List.of(c.getGenericInterfaces()));
    if (c.isInterface()) {
      types.add(Object.class);
    }
    List<Generics.Super> out = new ArrayList<>(types.size());
    for (Type s : types) {
      Class<?> raw = s instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : s instanceof Class<?> k ? k : null;
      if (raw == null || raw.getCanonicalName() == null) {
        continue;
      }
      List<Template> args = new ArrayList<>();
      if (s instanceof ParameterizedType pt) {
        for (Type a : pt.getActualTypeArguments()) {
          args.add(template(a, c, 0));
        }
      }
      out.add(new Generics.Super(raw.getCanonicalName(), java.util.Collections.unmodifiableList(args)));
    }
    return List.copyOf(out);
  }

  /** The erased first bounds of JDK class {@code qualified}'s type parameters (null where Object), or null. */
  static List<TypeRef> typeParamBounds(String qualified) {
    Class<?> c = load(qualified);
    if (c == null) {
      return null;
    }
    List<TypeRef> out = new ArrayList<>();
    for (TypeVariable<?> tv : c.getTypeParameters()) {
      Type b = tv.getBounds().length == 0 ? Object.class : tv.getBounds()[0];
      Class<?> raw = b instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : b instanceof Class<?> k ? k : null;
      out.add(raw == null || raw == Object.class || raw.getCanonicalName() == null ? null
          : new TypeRef(raw.getCanonicalName(), 0, null));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /** The number of type parameters of JDK class {@code qualified}, or -1 if it is no JDK class. */
  static int typeParamCount(String qualified) {
    Class<?> c = load(qualified);
    return c == null ? -1 : c.getTypeParameters().length;
  }

  private static Template template(Type type, Class<?> owner, int depth) {
    return template(type, owner, null, depth);
  }

  /** {@code type} as a template; with {@code method} non-null its own type variables are method variables. */
  private static Template template(Type type, Class<?> owner, Method method, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    return switch (type) {
      case TypeVariable<?> tv -> {
        TypeVariable<?>[] params = owner.getTypeParameters();
        for (int i = 0; i < params.length; i++) {
          if (params[i].equals(tv)) {
            yield new Template(i, null, List.of());
          }
        }
        if (method != null) {
          TypeVariable<Method>[] own = method.getTypeParameters();
          for (int i = 0; i < own.length; i++) {
            if (own[i].equals(tv)) {
              yield Template.methodVariable(i, 0);
            }
          }
        }
        yield null; // another method's type variable: nothing known
      }
      case ParameterizedType pt when pt.getRawType() instanceof Class<?> raw && raw.getCanonicalName() != null -> {
        List<Template> args = new ArrayList<>();
        for (Type a : pt.getActualTypeArguments()) {
          args.add(template(a, owner, method, depth + 1));
        }
        yield new Template(-1, raw.getCanonicalName(), java.util.Collections.unmodifiableList(args));
      }
      case WildcardType w -> w.getLowerBounds().length == 0 && w.getUpperBounds().length == 1
          && w.getUpperBounds()[0] != Object.class ? template(w.getUpperBounds()[0], owner, method, depth + 1) : null;
      case java.lang.reflect.GenericArrayType ga -> {
        Template e = method == null ? null : template(ga.getGenericComponentType(), owner, method, depth + 1);
        yield e == null ? null : e.arrayOf(1);
      }
      case Class<?> c when !c.isArray() && !c.isPrimitive() && c.getCanonicalName() != null ->
          new Template(-1, c.getCanonicalName(), List.of());
      case null, default -> null;
    };
  }

  /**
   * {@code template} with the declaring class's type parameters bound to {@code bindings} (null: unknown); a
   * method's own type variables are unknown.
   */
  static TypeRef instantiate(Template template, List<TypeRef> bindings) {
    return instantiate(template, bindings, List.of(), 0);
  }

  /** The same, with the method's own type variables bound to {@code methodBindings} (null: unknown). */
  static TypeRef instantiate(Template template, List<TypeRef> bindings, List<TypeRef> methodBindings) {
    return instantiate(template, bindings, methodBindings, 0);
  }

  private static TypeRef instantiate(Template t, List<TypeRef> bindings, List<TypeRef> methodBindings, int depth) {
    if (t == null || depth > MAX_DEPTH) {
      return null;
    }
    if (t.typeVar() >= 0 || t.methodVar() >= 0) {
      List<TypeRef> from = t.typeVar() >= 0 ? bindings : methodBindings;
      int i = t.typeVar() >= 0 ? t.typeVar() : t.methodVar();
      TypeRef b = i < from.size() ? from.get(i) : null;
      return b == null || t.dims() == 0 ? b : b.arrayOf(t.dims());
    }
    if (t.dims() > 0) {
      return new TypeRef(t.name(), t.dims(), null); // an array's element arguments tell nothing more here
    }
    List<TypeRef> args = new ArrayList<>(t.args().size());
    boolean any = false;
    for (Template a : t.args()) {
      TypeRef r = instantiate(a, bindings, methodBindings, depth + 1);
      any |= r != null;
      args.add(r);
    }
    TypeRef base = new TypeRef(t.name(), 0, null);
    return any ? base.withArgs(args) : base;
  }

  /**
   * The type arguments that JDK class {@code receiver}, with arguments {@code receiverArgs}, passes to its
   * supertype {@code declaring} (one per type parameter of {@code declaring}, null where unknown), or null if
   * {@code receiver} is no JDK class or {@code declaring} none of its supertypes.
   */
  static List<TypeRef> bindings(String receiver, List<TypeRef> receiverArgs, String declaring) {
    Class<?> r = load(receiver);
    Class<?> d = load(declaring);
    if (r == null || d == null || !d.isAssignableFrom(r)) {
      return null;
    }
    List<TypeRef> env = new ArrayList<>();
    for (int i = 0; i < r.getTypeParameters().length; i++) {
      env.add(i < receiverArgs.size() ? receiverArgs.get(i) : null);
    }
    return walk(r, env, d, 0);
  }

  private static List<TypeRef> walk(Class<?> c, List<TypeRef> env, Class<?> target, int depth) {
    if (c == target) {
      return env;
    }
    if (depth > MAX_DEPTH) {
      return null;
    }
    List<Type> supers = new ArrayList<>();
    if (c.getGenericSuperclass() != null) {
      supers.add(c.getGenericSuperclass());
    }
    supers.addAll(List.of(c.getGenericInterfaces()));
    for (Type s : supers) {
      Class<?> raw = s instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : s instanceof Class<?> k ? k : null;
      if (raw == null || !target.isAssignableFrom(raw)) {
        continue;
      }
      List<TypeRef> next = new ArrayList<>();
      if (s instanceof ParameterizedType pt) {
        for (Type a : pt.getActualTypeArguments()) {
          next.add(instantiate(template(a, c, 0), env));
        }
      } else {
        for (int i = 0; i < raw.getTypeParameters().length; i++) {
          next.add(null); // a raw supertype: nothing known
        }
      }
      return walk(raw, next, target, depth + 1);
    }
    return null;
  }

  /**
   * The types of the parameters of a lambda passed as argument {@code argIndex} to JDK method
   * {@code owner#name(params)}, from the functional interface that parameter declares (its single abstract
   * method's parameters, with the interface's type arguments, {@code ? super X} and {@code ? extends X} as
   * {@code X}, and the owner's type parameters bound to {@code ownerBindings}); null where unknown, or null
   * altogether when the parameter is no functional interface.
   */
  static List<TypeRef> lambdaParams(String owner, String name, List<String> params, int argIndex,
      List<TypeRef> ownerBindings) {
    Class<?> c = load(owner);
    if (c == null) {
      return null;
    }
    Method method = null;
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == params.size() && !m.isBridge() && !m.isSynthetic()
          && simpleNames(m).equals(params)) {
        method = m;
        break;
      }
    }
    if (method == null || argIndex >= method.getParameterCount()) {
      return null;
    }
    Type p = method.getGenericParameterTypes()[argIndex];
    Class<?> fi = p instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : p instanceof Class<?> k ? k : null;
    List<TypeRef> fiArgs = new ArrayList<>();
    if (p instanceof ParameterizedType pt) {
      for (Type a : pt.getActualTypeArguments()) {
        Type bound = a instanceof WildcardType w
            ? w.getLowerBounds().length == 1 ? w.getLowerBounds()[0] : w.getUpperBounds()[0] : a;
        fiArgs.add(instantiate(template(bound, c, 0), ownerBindings == null ? List.of() : ownerBindings));
      }
    }
    return samParams(fi, fiArgs);
  }

  /**
   * The types of the parameters of a lambda whose target type is {@code target} (a cast, a variable's declared
   * type, a method's declared result): the single abstract method's parameters of that JDK functional
   * interface with its type arguments ({@code Predicate<Thread>} → [{@code Thread}]); null where unknown, or null
   * altogether when {@code target} is no functional interface of the JDK.
   */
  static List<TypeRef> lambdaParams(TypeRef target) {
    if (target == null || target.isArray() || target.isPrimitive()) {
      return null;
    }
    Class<?> fi = load(target.name());
    return fi == null ? null : samParams(fi, target.args());
  }

  /** The single abstract method's parameter types of interface {@code fi} with type arguments {@code fiArgs}. */
  private static List<TypeRef> samParams(Class<?> fi, List<TypeRef> fiArgs) {
    Method sam = fi == null || !fi.isInterface() ? null : singleAbstractMethod(fi);
    if (sam == null) {
      return null;
    }
    List<TypeRef> fiBindings = fi == sam.getDeclaringClass() ? fiArgs : walk(fi, fiArgs, sam.getDeclaringClass(), 0);
    List<TypeRef> out = new ArrayList<>();
    for (Type t : sam.getGenericParameterTypes()) {
      if (t instanceof Class<?> k && k.isPrimitive()) {
        out.add(TypeRef.primitive(k.getName()));
      } else {
        out.add(instantiate(template(t, sam.getDeclaringClass(), 0), fiBindings == null ? List.of() : fiBindings));
      }
    }
    return out;
  }

  private static List<String> simpleNames(Method m) {
    List<String> out = new ArrayList<>();
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      String simple = types[i].getSimpleName();
      if (i == types.length - 1 && m.isVarArgs() && simple.endsWith("[]")) {
        simple = simple.substring(0, simple.length() - 2) + "...";
      }
      out.add(simple);
    }
    return out;
  }

  /** The one abstract method of interface {@code fi} that is not a public method of Object, or null. */
  private static Method singleAbstractMethod(Class<?> fi) {
    Method found = null;
    for (Method m : fi.getMethods()) {
      if (!java.lang.reflect.Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) {
        continue;
      }
      if (found != null && !(found.getName().equals(m.getName())
          && java.util.Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) {
        return null;
      }
      found = found == null ? m : found;
    }
    return found;
  }

  private static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Class<?> load(String qualified) {
    return CLASSES.computeIfAbsent(qualified, q -> {
      String binary = JdkClasses.binaryNameOf(q);
      if (binary == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Class.forName(binary, false, LOADER));
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        return Optional.empty();
      }
    }).orElse(null);
  }
}
