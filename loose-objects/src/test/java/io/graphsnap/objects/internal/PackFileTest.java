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

  /** Objects of random bytes (stored as they are) and, every other one, of repetitive text (stored compressed). */
  private static List<byte[]> objects(int count, long seed) {
    Random random = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
      } else {
        StringBuilder text = new StringBuilder("object ").append(seed).append('/').append(i).append('\n');
        for (int k = random.nextInt(60); k >= 0; k--) {
          text.append("com.example.pkg").append(random.nextInt(9)).append(".Type#method(").append(k).append(")\n");
        }
        bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      }
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

  /** Compressible objects take less room than their bytes, incompressible ones exactly theirs. */
  @Test
  void compressibleObjectsAreStoredAsShorterBlocks() throws IOException {
    List<byte[]> objects = objects(200, 7);
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    try (PackWriter writer = new PackWriter(tmp)) {
      for (byte[] bytes : objects) {
        writer.add(ObjectId.of(bytes), bytes);
      }
      for (byte[] bytes : objects) {
        assertArrayEquals(bytes, writer.read(ObjectId.of(bytes)), "staged objects read back decompressed");
      }
    }
    try (PackFile pack = PackFile.open(write(objects))) {
      long raw = 0;
      long stored = 0;
      for (int k = 0; k < objects.size(); k++) {
        byte[] bytes = objects.get(k);
        int at = pack.find(ObjectId.of(bytes));
        if (k % 2 == 0) {
          assertEquals(bytes.length, pack.storedLength(at), "random bytes are stored as they are");
        } else {
          raw += bytes.length;
          stored += pack.storedLength(at);
        }
        assertArrayEquals(bytes, pack.readWhole(at));
        PackFile.StoredObject copy = pack.readStoredWhole(at);
        assertArrayEquals(bytes, copy.raw());
        assertEquals(bytes.length, copy.rawLength());
        assertEquals(pack.storedLength(at) == bytes.length, copy.block() == null, "the block only for a compressed object");
        if (copy.block() != null) {
          assertEquals(pack.storedLength(at), copy.block().length);
          assertArrayEquals(bytes, Lz4Block.decompress(copy.block(), 0, copy.block().length, bytes.length));
        }
      }
      assertTrue(stored * 3 < raw, "repetitive text compresses: " + stored + " of " + raw + " bytes");
    }
  }

  /** Packs of version 1 (entries without a raw length, every object stored as it is) are read as before. */
  @Test
  void aVersionOnePackIsStillRead() throws IOException {
    List<byte[]> objects = objects(30, 8);
    TreeMap<ObjectId, byte[]> sorted = new TreeMap<>();
    objects.forEach(b -> sorted.put(ObjectId.of(b), b));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(PackFormat.MAGIC).putInt(1);
    out.writeBytes(header.array());
    List<long[]> places = new ArrayList<>();
    for (byte[] bytes : sorted.values()) {
      places.add(new long[] {out.size(), bytes.length});
      out.writeBytes(bytes);
    }
    int fanoutOffset = out.size();
    ByteBuffer tail = ByteBuffer.allocate(PackFormat.FANOUT_BYTES + 44 * sorted.size()).order(ByteOrder.LITTLE_ENDIAN);
    int[] perBucket = new int[256];
    sorted.keySet().forEach(id -> perBucket[id.toBytes()[0] & 0xff]++);
    for (int b = 0, total = 0; b < 256; b++) {
      total += perBucket[b];
      tail.putInt(total);
    }
    int k = 0;
    for (ObjectId id : sorted.keySet()) {
      tail.put(id.toBytes()).putLong(places.get(k)[0]).putInt((int) places.get(k)[1]);
      k++;
    }
    CRC32C crc = new CRC32C();
    crc.update(tail.array());
    out.writeBytes(tail.array());
    out.writeBytes(ByteBuffer.allocate(PackFormat.FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(fanoutOffset)
        .putLong(sorted.size()).putInt((int) crc.getValue()).putInt(PackFormat.MAGIC).array());
    Path file = Files.write(dir.resolve("v1.pack"), out.toByteArray());
    try (PackFile pack = PackFile.open(file)) {
      assertEquals(objects.size(), pack.count());
      for (byte[] bytes : objects) {
        int at = pack.find(ObjectId.of(bytes));
        assertArrayEquals(bytes, pack.readWhole(at));
        assertEquals(bytes.length, pack.storedLength(at));
      }
    }
  }

  /**
   * A compressed object whose block is damaged (on a disk, or crafted, with the index's checksum intact) is a damaged
   * copy: it does not decompress or does not hash to its id, so readWhole gives null and read never throws.
   */
  @Test
  void aDamagedBlockIsADamagedCopyNeverAnException() throws IOException {
    byte[] text = objects(2, 9).get(1);
    Path file = write(List.of(text));
    byte[] good = Files.readAllBytes(file);
    int stored;
    try (PackFile pack = PackFile.open(file)) {
      stored = pack.storedLength(0);
      assertTrue(stored < text.length, "compressed");
    }
    Path bad = dir.resolve("bad.pack");
    Random random = new Random(10);
    for (int round = 0; round < 2000; round++) {
      byte[] damaged = good.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[PackFormat.HEADER_BYTES + random.nextInt(stored)] ^= (byte) (1 + random.nextInt(255));
      }
      Files.write(bad, damaged);
      try (PackFile pack = PackFile.open(bad)) {
        byte[] read = pack.read(0);
        assertTrue(read == null || read.length == text.length, "the object's length or nothing");
        if (!java.util.Arrays.equals(read, text)) {
          assertEquals(null, pack.readWhole(0), "round " + round);
          assertEquals(null, pack.readStoredWhole(0), "round " + round + ": a damaged block is never copied");
        }
      }
    }
  }

  /** An entry claiming more stored bytes than the object has is refused at open. */
  @Test
  void aStoredLengthBeyondTheRawLengthIsRefused() throws IOException {
    Path file = write(objects(4, 11));
    byte[] good = Files.readAllBytes(file);
    int fanout = (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(good.length - PackFormat.FOOTER_BYTES);
    int index = fanout + PackFormat.FANOUT_BYTES;
    byte[] crafted = good.clone();
    ByteBuffer.wrap(crafted).order(ByteOrder.LITTLE_ENDIAN).putInt(index + PackFormat.ENTRY_RAW_LENGTH, 0);
    assertRefused(dir.resolve("crafted.pack"), resealed(crafted, fanout), "stores");
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
  void anOpenWriterFindsEachObjectItHoldsAndNoOther() throws IOException {
    List<byte[]> objects = new ArrayList<>(); // past several doublings of the writer's id table
    for (int i = 0; i < 3000; i++) {
      objects.add(("held object " + i + " " + "x".repeat(i % 300)).getBytes(StandardCharsets.UTF_8));
    }
    List<byte[]> others = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      others.add(("another object " + i).getBytes(StandardCharsets.UTF_8));
    }
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    try (PackWriter writer = new PackWriter(tmp)) {
      for (int i = 0; i < objects.size(); i++) {
        byte[] bytes = objects.get(i);
        assertTrue(writer.add(ObjectId.of(bytes), bytes));
        assertTrue(writer.contains(ObjectId.of(objects.get(i / 2))), "an earlier object, after each add");
      }
      for (byte[] bytes : objects) {
        assertTrue(writer.contains(ObjectId.of(bytes)));
        assertFalse(writer.add(ObjectId.of(bytes), bytes), "held already");
        assertArrayEquals(bytes, writer.read(ObjectId.of(bytes)));
      }
      for (byte[] bytes : others) {
        assertFalse(writer.contains(ObjectId.of(bytes)));
        assertEquals(null, writer.read(ObjectId.of(bytes)));
      }
      assertEquals(3000, writer.count());
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
