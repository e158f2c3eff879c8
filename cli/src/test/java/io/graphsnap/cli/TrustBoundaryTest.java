package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store as a trust boundary (issue 21): a store that came with a cloned repository can contain links and
 * special files; no command may write, delete or block through them. Each case builds a real store, plants the
 * hostile entry, runs the documented commands and checks that they refuse with exit 3 naming the entry, and
 * that nothing outside the store changed.
 */
class TrustBoundaryTest {
  private static final Duration NO_HANG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Path repo;
  private Path store;

  @BeforeEach
  void cloneOfARepository() throws IOException {
    repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("src/p"));
    Files.writeString(repo.resolve("src/p/A.java"), "package p; public class A { void m() { new B().n(); } }\n");
    Files.writeString(repo.resolve("src/p/B.java"), "package p; public class B { void n() {} }\n");
    Files.writeString(repo.resolve("README.md"), "the repository's own file\n");
    Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
    store = repo.resolve(".graphsnap");
  }

  private CliRunner build() {
    return CliRunner.run("--quiet", "build", repo.resolve("src").toString(), "--store", store.toString());
  }

  private CliRunner buildOk() {
    CliRunner r = build();
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  /** The repository's own files, which no command run on its store may touch. */
  private void assertRepositoryIntact() throws IOException {
    assertEquals("the repository's own file\n", Files.readString(repo.resolve("README.md")));
    assertEquals("<project/>\n", Files.readString(repo.resolve("pom.xml")));
    assertTrue(Files.exists(repo.resolve("src/p/A.java")));
  }

  private static void assertRefused(CliRunner r, String entry) {
    assertEquals(ExitCodes.CORRUPT, r.exitCode(), r::toString);
    assertTrue(r.err().contains(entry), () -> "names " + entry + ": " + r);
    assertFalse(r.err().contains("\tat "), () -> "no stack trace: " + r);
  }

  // ------------------------------------------------------------------ links

  @ParameterizedTest
  @ValueSource(strings = {"build", "snapshot", "gc", "ingest"})
  void aSymlinkedTmpFolderMakesNoWriterDeleteAnythingOutside(String command) throws Exception {
    buildOk();
    deleteTree(store.resolve("tmp"));
    Files.createSymbolicLink(store.resolve("tmp"), Path.of(".."));
    Path jsonl = dir.resolve("one.jsonl");
    Files.writeString(jsonl, "{\"path\": \"x.cov\", \"symbols\": [{\"name\": \"x\", \"kind\": \"fn\"}]}\n");
    CliRunner r = switch (command) {
      case "build" -> build();
      case "ingest" -> CliRunner.run("--quiet", "ingest", jsonl.toString(), "--store", store.toString());
      default -> CliRunner.run("--quiet", command, "--store", store.toString());
    };
    assertRefused(r, store.resolve("tmp").toString());
    assertRepositoryIntact();
  }

  @Test
  void aSymlinkedLockFileIsNeverWritten() throws Exception {
    buildOk();
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "precious\n");
    Files.delete(store.resolve("lock"));
    Files.createSymbolicLink(store.resolve("lock"), victim);
    assertRefused(build(), "lock");
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void aSymlinkedCommitLogIsNeverWritten() throws Exception {
    buildOk();
    Path victim = dir.resolve("victim.log");
    Files.writeString(victim, "precious\n");
    Files.delete(store.resolve("index.db.log"));
    Files.createSymbolicLink(store.resolve("index.db.log"), victim);
    Files.writeString(repo.resolve("src/p/C.java"), "package p; class C {}\n");
    assertRefused(build(), "index.db.log");
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void gcDeletesNothingThroughALinkedFanOutFolderOrObjectsFolder() throws Exception {
    buildOk();
    Path elsewhere = dir.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Path hexNamed = elsewhere.resolve("0".repeat(62));
    Files.writeString(hexNamed, "not an object\n");
    Files.createSymbolicLink(store.resolve("objects/00"), elsewhere);
    assertRefused(CliRunner.run("gc", "--store", store.toString()), "objects/00");
    assertTrue(Files.exists(hexNamed));

    Files.delete(store.resolve("objects/00"));
    Path realObjects = dir.resolve("objects-moved");
    Files.move(store.resolve("objects"), realObjects);
    Files.createSymbolicLink(store.resolve("objects"), realObjects);
    assertRefused(CliRunner.run("gc", "--store", store.toString()), "objects");
    assertRefused(build(), "objects");
  }

  @Test
  void aLinkedLooseObjectOrSnapshotOrRefIsRefused() throws Exception {
    buildOk();
    Path object;
    try (Stream<Path> files = Files.walk(store.resolve("objects"))) {
      object = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    Path copy = dir.resolve("object-copy");
    Files.move(object, copy);
    Files.createSymbolicLink(object, copy);
    CliRunner r = CliRunner.run("--quiet", "build", repo.resolve("src").toString(), "--store", store.toString(), "--full");
    assertEquals(ExitCodes.CORRUPT, r.exitCode(), r::toString);
    assertTrue(Files.exists(copy), "the link's target is untouched");
    assertTrue(Files.isSymbolicLink(object), "and the link too: only regular files are ever deleted");

    Path head = store.resolve("refs/HEAD");
    String id = Files.readString(head).strip();
    Files.delete(object);
    Files.move(copy, object);
    Files.writeString(dir.resolve("fake-head"), id + "\n");
    Files.delete(head);
    Files.createSymbolicLink(head, dir.resolve("fake-head"));
    assertRefused(CliRunner.run("info", "--store", store.toString()), "refs/HEAD");
    assertRefused(CliRunner.run("refs", "--store", store.toString()), "refs/HEAD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"snapshots", "refs", "index.db", "files", "symbols", "snapshot-file", "tmp-file", "layers",
      "layer-ref"})
  void everyOtherStoreEntryAsALinkIsRefusedByWritersAndItsTargetIsUntouched(String which) throws Exception {
    String id = buildOk().out().strip();
    Path entry = switch (which) {
      case "snapshot-file" -> store.resolve("snapshots/" + id + ".gsnap");
      case "tmp-file" -> store.resolve("tmp/planted.tmp");
      case "layer-ref" -> store.resolve("layers/CURRENT");
      default -> store.resolve(which);
    };
    Path target = dir.resolve("outside-" + which);
    String layer = id + "+" + "ab".repeat(32) + "\n"; // what every publish would clear, gc sweep, a server read
    if (which.equals("layers")) { // a folder outside holding what a layer's clean-up deletes
      Files.createDirectories(target);
      Files.writeString(target.resolve("CURRENT"), layer);
      Files.writeString(target.resolve("ab".repeat(32) + ".gdelta"), "outside\n");
    } else if (which.equals("layer-ref")) {
      Files.createDirectories(entry.getParent());
      Files.writeString(target, layer);
    } else if (Files.exists(entry)) {
      Files.move(entry, target);
    } else {
      Files.writeString(target, "outside\n");
    }
    Files.createSymbolicLink(entry, target);
    List<Path> before;
    try (Stream<Path> files = Files.walk(target)) {
      before = files.sorted().toList();
    }
    Files.writeString(repo.resolve("src/p/C.java"), "package p; class C {}\n");
    assertRefused(build(), entry.toString());
    assertRefused(CliRunner.run("gc", "--store", store.toString()), entry.toString());
    if (which.startsWith("layer")) { // and a reader of the layered head does not follow it either
      assertRefused(CliRunner.run("verify", "--layer", "--store", store.toString()), entry.toString());
    }
    try (Stream<Path> files = Files.walk(target)) {
      assertEquals(before, files.sorted().toList(), "nothing created or deleted at the link's target");
    }
    assertRepositoryIntact();
  }

  @Test
  void aStoreFolderThatIsALinkIsRefusedUnlessTheUserOptsIn() throws Exception {
    buildOk();
    Path link = dir.resolve("store-link");
    Files.createSymbolicLink(link, store);
    CliRunner refused = CliRunner.run("info", "--store", link.toString());
    assertRefused(refused, link.toString());
    assertTrue(refused.err().contains("--follow-store-link"), refused::toString);
    assertRefused(CliRunner.run("--quiet", "build", repo.resolve("src").toString(), "--store", link.toString()),
        link.toString());
    CliRunner followed = CliRunner.run("info", "--store", link.toString(), "--follow-store-link");
    assertEquals(0, followed.exitCode(), followed::toString);
    CliRunner written = CliRunner.run("--quiet", "build", repo.resolve("src").toString(), "--store", link.toString(),
        "--follow-store-link");
    assertEquals(0, written.exitCode(), written::toString);
  }

  // ------------------------------------------------------------------ FIFOs

  @ParameterizedTest
  @ValueSource(strings = {"refs/HEAD", "index.db.log", "object", "snapshot"})
  void aFifoInPlaceOfAStoreFileNeverBlocks(String which) throws Exception {
    buildOk();
    Path target = switch (which) {
      case "object" -> {
        try (Stream<Path> files = Files.walk(store.resolve("objects"))) {
          yield files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
      }
      case "snapshot" -> store.resolve("snapshots").resolve(Files.readString(store.resolve("refs/HEAD")).strip() + ".gsnap");
      default -> store.resolve(which);
    };
    Files.delete(target);
    mkfifo(target);
    List<String[]> commands = List.of(
        new String[] {"info"}, new String[] {"lookup", "p.A"}, new String[] {"verify"}, new String[] {"refs"},
        new String[] {"snapshot", "--full"}, new String[] {"gc"}, new String[] {"index", "rebuild"});
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of("--quiet"));
      args.addAll(List.of(command));
      args.addAll(List.of("--store", store.toString()));
      CliRunner r = assertTimeoutPreemptively(NO_HANG, () -> CliRunner.run(args.toArray(String[]::new)),
          () -> String.join(" ", command) + " blocked on a FIFO at " + which);
      assertFalse(r.err().contains("\tat "), () -> "no stack trace: " + r);
      if (r.exitCode() != 0) {
        assertTrue(r.exitCode() == ExitCodes.CORRUPT || r.exitCode() == ExitCodes.NOT_FOUND, r::toString);
      }
    }
    assertTrue(Files.exists(target) && !Files.isRegularFile(target), "the FIFO was not replaced or deleted");
  }

  @Test
  void aFifoNamedWithSnapshotIsABadArgument() throws Exception {
    Path fifo = dir.resolve("named.gsnap");
    mkfifo(fifo);
    CliRunner r = assertTimeoutPreemptively(NO_HANG, () -> CliRunner.run("info", "--snapshot", fifo.toString()));
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    CliRunner missing = CliRunner.run("info", "--snapshot", dir.resolve("nonexistent.gsnap").toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing::toString);
  }

  // ------------------------------------------------------------------ repairs

  @ParameterizedTest
  @ValueSource(strings = {"flip", "empty"})
  void aDamagedPublishedSnapshotIsRepairedByTheDocumentedCommands(String damage) throws Exception {
    String id = buildOk().out().strip();
    Path snapshot = store.resolve("snapshots/" + id + ".gsnap");
    byte[] good = Files.readAllBytes(snapshot);
    byte[] bad = damage.equals("flip") ? good.clone() : new byte[0];
    if (damage.equals("flip")) {
      bad[bad.length / 2] ^= 0x5a;
    }
    Files.write(snapshot, bad);
    assertEquals(ExitCodes.CORRUPT, CliRunner.run("verify", "--store", store.toString()).exitCode());

    CliRunner rebuilt = CliRunner.run("index", "rebuild", "--store", store.toString());
    assertEquals(0, rebuilt.exitCode(), rebuilt::toString);
    CliRunner full = CliRunner.run("--quiet", "snapshot", "--full", "--store", store.toString());
    assertEquals(0, full.exitCode(), full::toString);
    assertEquals(id, full.out().strip(), "the same content gives the same id");
    assertArrayEquals(good, Files.readAllBytes(snapshot), "the damaged file was rewritten");
    CliRunner verify = CliRunner.run("verify", "--store", store.toString());
    assertEquals(0, verify.exitCode(), verify::toString);
  }

  @Test
  void snapshotFullRewritesADamagedFileEvenWithoutAnIndexRebuild() throws Exception {
    String id = buildOk().out().strip();
    Path snapshot = store.resolve("snapshots/" + id + ".gsnap");
    byte[] good = Files.readAllBytes(snapshot);
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    Files.write(snapshot, bad);
    CliRunner full = CliRunner.run("--quiet", "snapshot", "--full", "--store", store.toString());
    assertEquals(0, full.exitCode(), full::toString);
    assertArrayEquals(good, Files.readAllBytes(snapshot));
  }

  @Test
  void aCraftedPackIsLeftOutNamedByGcAndNeverDeletedOrServed() throws Exception {
    buildOk();
    Path packs = store.resolve("packs");
    Files.createDirectories(packs);
    Path crafted = packs.resolve("pack-" + "ab".repeat(32) + ".pack");
    Files.write(crafted, "GSPK\1\0\0\0 a file under a pack's name that is not a pack".getBytes(StandardCharsets.UTF_8));
    Files.writeString(repo.resolve("src/p/C.java"), "package p; class C { void k() { new A().m(); } }\n");
    buildOk();
    CliRunner gc = CliRunner.run("gc", "--store", store.toString());
    assertEquals(0, gc.exitCode(), gc::toString);
    assertTrue(gc.out().contains(crafted.getFileName().toString()) && gc.out().contains("damaged"), gc::toString);
    assertTrue(Files.exists(crafted), "gc leaves what it cannot read alone");
    CliRunner lookup = CliRunner.run("lookup", "p.C", "--store", store.toString());
    assertEquals(0, lookup.exitCode(), lookup::toString);
    assertRepositoryIntact();
  }

  @Test
  void aLooseObjectWithDamagedBytesOfTheRightSizeIsRewrittenOnReingest() throws Exception {
    Path jsonl = Path.of("../examples/shop.jsonl").toAbsolutePath();
    assertEquals(0, CliRunner.run("--quiet", "ingest", jsonl.toString(), "--store", store.toString()).exitCode());
    Path object;
    try (Stream<Path> files = Files.walk(store.resolve("objects"))) {
      object = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
    byte[] good = Files.readAllBytes(object);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x01;
    Files.write(object, bad);
    CliRunner again = CliRunner.run("--quiet", "ingest", jsonl.toString(), "--store", store.toString());
    assertEquals(0, again.exitCode(), again::toString);
    assertArrayEquals(good, Files.readAllBytes(object), "the object holds its content again");
    CliRunner built = CliRunner.run("--quiet", "snapshot", "--store", store.toString());
    assertEquals(0, built.exitCode(), built::toString);
  }

  @Test
  void afterAnIndexRebuildGcWorksAsOnAFreshStore() throws Exception {
    buildOk();
    Files.writeString(repo.resolve("src/p/B.java"), "package p; public class B { void n() {} void o() {} }\n");
    String second = buildOk().out().strip();
    Files.writeString(store.resolve("index.db"), "damaged");
    CliRunner rebuilt = CliRunner.run("--quiet", "index", "rebuild", "--store", store.toString());
    assertEquals(0, rebuilt.exitCode(), rebuilt::toString);
    assertTrue(Files.exists(store.resolve("index.db.damaged")));

    CliRunner gc = CliRunner.run("gc", "--store", store.toString(), "--json");
    assertEquals(0, gc.exitCode(), gc::toString);
    assertFalse(gc.out().contains("older version"), gc::toString);
    assertTrue(gc.out().contains("\"deletedObjects\":1") || gc.out().contains("\"deletedObjects\": 1"),
        () -> "the first version of B.java is garbage now: " + gc);
    try (Stream<Path> files = Files.list(store)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains("damaged")).toList());
    }
    CliRunner verify = CliRunner.run("verify", "--store", store.toString());
    assertEquals(0, verify.exitCode(), verify::toString);
    CliRunner same = CliRunner.run("--quiet", "build", repo.resolve("src").toString(), "--store", store.toString());
    assertEquals(second, same.out().strip(), same::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"folder", "fifo", "dev-zero", "missing-snapshot"})
  void refsAndInfoAgreeThatABadHeadIsCorrupt(String how) throws Exception {
    buildOk();
    Path head = store.resolve("refs/HEAD");
    Files.delete(head);
    switch (how) {
      case "folder" -> Files.createDirectory(head);
      case "fifo" -> mkfifo(head);
      case "dev-zero" -> Files.createSymbolicLink(head, Path.of("/dev/zero"));
      default -> Files.writeString(head, "ab".repeat(32) + "\n");
    }
    CliRunner refs = assertTimeoutPreemptively(NO_HANG, () -> CliRunner.run("refs", "--store", store.toString()));
    CliRunner info = assertTimeoutPreemptively(NO_HANG, () -> CliRunner.run("info", "--store", store.toString()));
    assertEquals(ExitCodes.CORRUPT, refs.exitCode(), refs::toString);
    assertEquals(ExitCodes.CORRUPT, info.exitCode(), info::toString);
  }

  @Test
  void aFaultInAMappedSnapshotIsOneLineNamingTheFileThatShrank() throws Exception {
    String id = buildOk().out().strip();
    Path snapshot = store.resolve("snapshots/" + id + ".gsnap");
    long size = Files.size(snapshot);
    MappedFiles.clear();
    MappedFiles.mapped(snapshot, size);
    Files.write(snapshot, new byte[0]);
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = GraphsnapCommand.reportError(new InternalError("a fault occurred in an unsafe memory access operation"),
        new java.io.PrintWriter(err, true), false);
    assertEquals(ExitCodes.CORRUPT, exit);
    assertEquals(1, err.toString().lines().count(), err::toString);
    assertTrue(err.toString().contains(snapshot.toString()) && err.toString().contains("changed or shrank"), err::toString);
    assertTrue(err.toString().contains("mapped " + size + " bytes, now 0 bytes"), err::toString);
  }

  @Test
  void runningOutOfNativeMemorySaysWhichLimitToRaise() {
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = GraphsnapCommand.reportError(new OutOfMemoryError("Cannot reserve 4243472632 bytes of direct buffer"
        + " memory (allocated: 7173276632, limit: 10737418240)"), new java.io.PrintWriter(err, true), false);
    assertEquals(ExitCodes.CORRUPT, exit);
    assertEquals(1, err.toString().lines().count(), err::toString);
    assertTrue(err.toString().contains("-XX:MaxDirectMemorySize=") && err.toString().contains("--format fixed")
        && err.toString().contains("4243472632"), err::toString);
    java.io.StringWriter heap = new java.io.StringWriter();
    GraphsnapCommand.reportError(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(heap, true), false);
    assertTrue(heap.toString().contains("-Xmx") && !heap.toString().contains("MaxDirectMemorySize"), heap::toString);
  }

  // ------------------------------------------------------------------ extraction

  @Test
  void jobsAreCappedAndSaidSo() {
    CliRunner r = CliRunner.run("build", repo.resolve("src").toString(), "--store", store.toString(), "--jobs", "100000");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.err().contains("--jobs 100000 capped at"), r::toString);
  }

  @Test
  void javacsOwnCrashReportNeverReachesTheTerminal() throws Exception {
    StringBuilder deep = new StringBuilder("package p; class Deep { int v = ");
    // a million levels: more than any thread stack holds, interpreted or compiled (100,000 sometimes parsed)
    deep.append("(".repeat(1_000_000)).append('1').append(")".repeat(1_000_000)).append("; }\n");
    Files.writeString(repo.resolve("src/p/Deep.java"), deep);
    CliRunner r = build();
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Deep.java"), r::toString);
    assertFalse(r.err().contains("An exception has occurred in the compiler"), r::toString);
    assertTrue(r.err().lines().count() < 20, r::toString);
    assertTrue(CliRunner.run("lookup", "p.A", "--store", store.toString()).exitCode() == 0, "the rest is built");
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), output);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
