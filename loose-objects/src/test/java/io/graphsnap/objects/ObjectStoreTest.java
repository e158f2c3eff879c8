package io.graphsnap.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.object.CorruptObjectException;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.Limits;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.SymbolSummary;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {
  @TempDir Path dir;

  private ObjectStore store() {
    return new ObjectStore(StoreLayout.of(dir));
  }

  @Test
  void putThenGetReturnsTheSameBytesUnderTheirSha256() throws Exception {
    ObjectStore objects = store();
    byte[] bytes = "hello, objects".getBytes(StandardCharsets.UTF_8);
    ObjectId id = objects.put(bytes);
    assertEquals(ObjectId.of(bytes), id);
    assertArrayEquals(bytes, objects.get(id));
    assertTrue(objects.contains(id));
    String hex = id.hex();
    assertTrue(Files.isRegularFile(dir.resolve("objects").resolve(hex.substring(0, 2)).resolve(hex.substring(2))));
    try (var leftovers = Files.list(dir.resolve("tmp"))) {
      assertEquals(0, leftovers.count(), "no temporary file is left behind");
    }
  }

  @Test
  void putIsIdempotentAndDoesNotRewriteAnExistingObject() throws Exception {
    ObjectStore objects = store();
    byte[] bytes = {1, 2, 3, 4};
    ObjectId first = objects.put(bytes);
    Path file = objects.layout().objectFile(first);
    Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    ObjectId second = objects.put(bytes.clone());
    assertEquals(first, second);
    assertEquals(inode, Files.readAttributes(file, BasicFileAttributes.class).fileKey(),
        "a second put must not replace the file");
    assertEquals(List.of(first), objects.list());
  }

  /** A link under an object's loose name, or as its fan-out folder, is refused before anything is written. */
  @Test
  void aLinkUnderAnObjectsNameOrFolderIsRefused() throws Exception {
    ObjectStore objects = store();
    byte[] bytes = "an object under a link".getBytes(StandardCharsets.UTF_8);
    ObjectId id = ObjectId.of(bytes);
    Path file = objects.layout().objectFile(id);
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(dir.resolve("objects"));
    Files.createSymbolicLink(file.getParent(), elsewhere);
    try (ObjectBatch batch = objects.newBatch()) {
      assertThrows(UnsafeStoreException.class, () -> batch.prepare(bytes), "a linked fan-out folder");
    }
    Files.delete(file.getParent());
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, elsewhere.resolve("target"));
    try (ObjectBatch batch = objects.newBatch()) {
      assertThrows(UnsafeStoreException.class, () -> batch.prepare(bytes), "a link under the object's name");
    }
    assertTrue(Files.isSymbolicLink(file), "left as it was");
  }

  @Test
  void aFolderFoundAbsentIsLookedAtAgainOnceTheBatchWroteIntoIt() throws Exception {
    ObjectStore objects = store();
    byte[] bytes = "written loose by a small round".getBytes(StandardCharsets.UTF_8);
    try (ObjectBatch batch = objects.newBatch()) {
      PreparedObject first = batch.prepare(bytes); // its fan-out folder is absent: noted
      assertNotNull(first.bytes(), "a new object");
      batch.adopt(first);
      batch.commit(); // a small round: written loose, its folder created
      assertTrue(Files.isRegularFile(objects.layout().objectFile(ObjectId.of(bytes))));
      PreparedObject again = batch.prepare(bytes);
      assertNull(again.bytes(), "found stored loose in the folder the batch created");
      batch.adopt(again);
      batch.commit();
    }
  }

  @Test
  void flippedByteOnDiskIsReportedAsCorruptNamingTheIdAndFile() throws Exception {
    ObjectStore objects = store();
    ObjectId id = objects.put("some object bytes".getBytes(StandardCharsets.UTF_8));
    Path file = objects.layout().objectFile(id);
    byte[] onDisk = Files.readAllBytes(file);
    onDisk[3] ^= 0x20;
    Files.write(file, onDisk);
    CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> objects.get(id));
    assertTrue(e.getMessage().contains(id.hex()), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("hash mismatch"), e.getMessage());
  }

  @Test
  void missingObjectGivesNoSuchObject() {
    ObjectStore objects = store();
    ObjectId id = ObjectId.of(new byte[] {9});
    NoSuchObjectException e = assertThrows(NoSuchObjectException.class, () -> objects.get(id));
    assertEquals(id, e.id());
    assertTrue(e.getMessage().contains(id.hex()));
    assertFalse(objects.contains(id));
  }

  @Test
  void oversizedObjectFileIsRefusedWithoutReadingIt() throws Exception {
    ObjectStore objects = store();
    ObjectId id = ObjectId.of(new byte[] {7});
    Path file = objects.layout().objectFile(id);
    Files.createDirectories(file.getParent());
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(Limits.MAX_OBJECT_BYTES + 1L); // sparse: no disk used, and never read
    }
    CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> objects.get(id));
    assertTrue(e.getMessage().contains("more than the limit"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> objects.put(new byte[Limits.MAX_OBJECT_BYTES + 1]));
  }

  @Test
  void readDecodesAndValidatesTheObject() throws Exception {
    ObjectStore objects = store();
    FileSummary summary = new FileSummary("src/a.cov", "covenant", null,
        List.of(SymbolSummary.of("a.f", "fn", 1, 3)), List.of());
    ObjectId id = objects.put(LooseObjectCodec.encode(summary));
    assertEquals(summary, objects.read(id));
    objects.verify(id);

    ObjectId notAnObject = objects.put("plain text, not a loose object".getBytes(StandardCharsets.UTF_8));
    CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> objects.read(notAnObject));
    assertTrue(e.getMessage().contains(notAnObject.hex()), e.getMessage());
  }

  @Test
  void listIsSortedAndIgnoresStrayFiles() throws Exception {
    ObjectStore objects = store();
    TreeSet<ObjectId> expected = new TreeSet<>();
    for (int i = 0; i < 50; i++) {
      expected.add(objects.put(("object " + i).getBytes(StandardCharsets.UTF_8)));
    }
    Path root = objects.layout().objectsDir();
    Files.writeString(root.resolve("README"), "stray");
    Files.createDirectories(root.resolve("zz"));
    Files.writeString(root.resolve("zz").resolve("0".repeat(62)), "not hex folder");
    Files.createDirectories(root.resolve("ab"));
    Files.writeString(root.resolve("ab").resolve("short"), "bad name");
    Files.writeString(root.resolve("ab").resolve("A".repeat(62)), "upper case");
    Files.createDirectories(root.resolve("cd").resolve("e".repeat(62))); // a folder where a file belongs
    List<ObjectId> listed = objects.list();
    assertEquals(new ArrayList<>(expected), listed);
    assertEquals(listed, objects.stream().toList());
  }

  @Test
  void deleteRemovesTheObject() throws Exception {
    ObjectStore objects = store();
    ObjectId id = objects.put(new byte[] {1});
    assertTrue(objects.delete(id));
    assertFalse(objects.contains(id));
    assertFalse(objects.delete(id));
    assertEquals(List.of(), objects.list());
  }

  @Test
  void concurrentPutsOfOverlappingObjectsAllLand() throws Exception {
    ObjectStore objects = store();
    int threads = 8;
    int perThread = 100;
    Set<ObjectId> returned = new ConcurrentSkipListSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            // Half the objects are shared by every thread, half are the thread's own.
            String text = i % 2 == 0 ? "shared " + i : "thread " + thread + " object " + i;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ObjectId id = objects.put(bytes);
            returned.add(id);
            assertArrayEquals(bytes, objects.get(id));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    int expected = perThread / 2 + threads * perThread / 2;
    assertEquals(expected, returned.size());
    assertEquals(new ArrayList<>(returned), objects.list());
    for (ObjectId id : returned) {
      objects.get(id);
    }
  }
}
