package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says about bad inputs named on it: the exit code (2, bad argument, never 3, which is
 * for the store) and a message that says what is wrong; and source archives whose entries have unsafe names.
 */
class InputHygieneTest {
  static final Path EXAMPLE = Path.of("..", "examples", "shop.jsonl");

  @TempDir Path dir;

  private String store() {
    return dir.resolve("store").toString();
  }

  @Test
  void buildRefusesAFileThatIsNotASourceArchive() throws IOException {
    Path jsonl = Files.copy(EXAMPLE, dir.resolve("some.jsonl"));
    CliRunner r = CliRunner.run("build", jsonl.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertEquals("graphsnap: not a directory, .zip/.jar or .java file: " + jsonl + "\n", r.err(), r::toString);

    Path broken = Files.writeString(dir.resolve("broken.zip"), "PK not really");
    CliRunner z = CliRunner.run("build", broken.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, z.exitCode(), z::toString);
    assertTrue(z.err().startsWith("graphsnap: not a readable .zip/.jar archive: " + broken + " ("), z::toString);
  }

  @Test
  void buildRefusesADevice() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero");
    CliRunner r = CliRunner.run("build", zero.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("not a directory, .zip/.jar or .java file: /dev/zero (a device, FIFO or socket)"),
        r::toString);
  }

  @Test
  void buildTakesOneJavaFile() throws IOException {
    Path java = Files.writeString(dir.resolve("Hello.java"), "package p; public class Hello { void hi() {} }\n");
    CliRunner r = CliRunner.run("build", java.toString(), "--store", store(), "--quiet");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    CliRunner lookup = CliRunner.run("lookup", "p.Hello", "--store", store());
    assertEquals(ExitCodes.OK, lookup.exitCode(), lookup::toString);
    assertTrue(lookup.out().contains("file      Hello.java"), lookup::toString);
  }

