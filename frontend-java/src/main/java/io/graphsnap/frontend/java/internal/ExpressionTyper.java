package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.Tree;
import java.util.Map;

/**
 * Infers what an expression denotes without attribution, from the declarations of this one file: locals
 * and parameters with written types ({@code var} from its initializer), fields and method return types of
 * types declared in the file, static fields and non-generic method return types of JDK classes
 * ({@link JdkClasses}), literals, {@code new}, casts, {@code this}/{@code super}, array access and string
 * concatenation. Anything else is {@link
 * Operand#UNKNOWN}. Pure: adds no edges. Not thread-safe.
 */
final class ExpressionTyper {
  private static final int MAX_DEPTH = 64;
  private static final TypeRef CLASS = new TypeRef("java.lang.Class", 0, null);
  private static final TypeRef BOOLEAN = TypeRef.primitive("boolean");
  private static final TypeRef INT = TypeRef.primitive("int");

  private final TypeResolver resolver;
  private final TreeTypes tree;
  private final LocalScopes locals;
  private final Map<com.sun.source.tree.ClassTree, TypeDecl> declsByTree;
  private CallResolver calls;

  ExpressionTyper(TypeResolver resolver, LocalScopes locals, Map<com.sun.source.tree.ClassTree, TypeDecl> declsByTree) {
    this.resolver = resolver;
    this.tree = resolver.scope.tree();
    this.locals = locals;
    this.declsByTree = declsByTree;
  }

  TreeTypes tree() {
    return tree;
  }

  TypeResolver resolver() {
    return resolver;
  }

  void setCalls(CallResolver calls) {
    this.calls = calls;
  }

  Operand typeOf(ExpressionTree e, Context ctx) {
    return typeOf(e, ctx, 0);
  }

  private Operand typeOf(ExpressionTree e, Context ctx, int depth) {
    if (e == null || depth > MAX_DEPTH) {
      return Operand.UNKNOWN;
    }
    return switch (e) {
      case ParenthesizedTree p -> typeOf(p.getExpression(), ctx, depth + 1);
      case LiteralTree lit -> Operand.value(literal(lit));
      case IdentifierTree id -> identifier(id.getName().toString(), ctx);
      case MemberSelectTree ms -> memberSelect(ms, ctx, depth);
      case MethodInvocationTree inv -> invocation(inv, ctx);
      case NewClassTree nc -> nc.getClassBody() != null && declsByTree.containsKey(nc.getClassBody())
          ? Operand.value(TypeRef.of(declsByTree.get(nc.getClassBody())))
          : nc.getEnclosingExpression() != null ? Operand.value(qualifiedNewType(nc, ctx))
          : Operand.value(resolver.typeRef(nc.getIdentifier(), ctx.method(), ctx.type()));
      case NewArrayTree na -> {
        if (na.getType() == null) {
          yield Operand.UNKNOWN;
        }
        TypeRef element = resolver.typeRef(na.getType(), ctx.method(), ctx.type());
        yield element == null ? Operand.UNKNOWN : Operand.value(element.arrayOf(Math.max(1, na.getDimensions().size())));
      }
      case TypeCastTree cast -> Operand.value(resolver.typeRef(cast.getType(), ctx.method(), ctx.type()));
      case ArrayAccessTree aa -> {
        TypeRef array = typeOf(aa.getExpression(), ctx, depth + 1).typeOrNull();
        yield array != null && array.isArray() ? Operand.value(array.element()) : Operand.UNKNOWN;
      }
      case ConditionalExpressionTree c -> conditional(typeOf(c.getTrueExpression(), ctx, depth + 1),
          typeOf(c.getFalseExpression(), ctx, depth + 1));
      case AssignmentTree a -> typeOf(a.getVariable(), ctx, depth + 1);
      case CompoundAssignmentTree a -> typeOf(a.getVariable(), ctx, depth + 1);
      case InstanceOfTree ignored -> Operand.value(BOOLEAN);
      case UnaryTree u -> u.getKind() == com.sun.source.tree.Tree.Kind.LOGICAL_COMPLEMENT
          ? Operand.value(BOOLEAN) : typeOf(u.getExpression(), ctx, depth + 1);
      case BinaryTree b -> binary(b, ctx, depth);
      default -> Operand.UNKNOWN;
    };
  }

