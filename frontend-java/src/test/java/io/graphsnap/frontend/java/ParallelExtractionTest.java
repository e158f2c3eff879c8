package io.graphsnap.frontend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.FileSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Extraction of whole trees on several threads: failures, skipping, progress, stopping. */
class ParallelExtractionTest {
  @Test
  void extractsEveryFileAndReportsTheOneThatDoesNotParse() throws Exception {
    List<String> delivered = new ArrayList<>();
    List<int[]> progress = new ArrayList<>();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("broken"))) {
      ExtractionResult r = new ParallelExtraction().threads(2)
          .onProgress((done, total) -> progress.add(new int[] {done, total}))
          .run(tree, s -> delivered.add(s.path()));
      assertEquals(2, r.files());
      assertEquals(1, r.extracted());
      assertEquals(List.of("Fine.java"), delivered);
      assertEquals(1, r.failures().size());
      ExtractionFailure f = r.failures().getFirst();
      assertEquals("Broken.java", f.path());
      assertTrue(f.message().startsWith("Broken.java:5:") && f.message().contains("illegal start of expression"), f.message());
    }
    assertEquals(2, progress.size());
    assertEquals(2, progress.getLast()[0]);
    assertEquals(2, progress.getLast()[1]);
  }

  @Test
  void deliversEverySummaryOnceWithCounts() throws Exception {
    Set<String> paths = new TreeSet<>();
    long[] symbols = {0};
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      ExtractionResult r = new ParallelExtraction().threads(3).run(tree, s -> {
        assertTrue(paths.add(s.path()), "delivered twice: " + s.path());
        symbols[0] += s.symbols().size();
      });
      assertEquals(tree.paths(), List.copyOf(paths));
      assertEquals(tree.size(), r.extracted());
      assertEquals(symbols[0], r.symbols());
      assertTrue(r.edges() > r.symbols());
      assertEquals(List.of(), r.failures());
    }
  }

  @Test
  void filesAlreadyStoredAreSkippedAndCountedAsReused() throws Exception {
    List<FileSummary> first = new ArrayList<>();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      new ParallelExtraction().run(tree, first::add);
    }
    Set<String> stored = new TreeSet<>();
    for (FileSummary s : first) {
      if (!s.path().endsWith("Registry.java")) {
        stored.add(s.path() + "@" + java.util.HexFormat.of().formatHex(s.sourceSha256()));
      }
    }
    List<String> extracted = new ArrayList<>();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      ExtractionResult r = new ParallelExtraction().threads(2)
          .skipIf((path, sha) -> stored.contains(path + "@" + java.util.HexFormat.of().formatHex(sha)))
          .run(tree, s -> extracted.add(s.path()));
      assertEquals(List.of("fx/shapes/Registry.java"), extracted);
      assertEquals(tree.size() - 1, r.reused());
      assertEquals(1, r.extracted());
    }
  }

  @Test
  void anExceptionFromTheSinkStopsTheRunAndIsRethrown() throws Exception {
    IOException disk = new IOException("disk full");
    AtomicInteger calls = new AtomicInteger();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      IOException thrown = assertThrows(IOException.class, () -> new ParallelExtraction().threads(2).run(tree, s -> {
        calls.incrementAndGet();
        throw disk;
      }));
      assertSame(disk, thrown);
    }
    assertEquals(1, calls.get(), "no summary is delivered after the sink failed");
  }

  @Test
  void anInterruptedRunStopsItsWorkersAndThrows() throws Exception {
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      Thread.currentThread().interrupt(); // the first queue.put() sees it
      assertThrows(InterruptedException.class, () -> new ParallelExtraction().threads(2).run(tree, s -> { }));
    } finally {
      Thread.interrupted();
    }
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("graphsnap-extract-")),
        "no worker thread outlives the run");
  }

  @Test
  void anInterruptWhileTheLastFileIsExtractedStillThrows() throws Exception {
    Thread caller = Thread.currentThread();
    AtomicInteger delivered = new AtomicInteger();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      int files = tree.size();
      // the last summary arrives after every file was queued, while the caller waits for the workers
      assertThrows(InterruptedException.class, () -> new ParallelExtraction().threads(2).run(tree, s -> {
        if (delivered.incrementAndGet() == files) {
          caller.interrupt();
        }
      }));
      assertEquals(files, delivered.get(), "what was extracted was delivered");
    } finally {
      Thread.interrupted();
    }
  }

  /**
   * A run is stopped by interrupting its caller, and an interrupt closes any file channel the interrupted thread is
   * reading or writing: the store's index is one. So the caller only hands out work, and the skip check, which reads
   * the store, runs on the workers; an interrupt arriving mid-run leaves a channel the checks share open.
   */
  @Test
  void theCallerOnlyHandsOutWorkSoAnInterruptClosesNoChannelOfTheStore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path indexFile = java.nio.file.Files.write(dir.resolve("index"), new byte[64]);
    Thread caller = Thread.currentThread();
    java.util.Set<Thread> checkers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger checks = new AtomicInteger();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"));
        java.nio.channels.FileChannel index = java.nio.channels.FileChannel.open(indexFile)) {
      java.util.Map<String, byte[]> known = new java.util.HashMap<>();
      for (String path : tree.paths()) {
        known.put(path, new byte[32]); // not stored: every file is checked, then extracted
      }
      DeclarationTable table = DeclarationTable.of(new DeclarationScan().run(tree).declarations(), null); // no trees kept
      assertThrows(InterruptedException.class, () -> new ParallelExtraction().threads(2).declarations(table)
          .knownHashes(known)
          .skipIf((path, sha) -> {
            checkers.add(Thread.currentThread());
            if (checks.incrementAndGet() == 2) {
              caller.interrupt(); // Ctrl-C while the store is read
            }
            index.read(java.nio.ByteBuffer.allocate(8), 0);
            return false;
          })
          .run(tree, s -> index.read(java.nio.ByteBuffer.allocate(8), 8)));
      assertTrue(index.isOpen(), "the store's channel survives the interrupt");
      assertTrue(!checkers.contains(caller), "no skip check ran on the caller");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void threadsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelExtraction().threads(0));
  }

  @Test
  void treesKeptFromTheDeclarationPassGiveTheSameSummariesAsASecondParse() throws Exception {
    java.util.Map<String, byte[]> reparsed = new java.util.TreeMap<>();
    java.util.Map<String, byte[]> kept = new java.util.TreeMap<>();
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      DeclarationScan.Result none = new DeclarationScan().threads(2).run(tree);
      assertEquals(0, none.trees().size());
      DeclarationTable table = DeclarationTable.of(none.declarations(), null);
      new ParallelExtraction().threads(2).declarations(table).trees(none.trees())
          .run(tree, s -> reparsed.put(s.path(), io.graphsnap.format.object.LooseObjectCodec.encode(s)));
      DeclarationScan.Result all = new DeclarationScan().threads(2).retain(new RetainedTrees(1L << 30)).run(tree);
      assertEquals(tree.size(), all.trees().size(), "every file's tree fits the budget");
      assertEquals(table.fingerprintHex(), DeclarationTable.of(all.declarations(), null).fingerprintHex());
      new ParallelExtraction().threads(2).declarations(table).trees(all.trees())
          .run(tree, s -> kept.put(s.path(), io.graphsnap.format.object.LooseObjectCodec.encode(s)));
      assertEquals(0, all.trees().size(), "every kept tree was used once and forgotten");
      // a budget too small for any tree keeps none
      assertEquals(0, new DeclarationScan().retain(new RetainedTrees(1000)).run(tree).trees().size());
    }
    assertEquals(reparsed.keySet(), kept.keySet());
    for (String path : reparsed.keySet()) {
      assertTrue(java.util.Arrays.equals(reparsed.get(path), kept.get(path)), path);
    }
  }

  /**
   * A file whose hash is known (a stat cache) and whose declarations the cache has is not read by the declaration
   * pass, nor by the extraction when the skip check finds it stored: both take the known hash as the truth, which
   * a deliberately different "known" hash shows. A known hash the cache does not have makes the file read after all.
   */
  @Test
  void filesWithKnownHashesAreNotReadAgain() throws Exception {
    try (SourceTree tree = SourceTree.open(Fixtures.dir("src"))) {
      DeclarationScan.Result first = new DeclarationScan().threads(2).run(tree);
      java.util.Map<String, io.graphsnap.frontend.java.internal.FileDeclarations> byPath = new java.util.HashMap<>();
      first.declarations().forEach(d -> byPath.put(d.path(), d));
      String unread = first.declarations().get(0).path();
      byte[] pretend = new byte[32];
      java.util.Arrays.fill(pretend, (byte) 7); // no file has this hash: only a file not read can report it
      java.util.Map<String, byte[]> cached = new java.util.HashMap<>(first.sourceSha256());
      cached.put(unread, pretend);
      DeclarationScan.Cache cache = (path, sha) -> java.util.Arrays.equals(cached.get(path), sha) ? byPath.get(path) : null;
      String stale = first.declarations().get(1).path();
      DeclarationScan.Result second = new DeclarationScan().threads(2).cache(cache)
          .knownHashes(path -> path.equals(stale) ? pretend : cached.get(path)).run(tree);
      assertArrayEquals(pretend, second.sourceSha256().get(unread), "the known hash, not the file's: not read");
      assertArrayEquals(first.sourceSha256().get(stale), second.sourceSha256().get(stale),
          "a known hash the cache does not have: the file is read and hashed");
      assertEquals(0, second.parsed(), "the stale file, once read, has its real hash, which the cache knows");
      assertEquals(first.declarations().size(), second.cached());
      assertEquals(DeclarationTable.of(first.declarations(), null).fingerprintHex(),
          DeclarationTable.of(second.declarations(), null).fingerprintHex());

      java.util.List<String> checked = new java.util.ArrayList<>();
      java.util.List<String> extracted = new java.util.ArrayList<>();
      ExtractionResult r = new ParallelExtraction().threads(2).declarations(DeclarationTable.of(first.declarations(), null))
          .knownHashes(second.sourceSha256())
          .skipIf((path, sha) -> {
            checked.add(path);
            return java.util.Arrays.equals(sha, second.sourceSha256().get(path)) && !path.equals(stale);
          })
          .run(tree, summary -> extracted.add(summary.path()));
      assertTrue(checked.contains(unread));
      assertEquals(java.util.List.of(stale), extracted, "only the file the skip check does not find stored");
      assertEquals(tree.size() - 1, r.reused());
    }
  }
}
