package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.ExpressionTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the overload a call binds to among the methods of one name (of the file or of a JDK class), in
 * Java's order: first the methods whose parameter count equals the argument count, then varargs methods
 * with their last parameter spread. Within a phase: the one whose parameters accept the argument types the
 * file shows (unknown arguments accept anything); if several, the one that matches every known argument
 * exactly; if still several in the first phase, the only one that is not varargs. Returns {@code null}
 * when no single method remains. Not thread-safe.
 */
final class OverloadChooser {
  private static final List<String> NUMERIC = List.of("byte", "short", "char", "int", "long", "float", "double");
  private static final Map<String, String> BOXES = Map.of("boolean", "Boolean", "byte", "Byte", "short", "Short",
      "char", "Character", "int", "Integer", "long", "Long", "float", "Float", "double", "Double");
  private static final List<String> ANY_REFERENCE = List.of("Object", "Comparable", "Serializable", "CharSequence", "Number");
  /** Final classes: an argument of another known class cannot be passed where one of these is expected. */
  private static final List<String> FINAL_CLASSES = List.of("String", "Integer", "Long", "Short", "Byte", "Character",
      "Boolean", "Double", "Float", "Class", "StringBuilder", "StringBuffer");
  /** Every interface or class that one of {@link #FINAL_CLASSES} extends or implements. */
  private static final List<String> SUPERTYPES_OF_FINAL_CLASSES = List.of("Object", "Comparable", "Serializable",
      "CharSequence", "Number", "Appendable", "Constable", "ConstantDesc", "Type", "GenericDeclaration",
      "AnnotatedElement", "TypeDescriptor", "OfField", "AbstractStringBuilder");

  /** The "type" of a lambda or method reference argument: it fits only a parameter that may be an interface. */
  private static final TypeRef FUNCTION = new TypeRef("->", 0, null);

  private final ExpressionTyper typer;
  private final Context ctx;
  private final TreeTypes tree;

  OverloadChooser(ExpressionTyper typer, Context ctx) {
    this.typer = typer;
    this.ctx = ctx;
    this.tree = typer.tree();
  }

  <S extends Signature> S choose(List<S> candidates, List<? extends ExpressionTree> args) {
    int arity = args.size();
    List<S> fixed = new ArrayList<>(candidates.size());
    List<S> variable = new ArrayList<>(2);
    for (S m : candidates) {
      if (m.params().size() == arity) {
        fixed.add(m); // a varargs method called with an array in last place also binds here, as in Java's first phases
      } else if (m.acceptsArity(arity)) {
        variable.add(m);
      }
    }
    if (fixed.size() + variable.size() <= 1) {
      return !fixed.isEmpty() ? fixed.getFirst() : variable.isEmpty() ? null : variable.getFirst();
    }
    TypeRef[] argTypes = new TypeRef[arity];
    for (int i = 0; i < arity; i++) {
      ExpressionTree a = args.get(i);
      while (a instanceof com.sun.source.tree.ParenthesizedTree p) {
        a = p.getExpression();
      }
      argTypes[i] = a instanceof com.sun.source.tree.LambdaExpressionTree || a instanceof com.sun.source.tree.MemberReferenceTree
          ? FUNCTION : typer.typeOf(a, ctx).typeOrNull();
    }
    S chosen = chooseAmong(fixed, argTypes, false);
    if (chosen != null || hasCompatible(fixed, argTypes, false)) {
      return chosen;
    }
    return chooseAmong(variable, argTypes, true);
  }

  /** The single compatible candidate, else the single exact one, else (fixed arity only) the single non-varargs one. */
  private <S extends Signature> S chooseAmong(List<S> candidates, TypeRef[] argTypes, boolean spread) {
    List<S> compatible = new ArrayList<>(candidates.size());
    for (S m : candidates) {
      if (accepts(m, argTypes, false, spread)) {
        compatible.add(m);
      }
    }
    if (compatible.size() == 1) {
      return compatible.getFirst();
    }
    S exact = unique(compatible.isEmpty() ? candidates : compatible, argTypes, spread);
    if (exact != null || compatible.isEmpty()) {
      return exact;
    }
    if (tree.wholeTree() && allKnown(argTypes)) {
      S specific = mostSpecific(compatible, argTypes.length, spread);
      if (specific != null) {
        return specific;
      }
    }
    if (spread) {
      return null;
    }
    S plain = null; // unknown arguments: Java's first phase prefers a method that is not varargs
    for (S m : compatible) {
      if (m.varargs() && known(argTypes, m.params().size() - 1) == null) {
        return null; // an unknown last argument may be the array a varargs method takes in this phase
      }
    }
    for (S m : compatible) {
      if (!m.varargs()) {
        if (plain != null) {
          return null;
        }
        plain = m;
      }
    }
    return plain;
  }

  private static TypeRef known(TypeRef[] argTypes, int i) {
    TypeRef t = i >= 0 && i < argTypes.length ? argTypes[i] : null;
    return t == FUNCTION ? null : t;
  }

  private static boolean allKnown(TypeRef[] argTypes) {
    for (TypeRef t : argTypes) {
      if (t == null || t == FUNCTION) {
        return false;
      }
    }
    return true;
  }

  /** The one candidate more specific than every other (JLS 15.12.2.5, on erased simple names), or null. */
  private static <S extends Signature> S mostSpecific(List<S> candidates, int arity, boolean spread) {
    S best = null;
    for (S m : candidates) {
      boolean all = true;
      for (S other : candidates) {
        if (other != m && !moreSpecific(m, other, arity, spread)) {
          all = false;
          break;
        }
      }
      if (all) {
        if (best != null) {
          return null;
        }
        best = m;
      }
    }
    return best;
  }

