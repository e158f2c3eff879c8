package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DirectiveTree;
import com.sun.source.tree.ExportsTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.OpensTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ProvidesTree;
import com.sun.source.tree.RequiresTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UsesTree;
import com.sun.source.tree.VariableTree;
import io.graphsnap.format.object.FileSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Extracts the symbols and edges of one parsed file: declarations first ({@link DeclarationCollector}),
 * then supertypes, then each symbol in source order with its signature and body. One instance per file;
 * not thread-safe.
 */
public final class FileExtraction {
  /** Prefix of module symbol names, which keeps them apart from packages of the same name. */
  public static final String MODULE_PREFIX = "module:";

  final ParsedUnit parsed;
  final FileScope scope;
  final DeclarationCollector decls;
  final TypeResolver resolver;
  final LocalScopes locals = new LocalScopes();
  final ExpressionTyper typer;
  final CallResolver calls;
  private final SummaryBuilder out = new SummaryBuilder();

  final TreeTypes tree;
  /** Symbols of kind {@code test}: their calls into the tree's other types are also {@code tests} edges. */
  private final java.util.Set<Integer> tests = new java.util.HashSet<>();

  private FileExtraction(ParsedUnit parsed, TreeTypes tree) {
    this.parsed = parsed;
    this.tree = tree;
    CompilationUnitTree unit = parsed.unit;
    this.scope = new FileScope(unit, tree);
    this.decls = new DeclarationCollector(parsed, scope.packageName);
    this.resolver = new TypeResolver(scope, decls.byName);
    this.typer = new ExpressionTyper(resolver, locals, decls.byTree);
    this.calls = new CallResolver(resolver, typer);
    typer.setCalls(calls);
  }

  /** Extracts the summary of a parsed file; {@code sourceSha256} is the SHA-256 of its bytes. */
  public static FileSummary extract(ParsedUnit parsed, byte[] sourceSha256) {
    return extract(parsed, sourceSha256, TreeTypes.NONE);
  }

  /** As {@link #extract(ParsedUnit, byte[])}, resolving names against the whole tree's declarations. */
  public static FileSummary extract(ParsedUnit parsed, byte[] sourceSha256, TreeTypes tree) {
    return new FileExtraction(parsed, tree).run(sourceSha256);
  }

  private FileSummary run(byte[] sourceSha256) {
    CompilationUnitTree unit = parsed.unit;
    decls.collect(unit);
    decls.topLevel.forEach(scope::addTopLevel);
    for (TypeDecl t : decls.all) {
      resolveSupertypes(t);
    }
    int moduleSymbol = unit.getModule() == null ? -1 : emitModule(unit.getModule());
    int packageSymbol = unit.getPackage() == null ? -1 : emitPackage(unit.getPackage());
    List<Integer> topSymbols = new ArrayList<>(decls.topLevel.size());
    for (TypeDecl t : decls.topLevel) {
      topSymbols.add(emitType(t, packageSymbol));
    }
    List<Integer> importers = !topSymbols.isEmpty() ? topSymbols
        : packageSymbol >= 0 ? List.of(packageSymbol) : moduleSymbol >= 0 ? List.of(moduleSymbol) : List.of();
    for (int importer : importers) {
      for (String target : scope.importTargets) {
        out.edge(importer, "imports", target);
      }
    }
    return out.build(parsed.path, sourceSha256);
  }

  // ---- supertypes

  private void resolveSupertypes(TypeDecl t) {
    ClassTree c = t.tree;
    if (t.anonymous()) {
      TypeResolver.Resolved r = t.anonymousSuper == null ? null
          : resolver.resolveType(t.anonymousSuper, t.enclosingMethod, t.outer);
      if (r != null && r.typeVar() == null) {
        if (r.decl() != null ? r.decl().isInterface() : tree.isInterface(r.name())) {
          t.superclass = "java.lang.Object";
          t.interfaces.add(r.name());
        } else {
          t.superclass = r.name();
          t.explicitSuperclass = true;
        }
      }
    } else {
      switch (t.kind) {
        case "interface", "annotation" -> {
          if (t.kind.equals("annotation")) {
            t.interfaces.add("java.lang.annotation.Annotation");
          }
        }
        case "enum" -> t.superclass = "java.lang.Enum";
        case "record" -> t.superclass = "java.lang.Record";
        default -> {
          if (c.getExtendsClause() != null) {
            TypeResolver.Resolved r = resolver.resolveType(c.getExtendsClause(), t.enclosingMethod, t);
            if (r != null && r.typeVar() == null) {
              t.superclass = r.name();
              t.explicitSuperclass = true;
            }
          } else if (!t.name.equals("java.lang.Object")) {
            t.superclass = "java.lang.Object";
          }
        }
      }
      // javac keeps an interface's "extends" list in the implements clause
      for (Tree i : c.getImplementsClause()) {
        TypeResolver.Resolved r = resolver.resolveType(i, t.enclosingMethod, t);
        if (r != null && r.typeVar() == null) {
          t.interfaces.add(r.name());
        }
      }
    }
    addInFileSupertype(t, t.superclass);
    for (String i : t.interfaces) {
      addInFileSupertype(t, i);
    }
    t.supertypesResolved = true;
  }

