package io.graphsnap.frontend.java;

import static io.graphsnap.frontend.java.Fixtures.symbol;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.graphsnap.format.object.FileSummary;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The effect rules of {@link JavaExtractor}, on the fixtures and small inline sources. */
class JavaExtractorEffectsTest {
  private static final String R = "fx.shapes.Registry";
  private static FileSummary registry;

  @BeforeAll
  static void extractRegistry() throws Exception {
    registry = Fixtures.extract("src", "fx/shapes/Registry.java");
  }

  private static List<String> effects(String name) {
    return symbol(registry, name).effects();
  }

  @Test
  void typesUsedGiveEffects() {
    assertEquals(List.of("io"), effects(R + "#read(Path)"));
    assertEquals(List.of("net"), effects(R + "#host()"));
    assertEquals(List.of("db"), effects(R + "#query(Connection)"));
    assertEquals(List.of("reflect"), effects(R + "#reflect()"));
    assertEquals(List.of("io"), effects(R + "#print()"), "System.out is a java.io.PrintStream");
    assertEquals(List.of("concurrency"), effects(R + "#spawn()"), "Thread");
    assertEquals(List.of("concurrency"), effects(R + "#byKey"), "a field's initializer: new ConcurrentHashMap<>()");
    assertEquals(List.of(), effects(R + "#total()"));
    assertEquals(List.of(), effects(R), "a type's header gives no effects");
  }

  @Test
  void modifiersAndStatementsGiveEffects() {
    assertEquals(List.of("concurrency"), effects(R + "#clear()"), "synchronized method");
    assertEquals(List.of("concurrency"), effects(R + "#guarded()"), "synchronized block, notifyAll()");
    assertEquals(List.of("native"), effects(R + "#address()"));
    assertEquals(List.of("native"), effects(R + "#addressPlusOne()"), "calls a native method of the file");
  }

  @Test
  void unsafeAndTypesOfTheFileItself() throws Exception {
    String source = """
        package java.io;
        import jdk.internal.misc.Unsafe;
        class Disk {
          private static final Unsafe U = Unsafe.getUnsafe();
          long peek(long address) { return U.getLong(address); }
          int size(Disk other) { return other.hashCode(); }
          void sync(FileDescriptor fd) { }
        }
        """;
    FileSummary s = new JavaExtractor().extract("java/io/Disk.java", source.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("unsafe"), symbol(s, "java.io.Disk#peek(long)").effects());
    assertEquals(List.of(), symbol(s, "java.io.Disk#size(Disk)").effects(), "using a type of the file itself is no effect");
    assertEquals(List.of("io"), symbol(s, "java.io.Disk#sync(FileDescriptor)").effects(), "same-package java.io type");
  }
}
