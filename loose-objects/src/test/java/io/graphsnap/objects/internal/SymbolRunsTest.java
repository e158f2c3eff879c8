package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.DamagedIndexException;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The symbol runs against a naive model: a sorted set of (name, object) keys. */
class SymbolRunsTest {
  @TempDir Path dir;

  private static ObjectId id(int n) {
    return ObjectId.of(("object " + n).getBytes(StandardCharsets.UTF_8));
  }

  private static String name(int n) {
    return "pkg" + (n % 7) + ".Name" + n; // shared prefixes: pkg1.Name1 is a prefix of pkg1.Name15
  }

  /** Random adds and removes over many transactions (committed or rolled back), spills and merges included. */
  @Test
  void answersAsTheModelAcrossCommitsRollbacksSpillsAndReopens() throws IOException {
    answersAsTheModel(false, 20);
  }

  /**
   * The same with merges in the background: the answers never change, a commit leaves at most {@link
   * SymbolRuns#MAX_RUNS_WITH_BACKGROUND_MERGES} runs, and besides the listed runs the folder holds at most the merge's.
   */
  @Test
  void answersAsTheModelWithMergesInTheBackground() throws IOException {
    answersAsTheModel(true, 21);
    answersAsTheModel(true, 22);
  }

  private void answersAsTheModel(boolean background, long seed) throws IOException {
    Random random = new Random(seed);
    TreeSet<byte[]> model = new TreeSet<>(Arrays::compareUnsigned);
    List<String> committed = List.of();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    for (int session = 0; session < 4; session++) {
      try (SymbolRuns runs = SymbolRuns.open(dir, dir, committed, 37)) {
        if (background) {
          runs.mergeInBackground();
        }
        checkAgainst(model, runs);
        for (int tx = 0; tx < 12; tx++) {
          TreeSet<byte[]> next = new TreeSet<>(model);
          int ops = random.nextInt(tx % 4 == 0 ? 400 : 60);
          for (int i = 0; i < ops; i++) {
            if (random.nextInt(150) == 0) { // what a build does to the pending paths: drop everything, then go on
              runs.clear();
              next.clear();
            }
            byte[] key = SymbolKeys.key(name(random.nextInt(90)), id(random.nextInt(25)));
            if (random.nextInt(3) == 0) {
              runs.remove(key);
              next.remove(key);
            } else {
              runs.add(key);
              next.add(key);
            }
          }
          checkAgainst(next, runs); // uncommitted changes are visible to this writer
          if (random.nextInt(5) == 0) {
            runs.rollback();
          } else {
            committed = runs.prepareCommit();
            runs.committed();
            model = next;
          }
          checkAgainst(model, runs);
          long[] sizes = runs.entryCounts();
          if (background) {
            assertTrue(sizes.length <= SymbolRuns.MAX_RUNS_WITH_BACKGROUND_MERGES, Arrays.toString(sizes));
            if (random.nextBoolean()) {
              runs.awaitBackgroundMerge(); // so that the next commit lists it
            }
          } else {
            for (int r = 1; r < sizes.length; r++) { // so O(log definitions) runs
              assertTrue(sizes[r - 1] > 2 * sizes[r], "each run is more than twice the next: "
                  + Arrays.toString(sizes));
            }
          }
          try (Stream<Path> files = Files.list(dir)) {
            long count = files.filter(f -> f.getFileName().toString().endsWith(SymbolRunFormat.SUFFIX)).count();
            long expected = runs.names().size();
            assertTrue(count == expected || background && count == expected + 1, "no run file left behind besides the "
                + "listed ones (and a background merge's): " + count + " files, " + expected + " listed");
          }
        }
      }
    }
  }

