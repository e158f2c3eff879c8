package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DeconstructionPatternTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import java.util.List;
import com.sun.source.util.TreeScanner;

/**
 * Reads code (method bodies, initializers, annotation arguments) for one symbol: adds its {@code calls}
 * and {@code references} edges and its effects, keeps track of locals, and hands local and anonymous
 * classes to {@link FileExtraction} as symbols of their own. Type positions (declarations, casts,
 * {@code instanceof}, {@code new}, generic arguments) go through {@link #typeUse}, where a type variable
 * references its erasure (its first bound, or {@code java.lang.Object}), as the erased signatures in symbol
 * names do; identifiers and selections in expressions are classified by {@link ExpressionTyper}. Not
 * thread-safe.
 */
final class BodyScanner extends TreeScanner<Void, Void> {
  private final FileExtraction fx;
  private final Context ctx;

  BodyScanner(FileExtraction fx, Context ctx) {
    this.fx = fx;
    this.ctx = ctx;
  }

  /** Scans {@code tree} in a block scope of its own. */
  void scanScoped(Tree tree) {
    fx.locals.push();
    try {
      scan(tree, null);
    } finally {
      fx.locals.pop();
    }
  }

  // ---- type positions

  /** Adds {@code references} for every class named in a type tree (arguments, bounds, annotations included). */
  void typeUse(Tree type) {
    switch (type) {
      case null -> { }
      case PrimitiveTypeTree ignored -> { }
      case IdentifierTree id -> {
        if (!id.getName().contentEquals("var")) {
          TypeResolver.Resolved r = fx.resolver.resolveSimple(id.getName().toString(), ctx.method(), ctx.type());
          if (r.typeVar() == null) {
            reference(r);
          } else {
            reference(fx.resolver.typeRef(id, ctx.method(), ctx.type())); // a type variable: its erasure
          }
        }
      }
      case MemberSelectTree ms -> reference(fx.resolver.resolveType(ms, ctx.method(), ctx.type()));
      case ParameterizedTypeTree pt -> {
        typeUse(pt.getType());
        for (Tree arg : pt.getTypeArguments()) {
          typeUse(arg);
        }
      }
      case ArrayTypeTree at -> typeUse(at.getType());
      case WildcardTree w -> typeUse(w.getBound());
      case UnionTypeTree u -> u.getTypeAlternatives().forEach(this::typeUse);
      case IntersectionTypeTree i -> i.getBounds().forEach(this::typeUse);
      case AnnotatedTypeTree an -> {
        an.getAnnotations().forEach(this::annotationUse);
        typeUse(an.getUnderlyingType());
      }
      default -> { }
    }
  }

  void typeUses(Iterable<? extends Tree> types) {
    for (Tree t : types) {
      typeUse(t);
    }
  }

  /** An annotation: a reference to its type, and its arguments read as code. */
  void annotationUse(AnnotationTree a) {
    typeUse(a.getAnnotationType());
    scan(a.getArguments(), null);
  }

  private void reference(TypeResolver.Resolved r) {
    if (r != null && r.typeVar() == null) {
      fx.reference(ctx, r.name());
    }
  }

  private void reference(TypeRef t) {
    if (t != null && !t.isPrimitive() && t != TypeRef.NULL && t != LocalScopes.UNKNOWN) {
      fx.reference(ctx, t.name());
    }
  }

  @Override
  public Void visitAnnotation(AnnotationTree a, Void unused) {
    annotationUse(a);
    return null;
  }

  @Override
  public Void visitParameterizedType(ParameterizedTypeTree t, Void unused) {
    typeUse(t);
    return null;
  }

  @Override
  public Void visitArrayType(ArrayTypeTree t, Void unused) {
    typeUse(t);
    return null;
  }

  @Override
  public Void visitUnionType(UnionTypeTree t, Void unused) {
    typeUse(t);
    return null;
  }

  @Override
  public Void visitIntersectionType(IntersectionTypeTree t, Void unused) {
    typeUse(t);
    return null;
  }

  @Override
  public Void visitWildcard(WildcardTree t, Void unused) {
    typeUse(t);
    return null;
  }

  @Override
  public Void visitAnnotatedType(AnnotatedTypeTree t, Void unused) {
    typeUse(t);
    return null;
  }

  @Override
  public Void visitTypeCast(TypeCastTree cast, Void unused) {
    typeUse(cast.getType());
    targetTyped(cast.getExpression(), fx.resolver.typeRef(cast.getType(), ctx.method(), ctx.type()));
    scan(cast.getExpression(), null);
    return null;
  }

  @Override
  public Void visitReturn(com.sun.source.tree.ReturnTree r, Void unused) {
    if (lambdaDepth == 0 && ctx.method() != null && ctx.method().getReturnType() != null) { // not a lambda's return
      targetTyped(r.getExpression(), fx.resolver.typeRef(ctx.method().getReturnType(), ctx.method(), ctx.type()));
    }
    return super.visitReturn(r, null);
  }

