package io.graphsnap.cli.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.cli.GraphsnapCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the store on a small tmpfs (MapDB's own writes to index.db and its write-ahead log fail
 * too, which the simulated faults of {@link FaultInjectionTest} cannot reach), filled so that
 * {@code graphsnap ingest} and {@code graphsnap snapshot} run out of space at many different points; and a
 * store on a file system remounted read-only. After each failure the store, with the space freed, is as it
 * was (or published, when the error says so), and a rerun gives the clean outcome. Needs {@code mount} (root
 * on Linux); where mounting is impossible the test is skipped and prints why.
 */
class TmpfsDiskFullTest {
  private static final int LEVELS = 16;
  @TempDir Path dir;
  private Path mount;
  private boolean mounted;

  @BeforeEach
  void mountTmpfs() throws IOException {
    mount = Files.createDirectories(dir.resolve("tmpfs"));
    String why = Tmpfs.mount(mount, "24m");
    if (why != null) {
      System.out.println("TmpfsDiskFullTest skipped: cannot mount a tmpfs: " + why);
      Assumptions.abort("cannot mount a tmpfs: " + why);
    }
    mounted = true;
  }

  @AfterEach
  void unmountTmpfs() {
    if (mounted) {
      Tmpfs.remount(mount, false);
      String why = Tmpfs.unmount(mount);
      if (why != null) {
        System.out.println("TmpfsDiskFullTest: " + why + "; open: " + OpenFiles.under(mount) + "; lazy unmount");
        Tmpfs.unmountLazily(mount);
      }
    }
  }

  @Test
  void runningOutOfSpaceAnywhereLeavesTheStoreAsItWas() throws Exception {
    Path shop = Path.of("..", "examples", "shop.jsonl").toAbsolutePath();
    Path change = dir.resolve("change.jsonl");
    Files.writeString(change, FaultScenarios.changeSet(Files.readAllLines(shop, StandardCharsets.UTF_8)));
    Path published = dir.resolve("published");
    cli(0, "ingest", shop.toString(), "--store", published.toString());
    cli(0, "snapshot", "--store", published.toString());
    Path changed = dir.resolve("changed");
    FaultScenarios.copyTree(published, changed);
    cli(0, "ingest", change.toString(), "--store", changed.toString());
    List<String> lines = new ArrayList<>();
    lines.add(outOfSpace("ingest", published, List.of("ingest", change.toString())));
    lines.add(outOfSpace("snapshot", changed, List.of("snapshot")));
    lines.forEach(System.out::println);
  }

  @Test
  void aReadOnlyFileSystemIsRefusedCleanly() throws Exception {
    Path shop = Path.of("..", "examples", "shop.jsonl").toAbsolutePath();
    Path store = mount.resolve("store");
    cli(0, "ingest", shop.toString(), "--store", store.toString());
    cli(0, "snapshot", "--store", store.toString());
    StoreState before = StoreState.capture(store);
    Path change = dir.resolve("change.jsonl");
    Files.writeString(change, FaultScenarios.changeSet(Files.readAllLines(shop, StandardCharsets.UTF_8)));
    String why = Tmpfs.remount(mount, true);
    Assumptions.assumeTrue(why == null, () -> "cannot remount read-only: " + why);
    String[] result = cli(-1, "ingest", change.toString(), "--store", store.toString());
    assertNotEquals("0", result[0], "ingest into a read-only store succeeded");
    assertTrue(result[2].toLowerCase(Locale.ROOT).contains("read-only"), result[2]);
    result = cli(-1, "snapshot", "--store", store.toString());
    assertNotEquals("0", result[0]);
    assertEquals(List.of(), OpenFiles.underExceptMapDbLog(mount), "files left open by a failed command");
    assertEquals(null, Tmpfs.remount(mount, false));
    assertEquals(List.of(), StoreState.capture(store).diffFrom(before));
  }

