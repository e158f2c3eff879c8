package io.graphsnap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.frontend.java.FileStamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat cache {@code STORE/stamps.bin}: what it keeps, what it refuses to trust, and damage. */
class SourceStampsTest {
  @TempDir
  Path store;

  private static final long NOW = 1_800_000_000_000_000_000L;
  private static final FileStamp OLD = new FileStamp(FileStamp.Kind.POSIX_FILE, 10, NOW - 60_000_000_000L,
      NOW - 60_000_000_000L, 42, 7);
  private static final FileStamp RACY = new FileStamp(FileStamp.Kind.POSIX_FILE, 10, NOW - 60_000_000_000L,
      NOW - 1_000_000, 43, 7); // written (ctime) a millisecond before the stamp was taken
  private static final FileStamp ZIP = new FileStamp(FileStamp.Kind.ZIP_ENTRY, 10, NOW, 0xCAFEL, 12, 8);

  private static byte[] sha(int b) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) b);
    return s;
  }

  @Test
  void keepsTrustworthyStampsForTheirRootOnly() throws Exception {
    Files.createDirectories(store.resolve("tmp"));
    SourceStamps empty = SourceStamps.read(store, "/src");
    assertEquals(0, empty.size());
    SourceStamps.Taken taken = new SourceStamps.Taken(Map.of("a.java", OLD, "b.java", RACY, "c.java", ZIP), NOW);
    assertTrue(empty.update(store, taken, Map.of("a.java", sha(1), "b.java", sha(2), "c.java", sha(3))));

    SourceStamps read = SourceStamps.read(store, "/src");
    assertEquals(2, read.size(), "the racily clean stamp is not kept");
    assertArrayEquals(sha(1), read.sha256("a.java", OLD));
    assertArrayEquals(sha(3), read.sha256("c.java", ZIP));
    assertNull(read.sha256("b.java", RACY));
    assertNull(read.sha256("a.java", new FileStamp(FileStamp.Kind.POSIX_FILE, 10, OLD.modified(), OLD.changed() + 1,
        42, 7)), "another ctime: not the same file");
    assertNull(read.sha256("a.java", null));
    assertEquals(0, SourceStamps.read(store, "/elsewhere").size(), "another tree's stamps are not used");

    // the same again writes nothing; a change writes
    long written = Files.getLastModifiedTime(store.resolve(SourceStamps.FILE)).toMillis();
    assertFalse(read.update(store, new SourceStamps.Taken(Map.of("a.java", OLD, "c.java", ZIP), NOW),
        Map.of("a.java", sha(1), "c.java", sha(3))));
    assertEquals(written, Files.getLastModifiedTime(store.resolve(SourceStamps.FILE)).toMillis());
    assertTrue(read.update(store, new SourceStamps.Taken(Map.of("a.java", OLD), NOW), Map.of("a.java", sha(9))));
    assertArrayEquals(sha(9), SourceStamps.read(store, "/src").sha256("a.java", OLD));
    assertEquals(1, SourceStamps.read(store, "/src").size());
    try (var left = Files.list(store.resolve("tmp"))) {
      assertEquals(0, left.count(), "no temporary file left behind");
    }
  }

  @Test
  void aDamagedFileReadsAsEmpty() throws Exception {
    Files.createDirectories(store.resolve("tmp"));
    SourceStamps.read(store, "/src").update(store, new SourceStamps.Taken(Map.of("a.java", OLD), NOW),
        Map.of("a.java", sha(1)));
    Path file = store.resolve(SourceStamps.FILE);
    byte[] good = Files.readAllBytes(file);
    for (int i = 0; i < good.length; i += 7) {
      byte[] bad = good.clone();
      bad[i] ^= 0x20;
      Files.write(file, bad);
      assertEquals(0, SourceStamps.read(store, "/src").size(), "a flipped byte at " + i);
    }
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 1));
    assertEquals(0, SourceStamps.read(store, "/src").size(), "truncated");
    Files.write(file, good);
    assertEquals(1, SourceStamps.read(store, "/src").size());
  }
}
