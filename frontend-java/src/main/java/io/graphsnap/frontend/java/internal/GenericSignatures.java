package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.WildcardTree;
import java.lang.classfile.Signature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Generic types of declarations that other files see, in a small written form kept in
 * {@link FileDeclarations} (names as written, resolved only when asked), and their conversion to
 * {@link JdkGenerics.Template}s: the same templates the JDK's classes give by reflection, so that type arguments
 * are followed alike through types of the tree, of the JDK and of the class path.
 *
 * <p>The written form: a class type is its name as written with its arguments in angle brackets
 * ({@code Map.Entry<'K,List<Foo>>}); a type variable of a lexically enclosing type is {@code 'T}; a method's own
 * type variable, {@code ?} and {@code ? super X} are {@code ?} (unknown); {@code ? extends X} is {@code +X};
 * arrays end in {@code []}. Only types with arguments or type variables are written this way; others keep their
 * erased form alone. Stateless.
 */
final class GenericSignatures {
  private static final int MAX_DEPTH = 16;

  private GenericSignatures() {}

  /**
   * The written generic form of {@code type} seen in {@code method} (may be null) of {@code owner}, or null when
   * it has neither type arguments nor a type variable of an enclosing type (the erased form says it all).
   */
  static String written(Tree type, MethodTree method, TypeDecl owner) {
    if (type == null || !generic(type, 0)) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    return write(type, method, owner, sb, 0) && !sb.toString().equals("?") ? sb.toString() : null;
  }

  private static boolean generic(Tree type, int depth) {
    return switch (type) {
      case ParameterizedTypeTree ignored -> true;
      case IdentifierTree ignored -> true; // perhaps a type variable: decided when written
      case ArrayTypeTree at -> depth < MAX_DEPTH && generic(at.getType(), depth + 1);
      case AnnotatedTypeTree an -> depth < MAX_DEPTH && generic(an.getUnderlyingType(), depth + 1);
      case null, default -> false;
    };
  }

  /** Appends the written form; false when there is nothing generic to say (a plain class name). */
  private static boolean write(Tree type, MethodTree method, TypeDecl owner, StringBuilder sb, int depth) {
    if (depth > MAX_DEPTH) {
      sb.append('?');
      return true;
    }
    switch (type) {
      case IdentifierTree id -> {
        String n = id.getName().toString();
        TypeParameterTree tp = Erasure.typeVariable(n, method, owner);
        if (tp == null) {
          sb.append(n);
          return depth > 0;
        }
        if (method != null && method.getTypeParameters().contains(tp)) {
          sb.append('?');
        } else {
          sb.append('\'').append(n);
        }
        return true;
      }
      case ParameterizedTypeTree pt -> {
        String raw = Names.dotted(pt.getType());
        if (raw == null) { // Outer<T>.Inner<U>: only the inner arguments are kept
          raw = pt.getType() instanceof MemberSelectTree ms ? erasedDotted(ms) : null;
        }
        if (raw == null) {
          sb.append('?');
          return true;
        }
        sb.append(raw).append('<');
        for (int i = 0; i < pt.getTypeArguments().size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(pt.getTypeArguments().get(i), method, owner, sb, depth + 1);
        }
        sb.append('>');
        return true;
      }
      case WildcardTree w -> {
        if (w.getKind() == Tree.Kind.EXTENDS_WILDCARD) {
          sb.append('+');
          write(w.getBound(), method, owner, sb, depth + 1);
        } else {
          sb.append('?');
        }
        return true;
      }
      case ArrayTypeTree at -> {
        boolean g = write(at.getType(), method, owner, sb, depth + 1);
        sb.append("[]");
        return g;
      }
      case AnnotatedTypeTree an -> {
        return write(an.getUnderlyingType(), method, owner, sb, depth + 1);
      }
      case MemberSelectTree ms -> {
        String d = Names.dotted(ms);
        sb.append(d != null ? d : erasedDotted(ms));
        return depth > 0;
      }
      case PrimitiveTypeTree p -> {
        sb.append(p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT));
        return depth > 0;
      }
      case null, default -> {
        sb.append('?');
        return true;
      }
    }
  }

  /** {@code Outer.Inner} for {@code Outer<T>.Inner}. */
  private static String erasedDotted(MemberSelectTree ms) {
    Tree left = ms.getExpression() instanceof ParameterizedTypeTree pt ? pt.getType() : ms.getExpression();
    String d = Names.dotted(left);
    return d == null ? ms.getIdentifier().toString() : d + "." + ms.getIdentifier();
  }

  /**
   * Parses a written generic form into a template over {@code typeParams} (the declaring type's own type
   * parameters); class names are resolved by {@code resolve} (null: unknown). Null when the text is malformed
   * or the type is unknown altogether.
   */
  static JdkGenerics.Template parse(String written, List<String> typeParams, UnaryOperator<String> resolve) {
    if (written == null) {
      return null;
    }
    Parser p = new Parser(written, typeParams, resolve);
    JdkGenerics.Template t = p.type(0);
    return p.pos == written.length() ? t : null;
  }

  private static final class Parser {
    private final String s;
    private final List<String> typeParams;
    private final UnaryOperator<String> resolve;
    int pos;

    Parser(String s, List<String> typeParams, UnaryOperator<String> resolve) {
      this.s = s;
      this.typeParams = typeParams;
      this.resolve = resolve;
    }

    JdkGenerics.Template type(int depth) {
      if (pos >= s.length() || depth > MAX_DEPTH) {
        pos = Integer.MAX_VALUE;
        return null;
      }
      char c = s.charAt(pos);
      JdkGenerics.Template t;
      if (c == '?') {
        pos++;
        t = null;
      } else if (c == '+') {
        pos++;
        t = type(depth + 1);
        return t; // an upper bound counts as the type (arrays are part of the bound)
      } else if (c == '\'') {
        pos++;
        String n = identifier();
        int i = typeParams.indexOf(n);
        t = i < 0 ? null : new JdkGenerics.Template(i, null, List.of());
      } else {
        String name = dottedName();
        List<JdkGenerics.Template> args = List.of();
        if (pos < s.length() && s.charAt(pos) == '<') {
          pos++;
          List<JdkGenerics.Template> list = new ArrayList<>(2);
          while (true) {
            list.add(type(depth + 1));
            if (pos >= s.length()) {
              pos = Integer.MAX_VALUE;
              return null;
            }
            char d = s.charAt(pos++);
            if (d == '>') {
              break;
            }
            if (d != ',') {
              pos = Integer.MAX_VALUE;
              return null;
            }
          }
          args = Collections.unmodifiableList(list);
        }
        String q = Erasure.isPrimitive(name) ? null : resolve.apply(name);
        t = q == null ? null : new JdkGenerics.Template(-1, q, args);
      }
      int dims = 0;
      while (s.startsWith("[]", pos)) {
        pos += 2;
        dims++;
      }
      return t == null || dims == 0 ? t : new JdkGenerics.Template(t.typeVar(), t.name(), t.args(), dims);
    }

    private String identifier() {
      int start = pos;
      while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private String dottedName() {
      int start = pos;
      while (pos < s.length() && (Character.isJavaIdentifierPart(s.charAt(pos)) || s.charAt(pos) == '.')) {
        pos++;
      }
      return s.substring(start, pos);
    }
  }

  // ---- class files

  /** A class file's type signature as a template over {@code typeParams}; class names in graphsnap's dotted form. */
  static JdkGenerics.Template of(Signature sig, List<String> typeParams, int depth) {
    return of(sig, typeParams, List.of(), depth);
  }

  /**
   * The same, inside a generic method whose own type parameters are {@code methodParams}: those become method
   * variables ({@link JdkGenerics.Template#methodVariable}), and hide class type parameters of the same name.
   */
  static JdkGenerics.Template of(Signature sig, List<String> typeParams, List<String> methodParams, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    return switch (sig) {
      case Signature.TypeVarSig tv -> {
        int m = methodParams.indexOf(tv.identifier());
        if (m >= 0) {
          yield JdkGenerics.Template.methodVariable(m, 0);
        }
        int i = typeParams.indexOf(tv.identifier());
        yield i < 0 ? null : new JdkGenerics.Template(i, null, List.of());
      }
      case Signature.ArrayTypeSig a -> {
        JdkGenerics.Template e = of(a.componentSignature(), typeParams, methodParams, depth + 1);
        yield e == null ? null : e.arrayOf(1);
      }
      case Signature.ClassTypeSig c -> {
        List<JdkGenerics.Template> args = new ArrayList<>(c.typeArgs().size());
        for (Signature.TypeArg a : c.typeArgs()) {
          args.add(switch (a) {
            case Signature.TypeArg.Bounded b when b.wildcardIndicator() != Signature.TypeArg.Bounded.WildcardIndicator.SUPER ->
                of(b.boundType(), typeParams, methodParams, depth + 1);
            default -> null;
          });
        }
        String internal = c.classDesc().descriptorString();
        String dotted = internal.substring(1, internal.length() - 1).replace('/', '.').replace('$', '.');
        yield new JdkGenerics.Template(-1, dotted, Collections.unmodifiableList(args));
      }
      case null, default -> null;
    };
  }
}
