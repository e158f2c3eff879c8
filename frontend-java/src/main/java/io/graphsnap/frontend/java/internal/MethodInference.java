package io.graphsnap.frontend.java.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Infers a generic method's own type variables from the types of a call's arguments (JLS 18, much simplified):
 * a type variable that is a parameter's type takes the argument's type (boxed if primitive); one that is a type
 * argument of a parameter's type ({@code Collection<? extends T>}, {@code Class<T>}) takes the argument's type
 * argument for that parameterisation, followed through the argument type's supertypes ({@link Generics}); one
 * that is an array's element ({@code T[]}, {@code T...}) takes the argument's element type. Explicit type
 * arguments ({@code Foo.<Bar>m()}) win.
 *
 * <p>Never guesses: a variable that no argument constrains (one inferred from the target type or a lambda's
 * body), or that two arguments constrain to different types (javac would take their least upper bound), stays
 * unknown (null). {@code ? super T} constrains nothing. Stateless apart from the {@link Generics} it reads;
 * cost linear in the size of the parameter templates, plus the supertype walks of {@link Generics#bindings}.
 */
final class MethodInference {
  private static final int MAX_DEPTH = 8;
  private static final Map<String, String> BOXES = Map.of("boolean", "java.lang.Boolean", "byte", "java.lang.Byte",
      "short", "java.lang.Short", "char", "java.lang.Character", "int", "java.lang.Integer", "long",
      "java.lang.Long", "float", "java.lang.Float", "double", "java.lang.Double");
  /** Marks a variable that two arguments bind differently. */
  private static final TypeRef CONFLICT = new TypeRef("<conflict>", 0, null);

  private final Generics generics;

  MethodInference(Generics generics) {
    this.generics = generics;
  }

  /** True if {@code t} mentions a method type variable anywhere. */
  static boolean mentionsMethodVariable(JdkGenerics.Template t) {
    if (t == null) {
      return false;
    }
    if (t.methodVar() >= 0) {
      return true;
    }
    for (JdkGenerics.Template a : t.args()) {
      if (mentionsMethodVariable(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The bindings of {@code m}'s own type variables (index = variable; null where unknown) for a call with
   * arguments of types {@code argTypes} (null where unknown) and explicit type arguments {@code explicit}
   * (empty when none are written). Empty when {@code m} declares no type variables of its own.
   */
  List<TypeRef> infer(JdkClasses.JdkMethod m, List<TypeRef> argTypes, List<TypeRef> explicit) {
    List<JdkGenerics.Template> params = m.genericParams();
    if (params == null) {
      return List.of();
    }
    if (!explicit.isEmpty()) {
      return explicit;
    }
    TypeRef[] bound = new TypeRef[8];
    int n = params.size();
    boolean spread = m.varargs() && !(argTypes.size() == n && fitsArrayForm(params.get(n - 1), argTypes.get(n - 1)));
    for (int i = 0; i < argTypes.size(); i++) {
      JdkGenerics.Template p;
      if (spread && i >= n - 1) {
        JdkGenerics.Template last = params.get(n - 1);
        p = last == null || last.dims() == 0 ? null
            : new JdkGenerics.Template(last.typeVar(), last.name(), last.args(), last.dims() - 1, last.methodVar());
      } else {
        p = i < n ? params.get(i) : null;
      }
      bound = unify(p, argTypes.get(i), bound, 0);
    }
    List<TypeRef> out = new ArrayList<>(Arrays.asList(bound));
    out.replaceAll(t -> t == CONFLICT ? null : t);
    return Collections.unmodifiableList(out);
  }

  /** True when the argument in a varargs position is passed as the array itself (an array type, or {@code null}). */
  private static boolean fitsArrayForm(JdkGenerics.Template last, TypeRef arg) {
    return arg != null && (arg == TypeRef.NULL || last != null && arg.dims() >= last.dims() && arg.dims() > 0);
  }

  private TypeRef[] unify(JdkGenerics.Template p, TypeRef a, TypeRef[] bound, int depth) {
    if (p == null || a == null || a == TypeRef.NULL || depth > MAX_DEPTH) {
      return bound;
    }
    if (p.methodVar() >= 0) {
      TypeRef value;
      if (p.dims() > 0) {
        if (a.dims() < p.dims()) {
          return bound;
        }
        value = new TypeRef(a.name(), a.dims() - p.dims(), a.decl(), a.dims() == p.dims() ? a.args() : List.of());
      } else {
        value = a;
      }
      if (value.isPrimitive()) {
        String box = BOXES.get(value.name());
        if (box == null) {
          return bound;
        }
        value = new TypeRef(box, 0, null);
      }
      return bind(bound, p.methodVar(), value);
    }
    if (p.typeVar() >= 0 || p.name() == null || p.args().isEmpty() || p.dims() > 0 || a.isArray() || a.isPrimitive()) {
      return bound; // a class type variable (bound by the receiver), a plain class, or shapes that do not line up
    }
    List<TypeRef> args = generics.bindings(a.name(), a.args(), p.name());
    if (args == null) {
      return bound;
    }
    TypeRef[] out = bound;
    for (int i = 0; i < p.args().size() && i < args.size(); i++) {
      out = unify(p.args().get(i), args.get(i), out, depth + 1);
    }
    return out;
  }

  private static TypeRef[] bind(TypeRef[] bound, int index, TypeRef value) {
    TypeRef[] out = index < bound.length ? bound : Arrays.copyOf(bound, Math.max(index + 1, bound.length * 2));
    TypeRef old = out[index];
    if (old == null) {
      out[index] = value;
    } else if (old != CONFLICT && !old.equals(value)) {
      out[index] = CONFLICT;
    } else if (old.args().isEmpty() && !value.args().isEmpty()) {
      out[index] = value; // the same class: keep the one that knows its type arguments
    }
    return out;
  }
}
