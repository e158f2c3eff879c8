package io.graphsnap.builder.internal.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external sorts against a model (a sorted set), with buffers small enough for many runs and merges in passes;
 * a truncated run is an error naming the file, never garbage; every temporary is deleted.
 */
class ExternalSortTest {
  @TempDir Path dir;

  @Test
  void longRunsMergeToTheDistinctSortedValues() throws IOException {
    Random r = new Random(1);
    TreeSet<Long> model = new TreeSet<>();
    try (SpillFiles files = new SpillFiles(dir, 4096)) {
      LongRunSorter sorter = new LongRunSorter(files, "t", 64 * Long.BYTES);
      for (int i = 0; i < 20_000; i++) {
        long v = r.nextInt(4) == 0 ? r.nextInt(100) : r.nextLong() >>> 1; // duplicates, within and across runs
        model.add(v);
        sorter.add(v);
      }
      assertTrue(sorter.runCount() > LongRunSorter.FAN_IN, "merged in passes: " + sorter.runCount() + " runs");
      List<Long> got = new ArrayList<>();
      try (LongCursor c = sorter.finish()) {
        for (long v = c.next(); v >= 0; v = c.next()) {
          got.add(v);
        }
      }
      assertEquals(new ArrayList<>(model), got);
      assertEquals(0, files.files().size(), "runs deleted once merged");
    }
  }

  @Test
  void valuesThatFitStayInMemory() throws IOException {
    try (SpillFiles files = new SpillFiles(dir, 1 << 20)) {
      LongRunSorter sorter = new LongRunSorter(files, "t", 1 << 20);
      for (long v : new long[] {5, 3, 5, 9, 0}) {
        sorter.add(v);
      }
      LongCursor c = sorter.finish();
      long[] got = {c.next(), c.next(), c.next(), c.next(), c.next()};
      assertArrayEquals(new long[] {0, 3, 5, 9, -1}, got);
      assertEquals(0, sorter.runCount());
      assertEquals(0, files.spilledBytes());
    }
  }

  @Test
  void sitedRecordsSortWithTheirLines() throws IOException {
    Random r = new Random(2);
    TreeMap<Long, int[]> model = new TreeMap<>();
    try (SpillFiles files = new SpillFiles(dir, 4096)) {
      SiteRunSorter sorter = new SiteRunSorter(files, 256);
      for (int i = 0; i < 5_000; i++) {
        long key = r.nextLong() >>> 1;
        int[] lines = new int[1 + r.nextInt(r.nextInt(20) == 0 ? 40 : 2)];
        for (int k = 0; k < lines.length; k++) {
          lines[k] = r.nextInt();
        }
        model.put(key, lines);
        int[] padded = new int[lines.length + 3];
        System.arraycopy(lines, 0, padded, 2, lines.length);
        sorter.add(key, padded, 2, lines.length);
      }
      assertTrue(sorter.runCount() > LongRunSorter.FAN_IN, sorter.runCount() + " runs");
      try (SiteRunSorter.Cursor c = sorter.finish()) {
        for (var e : model.entrySet()) {
          assertEquals(e.getKey(), c.next());
          assertArrayEquals(e.getValue(), Arrays.copyOfRange(c.lines, c.from, c.from + c.count));
        }
        assertEquals(-1, c.next());
      }
      assertEquals(0, files.files().size());
    }
  }

  @Test
  void aTruncatedRunIsAClearError() throws IOException {
    try (SpillFiles files = new SpillFiles(dir, 4096)) {
      LongRunSorter sorter = new LongRunSorter(files, "t", 64 * Long.BYTES);
      for (int i = 0; i < 1_000; i++) {
        sorter.add(i * 7919L % 1000);
      }
      Path victim = files.files().iterator().next();
      try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() - 12);
      }
      IOException e = assertThrows(IOException.class, () -> {
        try (LongCursor c = sorter.finish()) {
          while (c.next() >= 0) {
            // drain
          }
        }
      });
      assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(victim.toString()), e.getMessage());
    }
    assertEquals(0, java.nio.file.Files.list(dir).count(), "deleted on close after the failure too");
  }

  @Test
  void aDamagedEdgeBlockIsAClearError() throws IOException {
    try (SpillFiles files = new SpillFiles(dir, 4096)) {
      EdgeBlocks blocks = new EdgeBlocks(files, 64);
      for (int i = 0; i < 100; i++) {
        blocks.source.add(i);
        blocks.type.add(0);
        blocks.target.add(i + 1);
        blocks.endObject();
      }
      assertTrue(blocks.spilled());
      long[] edges = {0};
      blocks.forEachBlock(b -> edges[0] += b.edges);
      assertEquals(100, edges[0], "read back whole");
      Path file = files.files().iterator().next();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(ch.size() - 40);
      }
      IOException e = assertThrows(IOException.class, () -> blocks.forEachBlock(b -> { }));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }
}