  /**
   * An implicitly typed lambda whose target type is written (a cast, a declared variable, a method's declared
   * result) gets the parameter types of that JDK functional interface's single abstract method.
   */
  private void targetTyped(ExpressionTree e, TypeRef target) {
    ExpressionTree x = e;
    while (x instanceof com.sun.source.tree.ParenthesizedTree p) {
      x = p.getExpression();
    }
    if (target != null && x instanceof LambdaExpressionTree lambda && !lambda.getParameters().isEmpty()
        && lambda.getParameters().getFirst().getType() == null && !fx.tree.declares(target.name())) {
      List<TypeRef> types = JdkGenerics.lambdaParams(target);
      if (types != null) {
        lambdaTypes.put(lambda, types);
      }
    }
  }

  @Override
  public Void visitInstanceOf(InstanceOfTree t, Void unused) {
    scan(t.getExpression(), null);
    if (t.getPattern() != null) {
      scan(t.getPattern(), null);
    } else {
      typeUse(t.getType());
    }
    return null;
  }

  @Override
  public Void visitDeconstructionPattern(DeconstructionPatternTree t, Void unused) {
    typeUse(t.getDeconstructor());
    scan(t.getNestedPatterns(), null);
    return null;
  }

  @Override
  public Void visitNewArray(NewArrayTree t, Void unused) {
    typeUse(t.getType());
    scan(t.getAnnotations(), null);
    scan(t.getDimensions(), null);
    scan(t.getInitializers(), null);
    return null;
  }

  // ---- declarations and scopes

  @Override
  public Void visitVariable(VariableTree v, Void unused) {
    scan(v.getModifiers(), null);
    typeUse(v.getType());
    TypeRef type = fx.resolver.typeRef(v.getType(), ctx.method(), ctx.type());
    targetTyped(v.getInitializer(), type);
    scan(v.getInitializer(), null);
    if (type == null && v.getType() == null && v.getInitializer() != null) {
      type = fx.typer.typeOf(v.getInitializer(), ctx).typeOrNull();
    }
    fx.locals.declare(v.getName().toString(), type);
    return null;
  }

  @Override
  public Void visitBlock(BlockTree b, Void unused) {
    fx.locals.push();
    try {
      return super.visitBlock(b, null);
    } finally {
      fx.locals.pop();
    }
  }

  @Override
  public Void visitForLoop(ForLoopTree t, Void unused) {
    fx.locals.push();
    try {
      return super.visitForLoop(t, null);
    } finally {
      fx.locals.pop();
    }
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree t, Void unused) {
    fx.locals.push();
    try {
      scan(t.getExpression(), null);
      VariableTree v = t.getVariable();
      scan(v.getModifiers(), null);
      typeUse(v.getType());
      TypeRef type = fx.resolver.typeRef(v.getType(), ctx.method(), ctx.type());
      if (type == null && v.getType() == null) {
        TypeRef iterable = fx.typer.typeOf(t.getExpression(), ctx).typeOrNull();
        type = iterable == null ? null : iterable.isArray() ? iterable.element() : fx.typer.elementOf(iterable);
      }
      fx.locals.declare(v.getName().toString(), type);
      scan(t.getStatement(), null);
    } finally {
      fx.locals.pop();
    }
    return null;
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree t, Void unused) {
    fx.locals.push();
    lambdaDepth++;
    try {
      List<TypeRef> inferred = lambdaTypes.remove(t);
      List<? extends VariableTree> params = t.getParameters();
      for (int i = 0; i < params.size(); i++) {
        VariableTree v = params.get(i);
        scan(v.getModifiers(), null);
        typeUse(v.getType());
        TypeRef type = fx.resolver.typeRef(v.getType(), ctx.method(), ctx.type());
        if (type == null && inferred != null && i < inferred.size() && inferred.size() == params.size()) {
          type = fx.typer.inFile(inferred.get(i));
        }
        fx.locals.declare(v.getName().toString(), type);
      }
      scan(t.getBody(), null);
      return null;
    } finally {
      lambdaDepth--;
      fx.locals.pop();
    }
  }

  /** How many lambda bodies enclose the code being scanned (a {@code return} in one is the lambda's). */
  private int lambdaDepth;

  /** Implicitly typed lambda parameters of a call's arguments, from the JDK method's functional interface. */
  private final java.util.IdentityHashMap<LambdaExpressionTree, List<TypeRef>> lambdaTypes = new java.util.IdentityHashMap<>();