  /**
   * A background merge is listed by the first commit after it is written, in place of its inputs; one still in
   * flight at close is abandoned and its file deleted.
   */
  @Test
  void aBackgroundMergeIsListedByALaterCommitOrDeletedAtClose() throws IOException {
    List<String> names = List.of();
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, names).mergeInBackground()) {
      for (int tx = 0; tx < 2; tx++) { // runs of 1 and 1 key: the size rule merges them
        runs.add(SymbolKeys.key("a.B", id(tx)));
        names = runs.prepareCommit();
        runs.committed();
      }
      assertEquals(2, runs.names().size(), "the commit did not wait for a merge");
      runs.awaitBackgroundMerge();
      runs.add(SymbolKeys.key("a.C", id(9)));
      names = runs.prepareCommit();
      runs.committed();
      assertEquals(2, names.size(), "the merged run in place of the two, and the new one: " + names);
      assertEquals(2, runs.definers("a.B").size());
      runs.awaitBackgroundMerge(); // merges those two: written, never listed
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(new TreeSet<>(names), new TreeSet<>(files.map(f -> f.getFileName().toString()).toList()),
          "the abandoned merge's file is deleted at close");
    }
    try (SymbolRuns reopened = SymbolRuns.open(dir, dir, names)) {
      assertEquals(2, reopened.definers("a.B").size());
      assertEquals(List.of(id(9)), reopened.definers("a.C"));
    }
  }

  /** Spills are written on another thread: every read, commit and rollback waits for the one in flight. */
  @Test
  void eachReadSeesTheSpillInFlight() throws IOException {
    List<ObjectId> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(id(i));
    }
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, List.of(), 5)) {
      for (int i = 0; i < 5; i++) { // the fifth add spills; the look-up comes at once
        runs.add(SymbolKeys.key("a.B", id(i)));
      }
      assertEquals(ids.subList(0, 5).stream().sorted().toList(), runs.definers("a.B"), "the spilled keys");
      for (int i = 5; i < 10; i++) {
        runs.add(SymbolKeys.key("a.B", id(i)));
      }
      runs.rollback(); // the second spill, maybe still being written, is deleted with the first
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(0, files.count(), "a rolled-back transaction's spills are deleted");
      }
      for (int i = 0; i < 12; i++) {
        runs.add(SymbolKeys.key("a.B", id(i)));
      }
      List<String> names = runs.prepareCommit();
      runs.committed();
      assertEquals(ids.stream().sorted().toList(), runs.definers("a.B"));
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(names.size(), files.count(), "only the listed runs are left");
      }
    }
  }

  /**
   * Writes that fill a buffer while a background prepare waits for this instance (here: the test holds its monitor,
   * as a writer does inside add): the prepare waits for their spill, so the spill must not wait behind the prepare
   * (as it did when both shared one thread); the prepare completes and includes them.
   */
  @Test
  void aSpillWhileABackgroundPrepareWaitsDoesNotDeadlock() throws Exception {
    // preemptive: a deadlocked wait ignores interrupts (it never leaves a spill writing), so the test abandons it
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
      try (SymbolRuns runs = SymbolRuns.open(dir, dir, List.of(), 5)) {
        java.util.concurrent.Future<List<String>> background;
        synchronized (runs) {
          background = runs.prepareCommitInBackground();
          for (int i = 0; i < 12; i++) { // two full buffers: two spills
            runs.add(SymbolKeys.key("a.B", id(i)));
          }
        }
        List<String> prepared = background.get();
        assertEquals(prepared, runs.prepareCommit(), "the background prepare saw every write");
        runs.committed();
        assertEquals(12, runs.definers("a.B").size());
      }
    });
  }

  /** A commit prepared in the background is the one committed, unless the keys changed after it started. */
  @Test
  void aCommitPreparedInTheBackgroundIsReusedOrRedone() throws Exception {
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, List.of(), 5)) {
      for (int i = 0; i < 7; i++) {
        runs.add(SymbolKeys.key("a.B", id(i)));
      }
      List<String> background = runs.prepareCommitInBackground().get();
      assertEquals(background, runs.prepareCommit(), "nothing changed: the same runs");
      runs.rollback();
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(0, files.count(), "a rolled-back background prepare leaves no run");
      }
      for (int i = 0; i < 7; i++) {
        runs.add(SymbolKeys.key("a.B", id(i)));
      }
      runs.prepareCommitInBackground().get();
      runs.add(SymbolKeys.key("a.C", id(8))); // after the background prepare: it must be prepared again
      List<String> names = runs.prepareCommit();
      runs.committed();
      assertEquals(List.of(id(8)), runs.definers("a.C"));
      assertEquals(7, runs.definers("a.B").size());
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(names.size(), files.count(), "only the listed runs are left");
      }
    }
    try (SymbolRuns reopened = SymbolRuns.open(dir, dir, List.of(Files.list(dir).map(p -> p.getFileName().toString())
        .toArray(String[]::new)))) {
      assertEquals(List.of(id(8)), reopened.definers("a.C"));
    }
  }

  @Test
  void aRunNotListedIsDeletedAndAListedOneSurvives() throws IOException {
    List<String> names;
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, List.of())) {
      runs.add(SymbolKeys.key("a", id(1)));
      names = runs.prepareCommit();
      runs.committed();
    }
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, names)) {
      runs.add(SymbolKeys.key("b", id(2)));
      runs.prepareCommit(); // written and durable, but the commit that would list it never happens (a crash)
    }
    Files.writeString(dir.resolve("symbols-123.tmp"), "half-written");
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, names)) {
      assertEquals(1, runs.deleteUnlisted());
      assertEquals(List.of(id(1)), runs.definers("a"));
      assertEquals(List.of(), runs.definers("b"));
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(names.size(), files.count());
      }
    }
  }

  @Test
  void aDamagedBlockIsReportedNamingTheRunNeverServed() throws IOException {
    List<String> names;
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, List.of())) {
      for (int i = 0; i < 2000; i++) {
        runs.add(SymbolKeys.key(name(i), id(i)));
      }
      names = runs.prepareCommit();
      runs.committed();
    }
    Path file = dir.resolve(names.get(0));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, 100);
      one.put(0, (byte) (one.get(0) ^ 0x5a)).position(0);
      ch.write(one, 100); // inside the first block
    }
    try (SymbolRuns runs = SymbolRuns.open(dir, dir, names)) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> runs.definers(name(0)));
      assertInstanceOf(DamagedIndexException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains(file.toString()), e.getCause().getMessage());
      assertTrue(e.getCause().getMessage().contains("checksum"), e.getCause().getMessage());
    }
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) Files.size(file) - 5)); // truncated
    DamagedIndexException e = assertThrows(DamagedIndexException.class, () -> SymbolRuns.open(dir, dir, names));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    Files.delete(file);
    e = assertThrows(DamagedIndexException.class, () -> SymbolRuns.open(dir, dir, names));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  private static void checkAgainst(TreeSet<byte[]> model, SymbolRuns runs) {
    List<byte[]> live = new ArrayList<>();
    runs.forEachLive(live::add);
    assertEquals(model.size(), live.size());
    int i = 0;
    for (byte[] key : model) {
      assertTrue(Arrays.equals(key, live.get(i++)), "live keys in order");
    }
    for (int n = 0; n < 90; n += 7) {
      byte[] from = SymbolKeys.lowerBound(name(n));
      byte[] to = SymbolKeys.upperBound(name(n));
      List<ObjectId> expected = new ArrayList<>();
      for (byte[] key : model.subSet(from, true, to, false)) {
        expected.add(SymbolKeys.objectId(key));
      }
      assertEquals(expected, runs.definers(name(n)), name(n));
    }
  }
}
