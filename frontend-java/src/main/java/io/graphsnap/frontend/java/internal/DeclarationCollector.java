package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * First pass over a file: declares every type (naming nested {@code a.B.C}, local {@code a.B$1Local} and
 * anonymous {@code a.B$1} classes the way javac's binary names do, with {@code .} for members), and every
 * method, constructor, field, enum constant and record component with its unique symbol name. Bodies are
 * only searched for local and anonymous classes.
 */
final class DeclarationCollector {
  private final ParsedUnit parsed;
  private final String packageName;
  final Map<ClassTree, TypeDecl> byTree = new IdentityHashMap<>();
  final Map<String, TypeDecl> byName = new HashMap<>();
  final List<TypeDecl> topLevel = new ArrayList<>();
  /** Every type in declaration order (outer before inner). */
  final List<TypeDecl> all = new ArrayList<>();
  final Map<MethodTree, MethodDecl> methodsByTree = new IdentityHashMap<>();
  final Map<VariableTree, FieldDecl> fieldsByTree = new IdentityHashMap<>();
  private final Set<String> memberNames = new HashSet<>();

  DeclarationCollector(ParsedUnit parsed, String packageName) {
    this.parsed = parsed;
    this.packageName = packageName;
  }

  void collect(CompilationUnitTree unit) {
    for (Tree t : unit.getTypeDecls()) {
      if (t instanceof ClassTree c) {
        topLevel.add(declare(c, null, false, null));
      }
    }
  }

  private TypeDecl declare(ClassTree c, TypeDecl outer, boolean inCode, MethodTree enclosingMethod) {
    String simple = c.getSimpleName().toString();
    String name;
    if (outer == null) {
      name = Names.qualify(packageName, simple);
    } else if (simple.isEmpty()) {
      name = outer.name + "$" + outer.nextAnonymousIndex();
    } else if (inCode) {
      name = outer.name + "$" + outer.nextLocalIndex(simple) + simple;
    } else {
      name = outer.name + "." + simple;
    }
    TypeDecl t = new TypeDecl(name, simple, simple.isEmpty() ? "class" : kindOf(c), c, outer, inCode,
        enclosingMethod);
    byTree.put(c, t);
    all.add(t);
    byName.putIfAbsent(name, t);
    if (outer != null && !simple.isEmpty()) {
      (inCode ? outer.localTypes : outer.memberTypes).putIfAbsent(simple, t);
    }
    declareMembers(t);
    return t;
  }

  static String kindOf(ClassTree c) {
    return switch (c.getKind()) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case RECORD -> "record";
      case ANNOTATION_TYPE -> "annotation";
      default -> "class";
    };
  }

  private void declareMembers(TypeDecl t) {
    List<FieldDecl> components = new ArrayList<>();
    boolean hasConstructor = false;
    for (Tree member : t.tree.getMembers()) {
      switch (member) {
        case ClassTree nested -> declare(nested, t, false, null);
        case MethodTree m -> {
          hasConstructor |= m.getName().contentEquals("<init>");
          declareMethod(t, m);
          scanCode(m.getBody(), t, m);
        }
        case VariableTree v -> {
          FieldDecl f = declareField(t, v);
          if (t.kind.equals("record") && !v.getModifiers().getFlags().contains(Modifier.STATIC)) {
            components.add(f);
          }
          scanCode(v.getInitializer(), t, null);
        }
        case BlockTree b -> scanCode(b, t, null);
        default -> { }
      }
    }
    if (t.kind.equals("record")) {
      declareImplicitRecordMembers(t, components);
    } else if (!hasConstructor && !t.anonymous() && (t.kind.equals("class") || t.kind.equals("enum"))) {
      addImplicit(t, "<init>", List.of(), false, null);
    }
    if (t.kind.equals("enum")) {
      if (t.methodsNamed("values").stream().noneMatch(m -> m.params.isEmpty())) {
        addImplicit(t, "values", List.of(), false, null);
      }
      if (t.methodsNamed("valueOf").stream().noneMatch(m -> m.params.equals(List.of("String")))) {
        addImplicit(t, "valueOf", List.of("String"), false, null);
      }
    }
  }

  private void declareMethod(TypeDecl t, MethodTree m) {
    List<? extends VariableTree> ps = m.getParameters();
    List<String> params = new ArrayList<>(ps.size());
    boolean varargs = false;
    boolean[] typeVariables = null;
    for (int i = 0; i < ps.size(); i++) {
      VariableTree p = ps.get(i);
      String erased = Erasure.simpleName(p.getType(), m, t);
      if (p.getType() instanceof IdentifierTree id && Erasure.typeVariable(id.getName().toString(), m, t) != null) {
        if (typeVariables == null) {
          typeVariables = new boolean[ps.size()];
        }
        typeVariables[i] = true;
      }
      if (i == ps.size() - 1 && isVarargs(p)) {
        erased = varargsName(erased);
        varargs = true;
      }
      params.add(erased);
    }
    String name = m.getName().toString();
    boolean isNative = m.getModifiers().getFlags().contains(Modifier.NATIVE);
    MethodDecl decl = new MethodDecl(t, name, m, params, varargs, isNative, uniqueMember(signature(t, name, params)), null);
    decl.typeVariableParams = typeVariables;
    t.addMethod(decl);
    methodsByTree.put(m, decl);
  }

  private static String varargsName(String erasedArray) {
    return erasedArray.endsWith("[]") ? erasedArray.substring(0, erasedArray.length() - 2) + "..." : erasedArray;
  }

  /** True if {@code p} is written {@code T... p}: the parse tree shows an array, the text shows the dots. */
  private boolean isVarargs(VariableTree p) {
    Tree type = p.getType();
    while (type instanceof com.sun.source.tree.AnnotatedTypeTree an) { // Object @Nullable ... args
      type = an.getUnderlyingType();
    }
    if (!(type instanceof ArrayTypeTree at) || parsed.end(p) < 0) {
      return false;
    }
    return parsed.textBetween(parsed.end(at.getType()), parsed.end(p)).contains("...");
  }

  static String signature(TypeDecl t, String name, List<String> params) {
    return t.name + "#" + name + "(" + String.join(",", params) + ")";
  }

  private FieldDecl declareField(TypeDecl t, VariableTree v) {
    String name = v.getName().toString();
    String kind = t.kind.equals("enum") && isEnumConstant(t, v) ? "enum-constant" : "field";
    FieldDecl f = new FieldDecl(t, name, v, kind, uniqueMember(t.name + "#" + name));
    t.fields.putIfAbsent(name, f);
    fieldsByTree.put(v, f);
    return f;
  }

  /** javac parses {@code A(1) {…}} in an enum as a field of the enum's type initialised with {@code new E(1) {…}}. */
  private static boolean isEnumConstant(TypeDecl t, VariableTree v) {
    return v.getType() instanceof IdentifierTree type && type.getName().contentEquals(t.simpleName)
        && v.getInitializer() instanceof NewClassTree nc && nc.getIdentifier() instanceof IdentifierTree id
        && id.getName().contentEquals(t.simpleName);
  }

  private void declareImplicitRecordMembers(TypeDecl t, List<FieldDecl> components) {
    List<String> params = new ArrayList<>(components.size());
    boolean varargs = false;
    for (int i = 0; i < components.size(); i++) {
      VariableTree v = components.get(i).tree;
      String erased = Erasure.simpleName(v.getType(), null, t);
      if (i == components.size() - 1 && isVarargs(v)) {
        erased = varargsName(erased);
        varargs = true;
      }
      params.add(erased);
    }
    String canonical = signature(t, "<init>", params);
    boolean declared = t.methodsNamed("<init>").stream().anyMatch(m -> m.symbolName.equals(canonical));
    if (!declared) {
      addImplicit(t, "<init>", params, varargs, null);
    }
    for (FieldDecl c : components) {
      boolean accessorDeclared = t.methodsNamed(c.name).stream().anyMatch(m -> m.params.isEmpty());
      if (!accessorDeclared) {
        addImplicit(t, c.name, List.of(), false, c);
      }
    }
  }

  private void addImplicit(TypeDecl t, String name, List<String> params, boolean varargs, FieldDecl component) {
    MethodDecl m = new MethodDecl(t, name, null, List.copyOf(params), varargs, false,
        uniqueMember(signature(t, name, params)), component);
    t.addMethod(m);
    t.implicitMethods.add(m);
  }

  /** Makes a member name unique within the file: a clash (only in code javac would reject) gets {@code ~2}, {@code ~3}, …. */
  private String uniqueMember(String name) {
    if (memberNames.add(name)) {
      return name;
    }
    for (int i = 2; ; i++) {
      String candidate = name + "~" + i;
      if (memberNames.add(candidate)) {
        return candidate;
      }
    }
  }

  /** Finds local and anonymous classes in a body; each is declared with {@code t} as its owner. */
  private void scanCode(Tree code, TypeDecl t, MethodTree method) {
    if (code == null) {
      return;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree c, Void unused) {
        declare(c, t, true, method);
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree nc, Void unused) {
        scan(nc.getEnclosingExpression(), null);
        scan(nc.getIdentifier(), null);
        scan(nc.getTypeArguments(), null);
        scan(nc.getArguments(), null);
        if (nc.getClassBody() != null) {
          declare(nc.getClassBody(), t, true, method).anonymousSuper = nc.getIdentifier();
        }
        return null;
      }
    }.scan(code, null);
  }
}