  private Operand invocation(MethodInvocationTree inv, Context ctx) {
    CallResolver.Call call = calls.resolve(inv, ctx);
    TypeRef generic = calls.genericResult(call, methodBindings(call, inv, ctx));
    if (generic != null) {
      return Operand.value(inFile(generic));
    }
    if (call.decl() != null) {
      return Operand.value(returnType(call.decl()));
    }
    TypeRef result = call.jdkReturn();
    if (result != null) {
      return Operand.value(inFile(result));
    }
    if (inv.getArguments().isEmpty()) {
      String name = CallResolver.methodName(inv);
      if (name.equals("toString")) {
        return Operand.value(TypeRef.STRING);
      }
      if (name.equals("getClass")) {
        return Operand.value(CLASS);
      }
    }
    return Operand.UNKNOWN;
  }

  /**
   * The bindings of the type variables of the generic method {@code call} binds to, inferred from the argument
   * types ({@link MethodInference}); empty when its result mentions none of them.
   */
  private java.util.List<TypeRef> methodBindings(CallResolver.Call call, MethodInvocationTree inv, Context ctx) {
    JdkClasses.JdkMethod m = call.jdkMethod();
    if (m == null || m.genericParams() == null || !MethodInference.mentionsMethodVariable(m.genericResult())) {
      return java.util.List.of();
    }
    java.util.List<TypeRef> explicit = new java.util.ArrayList<>(inv.getTypeArguments().size());
    for (Tree t : inv.getTypeArguments()) {
      explicit.add(resolver.typeRef(t, ctx.method(), ctx.type()));
    }
    java.util.List<TypeRef> argTypes = new java.util.ArrayList<>(inv.getArguments().size());
    for (ExpressionTree a : inv.getArguments()) {
      argTypes.add(typeOf(a, ctx).typeOrNull());
    }
    return new MethodInference(tree.generics()).infer(m, argTypes, explicit);
  }

  private static final java.util.Map<String, String> UNBOXED = java.util.Map.of("java.lang.Integer", "int",
      "java.lang.Long", "long", "java.lang.Short", "short", "java.lang.Byte", "byte", "java.lang.Character", "char",
      "java.lang.Float", "float", "java.lang.Double", "double", "java.lang.Boolean", "boolean");
  private static final java.util.List<String> NUMERIC = java.util.List.of("byte", "short", "char", "int", "long",
      "float", "double");

  /**
   * The type of {@code c ? a : b} (JLS 15.25, as far as known): the same type; a primitive when one operand is
   * primitive and the other its box or another numeric type (numeric promotion); the other operand's type when
   * one is {@code null}; else the one that is a supertype of the other; otherwise unknown.
   */
  private Operand conditional(Operand a, Operand b) {
    TypeRef x = a.typeOrNull();
    TypeRef y = b.typeOrNull();
    if (x == null || y == null) {
      TypeRef one = x != null ? x : y;
      return one == null || one == TypeRef.NULL || one.isPrimitive() ? Operand.UNKNOWN : Operand.value(one);
    }
    if (x == TypeRef.NULL) {
      return y == TypeRef.NULL || y.isPrimitive() ? Operand.UNKNOWN : b;
    }
    if (y == TypeRef.NULL) {
      return x.isPrimitive() ? Operand.UNKNOWN : a;
    }
    if (x.equals(y)) {
      return a;
    }
    String px = x.isPrimitive() ? x.name() : x.dims() == 0 ? UNBOXED.get(x.name()) : null;
    String py = y.isPrimitive() ? y.name() : y.dims() == 0 ? UNBOXED.get(y.name()) : null;
    if (px != null && py != null && (x.isPrimitive() || y.isPrimitive())) {
      if (px.equals(py)) {
        return Operand.value(TypeRef.primitive(px));
      }
      int ix = NUMERIC.indexOf(px);
      int iy = NUMERIC.indexOf(py);
      if (ix < 0 || iy < 0) {
        return Operand.UNKNOWN;
      }
      String promoted = Math.max(ix, iy) <= NUMERIC.indexOf("int") ? "int" : NUMERIC.get(Math.max(ix, iy));
      return Operand.value(TypeRef.primitive(promoted)); // (constants that fit the narrower type are not told apart)
    }
    if (x.isPrimitive() || y.isPrimitive() || x.dims() != y.dims() || x.dims() > 0) {
      return Operand.UNKNOWN;
    }
    if (tree.wholeTree()) {
      java.util.Set<String> sx = tree.supertypeSimpleNames(x.name());
      java.util.Set<String> sy = tree.supertypeSimpleNames(y.name());
      if (sy != null && sy.contains(Names.simpleName(x.name())) && (sx == null || !sx.contains(Names.simpleName(y.name())))) {
        return a; // x is a supertype of y
      }
      if (sx != null && sx.contains(Names.simpleName(y.name()))) {
        return b;
      }
    }
    return Operand.UNKNOWN;
  }