  private void addInFileSupertype(TypeDecl t, String name) {
    TypeDecl d = name == null ? null : decls.byName.get(name);
    if (d != null && d != t && !t.inFileSupertypes.contains(d)) {
      t.inFileSupertypes.add(d);
    }
  }

  // ---- module and package

  private int emitModule(ModuleTree m) {
    String name = MODULE_PREFIX + Names.dotted(m.getName());
    SortedMap<String, String> metadata = new TreeMap<>();
    if (m.getModuleType() == ModuleTree.ModuleKind.OPEN) {
      metadata.put("modifiers", "open");
    }
    int idx = out.addSymbol(name, "module", parsed.firstLine(m), parsed.lastLine(m), parsed.contentHash(m), metadata);
    BodyScanner header = new BodyScanner(this, new Context(idx, null, null, false));
    m.getAnnotations().forEach(header::annotationUse);
    for (DirectiveTree d : m.getDirectives()) {
      switch (d) {
        case RequiresTree r -> out.edge(idx, "requires", MODULE_PREFIX + Names.dotted(r.getModuleName()));
        case ExportsTree e -> out.edge(idx, "exports", Names.dotted(e.getPackageName()));
        case OpensTree o -> out.edge(idx, "opens", Names.dotted(o.getPackageName()));
        case UsesTree u -> out.edge(idx, "uses", typeName(u.getServiceName()));
        case ProvidesTree p -> {
          out.edge(idx, "references", typeName(p.getServiceName()));
          for (Tree impl : p.getImplementationNames()) {
            out.edge(idx, "provides", typeName(impl));
          }
        }
        default -> { }
      }
    }
    return idx;
  }

  private String typeName(Tree type) {
    TypeResolver.Resolved r = resolver.resolveType(type, null, null);
    return r == null ? null : r.name();
  }

  private int emitPackage(PackageTree p) {
    int idx = out.addSymbol(scope.packageName, "package", parsed.firstLine(p), parsed.lastLine(p),
        parsed.contentHash(p), null);
    BodyScanner header = new BodyScanner(this, new Context(idx, null, null, false));
    p.getAnnotations().forEach(header::annotationUse);
    return idx;
  }

  // ---- types and members

  TypeDecl declaration(ClassTree c) {
    return decls.byTree.get(c);
  }

  /** Emits a type, its header edges and all its members; returns its symbol index. */
  int emitType(TypeDecl t, int container) {
    SortedMap<String, String> metadata = modifiers(t.tree.getModifiers());
    if (t.anonymous()) {
      metadata.put("anonymous", "true");
    } else if (t.local) {
      metadata.put("local", "true");
    }
    int idx = out.addSymbol(t.name, t.kind, parsed.firstLine(t.tree), parsed.lastLine(t.tree),
        parsed.contentHash(t.tree), metadata);
    out.edge(container, "contains", t.name);
    if (t.superclass != null) {
      out.edge(idx, "extends", t.superclass);
    }
    for (String i : t.interfaces) {
      out.edge(idx, t.isInterface() ? "extends" : "implements", i);
    }
    BodyScanner header = new BodyScanner(this, new Context(idx, t, t.enclosingMethod, false));
    t.tree.getModifiers().getAnnotations().forEach(header::annotationUse);
    typeArgumentUses(header, t.anonymous() ? t.anonymousSuper : t.tree.getExtendsClause());
    for (Tree i : t.tree.getImplementsClause()) {
      typeArgumentUses(header, i);
    }
    header.typeUses(t.tree.getPermitsClause());
    typeParameterUses(header, t.tree.getTypeParameters());
    for (Tree member : t.tree.getMembers()) {
      switch (member) {
        case ClassTree nested -> {
          TypeDecl d = decls.byTree.get(nested);
          if (d != null) {
            emitType(d, idx);
          }
        }
        case MethodTree m -> {
          MethodDecl d = decls.methodsByTree.get(m);
          if (d != null) {
            emitMethod(d, idx);
          }
        }
        case VariableTree v -> {
          FieldDecl f = decls.fieldsByTree.get(v);
          if (f != null) {
            emitField(f, idx);
          }
        }
        case BlockTree b -> new BodyScanner(this, new Context(idx, t, null, true)).scanScoped(b);
        default -> { }
      }
    }
    for (MethodDecl m : t.implicitMethods) {
      emitImplicit(m, idx);
    }
    return idx;
  }

