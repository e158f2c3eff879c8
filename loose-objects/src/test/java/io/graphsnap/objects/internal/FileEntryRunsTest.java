package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.DamagedIndexException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path → entry runs against a naive model: a map ordered as UTF-8 bytes. */
class FileEntryRunsTest {
  @TempDir Path dir;

  /** Paths that share prefixes ({@code a/b} and {@code a/b/c}, {@code a/b.x}), with a non-ASCII one. */
  private static String path(int n) {
    return switch (n % 4) {
      case 0 -> "src/p" + (n % 5) + "/F" + n + ".java";
      case 1 -> "src/p" + (n % 5);
      case 2 -> "src/p" + (n % 5) + "/F" + n + ".java.bak";
      default -> "\u00e9t\u00e9/\u65e5" + n;
    };
  }

  private static byte[] value(Random random) {
    byte[] value = new byte[2 + random.nextInt(3) * 32];
    random.nextBytes(value);
    return value;
  }

  /** Random puts, put-if-absents and removes over many transactions, flushes, merges and reopens. */
  @Test
  void answersAsTheModelAcrossCommitsRollbacksFlushesAndReopens() throws IOException {
    Random random = new Random(8);
    TreeMap<String, byte[]> model = new TreeMap<>(FileEntryRunsTest::utf8Order);
    List<String> committed = List.of();
    for (int session = 0; session < 4; session++) {
      try (FileEntryRuns runs = FileEntryRuns.open(dir, dir, committed, 23)) {
        checkAgainst(model, runs);
        for (int tx = 0; tx < 12; tx++) {
          TreeMap<String, byte[]> next = new TreeMap<>(model);
          int ops = random.nextInt(tx % 4 == 0 ? 300 : 50);
          for (int i = 0; i < ops; i++) {
            String path = path(random.nextInt(120));
            int what = random.nextInt(4);
            if (what == 0) {
              assertArrayEquals(next.remove(path), runs.remove(path), "remove " + path);
            } else if (what == 1) {
              byte[] value = value(random);
              byte[] current = next.putIfAbsent(path, value);
              assertArrayEquals(current, runs.putIfAbsent(path, value), "putIfAbsent " + path);
            } else {
              byte[] value = value(random);
              assertArrayEquals(next.put(path, value), runs.put(path, value), "put " + path);
            }
            assertArrayEquals(next.get(path), runs.get(path), "get " + path);
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
          try (Stream<Path> files = Files.list(dir)) {
            assertEquals(runs.names().size(), files.count(), "no run file left behind besides the listed ones");
          }
        }
      }
    }
  }

  /** A look-up of a path no run holds is answered by the runs' filters: a damaged block is never read for it. */
  @Test
  void theFilterAnswersForAbsentPathsWithoutReadingABlock() throws IOException {
    List<String> names = committed("present/", 3000);
    assertEquals(1, names.size());
    Path file = dir.resolve(names.get(0));
    ByteBuffer header = ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(file), 8)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(SymbolRunFormat.VERSION_FILTERED, header.getInt(4), "file-entry runs carry a filter");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, 100);
      one.put(0, (byte) (one.get(0) ^ 0x5a)).position(0);
      ch.write(one, 100); // inside the first block, which holds the smallest paths
    }
    try (FileEntryRuns runs = FileEntryRuns.open(dir, dir, names)) {
      int misses = 0;
      for (int i = 0; i < 2000; i++) {
        try {
          assertNull(runs.get("absent/" + i));
        } catch (UncheckedIOException e) {
          misses++; // a false positive of the filter whose block is the damaged one
        }
      }
      assertTrue(misses < 40, misses + " of 2000 absent paths read a block (about 0.5 % may)");
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> runs.get("present/0"));
      assertInstanceOf(DamagedIndexException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains(file.toString()), e.getCause().getMessage());
    }
  }

  /** A build's extraction workers ask whether files are stored while the writer indexes others. */
  @Test
  void lookUpsFromSeveralThreadsWhileTheWriterWritesSeeWhatIsIndexed() throws Exception {
    List<String> names = committed("committed/", 64);
    try (FileEntryRuns runs = FileEntryRuns.open(dir, dir, names, 1000)) {
      java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        readers.add(Thread.ofPlatform().start(() -> {
          try {
            for (int i = 0; i < 200_000; i++) {
              int n = (i + seed) % 2; // the same two paths in every thread: each look-up replaces the last one's
              assertArrayEquals(new byte[] {1, (byte) n}, runs.get("committed/" + n), "committed/" + n);
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }));
      }
      for (int i = 0; i < 5000; i++) {
        runs.put("new/" + i, new byte[] {2, (byte) i}); // flushes a run every 1,000
      }
      for (Thread reader : readers) {
        reader.join();
      }
      if (failure.get() != null) {
        throw new AssertionError("a concurrent look-up saw something else", failure.get());
      }
      assertEquals(5064, runs.count());
    }
  }

  @Test
  void aDamagedFilterIsReportedAtOpenNamingTheRun() throws IOException {
    List<String> names = committed("a", 1);
    Path file = dir.resolve(names.get(0));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - SymbolRunFormat.FOOTER_V2_BYTES - 3] ^= 1; // the filter's last word
    Files.write(file, bytes);
    DamagedIndexException e = assertThrows(DamagedIndexException.class, () -> FileEntryRuns.open(dir, dir, names));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("filter"), e.getMessage());
  }

  /** Commits paths {@code prefix + i} → {1, i} for i below {@code count} as one run; returns the run list. */
  private List<String> committed(String prefix, int count) throws IOException {
    try (FileEntryRuns runs = FileEntryRuns.open(dir, dir, List.of())) {
      for (int i = 0; i < count; i++) {
        runs.put(prefix + i, new byte[] {1, (byte) i});
      }
      List<String> names = runs.prepareCommit();
      runs.committed();
      return names;
    }
  }

  private static void checkAgainst(TreeMap<String, byte[]> model, FileEntryRuns runs) {
    List<String> paths = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    runs.forEach((path, value) -> {
      paths.add(path);
      values.add(value);
    });
    assertEquals(new ArrayList<>(model.keySet()), paths, "paths in UTF-8 order");
    int i = 0;
    for (Map.Entry<String, byte[]> e : model.entrySet()) {
      assertArrayEquals(e.getValue(), values.get(i++), e.getKey());
    }
    assertEquals(model.size(), runs.count());
    for (int n = 0; n < 120; n += 3) {
      assertArrayEquals(model.get(path(n)), runs.get(path(n)), path(n));
    }
  }

  private static int utf8Order(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