  private static TypeRef literal(LiteralTree lit) {
    return switch (lit.getKind()) {
      case INT_LITERAL -> INT;
      case LONG_LITERAL -> TypeRef.primitive("long");
      case FLOAT_LITERAL -> TypeRef.primitive("float");
      case DOUBLE_LITERAL -> TypeRef.primitive("double");
      case BOOLEAN_LITERAL -> BOOLEAN;
      case CHAR_LITERAL -> TypeRef.primitive("char");
      case STRING_LITERAL -> TypeRef.STRING;
      case NULL_LITERAL -> TypeRef.NULL;
      default -> null;
    };
  }

  private Operand binary(BinaryTree b, Context ctx, int depth) {
    return switch (b.getKind()) {
      case LESS_THAN, GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO,
          CONDITIONAL_AND, CONDITIONAL_OR -> Operand.value(BOOLEAN);
      case PLUS -> {
        // Left-deep chains of '+' are common ("a" + b + c): look at the right operand first, then recurse left.
        Operand right = typeOf(b.getRightOperand(), ctx, depth + 1);
        if (TypeRef.STRING.equals(right.type())) {
          yield right;
        }
        Operand left = typeOf(b.getLeftOperand(), ctx, depth + 1);
        yield left.typeOrNull() != null ? left : right;
      }
      default -> typeOf(b.getLeftOperand(), ctx, depth + 1);
    };
  }

  /** An identifier in an expression: a local, a field of a type in the file, a type name, a package, or unknown. */
  Operand identifier(String n, Context ctx) {
    switch (n) {
      case "this" -> {
        return ctx.type() == null ? Operand.UNKNOWN : Operand.value(TypeRef.of(ctx.type()));
      }
      case "super" -> {
        return ctx.type() == null || ctx.type().superclass == null ? Operand.UNKNOWN
            : Operand.value(refTo(ctx.type().superclass));
      }
      default -> { }
    }
    TypeRef local = locals.lookup(n);
    if (local != null) {
      return Operand.value(local);
    }
    for (TypeDecl x = ctx.type(); x != null; x = x.outer) {
      FieldDecl f = fieldOf(x, n, 0);
      if (f != null) {
        return Operand.field(f, fieldType(f, TypeRef.of(x)));
      }
    }
    for (TypeDecl x = ctx.type(); x != null; x = x.outer) {
      TypeRef inherited = inheritedField(x, n, TypeRef.of(x));
      if (inherited != null) {
        return Operand.value(inherited);
      }
    }
    String staticOwner = resolver.scope.staticImportOf(n);
    if (staticOwner != null) {
      JdkClasses.Info info = tree.info(staticOwner);
      TypeRef imported = info == null ? null : info.staticFields().get(n);
      if (imported != null) {
        return Operand.value(inFile(imported));
      }
    }
    for (String type : resolver.scope.staticOnDemandTypes()) {
      JdkClasses.Info info = tree.wholeTree() ? tree.info(type) : null;
      TypeRef imported = info == null ? null : info.staticFields().get(n);
      if (imported != null) {
        return Operand.value(inFile(imported));
      }
    }
    TypeResolver.Resolved r = resolver.resolveSimple(n, ctx.method(), ctx.type());
    if (r.typeVar() != null) {
      return Operand.UNKNOWN;
    }
    if (tree.wholeTree() && r.name().startsWith(TypeResolver.UNRESOLVED) && Names.looksLikeType(n)) {
      return Operand.UNKNOWN; // a name found nowhere, in an expression: a variable of unknown origin as likely as a type
    }
    if (r.decl() != null || r.confident() || Names.looksLikeType(n)) {
      return Operand.type(new TypeRef(r.name(), 0, r.decl()));
    }
    if (Character.isLowerCase(n.charAt(0))) {
      return Operand.pkg(n); // or a field inherited from outside the file: either way nothing to resolve
    }
    return Operand.UNKNOWN;
  }

