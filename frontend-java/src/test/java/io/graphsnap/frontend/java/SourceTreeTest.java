package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and reading {@code .java} files of directories and archives. */
class SourceTreeTest {
  @TempDir
  Path tmp;

  @Test
  void aDirectoryListsItsJavaFilesSortedAndRelative() throws IOException {
    write(tmp.resolve("b/B.java"), "class B {}");
    write(tmp.resolve("a/z/Z.java"), "class Z {}");
    write(tmp.resolve("a/A.java"), "class A {}");
    write(tmp.resolve("a/notes.txt"), "not java");
    try (SourceTree tree = SourceTree.open(tmp)) {
      assertEquals(List.of("a/A.java", "a/z/Z.java", "b/B.java"), tree.paths());
      List<String> read = new ArrayList<>();
      for (SourceFile f : tree) {
        read.add(f.path() + "=" + new String(f.bytes(), StandardCharsets.UTF_8));
      }
      assertEquals(List.of("a/A.java=class A {}", "a/z/Z.java=class Z {}", "b/B.java=class B {}"), read);
    }
    try (SourceTree tree = SourceTree.open(tmp, "a/")) {
      assertEquals(List.of("a/A.java", "a/z/Z.java"), tree.paths());
    }
  }

  @Test
  void anArchiveUsesEntryNamesAndSkipsUnsafeOnes() throws IOException {
    Path zip = tmp.resolve("src.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "java.base/java/util/List.java", "interface List {}");
      entry(out, "./java.base/java/lang/Object.java", "class Object {}");
      entry(out, "java.sql/java/sql/Connection.java", "interface Connection {}");
      entry(out, "../evil/Escape.java", "class Escape {}");
      entry(out, "/abs/Root.java", "class Root {}");
      entry(out, "java.base/README.txt", "not java");
    }
    try (SourceTree tree = SourceTree.open(zip)) {
      assertEquals(List.of("java.base/java/lang/Object.java", "java.base/java/util/List.java",
          "java.sql/java/sql/Connection.java"), tree.paths());
      assertEquals(List.of("../evil/Escape.java", "/abs/Root.java"), tree.skipped());
      assertArrayEquals("class Object {}".getBytes(StandardCharsets.UTF_8),
          tree.read("java.base/java/lang/Object.java").bytes());
    }
    try (SourceTree tree = SourceTree.open(zip, SourceTree.JAVA_BASE)) {
      assertEquals(2, tree.size());
      assertThrows(IllegalArgumentException.class, () -> tree.read("java.sql/java/sql/Connection.java"));
    }
  }

  @Test
  void archiveEntriesWithControlCharactersOrEscapesAreSkipped() throws IOException {
    Path zip = tmp.resolve("hostile.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "ok/Good.java", "class Good {}");
      entry(out, "ok/C1\u009b2J.java", "class C1 {}");
      entry(out, "ok/Del\u007f.java", "class Del {}");
      entry(out, "ok/New\nLine.java", "class N {}");
      entry(out, "ok/\u001b]8;;http://x\u0007Link.java", "class L {}");
      entry(out, "C:/win/W.java", "class W {}");
      entry(out, "dir/../../V.java", "class V {}");
    }
    try (SourceTree tree = SourceTree.open(zip)) {
      assertEquals(List.of("ok/Good.java"), tree.paths());
      assertEquals(List.of("C:/win/W.java", "dir/../../V.java", "ok/\u001b]8;;http://x\u0007Link.java",
          "ok/C1\u009b2J.java", "ok/Del\u007f.java", "ok/New\nLine.java"), tree.skipped());
    }
  }

  @Test
  void oneJavaFileIsATreeOfOneFile() throws IOException {
    Path file = tmp.resolve("src/Hello.java");
    write(file, "class Hello {}");
    write(tmp.resolve("src/Other.java"), "class Other {}");
    try (SourceTree tree = SourceTree.open(file)) {
      assertEquals(List.of("Hello.java"), tree.paths());
      assertEquals(List.of(), tree.skipped());
      assertArrayEquals("class Hello {}".getBytes(StandardCharsets.UTF_8), tree.read("Hello.java").bytes());
      assertThrows(IllegalArgumentException.class, () -> tree.read("Other.java"));
    }
  }

  @Test
  void aMissingRootIsReported() {
    assertThrows(NoSuchFileException.class, () -> SourceTree.open(tmp.resolve("missing")));
  }

  @Test
  void theJdkSourceArchiveIsUnderJavaHome() {
    Path zip = SourceTree.jdkSourceZip();
    assertEquals(Path.of(System.getProperty("java.home"), "lib", "src.zip"), zip);
    assertTrue(zip.isAbsolute());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void entry(ZipOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    OutputStream body = out;
    body.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