  /** References for the generic arguments of a supertype; the supertype itself has its extends/implements edge. */
  private static void typeArgumentUses(BodyScanner scanner, Tree supertype) {
    if (supertype instanceof ParameterizedTypeTree pt) {
      scanner.typeUses(pt.getTypeArguments());
    }
  }

  private static void typeParameterUses(BodyScanner scanner, List<? extends TypeParameterTree> params) {
    for (TypeParameterTree tp : params) {
      tp.getAnnotations().forEach(scanner::annotationUse);
      scanner.typeUses(tp.getBounds());
    }
  }

  private void emitMethod(MethodDecl md, int typeIdx) {
    MethodTree m = md.tree;
    TypeDecl t = md.owner;
    String kind = md.isConstructor() ? "constructor" : TestConventions.isTest(m, t) ? "test" : "method";
    Set<Modifier> flags = m.getModifiers().getFlags();
    int idx = out.addSymbol(md.symbolName, kind, parsed.firstLine(m), parsed.lastLine(m), parsed.contentHash(m),
        modifiers(m.getModifiers()));
    out.edge(typeIdx, "contains", md.symbolName);
    if (flags.contains(Modifier.NATIVE)) {
      out.addEffects(idx, Effects.NATIVE);
    }
    if (flags.contains(Modifier.SYNCHRONIZED)) {
      out.addEffects(idx, Effects.CONCURRENCY);
    }
    Context c = new Context(idx, t, m, true);
    BodyScanner scanner = new BodyScanner(this, c);
    m.getModifiers().getAnnotations().forEach(scanner::annotationUse);
    typeParameterUses(scanner, m.getTypeParameters());
    scanner.typeUse(m.getReturnType());
    for (VariableTree p : m.getParameters()) {
      p.getModifiers().getAnnotations().forEach(scanner::annotationUse);
      scanner.typeUse(p.getType());
    }
    scanner.typeUses(m.getThrows());
    new Overrides(this).emit(idx, md, m.getModifiers());
    if (kind.equals("test")) {
      String underTest = TestConventions.classUnderTest(t, resolver);
      if (!scope.wholeTree() || decls.byName.containsKey(underTest) || tree.exists(underTest)) {
        out.edge(idx, "tests", underTest);
      }
      tests.add(idx);
    }
    if (md.isConstructor() && !callsThisOrSuper(m)) {
      call(c, calls.implicitSuper(t, c), parsed.firstLine(m)); // the implicit super() happens on the constructor's line
    }
    locals.push();
    try {
      for (VariableTree p : m.getParameters()) {
        locals.declare(p.getName().toString(), resolver.typeRef(p.getType(), m, t));
      }
      scanner.scan(m.getBody(), null);
      scanner.scan(m.getDefaultValue(), null);
    } finally {
      locals.pop();
    }
  }

  private void emitField(FieldDecl f, int typeIdx) {
    VariableTree v = f.tree;
    int idx = out.addSymbol(f.symbolName, f.kind, parsed.firstLine(v), parsed.lastLine(v), parsed.contentHash(v),
        modifiers(v.getModifiers()));
    out.edge(typeIdx, "contains", f.symbolName);
    BodyScanner signature = new BodyScanner(this, new Context(idx, f.owner, null, false));
    v.getModifiers().getAnnotations().forEach(signature::annotationUse);
    if (!f.kind.equals("enum-constant")) {
      signature.typeUse(v.getType());
    }
    if (v.getInitializer() != null) {
      new BodyScanner(this, new Context(idx, f.owner, null, true)).scanScoped(v.getInitializer());
    }
  }