  private Operand memberSelect(MemberSelectTree ms, Context ctx, int depth) {
    String name = ms.getIdentifier().toString();
    Operand left = typeOf(ms.getExpression(), ctx, depth + 1);
    if (name.equals("class")) { // Foo.class is a Class<Foo>, for the methods that infer a type from it
      return left.kind() == Operand.Kind.TYPE && left.type() != null && !left.type().isPrimitive()
          ? Operand.value(CLASS.withArgs(java.util.List.of(left.type()))) : Operand.value(CLASS);
    }
    switch (left.kind()) {
      case PACKAGE -> {
        String dotted = left.text() + "." + name;
        if (Names.looksLikeType(name)) {
          return Operand.type(refTo(dotted));
        }
        return Operand.pkg(dotted);
      }
      case TYPE -> {
        TypeRef t = left.type();
        if (name.equals("this")) {
          return Operand.value(t);
        }
        if (name.equals("super")) {
          return Operand.value(t); // Interface.super.m() names the interface; Outer.super is rare
        }
        if (t.decl() != null) {
          TypeDecl member = TypeResolver.memberType(t.decl(), name, 0);
          if (member != null) {
            return Operand.type(TypeRef.of(member));
          }
          FieldDecl f = fieldOf(t.decl(), name, 0);
          if (f != null) {
            return Operand.field(f, fieldType(f));
          }
        }
        JdkClasses.Info info = t.decl() == null ? tree.info(t.name()) : null;
        TypeRef known = info == null ? null : info.staticFields().get(name);
        if (known != null) {
          return Operand.value(inFile(known));
        }
        if (info != null && info.memberTypes().containsKey(name)) {
          return Operand.type(refTo(info.memberTypes().get(name)));
        }
        if (t.decl() == null && Names.looksLikeType(name)) {
          return Operand.type(refTo(t.name() + "." + name));
        }
        return Operand.UNKNOWN;
      }
      case VALUE -> {
        TypeRef t = left.type();
        if (t.isArray()) {
          return name.equals("length") ? Operand.value(INT) : Operand.UNKNOWN;
        }
        if (t.decl() != null) {
          FieldDecl f = fieldOf(t.decl(), name, 0);
          if (f != null) {
            return Operand.field(f, fieldType(f, t));
          }
          TypeRef inherited = inheritedField(t.decl(), name, t);
          return inherited == null ? Operand.UNKNOWN : Operand.value(inherited);
        }
        JdkClasses.Info info = tree.info(t.name());
        TypeRef generic = info == null ? null : genericField(info, name, t);
        if (generic != null) {
          return Operand.value(generic);
        }
        TypeRef f = info == null ? null : info.fields().get(name);
        return f == null ? Operand.UNKNOWN : Operand.value(inFile(f));
      }
      default -> {
        return Operand.UNKNOWN;
      }
    }
  }

  /** The class of {@code outer.new Inner(…)}: the member type {@code Inner} of {@code outer}'s type, or null. */
  TypeRef qualifiedNewType(NewClassTree nc, Context ctx) {
    Tree id = nc.getIdentifier() instanceof com.sun.source.tree.ParameterizedTypeTree pt ? pt.getType() : nc.getIdentifier();
    if (nc.getEnclosingExpression() == null || !(id instanceof IdentifierTree simple)) {
      return null;
    }
    TypeRef outer = typeOf(nc.getEnclosingExpression(), ctx).typeOrNull();
    if (outer == null || outer.isPrimitive() || outer.isArray() || outer == TypeRef.NULL) {
      return null;
    }
    String n = simple.getName().toString();
    if (outer.decl() != null) {
      TypeDecl m = TypeResolver.memberType(outer.decl(), n, 0);
      if (m != null) {
        return TypeRef.of(m);
      }
    }
    String q = tree.memberType(outer.name(), n);
    return q == null ? null : new TypeRef(q, 0, resolver.byName.get(q));
  }