  /** Runs the command with the free space at LEVELS points between none and what it needs; returns a summary. */
  private String outOfSpace(String name, Path pristine, List<String> command) throws Exception {
    Path store = mount.resolve("store");
    StoreState before = StoreState.capture(pristine);
    FaultScenarios.copyTree(pristine, store);
    long free = usable();
    cli(0, args(command, store));
    StoreState expected = StoreState.capture(store);
    // What the command allocates is a first guess of the space it needs (MapDB grows index.db in steps):
    // double it until the command succeeds with only that much free.
    long needed = Math.max(4096, free - usable());
    while (true) {
      FaultScenarios.deleteTree(store);
      FaultScenarios.copyTree(pristine, store);
      Path filler = fill(needed);
      String[] result = cli(-1, args(command, store));
      Files.delete(filler);
      if (result[0].equals("0")) {
        break;
      }
      assertTrue(needed < (8 << 20), name + " fails even with 8 MiB free:\n" + result[2]);
      needed *= 2;
    }
    int failedAsItWas = 0;
    int publishedThenReported = 0;
    int succeeded = 0;
    for (int level = 0; level < LEVELS; level++) {
      FaultScenarios.deleteTree(store);
      FaultScenarios.copyTree(pristine, store);
      long leave = (needed * level / (LEVELS - 1)) & ~4095L;
      Path filler = fill(leave);
      String[] result = cli(-1, args(command, store));
      Files.delete(filler);
      assertEquals(List.of(), OpenFiles.underExceptMapDbLog(mount), name + ": files left open by the command");
      String where = name + " with " + leave + " of " + needed + " bytes free";
      if (result[0].equals("0")) {
        assertTrue(StoreState.capture(store).sameOutcome(expected), where + ": succeeded with a different outcome");
        succeeded++;
        continue;
      }
      String err = result[2].strip();
      assertTrue(!err.contains("\n") && err.startsWith("graphsnap: "), where + ": stderr is not one line:\n" + err);
      assertTrue(err.toLowerCase(Locale.ROOT).contains("no space left"), where + ": cause not named:\n" + err);
      StoreState after = StoreState.capture(store);
      List<String> problems = after.diffFrom(before);
      if (problems.isEmpty()) {
        failedAsItWas++;
      } else {
        assertTrue(err.contains("is published"), where + ": the store is not as it was: " + problems + "\n" + err);
        assertTrue(after.sameOutcome(expected), where + ": said published, but differs from a clean run");
        publishedThenReported++;
      }
      cli(0, args(command, store));
      assertTrue(StoreState.capture(store).sameOutcome(expected), where + ": the rerun gives a different outcome");
    }
    FaultScenarios.deleteTree(store);
    assertTrue(failedAsItWas > 0, name + ": no level ran out of space");
    return String.format("tmpfs-disk-full: command=%s needs~%d bytes levels=%d failedStoreAsItWas=%d "
        + "publishedThenReported=%d succeeded=%d mapdbLogDescriptorsLeakedSoFar=%d", name, needed, LEVELS, failedAsItWas,
        publishedThenReported, succeeded, OpenFiles.under(mount).size());
  }

  private long usable() throws IOException {
    return Files.getFileStore(mount).getUsableSpace();
  }

  /** Writes zeros into a filler file until only {@code leave} bytes are free; returns it. */
  private Path fill(long leave) throws IOException {
    Path filler = mount.resolve("filler");
    byte[] chunk = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(filler)) {
      long toWrite = usable() - leave;
      while (toWrite > 0) {
        int n = (int) Math.min(chunk.length, toWrite);
        try {
          out.write(chunk, 0, n);
        } catch (IOException full) {
          break;
        }
        toWrite -= n;
      }
    }
    return filler;
  }

  private static String[] args(List<String> command, Path store) {
    List<String> all = new ArrayList<>(command);
    all.add("--store");
    all.add(store.toString());
    return all.toArray(String[]::new);
  }

  /** Runs the command line quietly; returns {exit code, stdout, stderr}; {@code expected} -1 accepts any exit. */
  private static String[] cli(int expected, String... args) {
    List<String> all = new ArrayList<>();
    all.add("--quiet");
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GraphsnapCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(all.toArray(String[]::new));
    if (expected >= 0) {
      assertEquals(expected, code, () -> String.join(" ", all) + "\n" + out + err);
    }
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
