package io.graphsnap.frontend.java.internal;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.MethodTree;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Which methods are tests, and which class a test class tests, by convention:
 * <ul>
 *   <li>a test is a method annotated {@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest},
 *       {@code @TestFactory}, {@code @TestTemplate} or {@code @Property} (any package: JUnit 4/5, TestNG,
 *       jqwik), or a public no-argument {@code test…} method of a class that extends {@code TestCase}
 *       (JUnit 3);
 *   <li>the class under test of {@code FooTest}, {@code FooTests}, {@code FooIT} or {@code TestFoo} (the
 *       top-level class) is {@code Foo}, resolved like any type name of the file (imports, else the
 *       same package).
 * </ul>
 * Stateless.
 */
final class TestConventions {
  private static final Set<String> TEST_ANNOTATIONS =
      Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate", "Property");

  private TestConventions() {}

  static boolean isTest(MethodTree m, TypeDecl owner) {
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      String dotted = Names.dotted(a.getAnnotationType());
      if (dotted != null && TEST_ANNOTATIONS.contains(dotted.substring(dotted.lastIndexOf('.') + 1))) {
        return true;
      }
    }
    return owner.explicitSuperclass && owner.superclass != null && owner.superclass.endsWith("TestCase")
        && m.getName().toString().startsWith("test") && m.getParameters().isEmpty()
        && m.getModifiers().getFlags().contains(Modifier.PUBLIC);
  }

  /** The qualified name of the class that {@code owner}'s top-level class tests, or {@code null}. */
  static String classUnderTest(TypeDecl owner, TypeResolver resolver) {
    TypeDecl top = owner;
    while (top.outer != null) {
      top = top.outer;
    }
    String base = testedName(top.simpleName);
    if (base == null) {
      return null;
    }
    TypeResolver.Resolved r = resolver.resolveSimple(base, null, null);
    return r.typeVar() == null ? r.name() : null;
  }

  /** {@code FooTest → Foo}, {@code FooTests → Foo}, {@code FooIT → Foo}, {@code TestFoo → Foo}, else null. */
  static String testedName(String simple) {
    String base = null;
    if (simple.endsWith("Tests")) {
      base = simple.substring(0, simple.length() - 5);
    } else if (simple.endsWith("Test")) {
      base = simple.substring(0, simple.length() - 4);
    } else if (simple.endsWith("IT")) {
      base = simple.substring(0, simple.length() - 2);
    } else if (simple.startsWith("Test") && simple.length() > 4 && Character.isUpperCase(simple.charAt(4))) {
      base = simple.substring(4);
    }
    return base == null || base.isEmpty() ? null : base;
  }
}
