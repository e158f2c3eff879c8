package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The first pass over a file: its {@link FileDeclarations}, from the same {@link DeclarationCollector} that
 * names symbols in the second pass (so the methods other files see have exactly the symbol names this file
 * declares). Stateless.
 */
public final class SkeletonCollector {
  private static final int MAX_DEPTH = 16;

  private SkeletonCollector() {}

  /** Collects the declarations of a parsed file. */
  public static FileDeclarations collect(ParsedUnit parsed) {
    FileScope scope = new FileScope(parsed.unit);
    DeclarationCollector decls = new DeclarationCollector(parsed, scope.packageName);
    decls.collect(parsed.unit);
    List<FileDeclarations.Type> types = new ArrayList<>();
    for (TypeDecl t : decls.all) {
      if (!t.local) {
        types.add(skeleton(t));
      }
    }
    return new FileDeclarations(parsed.path, scope.packageName, scope.singleImportList(), scope.onDemandList(),
        scope.staticSingleList(), scope.staticOnDemandTypes(), types);
  }

  private static FileDeclarations.Type skeleton(TypeDecl t) {
    ClassTree c = t.tree;
    String superclass = switch (t.kind) {
      case "interface", "annotation" -> null;
      case "enum" -> "java.lang.Enum";
      case "record" -> "java.lang.Record";
      default -> c.getExtendsClause() != null ? written(c.getExtendsClause(), null, t.outer, 0)
          : t.name.equals("java.lang.Object") ? null : "java.lang.Object";
    };
    List<String> interfaces = new ArrayList<>();
    if (t.kind.equals("annotation")) {
      interfaces.add("java.lang.annotation.Annotation");
    }
    for (Tree i : c.getImplementsClause()) {
      String w = written(i, null, t.outer, 0);
      if (w != null) {
        interfaces.add(w);
      }
    }
    List<String> members = new ArrayList<>(t.memberTypes.keySet());
    List<FileDeclarations.Method> methods = new ArrayList<>();
    for (Map.Entry<String, List<MethodDecl>> e : t.methods.entrySet()) {
      for (MethodDecl m : e.getValue()) {
        methods.add(method(t, m));
      }
    }
    List<FileDeclarations.Field> fields = new ArrayList<>();
    for (FieldDecl f : t.fields.values()) {
      Set<Modifier> flags = f.tree.getModifiers().getFlags();
      boolean implicitStatic = t.isInterface() || f.kind.equals("enum-constant");
      String type = f.kind.equals("enum-constant") ? t.name : written(f.tree.getType(), null, t, 0);
      String generic = f.kind.equals("enum-constant") ? null : GenericSignatures.written(f.tree.getType(), null, t);
      fields.add(new FileDeclarations.Field(f.name, type == null ? FileDeclarations.TYPE_VARIABLE : type,
          implicitStatic || flags.contains(Modifier.STATIC), flags.contains(Modifier.PRIVATE), generic));
    }
    List<String> typeParams = new ArrayList<>(c.getTypeParameters().size());
    for (TypeParameterTree tp : c.getTypeParameters()) {
      String bound = tp.getBounds().isEmpty() ? null : written(tp.getBounds().getFirst(), null, t, 0);
      typeParams.add(tp.getName() + (bound == null || bound.equals(FileDeclarations.TYPE_VARIABLE) ? "" : ":" + bound));
    }
    List<String> genericSupers = new ArrayList<>(2);
    if (!t.isInterface() && c.getExtendsClause() != null) {
      String g = GenericSignatures.written(c.getExtendsClause(), null, t);
      if (g != null) {
        genericSupers.add(g);
      }
    }
    for (Tree i : c.getImplementsClause()) {
      String g = GenericSignatures.written(i, null, t);
      if (g != null) {
        genericSupers.add(g);
      }
    }
    return new FileDeclarations.Type(t.name, t.simpleName, t.kind, t.outer == null ? null : t.outer.name, superclass,
        interfaces, members, methods, fields, typeParams, genericSupers);
  }

  private static FileDeclarations.Method method(TypeDecl t, MethodDecl m) {
    boolean isStatic = false;
    boolean isPrivate = false;
    String returnType = null;
    String genericReturn = null;
    long typeVars = 0;
    if (m.tree != null) {
      Set<Modifier> flags = m.tree.getModifiers().getFlags();
      isStatic = flags.contains(Modifier.STATIC);
      isPrivate = flags.contains(Modifier.PRIVATE);
      if (m.tree.getReturnType() != null) {
        String r = written(m.tree.getReturnType(), m.tree, t, 0);
        returnType = "void".equals(r) ? null : r;
        genericReturn = GenericSignatures.written(m.tree.getReturnType(), m.tree, t);
      }
      for (int i = 0; i < m.params.size() && i < 64; i++) {
        if (m.isTypeVariableParam(i)) {
          typeVars |= 1L << i;
        }
      }
    } else if (m.component != null) {
      returnType = written(m.component.tree.getType(), null, t, 0);
      genericReturn = GenericSignatures.written(m.component.tree.getType(), null, t);
    } else if (m.name.equals("values")) {
      returnType = t.name + "[]";
    } else if (m.name.equals("valueOf")) {
      returnType = t.name;
      isStatic = true;
    }
    if (m.name.equals("values") && m.tree == null) {
      isStatic = true;
    }
    // The symbol's own parameter list (with a ~2 suffix when the name clashed) is what other files must call.
    String sig = m.symbolName.substring(m.symbolName.indexOf('#') + 1);
    String name = sig.substring(0, sig.indexOf('('));
    return new FileDeclarations.Method(name, m.params, m.varargs, isStatic, isPrivate, returnType, typeVars,
        genericReturn);
  }

  /**
   * A type as written, generic arguments dropped, arrays as {@code []}; a type variable becomes its first
   * bound as written, or {@link FileDeclarations#TYPE_VARIABLE}; null when there is no type ({@code var}).
   */
  static String written(Tree type, MethodTree method, TypeDecl owner, int depth) {
    if (depth > MAX_DEPTH) {
      return FileDeclarations.TYPE_VARIABLE;
    }
    return switch (type) {
      case PrimitiveTypeTree p -> p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT);
      case IdentifierTree id -> {
        String n = id.getName().toString();
        TypeParameterTree tp = Erasure.typeVariable(n, method, owner);
        if (tp == null) {
          yield n;
        }
        yield tp.getBounds().isEmpty() ? FileDeclarations.TYPE_VARIABLE : written(tp.getBounds().getFirst(), method, owner, depth + 1);
      }
      case MemberSelectTree ms -> {
        String d = Names.dotted(ms);
        if (d == null) { // Outer<T>.Inner
          String outer = written(ms.getExpression(), method, owner, depth + 1);
          d = outer == null || outer.equals(FileDeclarations.TYPE_VARIABLE) ? null : outer + "." + ms.getIdentifier();
        }
        yield d == null ? FileDeclarations.TYPE_VARIABLE : d;
      }
      case ParameterizedTypeTree pt -> written(pt.getType(), method, owner, depth + 1);
      case ArrayTypeTree at -> {
        String e = written(at.getType(), method, owner, depth + 1);
        yield e == null || e.equals(FileDeclarations.TYPE_VARIABLE) ? FileDeclarations.TYPE_VARIABLE : e + "[]";
      }
      case AnnotatedTypeTree an -> written(an.getUnderlyingType(), method, owner, depth + 1);
      case null, default -> null;
    };
  }
}
