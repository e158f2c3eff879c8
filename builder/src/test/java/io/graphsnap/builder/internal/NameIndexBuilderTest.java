package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.graphsnap.bloom.BloomHash;
import io.graphsnap.format.snapshot.NameIndexFormat;
import io.graphsnap.format.snapshot.SectionId;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameIndexBuilderTest {
  @TempDir Path dir;

  @Test
  void slotsFollowTheInsertionRuleAndEveryNameIsOnItsProbeChain() throws IOException {
    for (int n : new int[] {0, 1, 2, 3, 7, 100, 5_000}) {
      List<byte[]> names = names(n, n);
      ByteBuffer section = write(n, index -> names.forEach(index::add));
      int slotCount = section.getInt(0);
      assertEquals(NameIndexFormat.slotCount(n), slotCount);
      assertEquals(0, section.getInt(4));
      assertEquals(NameIndexFormat.sectionBytes(n), section.limit());
      int idBits = NameIndexFormat.idBits(n);
      // replay the rule independently: each id in order into the first empty slot from its home
      int[] expected = new int[slotCount];
      java.util.Arrays.fill(expected, -1);
      for (int id = 0; id < n; id++) {
        long h = BloomHash.hash64(names.get(id));
        int slot = (int) (((h >>> 32) * slotCount) >>> 32);
        while (expected[slot] != -1) {
          slot = (slot + 1) % slotCount;
        }
        expected[slot] = (int) (h & ((1L << (31 - idBits)) - 1)) << idBits | id;
      }
      int[] actual = new int[slotCount];
      section.position(8).asIntBuffer().get(actual);
      assertArrayEquals(expected, actual, "n=" + n);
    }
  }

  @Test
  void addNamesFromAMappedStringListGivesTheSameBytesAsAdd() throws IOException {
    // names longer than the 64 KiB chunk too, so that a run is split and a single name outgrows the buffer
    List<byte[]> names = names(3_000, 1);
    names.set(10, "L".repeat(70_000).getBytes(StandardCharsets.UTF_8));
    names.set(11, "M".repeat(200_000).getBytes(StandardCharsets.UTF_8));
    MemorySegment list = MemorySegment.ofArray(stringList(names));
    ByteBuffer one = write(names.size(), index -> names.forEach(index::add));
    ByteBuffer runs = write(names.size(), index -> {
      index.addNames(list, names.size(), 0, 5);
      index.add(names.get(5));
      index.addNames(list, names.size(), 6, 6); // an empty run
      index.addNames(list, names.size(), 6, 2_000);
      index.addNames(list, names.size(), 2_000, names.size());
    });
    assertEquals(one, runs);
  }

  @Test
  void tooFewOrTooManyNamesAreRefused() {
    NameIndexBuilder index = new NameIndexBuilder(1);
    index.add(new byte[] {'a'});
    assertThrows(IllegalStateException.class, () -> index.add(new byte[] {'b'}));
    assertThrows(IllegalStateException.class, () -> write(2, i -> i.add(new byte[] {'a'})));
    assertThrows(IllegalArgumentException.class, () -> new NameIndexBuilder(-1));
    assertThrows(IllegalArgumentException.class, () -> new NameIndexBuilder(NameIndexBuilder.MAX_NODES + 1));
  }

  @Test
  void theOrderOfIdsDecidesTheLayout() throws IOException {
    List<byte[]> names = names(50, 3);
    List<byte[]> reversed = new ArrayList<>(names.reversed());
    assertNotEquals(write(50, i -> names.forEach(i::add)), write(50, i -> reversed.forEach(i::add)));
    assertEquals(write(50, i -> names.forEach(i::add)), write(50, i -> names.forEach(i::add)));
  }

  // ------------------------------------------------------------------ helpers

  /** Builds an index for {@code n} names with {@code fill} and returns its section's bytes. */
  private ByteBuffer write(int n, Consumer<NameIndexBuilder> fill) throws IOException {
    NameIndexBuilder index = new NameIndexBuilder(n);
    fill.accept(index);
    Path file = Files.createTempFile(dir, "index", ".bin");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      SectionWriter out = new SectionWriter(ch, 0);
      out.begin(SectionId.NAME_INDEX);
      index.writeTo(out);
      out.end();
      out.flush();
    }
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static List<byte[]> names(int n, long seed) {
    Random r = new Random(seed);
    List<byte[]> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(("p" + r.nextInt(100) + (i % 7 == 0 ? "ß" : "") + ".n" + i).getBytes(StandardCharsets.UTF_8));
    }
    return names;
  }

  /** {@code Count UInt32, Zero UInt32, Ends UInt64^(Count+1), Bytes}. */
  private static byte[] stringList(List<byte[]> items) {
    int data = items.stream().mapToInt(x -> x.length).sum();
    ByteBuffer b = ByteBuffer.allocate(8 + 8 * (items.size() + 1) + data).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(items.size()).putInt(0);
    long end = 0;
    b.putLong(0);
    for (byte[] item : items) {
      end += item.length;
      b.putLong(end);
    }
    items.forEach(b::put);
    return b.array();
  }
}