  private void emitImplicit(MethodDecl m, int typeIdx) {
    Tree at = m.component != null ? m.component.tree : m.owner.tree;
    int line = parsed.firstLine(at);
    SortedMap<String, String> metadata = new TreeMap<>();
    metadata.put("implicit", "true");
    int idx = out.addSymbol(m.symbolName, m.isConstructor() ? "constructor" : "method", line,
        m.component != null ? parsed.lastLine(at) : line, null, metadata);
    out.edge(typeIdx, "contains", m.symbolName);
    if (m.component != null) {
      new BodyScanner(this, new Context(idx, m.owner, null, false)).typeUse(m.component.tree.getType());
    }
    if (m.isConstructor()) { // a default constructor's super() happens on its line: the class's (or record's)
      call(new Context(idx, m.owner, null, false), calls.implicitSuper(m.owner, new Context(idx, m.owner, null, false)),
          line);
    }
  }

  /** True if the constructor's body starts with {@code this(…)} or {@code super(…)}. */
  private static boolean callsThisOrSuper(MethodTree m) {
    if (m.getBody() == null || m.getBody().getStatements().isEmpty()) {
      return false;
    }
    for (com.sun.source.tree.StatementTree st : m.getBody().getStatements()) { // flexible constructor bodies: any statement
      if (st instanceof com.sun.source.tree.ExpressionStatementTree es
          && es.getExpression() instanceof com.sun.source.tree.MethodInvocationTree inv
          && inv.getMethodSelect() instanceof com.sun.source.tree.IdentifierTree id
          && (id.getName().contentEquals("this") || id.getName().contentEquals("super"))) {
        return true;
      }
    }
    return false;
  }

  private static SortedMap<String, String> modifiers(ModifiersTree mods) {
    SortedMap<String, String> metadata = new TreeMap<>();
    Set<Modifier> flags = mods.getFlags();
    if (!flags.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Modifier f : flags) {
        if (!sb.isEmpty()) {
          sb.append(' ');
        }
        sb.append(f);
      }
      metadata.put("modifiers", sb.toString());
    }
    return metadata;
  }

  static boolean hasAnnotation(ModifiersTree mods, String simpleName) {
    for (AnnotationTree a : mods.getAnnotations()) {
      String dotted = Names.dotted(a.getAnnotationType());
      if (dotted != null && (dotted.equals(simpleName) || dotted.endsWith("." + simpleName))) {
        return true;
      }
    }
    return false;
  }

  // ---- edges and effects, for the scanners

  void reference(Context ctx, String type) {
    out.edge(ctx.symbol(), "references", type);
    if (ctx.effects() && !decls.byName.containsKey(type)) {
      out.addEffects(ctx.symbol(), Effects.ofType(type));
    }
  }

  void referenceField(Context ctx, FieldDecl f) {
    out.edge(ctx.symbol(), "references", f.symbolName);
  }

  /** Records {@code call} (if resolved to anything) as a {@code calls} edge of the context's symbol, at {@code line}. */
  void call(Context ctx, CallResolver.Call call, int line) {
    if (call == null) {
      return;
    }
    out.edge(ctx.symbol(), "calls", call.target(), line);
    if (tests.contains(ctx.symbol()) && call.owner() != null && tree.declares(call.owner())
        && !decls.byName.containsKey(call.owner()) && call.target().indexOf('?') < 0) {
      out.edge(ctx.symbol(), "tests", call.target());
    }
    if (!ctx.effects()) {
      return;
    }
    if (call.decl() != null) {
      if (call.decl().isNative) {
        out.addEffects(ctx.symbol(), Effects.NATIVE);
      }
    } else if (call.owner() == null || !decls.byName.containsKey(call.owner())) {
      out.addEffects(ctx.symbol(), Effects.ofCall(call.owner(), call.method(), call.arity()));
    }
  }

  /**
   * The line a call occurs on, as javac's line table places it: a method invocation's at its method name (the last
   * line of {@code a.b}, so each call of a chain split over lines has its own), a constructor call's at its
   * {@code new} (at the class name for {@code outer.new Inner()}), a method reference's at its name ({@code ::m}).
   * 0 when unknown.
   */
  int callLine(Tree call) {
    return switch (call) {
      case com.sun.source.tree.MethodInvocationTree inv -> {
        int line = parsed.lastLine(inv.getMethodSelect());
        yield line > 0 ? line : parsed.firstLine(inv);
      }
      case com.sun.source.tree.NewClassTree nc -> nc.getEnclosingExpression() == null ? parsed.firstLine(nc)
          : parsed.firstLine(nc.getIdentifier());
      case com.sun.source.tree.MemberReferenceTree ref -> parsed.lastLine(ref);
      default -> parsed.firstLine(call);
    };
  }

  void effects(Context ctx, int bits) {
    out.addEffects(ctx.symbol(), bits);
  }

  void edge(int source, String type, String target) {
    out.edge(source, type, target);
  }
}
