package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;

/** String helpers for qualified names. Stateless. */
final class Names {
  private Names() {}

  /** The simple name of a qualified name: {@code java.util.Map.Entry → Entry}, {@code a.B$1Local → Local}. */
  static String simpleName(String qualified) {
    int dot = qualified.lastIndexOf('.');
    String last = qualified.substring(dot + 1);
    int dollar = last.lastIndexOf('$');
    if (dollar < 0) {
      return last;
    }
    int i = dollar + 1;
    while (i < last.length() && Character.isDigit(last.charAt(i))) {
      i++;
    }
    return last.substring(i);
  }

  /** {@code prefix.name}, or just {@code name} when the prefix is empty (the unnamed package). */
  static String qualify(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  /** The dotted text of an identifier or a chain of member selects, or {@code null} for anything else. */
  static String dotted(Tree tree) {
    if (tree instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    if (tree instanceof MemberSelectTree ms) {
      String left = dotted(ms.getExpression());
      return left == null ? null : left + "." + ms.getIdentifier();
    }
    return null;
  }

  /** True if the name starts with an upper-case letter, as type names conventionally do. */
  static boolean looksLikeType(String simple) {
    return !simple.isEmpty() && Character.isUpperCase(simple.charAt(0)) && !isConstantName(simple);
  }

  /** True for {@code ALL_CAPS} names longer than one character, which are conventionally constants. */
  static boolean isConstantName(String simple) {
    if (simple.length() < 2) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < simple.length(); i++) {
      char c = simple.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      letter |= Character.isLetter(c);
    }
    return letter;
  }
}
