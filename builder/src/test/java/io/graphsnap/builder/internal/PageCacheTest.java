package io.graphsnap.builder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageCacheTest {
  private static final int PAGE = 4096;
  /** 8 MiB: room for whole 2 MiB folios (the largest the page cache uses for a file on x86) inside a range. */
  private static final int PAGES = 2048;
  private static final int MIB_PAGES = 256;

  /** On disk, not tmpfs: tmpfs pages cannot be evicted. */
  @TempDir
  Path dir;

  @Test
  void evictsWhatLiesWhollyInsideTheRangeAndTheDataReadsBackUnchanged() throws Throwable {
    assumeTrue(PageCache.available(), "eviction needs Linux and native access");
    byte[] data = new byte[PAGES * PAGE];
    new Random(7).nextBytes(data);
    Path file = durableFile(data);
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length, arena);
      mapping.toArray(ValueLayout.JAVA_BYTE); // touch every page
      assumeTrue(resident(mapping, 0, PAGES) == PAGES, "the file is not fully cached after reading it");
      try (PageCache.File cache = PageCache.open(file, mapping)) {
        // [2 MiB + 100, 6 MiB + 100): whatever the folio size, [4 MiB, 6 MiB) lies wholly inside
        cache.evict(2L * MIB_PAGES * PAGE + 100, 4L * MIB_PAGES * PAGE);
      }
      assertEquals(0, resident(mapping, 4 * MIB_PAGES, 6 * MIB_PAGES), "pages inside the range are evicted");
      assertEquals(2 * MIB_PAGES, resident(mapping, 0, 2 * MIB_PAGES), "pages before the range stay");
      assertArrayEquals(data, mapping.toArray(ValueLayout.JAVA_BYTE), "eviction never changes what is read");
    }
  }

  @Test
  void evictUnmappedDropsTheFileAfterItsMappingIsClosed() throws Throwable {
    assumeTrue(PageCache.available(), "eviction needs Linux and native access");
    byte[] data = new byte[PAGES * PAGE];
    new Random(8).nextBytes(data);
    Path file = durableFile(data);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      PageCache.File cache;
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length, arena);
        mapping.toArray(ValueLayout.JAVA_BYTE);
        cache = PageCache.open(file, mapping);
      }
      try (cache) {
        cache.evictUnmapped();
      }
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, data.length, arena);
        assertEquals(0, resident(mapping, 0, PAGES), "no page of the file stays cached");
        assertArrayEquals(data, mapping.toArray(ValueLayout.JAVA_BYTE));
      }
    }
  }

  @Test
  void readBehindKeepsTheResidentSetToOneStepWhileThePageCacheKeepsTheFile() throws Throwable {
    assumeTrue(PageCache.available(), "releasing pages needs Linux and native access");
    long step = PageCache.ReleaseBehind.STEP;
    byte[] block = new byte[1 << 20];
    new Random(9).nextBytes(block);
    Path file = Files.createTempFile(dir, "read-behind", ".bin");
    long length = 3 * step + 12345;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (long at = 0; at < length; at += block.length) {
        ch.write(java.nio.ByteBuffer.wrap(block, 0, (int) Math.min(block.length, length - at)));
      }
    }
    try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
      PageCache.ReleaseBehind read = new PageCache.ReleaseBehind(mapping);
      long maxResident = 0;
      long sum = 0;
      for (long at = 0; at < length; at += PAGE) {
        sum += mapping.get(ValueLayout.JAVA_BYTE, at); // touch the page
        read.at(at + PAGE);
        if (at % step == 0) {
          maxResident = Math.max(maxResident, residentBytes(mapping));
        }
      }
      assertTrue(maxResident <= step + 2 * PAGE * 512L, "resident " + maxResident + " bytes, more than a step");
      long expected = 0;
      for (long at = 0; at < length; at += PAGE) {
        expected += block[(int) (at % block.length)];
      }
      assertEquals(expected, sum);
      // released pages read back unchanged (from the page cache, or the disk)
      assertArrayEquals(block, mapping.asSlice(0, block.length).toArray(ValueLayout.JAVA_BYTE));
    }
  }

  /** The resident bytes of {@code mapping} in this process ({@code Rss} of its entry in /proc/self/smaps). */
  private static long residentBytes(MemorySegment mapping) throws IOException {
    String start = Long.toHexString(mapping.address());
    boolean inEntry = false;
    for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
      if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
        inEntry = line.startsWith(start + "-");
      } else if (inEntry && line.startsWith("Rss:")) {
        return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no smaps entry starts at " + start);
  }

  @Test
  void aFileThatCannotBeOpenedMakesEvictionANoOp() throws IOException {
    try (Arena arena = Arena.ofConfined(); PageCache.File cache = PageCache.open(dir.resolve("missing"),
        arena.allocate(PAGE * 4L, PAGE))) {
      cache.evict(0, PAGE * 4L);
      cache.evictUnmapped();
    }
  }

  private Path durableFile(byte[] data) throws IOException {
    String type = Files.getFileStore(dir).type();
    assumeTrue(!type.equals("tmpfs") && !type.equals("ramfs"), "pages of a " + type + " file cannot be evicted");
    Path file = Files.createTempFile(dir, "pages", ".bin");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(data));
      ch.force(true); // clean pages: dirty ones are never evicted
    }
    return file;
  }

  /** Resident pages among pages [from, to) of {@code mapping}, by {@code mincore(2)}. */
  private static int resident(MemorySegment mapping, int from, int to) throws Throwable {
    Linker linker = Linker.nativeLinker();
    MethodHandle mincore = linker.downcallHandle(linker.defaultLookup().findOrThrow("mincore"),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment vector = arena.allocate(to - from);
      int rc = (int) mincore.invokeExact(mapping.asSlice((long) from * PAGE), (long) (to - from) * PAGE, vector);
      assertEquals(0, rc, "mincore failed");
      int count = 0;
      for (int i = 0; i < to - from; i++) {
        count += vector.get(ValueLayout.JAVA_BYTE, i) & 1;
      }
      return count;
    }
  }
}