  /** A field {@code n} that {@code t} inherits from a supertype outside the file, seen on {@code receiver}, or null. */
  private TypeRef inheritedField(TypeDecl t, String n, TypeRef receiver) {
    if (calls == null) {
      return null;
    }
    for (String s : calls.externalSupertypes(t)) {
      JdkClasses.Info info = tree.info(s);
      TypeRef generic = info == null ? null : genericField(info, n, receiver);
      if (generic != null) {
        return generic;
      }
      TypeRef f = info == null ? null : info.fields().get(n);
      if (f != null) {
        return inFile(f);
      }
    }
    return null;
  }

  /** The generic type of field {@code n} of a type with members {@code info}, seen on {@code receiver}; or null. */
  private TypeRef genericField(JdkClasses.Info info, String n, TypeRef receiver) {
    JdkClasses.FieldType g = info.genericFields().get(n);
    return g == null ? null : inFile(tree.generics().instantiate(g.type(), g.owner(), receiver));
  }

  /** The type of field {@code f} seen on {@code receiver}: its generic type bound through the receiver, else erased. */
  TypeRef fieldType(FieldDecl f, TypeRef receiver) {
    if (!f.owner.local && tree.wholeTree() && tree.declares(f.owner.name)) {
      JdkClasses.Info info = tree.info(f.owner.name);
      JdkClasses.FieldType g = info == null ? null : info.genericFields().get(f.name);
      if (g != null && g.owner().equals(f.owner.name)) {
        TypeRef t = tree.generics().instantiate(g.type(), g.owner(), receiver);
        if (t != null) {
          return inFile(t);
        }
      }
    }
    return fieldType(f);
  }

  /** {@code t} with its declaration attached when the type is declared in this file. */
  /** The element type of an enhanced {@code for} over {@code iterable}, from its type arguments, or null. */
  TypeRef elementOf(TypeRef iterable) {
    java.util.List<TypeRef> b = tree.generics().bindings(iterable.name(), iterable.args(), "java.lang.Iterable");
    return b == null || b.isEmpty() ? null : inFile(b.getFirst());
  }

  TypeRef inFile(TypeRef t) {
    if (t == null || t.decl() != null) {
      return t;
    }
    TypeDecl d = resolver.byName.get(t.name());
    return d == null ? t : new TypeRef(t.name(), t.dims(), d, t.args());
  }

  private TypeRef refTo(String qualified) {
    return new TypeRef(qualified, 0, resolver.byName.get(qualified));
  }

  /** The field {@code n} visible from {@code t}: declared in it, its in-file supertypes, or an enclosing type. */
  static FieldDecl lexicalField(String n, TypeDecl t) {
    for (TypeDecl x = t; x != null; x = x.outer) {
      FieldDecl f = fieldOf(x, n, 0);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  static FieldDecl fieldOf(TypeDecl t, String n, int depth) {
    FieldDecl f = t.fields.get(n);
    if (f != null || depth > 8) {
      return f;
    }
    for (TypeDecl s : t.inFileSupertypes) {
      f = fieldOf(s, n, depth + 1);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  TypeRef fieldType(FieldDecl f) {
    if (!f.typeResolved) {
      f.typeResolved = true;
      f.type = f.kind.equals("enum-constant") ? TypeRef.of(f.owner) : resolver.typeRef(f.tree.getType(), null, f.owner);
    }
    return f.type;
  }

  /** The erased return type of a method of this file, or {@code null} (constructors, unknown, {@code void}). */
  TypeRef returnType(MethodDecl m) {
    if (m == null) {
      return null;
    }
    if (!m.returnTypeResolved) {
      m.returnTypeResolved = true;
      if (m.component != null) {
        m.returnType = fieldType(m.component);
      } else if (m.tree == null && m.owner.kind.equals("enum") && m.name.equals("values")) {
        m.returnType = TypeRef.of(m.owner).arrayOf(1); // an enum's implicit values() and valueOf(String)
      } else if (m.tree == null && m.owner.kind.equals("enum") && m.name.equals("valueOf")) {
        m.returnType = TypeRef.of(m.owner);
      } else if (m.tree != null && m.tree.getReturnType() != null) {
        TypeRef r = resolver.typeRef(m.tree.getReturnType(), m.tree, m.owner);
        m.returnType = r != null && r.name().equals("void") ? null : r;
      }
    }
    return m.returnType;
  }
}
