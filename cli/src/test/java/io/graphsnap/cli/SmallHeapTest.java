package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.fault.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With a small heap every command either works or says "not enough memory" in one line (exit 3), never a stack
 * trace; and a file too large to parse in the heap fails alone while the rest is built. Each case runs the
 * command line in a child JVM with the heap given.
 */
class SmallHeapTest {
  @TempDir Path dir;

  private Path smallTree() throws Exception {
    Path src = dir.resolve("src/p");
    Files.createDirectories(src);
    for (int i = 0; i < 20; i++) {
      Files.writeString(src.resolve("C" + i + ".java"), "package p; public class C" + i + " { int f; void m() { new C"
          + ((i + 1) % 20) + "().m(); } }\n");
    }
    return dir.resolve("src");
  }

  private ChildJvm.Child run(String heap, String... args) throws Exception {
    return ChildJvm.start(dir.resolve("logs"), List.of("-Xmx" + heap), Main.class, args);
  }

  private static void assertWorksOrSaysNotEnoughMemory(ChildJvm.Child child, int exit) throws Exception {
    String stderr = Files.readString(child.stderr());
    String output = child.output();
    assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), output);
    if (exit != 0) {
      assertEquals(ExitCodes.CORRUPT, exit, output);
      assertTrue(stderr.contains("not enough memory") && stderr.contains("GRAPHSNAP_JAVA_OPTS=-Xmx"), output);
      assertEquals(1, stderr.lines().count(), output);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"16m", "32m", "64m"})
  void everyCommandWorksOrSaysNotEnoughMemoryInOneLine(String heap) throws Exception {
    Path src = smallTree();
    String store = dir.resolve("store-" + heap).toString();
    List<String[]> commands = List.of(
        new String[] {"--quiet", "build", src.toString(), "--store", store},
        new String[] {"info", "--store", store},
        new String[] {"lookup", "p.C1", "--store", store},
        new String[] {"pagerank", "--store", store},
        new String[] {"reach", "p.C1#m()", "--store", store},
        new String[] {"verify", "--store", store},
        new String[] {"--quiet", "gc", "--store", store});
    for (String[] args : commands) {
      ChildJvm.Child child = run(heap, args);
      assertWorksOrSaysNotEnoughMemory(child, child.await(120));
    }
  }

  @Test
  void aJavaBaseBuildInATinyHeapSaysNotEnoughMemory() throws Exception {
    ChildJvm.Child child = run("16m", "--quiet", "build", "--store", dir.resolve("jdk").toString());
    assertWorksOrSaysNotEnoughMemory(child, child.await(300));
  }

  @Test
  void aFileTooLargeForTheHeapFailsAloneAndTheRestIsBuilt() throws Exception {
    Path src = smallTree();
    StringBuilder big = new StringBuilder("package p; public class Big {\n");
    for (int i = 0; big.length() < 6 << 20; i++) {
      big.append("  int f").append(i).append(" = ").append(i).append(";\n");
    }
    Files.writeString(src.resolve("p/Big.java"), big.append("}\n"));
    String store = dir.resolve("store").toString();
    ChildJvm.Child child = run("160m", "--quiet", "build", src.toString(), "--store", store);
    int exit = child.await(300);
    String stderr = Files.readString(child.stderr());
    String output = child.output();
    assertEquals(ExitCodes.BAD_INPUT, exit, output);
    assertTrue(stderr.contains("p/Big.java: not enough memory to extract this file"), output);
    assertFalse(stderr.contains("\tat "), output);
    CliRunner lookup = CliRunner.run("lookup", "p.C7", "--store", store);
    assertEquals(0, lookup.exitCode(), lookup::toString);
  }
}
