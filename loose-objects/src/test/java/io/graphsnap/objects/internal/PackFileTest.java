package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs written and read back, and packs a damaged disk or a crafted clone could hold, refused whole. */
class PackFileTest {
  @TempDir Path dir;

  private Path write(List<byte[]> objects) throws IOException {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    try (PackWriter writer = new PackWriter(tmp)) {
      for (byte[] bytes : objects) {
        writer.add(ObjectId.of(bytes), bytes);
      }
      writer.complete();
      return writer.moveInto(dir.resolve("packs"));
    }
  }

  private static List<byte[]> objects(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[random.nextInt(2000)];
      random.nextBytes(bytes);
      out.add(bytes);
    }
    return out;
  }

  @Test
  void everyObjectIsFoundAndReadBackAndNothingElseIs() throws IOException {
    List<byte[]> objects = objects(1000, 1);
    Path file = write(objects);
    assertTrue(PackFormat.isPackName(file.getFileName().toString()), file.toString());
    assertEquals(0, Files.list(dir.resolve("tmp")).count(), "the temporary was renamed");
    try (PackFile pack = PackFile.open(file)) {
      assertEquals(1000, pack.count());
      TreeMap<ObjectId, byte[]> sorted = new TreeMap<>();
      for (byte[] bytes : objects) {
        sorted.put(ObjectId.of(bytes), bytes);
      }
      int i = 0;
      for (var e : sorted.entrySet()) {
        int at = pack.find(e.getKey());
        assertEquals(i, at, "entries are in id order");
        assertEquals(e.getKey(), pack.id(at));
        assertArrayEquals(e.getValue(), pack.read(at));
        assertEquals(e.getValue().length, pack.length(at));
        i++;
      }
      for (byte[] other : objects(200, 2)) {
        assertEquals(-1, pack.find(ObjectId.of(other)));
      }
    }
  }

  @Test
  void theNameDependsOnlyOnTheSetOfObjects() throws IOException {
    List<byte[]> objects = objects(50, 3);
    Path first = write(objects);
    List<byte[]> reversed = new ArrayList<>(objects.reversed());
    Path second = write(reversed);
    assertEquals(first, second, "the same objects in another order land on the same name");
    try (PackFile pack = PackFile.open(second)) {
      assertEquals(50, pack.count());
    }
  }

  @Test
  void anEmptyPackAndADuplicateAreHandled() throws IOException {
    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    try (PackWriter writer = new PackWriter(tmp)) {
      assertTrue(writer.add(ObjectId.of(one), one));
      assertFalse(writer.add(ObjectId.of(one), one), "a second add of an id writes nothing");
      assertArrayEquals(one, writer.read(ObjectId.of(one)), "readable before it is complete");
      writer.complete();
      Path file = writer.moveInto(dir.resolve("packs"));
      try (PackFile pack = PackFile.open(file)) {
        assertEquals(1, pack.count());
      }
    }
    try (PackFile empty = PackFile.open(write(List.of()))) {
      assertEquals(0, empty.count());
      assertEquals(-1, empty.find(ObjectId.of(one)));
    }
  }

  @Test
  void anUnfinishedWriterLeavesNoFile() throws IOException {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    try (PackWriter writer = new PackWriter(tmp)) {
      writer.add(ObjectId.of(new byte[] {1}), new byte[] {1});
    }
    assertEquals(0, Files.list(tmp).count());
  }

  /** Every single-byte change to the fan-out table, the index or the footer is refused at open, naming the file. */
  @Test
  void aDamagedIndexOrFooterIsRefusedWhole() throws IOException {
    Path file = write(objects(20, 4));
    byte[] good = Files.readAllBytes(file);
    long fanout = ByteBuffer.wrap(good, good.length - PackFormat.FOOTER_BYTES, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Path bad = dir.resolve("bad.pack");
    for (int at = (int) fanout; at < good.length; at++) {
      byte[] damaged = good.clone();
      damaged[at] ^= 0x10;
      Files.write(bad, damaged);
      CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> PackFile.open(bad).close(),
          "byte " + at);
      assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }
    for (int length : new int[] {0, 7, 8, good.length / 2, good.length - 1}) {
      Files.write(bad, java.util.Arrays.copyOf(good, length));
      assertThrows(CorruptObjectException.class, () -> PackFile.open(bad).close(), "truncated to " + length);
    }
  }

  /**
   * A crafted pack with a valid checksum: each lie in the index (an object outside the data, a huge length, ids out
   * of order, a fan-out that does not match) is refused at open.
   */
  @Test
  void aCraftedIndexWithAValidChecksumIsRefused() throws IOException {
    Path file = write(objects(20, 5));
    byte[] good = Files.readAllBytes(file);
    ByteBuffer footer = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
    int fanout = (int) footer.getLong(good.length - PackFormat.FOOTER_BYTES);
    int index = fanout + PackFormat.FANOUT_BYTES;
    Path crafted = dir.resolve("crafted.pack");

    byte[] outside = good.clone();
    ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putLong(index + PackFormat.ENTRY_OFFSET, 2L); // in the header
    assertRefused(crafted, resealed(outside, fanout), "outside the data");

    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(index + PackFormat.ENTRY_LENGTH, -1);
    assertRefused(crafted, resealed(huge, fanout), "more than the object limit");

    byte[] swapped = good.clone();
    System.arraycopy(good, index + PackFormat.ENTRY_BYTES, swapped, index, PackFormat.ENTRY_BYTES);
    System.arraycopy(good, index, swapped, index + PackFormat.ENTRY_BYTES, PackFormat.ENTRY_BYTES);
    assertRefused(crafted, resealed(swapped, fanout), "");

    byte[] bucket = good.clone();
    ByteBuffer.wrap(bucket).order(ByteOrder.LITTLE_ENDIAN).putInt(fanout + 4 * 255, 19);
    assertRefused(crafted, resealed(bucket, fanout), "fan-out table");
  }

  private static byte[] resealed(byte[] pack, int fanout) {
    CRC32C crc = new CRC32C();
    crc.update(pack, fanout, pack.length - PackFormat.FOOTER_BYTES - fanout);
    ByteBuffer.wrap(pack).order(ByteOrder.LITTLE_ENDIAN).putInt(pack.length - 8, (int) crc.getValue());
    return pack;
  }

  private static void assertRefused(Path file, byte[] bytes, String says) throws IOException {
    Files.write(file, bytes);
    CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> PackFile.open(file).close());
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void aLinkUnderAPackNameIsNotFollowed() throws IOException {
    Path file = write(objects(3, 6));
    Path link = dir.resolve("packs").resolve("pack-" + "0".repeat(64) + ".pack");
    Files.createSymbolicLink(link, file);
    assertThrows(io.graphsnap.objects.UnsafeStoreException.class, () -> PackFile.open(link));
  }
}
