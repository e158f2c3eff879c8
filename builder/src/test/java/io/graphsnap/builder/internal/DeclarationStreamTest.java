package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.builder.internal.spill.SpillFiles;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationStreamTest {
  @TempDir Path dir;

  @Test
  void everyDeclarationReadsBackAsWrittenAnyNumberOfTimes() throws IOException {
    Random random = new Random(11);
    int count = 20_000;
    int[] starts = new int[count];
    int[] ends = new int[count];
    int[][] effects = new int[count][];
    byte[][] details = new byte[count][];
    try (SpillFiles files = new SpillFiles(dir, Long.MAX_VALUE)) {
      DeclarationStream stream = new DeclarationStream(files);
      IntArrayList scratch = new IntArrayList();
      for (int d = 0; d < count; d++) {
        // extremes too: negative lines, an end before the start, lines near the int limits
        starts[d] = d % 97 == 0 ? Integer.MIN_VALUE + d : d % 89 == 0 ? -d : random.nextInt(1 << 20);
        ends[d] = d % 83 == 0 ? Integer.MAX_VALUE : starts[d] + random.nextInt(300) - (d % 7 == 0 ? 500 : 0);
        effects[d] = random.ints(random.nextInt(4), 0, d % 13 == 0 ? Integer.MAX_VALUE : 40).toArray();
        details[d] = d % 3 == 0 ? DetailEncoder.EMPTY_SYMBOL : bytes(random, 1 + random.nextInt(d % 50 == 0 ? 70_000 : 20));
        scratch.clear();
        scratch.add(-1); // a slice that does not start at 0
        scratch.addElements(1, effects[d]);
        stream.add(starts[d], ends[d], scratch, 1, scratch.size(), details[d]);
      }
      stream.finish();
      assertEquals(count, stream.size());
      for (int pass = 0; pass < 2; pass++) {
        try (DeclarationStream.Cursor c = stream.cursor()) {
          for (int d = 0; d < count; d++) {
            assertTrue(c.next(), "declaration " + d);
            assertEquals(d, c.index());
            assertEquals(starts[d], c.lineStart());
            assertEquals(ends[d], c.lineEnd());
            assertArrayEquals(effects[d], Arrays.copyOf(c.effects(), c.effectCount()));
            assertEquals(details[d] != DetailEncoder.EMPTY_SYMBOL, c.hasDetails());
            if (c.hasDetails()) {
              assertArrayEquals(details[d], Arrays.copyOf(c.detailsBytes(), c.detailsLength()));
            }
          }
          assertFalse(c.next());
        }
      }
      stream.delete();
      assertEquals(java.util.Set.of(), files.files(), "the file is gone once deleted");
    }
  }

  @Test
  void aCutFileIsAnErrorNamingItNotGarbage() throws IOException {
    try (SpillFiles files = new SpillFiles(dir, Long.MAX_VALUE)) {
      DeclarationStream stream = new DeclarationStream(files);
      IntArrayList none = new IntArrayList();
      for (int d = 0; d < 100; d++) {
        stream.add(d, d + 1, none, 0, 0, new byte[] {1, 2, 3, 4, 5});
      }
      stream.finish();
      Path file = files.files().iterator().next();
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
      IOException e = assertThrows(IOException.class, () -> {
        try (DeclarationStream.Cursor c = stream.cursor()) {
          while (c.next()) {
            // read to the end
          }
        }
      });
      assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
  }

  @Test
  void sparseDetailsAnswerInAnyOrder() {
    SparseNodeDetails details = new SparseNodeDetails();
    int[] nodes = {900, 3, 41, 0, 77};
    for (int v : nodes) {
      details.add(v, new byte[] {(byte) v, 9, 9}, 1 + v % 3);
    }
    details.sort();
    int[] asked = {0, 1, 3, 41, 42, 77, 900, 901, 41, 0, 900, 2, 3};
    for (int v : asked) {
      byte[] entry = details.get(v);
      if (Arrays.stream(nodes).anyMatch(n -> n == v)) {
        assertArrayEquals(Arrays.copyOf(new byte[] {(byte) v, 9, 9}, 1 + v % 3), entry, "node " + v);
      } else {
        assertSame(DetailEncoder.EMPTY_SYMBOL, entry, "node " + v);
      }
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