  private static boolean moreSpecific(Signature m1, Signature m2, int arity, boolean spread) {
    for (int i = 0; i < arity; i++) {
      String p1 = paramAt(m1, m1.params(), i, spread);
      String p2 = paramAt(m2, m2.params(), i, spread);
      if (p1.equals(p2)) {
        continue;
      }
      int n1 = NUMERIC.indexOf(p1);
      int n2 = NUMERIC.indexOf(p2);
      boolean widens = n1 >= 0 && n2 >= 0 && n1 < n2 && !p1.equals("char") || p1.equals("char") && n2 >= NUMERIC.indexOf("int");
      boolean toObject = p2.equals("Object") && !Erasure.isPrimitive(p1);
      boolean toObjectArray = p2.equals("Object[]") && p1.endsWith("[]") && !Erasure.isPrimitive(p1.substring(0, p1.length() - 2));
      if (!widens && !toObject && !toObjectArray) {
        return false;
      }
    }
    return true;
  }

  private <S extends Signature> S unique(List<S> candidates, TypeRef[] argTypes, boolean spread) {
    S exact = null;
    for (S m : candidates) {
      if (accepts(m, argTypes, true, spread)) {
        if (exact != null) {
          return null;
        }
        exact = m;
      }
    }
    return exact;
  }

  private <S extends Signature> boolean hasCompatible(List<S> candidates, TypeRef[] argTypes, boolean spread) {
    for (S m : candidates) {
      if (accepts(m, argTypes, false, spread)) {
        return true;
      }
    }
    return false;
  }

  private boolean accepts(Signature m, TypeRef[] args, boolean exactly, boolean spread) {
    List<String> params = m.params();
    for (int i = 0; i < args.length; i++) {
      String p = paramAt(m, params, i, spread);
      TypeRef a = args[i];
      if (a == FUNCTION) {
        boolean spreadElement = spread && m.varargs() && i >= params.size() - 1;
        if (exactly || !spreadElement && classParam(m, i)) {
          return false; // a lambda or method reference needs a functional interface
        }
        continue;
      }
      if (a == null) {
        if (exactly) {
          return false;
        }
        continue;
      }
      if (exactly ? !p.equals(a.simpleName()) : !compatible(p, a)) {
        return false;
      }
    }
    return true;
  }

  /** True if parameter {@code i} of {@code m} is certainly no interface (a class, primitive or array). */
  private boolean classParam(Signature m, int i) {
    if (!(m instanceof MethodDecl d)) {
      return m.classParam(i);
    }
    if (d.tree == null || i >= d.tree.getParameters().size() || d.isTypeVariableParam(i)) {
      return false;
    }
    TypeRef t = typer.resolver().typeRef(d.tree.getParameters().get(i).getType(), d.tree, d.owner);
    if (t == null) {
      return false;
    }
    if (t.isPrimitive() || t.isArray()) {
      return true;
    }
    if (t.decl() != null) {
      return !t.decl().isInterface();
    }
    return tree.exists(t.name()) && !tree.isInterface(t.name());
  }

  /** The declared parameter type for argument {@code i}: a varargs parameter is its element type when spread, else an array. */
  private static String paramAt(Signature m, List<String> params, int i, boolean spread) {
    int last = params.size() - 1;
    if (m.varargs() && i >= last) {
      String p = params.get(last);
      String element = p.substring(0, p.length() - 3);
      return spread ? element : element + "[]";
    }
    return params.get(i);
  }

  private boolean compatible(String param, TypeRef arg) {
    if (arg == TypeRef.NULL) {
      return !Erasure.isPrimitive(param);
    }
    String a = arg.simpleName();
    if (param.equals(a)) {
      return true;
    }
    if (arg.isPrimitive()) {
      int from = NUMERIC.indexOf(arg.name());
      int to = NUMERIC.indexOf(param);
      if (from >= 0 && to >= 0) {
        return to >= from && !(arg.name().equals("char") && to < NUMERIC.indexOf("int")) && !param.equals("char");
      }
      return param.equals(BOXES.get(arg.name())) || ANY_REFERENCE.contains(param);
    }
    if (Erasure.isPrimitive(param)) {
      return BOXES.get(param) != null && BOXES.get(param).equals(a) && arg.dims() == 0;
    }
    if (arg.isArray() && param.endsWith("[]")) {
      String element = param;
      int dims = 0;
      while (element.endsWith("[]")) {
        element = element.substring(0, element.length() - 2);
        dims++;
      }
      TypeRef argElement = new TypeRef(arg.name(), 0, arg.decl());
      if (dims == arg.dims()) {
        if (argElement.isPrimitive() || Erasure.isPrimitive(element)) {
          return element.equals(arg.name());
        }
        return compatible(element, argElement);
      }
      return dims < arg.dims() && (element.equals("Object") || element.equals("Cloneable") || element.equals("Serializable"));
    }
    if (arg.isArray() != param.endsWith("[]")) {
      return arg.isArray() && (param.equals("Object") || param.equals("Cloneable") || param.equals("Serializable"));
    }
    if (FINAL_CLASSES.contains(param) || FINAL_CLASSES.contains(a) && !SUPERTYPES_OF_FINAL_CLASSES.contains(param)) {
      return false; // a final class has no subclasses, and its own supertypes are listed
    }
    if (tree.wholeTree()) {
      Set<String> supers = tree.supertypeSimpleNames(arg.name());
      return supers == null || supers.contains(param); // unknown types accept anything
    }
    return true; // two reference types: the file cannot tell whether one extends the other
  }
}
