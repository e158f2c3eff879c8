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

  @Test
  void aZipEntrysStampIsItsCentralDirectoryRecordAndChangesWithItsContent() throws IOException {
    Path zip = tmp.resolve("a.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "p/A.java", "class A {}");
      entry(out, "p/B.java", "class B {}");
    }
    FileStamp a;
    FileStamp b;
    try (SourceTree tree = SourceTree.open(zip)) {
      a = tree.stamp("p/A.java");
      b = tree.stamp("p/B.java");
      assertEquals(FileStamp.Kind.ZIP_ENTRY, a.kind());
      assertEquals(10, a.size());
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update("class A {}".getBytes(StandardCharsets.UTF_8));
      assertEquals(crc.getValue(), a.changed());
      assertTrue(a.trustworthy(System.currentTimeMillis() * 1_000_000L), "the CRC is the content's: never racy");
      assertThrows(IllegalArgumentException.class, () -> tree.stamp("p/C.java"));
    }
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) { // same names and sizes
      entry(out, "p/A.java", "class A {}");
      entry(out, "p/B.java", "class X {}");
    }
    try (SourceTree tree = SourceTree.open(zip)) {
      assertEquals(a.changed(), tree.stamp("p/A.java").changed());
      assertEquals(a.size(), tree.stamp("p/A.java").size());
      assertTrue(!b.equals(tree.stamp("p/B.java")), "same size, other content: another CRC");
    }
  }

  @Test
  void aFilesStampChangesWhenItIsRewrittenEvenWithItsSizeAndTimeKept() throws Exception {
    write(tmp.resolve("p/A.java"), "class A {}");
    try (SourceTree tree = SourceTree.open(tmp)) {
      FileStamp before = tree.stamp("p/A.java");
      assertEquals(10, before.size());
      long now = System.currentTimeMillis() * 1_000_000L;
      assertTrue(!before.trustworthy(now), "just written: racily clean, not to be trusted");
      assertTrue(before.trustworthy(now + FileStamp.RACY_SLACK_NANOS + 1_000_000_000L), "trusted once old enough");
      java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(tmp.resolve("p/A.java"));
      Thread.sleep(20); // past the clock tick of the first write, for the ctime
      Files.writeString(tmp.resolve("p/A.java"), "class B {}");
      Files.setLastModifiedTime(tmp.resolve("p/A.java"), mtime);
      FileStamp after = tree.stamp("p/A.java");
      assertEquals(before.size(), after.size());
      assertEquals(before.modified(), after.modified());
      if (after.kind() == FileStamp.Kind.POSIX_FILE) {
        assertTrue(!before.equals(after), "the ctime moved: the stamp differs");
      }
    }
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
