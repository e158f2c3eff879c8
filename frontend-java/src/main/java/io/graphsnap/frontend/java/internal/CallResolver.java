package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the target of a method call, constructor call or method reference, by name only (no attribution).
 *
 * <p>The declaring type is found from the receiver: {@code this}, {@code super}, a type name, a local,
 * parameter or field whose type is written in the file, a call of a method of this file, {@code new},
 * a cast; an unqualified call searches the enclosing types of the file (and their supertypes in the file),
 * then single and on-demand static imports, then the supertype declared outside the file. Then:
 * <ul>
 *   <li>a type of this file: the overload that fits the argument count (and, among several, the argument
 *       types the file shows) gets its exact symbol name, e.g. {@code p.C#m(int,String)};
 *   <li>a class of the running JDK ({@link JdkClasses}): the same choice among its methods, inherited ones
 *       included, named after the nearest type that declares it, e.g. {@code java.util.AbstractList#add(Object)};
 *   <li>any other type, or no single overload: {@code T#m(?,?)}, one {@code ?} per argument ({@code T#m()}
 *       without arguments);
 *   <li>unknown receiver: {@code ?#m(?,?)}.
 * </ul>
 * Constructors are {@code T#<init>(…)} the same way; method references {@code T::m} name {@code T#m}
 * without a parameter list unless the file declares exactly one such method. Not thread-safe.
 */
final class CallResolver {
  /**
   * A resolved call.
   *
   * @param target the edge's target name
   * @param owner the declaring type if known, else null
   * @param decl the method if it is declared in this file, else null
   * @param method the simple method name ({@code <init>} for constructors)
   * @param arity the number of arguments, or -1 for a method reference
   * @param jdkReturn the return type of a JDK method found by {@link JdkClasses}, else null
   * @param jdkMethod that JDK method, else null
   * @param receiver the receiver's type when the call was made on an expression, else null
   */
  record Call(String target, String owner, MethodDecl decl, String method, int arity, TypeRef jdkReturn,
      JdkClasses.JdkMethod jdkMethod, TypeRef receiver) {
    Call(String target, String owner, MethodDecl decl, String method, int arity) {
      this(target, owner, decl, method, arity, null, null, null);
    }

  }

  /**
   * The generic result of {@code call}, with what the receiver's type and its supertypes' type arguments tell
   * ({@code List<Foo>.get(int)} → {@code Foo}, a class path builder's {@code B setX()} → the subclass that binds
   * {@code B}), or null when the method's result is not generic or nothing is known of it.
   */
  TypeRef genericResult(Call call) {
    return genericResult(call, List.of());
  }

  /**
   * {@link #genericResult(Call)} with the method's own type variables bound to {@code methodBindings} (null
   * where unknown; see {@link MethodInference}).
   */
  TypeRef genericResult(Call call, List<TypeRef> methodBindings) {
    JdkGenerics.Template template = null;
    String owner = null;
    if (call.jdkMethod() != null) {
      template = call.jdkMethod().genericResult();
      owner = call.jdkMethod().owner();
    } else if (call.decl() != null && !call.decl().owner.local && tree.declares(call.decl().owner.name)) {
      owner = call.decl().owner.name;
      JdkClasses.Info info = tree.info(owner);
      if (info != null) {
        for (JdkClasses.JdkMethod m : info.methodsNamed(call.method())) {
          if (m.owner().equals(owner) && m.params().equals(call.decl().params)) {
            template = m.genericResult();
            break;
          }
        }
      }
    }
    return template == null ? null : tree.generics().instantiate(template, owner, call.receiver(), methodBindings);
  }

  private static final int MAX_DEPTH = 8;

  private final TypeResolver resolver;
  private final FileScope scope;
  private final TreeTypes tree;
  private final ExpressionTyper typer;

  CallResolver(TypeResolver resolver, ExpressionTyper typer) {
    this.resolver = resolver;
    this.scope = resolver.scope;
    this.tree = resolver.scope.tree();
    this.typer = typer;
  }

  /**
   * The implicit {@code super()} of a constructor of {@code t} that calls neither {@code this(…)} nor
   * {@code super(…)} (or of its default constructor): the superclass's constructor without parameters;
   * null for interfaces, enums, anonymous classes and types without a known superclass.
   */
  Call implicitSuper(TypeDecl t, Context ctx) {
    if (t.anonymous() || t.superclass == null || t.isInterface() || t.kind.equals("enum")) {
      return null;
    }
    return onType(t.superclass, "<init>", List.of(), ctx);
  }

  /**
   * The implicit {@code close()} that a {@code try}-with-resources statement calls on a resource of static type
   * {@code t} (null when unknown: {@code ?#close()}), resolved as an explicit {@code resource.close()} would be.
   */
  Call implicitClose(TypeRef t, Context ctx) {
    List<ExpressionTree> none = List.of();
    if (t == null || t == TypeRef.NULL || t.isPrimitive() || t.isArray()) {
      return unknown("close", none);
    }
    return t.decl() != null ? inTypeOrSupertype(t.decl(), "close", none, ctx, t) : external(t.name(), "close", none, ctx, t);
  }

  static String methodName(MethodInvocationTree inv) {
    return switch (inv.getMethodSelect()) {
      case IdentifierTree id -> id.getName().toString();
      case MemberSelectTree ms -> ms.getIdentifier().toString();
      default -> "";
    };
  }

  Call resolve(MethodInvocationTree inv, Context ctx) {
    List<? extends ExpressionTree> args = inv.getArguments();
    ExpressionTree select = inv.getMethodSelect();
    if (select instanceof IdentifierTree id) {
      String n = id.getName().toString();
      if (n.equals("this")) {
        TypeDecl self = namedType(ctx.type());
        return self == null ? unknown("<init>", args) : inType(self, "<init>", args, ctx, null);
      }
      if (n.equals("super")) {
        TypeDecl self = namedType(ctx.type());
        return self == null || self.superclass == null ? unknown("<init>", args) : onType(self.superclass, "<init>", args, ctx);
      }
      return unqualified(n, args, ctx);
    }
    if (select instanceof MemberSelectTree ms) {
      String n = ms.getIdentifier().toString();
      Operand receiver = typer.typeOf(ms.getExpression(), ctx);
      TypeRef t = receiver.typeOrNull();
      if (t == null || t == TypeRef.NULL || t.isPrimitive()) {
        return unknown(n, args);
      }
      if (t.isArray()) {
        return external("java.lang.Object", n, args, ctx);
      }
      if (t.decl() != null) {
        return inTypeOrSupertype(t.decl(), n, args, ctx, t);
      }
      return external(t.name(), n, args, ctx, t);
    }
    return unknown("", args);
  }

  /** {@code new T(args)}: the constructor of T. */
  Call resolveNew(NewClassTree nc, Context ctx) {
    if (nc.getEnclosingExpression() != null && scope.wholeTree()) {
      TypeRef inner = typer.qualifiedNewType(nc, ctx);
      return inner == null ? unknown("<init>", nc.getArguments()) : onType(inner.name(), "<init>", nc.getArguments(), ctx);
    }
    TypeResolver.Resolved r = resolver.resolveType(nc.getIdentifier(), ctx.method(), ctx.type());
    if (r == null || r.typeVar() != null) {
      return unknown("<init>", nc.getArguments());
    }
    return onType(r.name(), "<init>", nc.getArguments(), ctx);
  }

  /** {@code T::m}, {@code expr::m}, {@code T::new}; {@code null} for {@code T[]::new}, which calls nothing. */
  Call resolveReference(MemberReferenceTree ref, Context ctx) {
    String n = ref.getName().toString(); // "<init>" for ::new
    if (ref.getQualifierExpression() instanceof ArrayTypeTree) {
      return null;
    }
    Operand q = typer.typeOf(ref.getQualifierExpression(), ctx);
    TypeRef t = q.typeOrNull();
    if (t == null && ref.getQualifierExpression() instanceof IdentifierTree id
        && resolver.resolveSimple(id.getName().toString(), ctx.method(), ctx.type()).typeVar() != null) {
      t = resolver.typeRef(id, ctx.method(), ctx.type()); // E::name on a type variable: its erasure, as javac compiles it
    }
    if (t == null || t == TypeRef.NULL || t.isPrimitive()) {
      return new Call("?#" + n, null, null, n, -1);
    }
    if (t.isArray()) {
      return new Call(n.equals("<init>") ? t.simpleName() + "#<init>" : "java.lang.Object#" + n, "java.lang.Object", null, n, -1);
    }
    if (t.decl() != null) {
      TypeDecl owner = n.equals("<init>") ? t.decl() : methodOwner(t.decl(), n, 0);
      if (owner != null) {
        List<MethodDecl> ms = owner.methodsNamed(n);
        if (ms.size() == 1) {
          return new Call(ms.getFirst().symbolName, owner.name, ms.getFirst(), n, -1);
        }
        return new Call(owner.name + "#" + n, owner.name, null, n, -1);
      }
      String inherited = inheritedOwner(t.decl(), n);
      return new Call((inherited != null ? inherited : t.name()) + "#" + n, inherited, null, n, -1);
    }
    JdkClasses.Info info = tree.info(t.name());
    if (info != null) {
      List<JdkClasses.JdkMethod> ms = info.methodsNamed(n);
      if (ms.size() == 1) {
        return new Call(ms.getFirst().symbolName(), ms.getFirst().owner(), null, n, -1);
      }
    }
    return new Call(t.name() + "#" + n, t.name(), null, n, -1);
  }

  private Call unqualified(String n, List<? extends ExpressionTree> args, Context ctx) {
    for (TypeDecl t = ctx.type(); t != null; t = t.outer) {
      if (scope.wholeTree()) {
        Call c = amongMembers(t, n, args, ctx, TypeRef.of(t)); // the innermost class with a member n, then overload resolution in it
        if (c != null) {
          return c;
        }
        continue;
      }
      TypeDecl owner = methodOwner(t, n, 0);
      if (owner != null) {
        return inType(owner, n, args, ctx, null);
      }
    }
    String imported = scope.staticImportOf(n);
    if (imported != null) {
      return onType(imported, n, args, ctx);
    }
    List<String> onDemand = scope.staticOnDemandTypes();
    for (String type : onDemand) {
      TypeDecl d = resolver.byName.get(type);
      if (d != null && !d.methodsNamed(n).isEmpty()) {
        return inType(d, n, args, ctx, null);
      }
      JdkClasses.Info info = tree.info(type);
      if (info != null && !info.methodsNamed(n).isEmpty()) {
        return external(type, n, args, ctx);
      }
    }
    String inherited = ctx.type() == null ? null : inheritedOwner(ctx.type(), n);
    if (inherited != null) {
      return external(inherited, n, args, ctx, TypeRef.of(ctx.type()));
    }
    if (onDemand.size() == 1 && tree.info(onDemand.getFirst()) == null) {
      return external(onDemand.getFirst(), n, args, ctx);
    }
    return unknown(n, args);
  }

  /** The innermost named (non-anonymous) type, for {@code this(…)} and {@code super(…)}. */
  private static TypeDecl namedType(TypeDecl t) {
    TypeDecl x = t;
    while (x != null && x.anonymous()) {
      x = x.outer;
    }
    return x;
  }

  private Call onType(String type, String n, List<? extends ExpressionTree> args, Context ctx) {
    TypeDecl d = resolver.byName.get(type);
    return d != null ? inTypeOrSupertype(d, n, args, ctx, null) : external(type, n, args, ctx);
  }

  private Call inTypeOrSupertype(TypeDecl d, String n, List<? extends ExpressionTree> args, Context ctx,
      TypeRef receiver) {
    if (scope.wholeTree() && !n.equals("<init>")) {
      Call c = amongMembers(d, n, args, ctx, receiver);
      if (c != null) {
        return c;
      }
    }
    TypeDecl owner = n.equals("<init>") ? d : methodOwner(d, n, 0);
    if (owner != null) {
      return inType(owner, n, args, ctx, receiver);
    }
    String inherited = inheritedOwner(d, n);
    return inherited != null ? external(inherited, n, args, ctx, receiver) : externalUnknown(d.name, n, args);
  }

  /**
   * Overload resolution among every method {@code n} that {@code d} declares or inherits, from the file and
   * from outside it (as javac considers all member methods): the nearest declaration of each parameter list
   * counts. Null when {@code d} has no method {@code n} at all.
   */
  private Call amongMembers(TypeDecl d, String n, List<? extends ExpressionTree> args, Context ctx, TypeRef receiver) {
    List<Signature> candidates = memberMethods(d, n);
    if (candidates.isEmpty()) {
      return null;
    }
    Signature chosen = new OverloadChooser(typer, ctx).choose(candidates, args);
    return switch (chosen) {
      case MethodDecl m -> new Call(m.symbolName, m.owner.name, m, n, args.size(), null, null, receiver);
      case JdkClasses.JdkMethod m -> new Call(m.symbolName(), m.owner(), null, n, args.size(), m.returnType(), m, receiver);
      case null, default -> {
        String owner = switch (candidates.getFirst()) {
          case MethodDecl m -> m.owner.name;
          case JdkClasses.JdkMethod m -> m.owner();
          default -> d.name;
        };
        yield new Call(owner + "#" + n + unknownParams(args.size()), owner, null, n, args.size());
      }
    };
  }

  /** The methods {@code n} of {@code d}, its supertypes in the file, then those outside it; the first of each parameter list. */
  private List<Signature> memberMethods(TypeDecl d, String n) {
    List<Signature> out = new ArrayList<>();
    Set<List<String>> seen = new java.util.HashSet<>();
    List<TypeDecl> queue = new ArrayList<>();
    queue.add(d);
    for (int i = 0; i < queue.size() && i < 64; i++) {
      TypeDecl x = queue.get(i);
      for (MethodDecl m : x.methodsNamed(n)) {
        if (seen.add(m.params)) {
          out.add(m);
        }
      }
      for (TypeDecl s : x.inFileSupertypes) {
        if (!queue.contains(s)) {
          queue.add(s);
        }
      }
    }
    for (String s : externalSupertypes(d)) {
      JdkClasses.Info info = tree.info(s);
      if (info != null) {
        for (JdkClasses.JdkMethod m : info.methodsNamed(n)) {
          if (seen.add(m.params())) {
            out.add(m);
          }
        }
      }
    }
    return out;
  }

  /** {@code t} or the supertype in this file nearest to it that declares a method {@code n}, or null. */
  static TypeDecl methodOwner(TypeDecl t, String n, int depth) {
    if (!t.methodsNamed(n).isEmpty()) {
      return t;
    }
    if (depth >= MAX_DEPTH) {
      return null;
    }
    for (TypeDecl s : t.inFileSupertypes) {
      TypeDecl owner = methodOwner(s, n, depth + 1);
      if (owner != null) {
        return owner;
      }
    }
    return null;
  }

  private Call inType(TypeDecl owner, String n, List<? extends ExpressionTree> args, Context ctx, TypeRef receiver) {
    MethodDecl m = new OverloadChooser(typer, ctx).choose(owner.methodsNamed(n), args);
    if (m != null) {
      return new Call(m.symbolName, owner.name, m, n, args.size(), null, null, receiver);
    }
    return new Call(owner.name + "#" + n + unknownParams(args.size()), owner.name, null, n, args.size());
  }

  /** A method of a type outside the file: exact when it is a JDK class with one fitting overload. */
  private Call external(String type, String n, List<? extends ExpressionTree> args, Context ctx) {
    return external(type, n, args, ctx, null);
  }

  private Call external(String type, String n, List<? extends ExpressionTree> args, Context ctx, TypeRef receiver) {
    JdkClasses.Info info = tree.info(type);
    if (info != null) {
      JdkClasses.JdkMethod m = new OverloadChooser(typer, ctx).choose(info.methodsNamed(n), args);
      if (m != null) {
        return new Call(m.symbolName(), m.owner(), null, n, args.size(), m.returnType(), m, receiver);
      }
      TypeRef shared = sharedResult(info.methodsNamed(n), args.size(), scope.packageName);
      if (shared != null) { // no single overload, but all that fit return the same type: the result is known
        Call c = externalUnknown(type, n, args);
        return new Call(c.target(), c.owner(), null, n, args.size(), shared, null, receiver);
      }
    }
    return externalUnknown(type, n, args);
  }

  /**
   * The result type every accessible overload of {@code arity} arguments shares when none is generic
   * ({@code StringBuilder.append(…)} is a {@code StringBuilder} whichever is called), else null.
   */
  private static TypeRef sharedResult(List<JdkClasses.JdkMethod> overloads, int arity, String callerPackage) {
    TypeRef shared = null;
    for (JdkClasses.JdkMethod m : overloads) {
      if (!m.acceptsArity(arity) || m.packagePrivate() && !m.owner().startsWith(callerPackage + ".")) {
        continue; // (a package-private JDK method is not accessible from another package)
      }
      if (m.returnType() == null || m.genericResult() != null || shared != null && !shared.equals(m.returnType())) {
        return null;
      }
      shared = m.returnType();
    }
    return shared;
  }

  private static Call externalUnknown(String type, String n, List<? extends ExpressionTree> args) {
    return new Call(type + "#" + n + unknownParams(args.size()), type, null, n, args.size());
  }

  private static Call unknown(String n, List<? extends ExpressionTree> args) {
    return new Call("?#" + n + unknownParams(args.size()), null, null, n, args.size());
  }

  static String unknownParams(int arity) {
    return arity == 0 ? "()" : "(" + "?,".repeat(arity - 1) + "?)";
  }

  /**
   * The supertype declared outside the file that an inherited method {@code n} most likely comes from: the
   * first JDK supertype that has it, else the explicit superclass of {@code t} or of its nearest in-file
   * ancestor with one, else the only external supertype; null if none of these applies.
   */
  String inheritedOwner(TypeDecl t, String n) {
    List<String> frontier = externalSupertypes(t);
    for (String s : frontier) {
      JdkClasses.Info info = tree.info(s);
      if (info != null && !info.methodsNamed(n).isEmpty()) {
        return s;
      }
    }
    for (TypeDecl x = t; x != null; ) {
      if (x.explicitSuperclass && x.superclass != null && !resolver.byName.containsKey(x.superclass)) {
        return tree.info(x.superclass) == null ? x.superclass : null; // a JDK class without n: not from there
      }
      TypeDecl next = x.explicitSuperclass && x.superclass != null ? resolver.byName.get(x.superclass) : null;
      x = next == x ? null : next;
    }
    if (frontier.size() == 1 && tree.info(frontier.getFirst()) == null) {
      return frontier.getFirst();
    }
    return null;
  }

  /** The supertypes outside the file of {@code t} and of its in-file ancestors, nearest first. */
  List<String> externalSupertypes(TypeDecl t) {
    Set<String> out = new LinkedHashSet<>();
    List<TypeDecl> queue = new ArrayList<>();
    queue.add(t);
    for (int i = 0; i < queue.size() && i < 64; i++) {
      TypeDecl x = queue.get(i);
      if (x.superclass != null && !resolver.byName.containsKey(x.superclass)) {
        out.add(x.superclass);
      }
      for (String s : x.interfaces) {
        if (!resolver.byName.containsKey(s)) {
          out.add(s);
        }
      }
      for (TypeDecl s : x.inFileSupertypes) {
        if (!queue.contains(s)) {
          queue.add(s);
        }
      }
    }
    if (t.isInterface() && scope.wholeTree()) {
      out.add("java.lang.Object"); // an interface has Object's public methods
    }
    return new ArrayList<>(out);
  }
}