  @Test
  void unsafeArchiveEntriesAreReportedWithExit2AndTheRestIsBuilt() throws IOException {
    Path zip = dir.resolve("src.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "ok/Good.java", "package ok; public class Good {}");
      entry(out, "../../x.java", "class X {}");
      entry(out, "/abs/A.java", "class A {}");
      entry(out, "C:/win/W.java", "class W {}");
      entry(out, "dir/../../V.java", "class V {}");
      entry(out, "a\u009b2Jb.java", "class C1 {}");
      entry(out, "new\nline\u001b[31m.java", "class N {}");
      entry(out, "back\\slash.java", "class B {}");
    }
    CliRunner r = CliRunner.run("build", zip.toString(), "--store", store(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    OutputHygieneTest.assertClean(r);
    assertEquals("graphsnap: skipped 7 files with an unsafe path (absolute, a drive letter, '..', a backslash or a"
        + " control character): \"../../x.java\", \"/abs/A.java\", \"C:/win/W.java\", \"a\\u009B2Jb.java\","
        + " \"back\\slash.java\" and 2 more\n", r.err(), r::toString);
    assertTrue(r.out().trim().matches("[0-9a-f]{64}"), "the snapshot is still built and published: " + r);
    CliRunner good = CliRunner.run("lookup", "ok.Good", "--store", store());
    assertEquals(ExitCodes.OK, good.exitCode(), good::toString);
    for (String skipped : new String[] {"X", "A", "W", "V", "C1", "N", "B"}) {
      assertEquals(ExitCodes.NOT_FOUND, CliRunner.run("lookup", skipped, "--store", store()).exitCode(), skipped);
    }
  }

  @Test
  void unsafeFileNamesInADirectoryAreReportedToo() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/p"));
    Files.writeString(src.resolve("Good.java"), "package p; class Good {}");
    Files.writeString(src.resolve("Bad\u001b]8;;x\u0007.java"), "package p; class Bad {}");
    CliRunner r = CliRunner.run("build", dir.resolve("src").toString(), "--store", store(), "--quiet");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    OutputHygieneTest.assertClean(r);
    assertTrue(r.err().contains("skipped 1 file with an unsafe path") && r.err().contains("\"p/Bad\\e]8;;x\\u0007.java\""),
        r::toString);
  }

  @Test
  void aTreeOfOnlyUnsafePathsBuildsNothingAndLeavesTheStoreAlone() throws IOException {
    ingestExample();
    Path zip = dir.resolve("evil.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "../../x.java", "class X {}");
    }
    CliRunner r = CliRunner.run("build", zip.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("skipped 1 file with an unsafe path") && r.err().contains("\"../../x.java\"")
        && r.err().contains("every .java file of " + zip + " has an unsafe path: nothing was built"), r::toString);
    CliRunner still = CliRunner.run("lookup", "auth.login", "--store", store());
    assertEquals(ExitCodes.OK, still.exitCode(), "the store keeps its files: " + still);
  }

  @Test
  void exportIntoAFileIsABadArgument() throws IOException {
    ingestExample();
    Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
    CliRunner r = CliRunner.run("export", "--format", "tsv", file.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertEquals("graphsnap: OUTDIR must be a directory, and " + file + " is a file\n", r.err(), r::toString);
    assertEquals("root:x:0:0::/root:/bin/sh\n", Files.readString(file), "the file is untouched");
    CliRunner under = CliRunner.run("export", "--format", "tsv", file.resolve("sub").toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, under.exitCode(), under::toString);
    assertEquals("graphsnap: cannot create the output directory " + file.resolve("sub") + ": Not a directory\n",
        under.err(), under::toString);
  }

  @Test
  void aMissingOrSpecialSnapshotFileIsABadArgument() throws IOException {
    CliRunner missing = CliRunner.run("info", "--snapshot", dir.resolve("nonexistent").toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing::toString);
    assertEquals("graphsnap: no such file: " + dir.resolve("nonexistent") + "\n", missing.err());
    CliRunner directory = CliRunner.run("info", "--snapshot", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, directory.exitCode(), directory::toString);
    assertEquals("graphsnap: not a regular file: " + dir + " (a directory)\n", directory.err());
  }

  @Test
  void ingestRefusesWhatIsNotARegularFileWithoutReadingIt() throws Exception {
    CliRunner missing = CliRunner.run("ingest", dir.resolve("none.jsonl").toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing::toString);
    assertEquals("graphsnap: no such file: " + dir.resolve("none.jsonl") + "\n", missing.err());
    CliRunner directory = CliRunner.run("ingest", dir.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, directory.exitCode(), directory::toString);
    assertEquals("graphsnap: not a regular file: " + dir + " (a directory)\n", directory.err());
    if (Files.exists(Path.of("/dev/zero"))) {
      CliRunner zero = CliRunner.run("ingest", "/dev/zero", "--store", store());
      assertEquals(ExitCodes.BAD_INPUT, zero.exitCode(), zero::toString);
      assertEquals("graphsnap: not a regular file: /dev/zero (a device, FIFO or socket)\n", zero.err());
    }
    assertFalse(Files.exists(dir.resolve("store")), "nothing was created");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void ingestAndSnapshotRefuseAFifoWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("lines.fifo");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo");
      return;
    }
    assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
    CliRunner ingest = CliRunner.run("ingest", fifo.toString(), "--store", store());
    assertEquals(ExitCodes.BAD_INPUT, ingest.exitCode(), ingest::toString);
    assertTrue(ingest.err().contains("not a regular file: " + fifo + " (a device, FIFO or socket)"), ingest::toString);
    CliRunner info = CliRunner.run("info", "--snapshot", fifo.toString());
    assertEquals(ExitCodes.BAD_INPUT, info.exitCode(), info::toString);
  }

  private void ingestExample() {
    CliRunner ingest = CliRunner.run("ingest", EXAMPLE.toString(), "--store", store(), "--quiet");
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest::toString);
    CliRunner snapshot = CliRunner.run("snapshot", "--store", store(), "--quiet");
    assertEquals(ExitCodes.OK, snapshot.exitCode(), snapshot::toString);
  }

  private static void entry(ZipOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
