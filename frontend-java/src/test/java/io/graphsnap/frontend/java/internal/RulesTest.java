package io.graphsnap.frontend.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rule tables: effects by type, test naming, simple names, JDK class lookups. */
class RulesTest {
  @Test
  void effectsByType() {
    assertEquals(List.of("io"), Effects.names(Effects.ofType("java.io.FileInputStream")));
    assertEquals(List.of(), Effects.names(Effects.ofType("java.io.Serializable")));
    assertEquals(List.of("io"), Effects.names(Effects.ofType("java.nio.file.Files")));
    assertEquals(List.of("io"), Effects.names(Effects.ofType("java.nio.channels.FileChannel")));
    assertEquals(List.of(), Effects.names(Effects.ofType("java.nio.ByteBuffer")));
    assertEquals(List.of("net"), Effects.names(Effects.ofType("java.net.http.HttpClient")));
    assertEquals(List.of("db"), Effects.names(Effects.ofType("java.sql.Connection")));
    assertEquals(List.of("db"), Effects.names(Effects.ofType("javax.sql.DataSource")));
    assertEquals(List.of("reflect"), Effects.names(Effects.ofType("java.lang.reflect.Method")));
    assertEquals(List.of("reflect"), Effects.names(Effects.ofType("java.lang.invoke.MethodHandles.Lookup")));
    assertEquals(List.of(), Effects.names(Effects.ofType("java.lang.invoke.LambdaMetafactory")));
    assertEquals(List.of("concurrency"), Effects.names(Effects.ofType("java.util.concurrent.atomic.AtomicLong")));
    assertEquals(List.of("concurrency"), Effects.names(Effects.ofType("java.lang.Thread.Builder")));
    assertEquals(List.of("unsafe"), Effects.names(Effects.ofType("sun.misc.Unsafe")));
    assertEquals(List.of("unsafe"), Effects.names(Effects.ofType("jdk.internal.misc.Unsafe")));
    assertEquals(List.of(), Effects.names(Effects.ofType("java.iox.Thing")));
    assertEquals(List.of("concurrency"), Effects.names(Effects.ofCall(null, "wait", 0)));
    assertEquals(List.of(), Effects.names(Effects.ofCall(null, "notify", 1)), "notify(x) is some other method");
    assertEquals(List.of("reflect"), Effects.names(Effects.ofCall("java.lang.Class", "forName", 1)));
  }

  @Test
  void testedClassNames() {
    assertEquals("Foo", TestConventions.testedName("FooTest"));
    assertEquals("Foo", TestConventions.testedName("FooTests"));
    assertEquals("Foo", TestConventions.testedName("FooIT"));
    assertEquals("Foo", TestConventions.testedName("TestFoo"));
    assertNull(TestConventions.testedName("Test"));
    assertNull(TestConventions.testedName("Testing"));
    assertNull(TestConventions.testedName("Foo"));
  }

  @Test
  void simpleNames() {
    assertEquals("Entry", Names.simpleName("java.util.Map.Entry"));
    assertEquals("Local", Names.simpleName("a.B$1Local"));
    assertEquals("", Names.simpleName("a.B$1"));
    assertTrue(Names.isConstantName("MAX_VALUE"));
    assertFalse(Names.isConstantName("T"));
    assertTrue(Names.looksLikeType("Map"));
    assertFalse(Names.looksLikeType("MAX_VALUE"));
  }

  @Test
  void jdkClassesAnswerOnlyForJdkNames() {
    assertTrue(JdkClasses.isInterface("java.util.List"));
    assertFalse(JdkClasses.isInterface("java.util.ArrayList"));
    assertTrue(JdkClasses.isInterface("java.util.Map.Entry"), "nested types by canonical name");
    assertNull(JdkClasses.info("fx.shapes.Registry"));
    JdkClasses.Info list = JdkClasses.info("java.util.ArrayList");
    assertTrue(list.methodsNamed("add").stream().anyMatch(m -> m.symbolName().equals("java.util.ArrayList#add(Object)")));
    assertTrue(list.methodsNamed("containsAll").stream()
        .anyMatch(m -> m.symbolName().equals("java.util.AbstractCollection#containsAll(Collection)")),
        "an inherited method is named after its nearest declaring type");
    assertTrue(JdkClasses.info("java.util.Arrays").methodsNamed("asList").getFirst().symbolName().endsWith("asList(Object...)"));
  }
}