  private void lambdaParameters(CallResolver.Call call, List<? extends ExpressionTree> args) {
    if (call == null || call.jdkMethod() == null || fx.tree.declares(call.jdkMethod().owner())) {
      return; // generic signatures are read from the JDK's classes only, never for types of the tree
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof LambdaExpressionTree lambda && !lambda.getParameters().isEmpty()
          && lambda.getParameters().getFirst().getType() == null) {
        JdkClasses.JdkMethod m = call.jdkMethod();
        TypeRef r = call.receiver();
        List<TypeRef> bindings = r == null || r.isArray() || r.isPrimitive() ? null
            : fx.tree.generics().bindings(r.name(), r.args(), m.owner());
        List<TypeRef> types = JdkGenerics.lambdaParams(m.owner(), m.name(), m.params(), i, bindings);
        if (types != null) {
          lambdaTypes.put(lambda, types);
        }
      }
    }
  }

  @Override
  public Void visitCatch(CatchTree t, Void unused) {
    fx.locals.push();
    try {
      return super.visitCatch(t, null);
    } finally {
      fx.locals.pop();
    }
  }

  @Override
  public Void visitTry(TryTree t, Void unused) {
    fx.locals.push();
    try {
      scan(t.getResources(), null);
      for (Tree r : t.getResources()) { // javac closes each resource: a call of its type's close(), on its line
        fx.call(ctx, fx.calls.implicitClose(resourceType(r), ctx), fx.parsed.firstLine(r));
      }
      scan(t.getBlock(), null);
      scan(t.getCatches(), null);
      scan(t.getFinallyBlock(), null);
      return null;
    } finally {
      fx.locals.pop();
    }
  }

  /** The static type of a try-with-resources resource: its declared type, a {@code var}'s initializer's, an expression's. */
  private TypeRef resourceType(Tree r) {
    if (r instanceof VariableTree v) {
      TypeRef declared = fx.resolver.typeRef(v.getType(), ctx.method(), ctx.type());
      return declared != null || v.getInitializer() == null ? declared : fx.typer.typeOf(v.getInitializer(), ctx).typeOrNull();
    }
    return r instanceof ExpressionTree e ? fx.typer.typeOf(e, ctx).typeOrNull() : null;
  }

  @Override
  public Void visitCase(CaseTree t, Void unused) {
    fx.locals.push();
    try {
      return super.visitCase(t, null);
    } finally {
      fx.locals.pop();
    }
  }

  @Override
  public Void visitClass(ClassTree c, Void unused) {
    TypeDecl local = fx.declaration(c);
    if (local != null) {
      fx.emitType(local, ctx.symbol());
    }
    return null;
  }

  // ---- code

  @Override
  public Void visitSynchronized(SynchronizedTree t, Void unused) {
    fx.effects(ctx, Effects.CONCURRENCY);
    return super.visitSynchronized(t, null);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree inv, Void unused) {
    CallResolver.Call call = fx.calls.resolve(inv, ctx);
    fx.call(ctx, call, fx.callLine(inv));
    lambdaParameters(call, inv.getArguments());
    typeUses(inv.getTypeArguments());
    if (inv.getMethodSelect() instanceof MemberSelectTree ms) {
      scan(ms.getExpression(), null);
    }
    scan(inv.getArguments(), null);
    return null;
  }

  @Override
  public Void visitNewClass(NewClassTree nc, Void unused) {
    scan(nc.getEnclosingExpression(), null);
    if (nc.getEnclosingExpression() != null && fx.scope.wholeTree()) { // outer.new Inner(): Inner is a member of outer's type
      reference(fx.typer.qualifiedNewType(nc, ctx));
      if (nc.getIdentifier() instanceof ParameterizedTypeTree pt) {
        typeUses(pt.getTypeArguments());
      }
    } else {
      typeUse(nc.getIdentifier());
    }
    typeUses(nc.getTypeArguments());
    TypeDecl anonymous = nc.getClassBody() == null ? null : fx.declaration(nc.getClassBody());
    if (anonymous == null || anonymous.explicitSuperclass) { // an anonymous class of an interface calls no constructor of it
      fx.call(ctx, fx.calls.resolveNew(nc, ctx), fx.callLine(nc));
    }
    scan(nc.getArguments(), null);
    if (anonymous != null) {
      fx.emitType(anonymous, ctx.symbol());
    }
    return null;
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
    Operand q = fx.typer.typeOf(ref.getQualifierExpression(), ctx);
    if (q.isType()) {
      reference(q.type());
      if (ref.getQualifierExpression() instanceof ParameterizedTypeTree || ref.getQualifierExpression() instanceof ArrayTypeTree) {
        typeUse(ref.getQualifierExpression());
      }
    } else {
      scan(ref.getQualifierExpression(), null);
    }
    if (ref.getTypeArguments() != null) {
      typeUses(ref.getTypeArguments());
    }
    fx.call(ctx, fx.calls.resolveReference(ref, ctx), fx.callLine(ref));
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree id, Void unused) {
    Operand o = fx.typer.identifier(id.getName().toString(), ctx);
    if (o.field() != null) {
      fx.referenceField(ctx, o.field());
    } else if (o.isType()) {
      reference(o.type());
    }
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree ms, Void unused) {
    Operand whole = fx.typer.typeOf(ms, ctx);
    switch (whole.kind()) {
      case TYPE -> reference(whole.type());
      case PACKAGE -> { }
      default -> {
        if (whole.field() != null) {
          fx.referenceField(ctx, whole.field());
        }
        scan(ms.getExpression(), null);
      }
    }
    return null;
  }
}
