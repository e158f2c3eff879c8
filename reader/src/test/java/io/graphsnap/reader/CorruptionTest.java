package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.format.snapshot.SnapshotFormat;
import io.graphsnap.format.snapshot.UnsupportedFormatVersionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: truncations, every byte flipped, bad magic and versions. Whatever the damage, the reader
 * throws {@link CorruptSnapshotException} (at open, on a query or in verify) and nothing else, and every
 * flipped byte is caught by verify at the latest.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CorruptionTest {
  /** Where a damaged file was caught. */
  enum Outcome { OPEN, QUERY, VERIFY, SOUND }

  @TempDir Path dir;
  private byte[] good;
  private Path target;

  @BeforeEach
  void setUp() {
    good = TestSnapshotWriter.write(Fixtures.small());
    target = dir.resolve("damaged.gsnap");
  }

  /** Opens, queries everything, verifies; only {@link CorruptSnapshotException} may be thrown. */
  static Outcome probe(Path file, byte[] bytes, String what) {
    Fixtures.write(file.getParent(), file.getFileName().toString(), bytes);
    GraphSnapshot s;
    try {
      s = GraphSnapshot.open(file);
    } catch (CorruptSnapshotException e) {
      assertTrue(e.getMessage().contains("resource="), e.getMessage());
      return Outcome.OPEN;
    } catch (Throwable t) {
      throw new AssertionError(what + ": open threw " + t, t);
    }
    try (s) {
      boolean queryFailed = false;
      try {
        Exercise.transcript(s);
      } catch (CorruptSnapshotException e) {
        queryFailed = true;
      }
      try {
        s.verify();
      } catch (CorruptSnapshotException e) {
        return queryFailed ? Outcome.QUERY : Outcome.VERIFY;
      }
      if (queryFailed) {
        fail(what + ": a query failed on a file that verify accepts");
      }
      return Outcome.SOUND;
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(what + ": threw " + t, t);
    }
  }

  @Test
  void theGoodFileIsSound() {
    assertEquals(Outcome.SOUND, probe(target, good, "good"));
  }

  @Test
  void everyTruncationFailsAtOpen() {
    for (int length = 0; length < good.length; length++) {
      assertEquals(Outcome.OPEN, probe(target, Arrays.copyOf(good, length), "truncated to " + length),
          "truncated to " + length);
    }
  }

  @Test
  void extraBytesFailAtOpen() {
    assertEquals(Outcome.OPEN, probe(target, Arrays.copyOf(good, good.length + 1), "one byte more"));
    assertEquals(Outcome.OPEN, probe(target, Arrays.copyOf(good, good.length + 4096), "a page more"));
  }

  @Test
  void everyByteFlipIsCaught() {
    int[] counts = new int[Outcome.values().length];
    for (int mask : new int[] {0xFF, 0x01, 0x80}) {
      for (int i = 0; i < good.length; i++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        String what = "byte " + i + " ^ 0x" + Integer.toHexString(mask);
        Outcome outcome = probe(target, bad, what);
        assertNotEquals(Outcome.SOUND, outcome, what + " was not detected");
        counts[outcome.ordinal()]++;
      }
    }
    System.out.println("byte flip outcomes " + Arrays.toString(counts));
    assertTrue(counts[Outcome.OPEN.ordinal()] > 0 && counts[Outcome.VERIFY.ordinal()] > 0, Arrays.toString(counts));
  }

  @Test
  void badMagic() {
    byte[] bad = good.clone();
    bad[0] = 'X';
    CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, () -> open(bad));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    assertEquals("header", e.section());
    assertEquals(0, e.offset());
  }

  @Test
  void versionTooNew() {
    byte[] bad = withVersion(SnapshotFormat.VERSION_CURRENT + 1);
    UnsupportedFormatVersionException e = assertThrows(UnsupportedFormatVersionException.class, () -> open(bad));
    assertEquals(SnapshotFormat.VERSION_CURRENT + 1, e.found());
    assertEquals(SnapshotFormat.VERSION_START, e.minSupported());
    assertEquals(SnapshotFormat.VERSION_CURRENT, e.maxSupported());
    assertTrue(e.getMessage().contains("too new"), e.getMessage());
  }

  @Test
  void versionTooOld() {
    UnsupportedFormatVersionException e =
        assertThrows(UnsupportedFormatVersionException.class, () -> open(withVersion(SnapshotFormat.VERSION_START - 1)));
    assertEquals(SnapshotFormat.VERSION_START - 1, e.found());
  }

  @Test
  void aFileWithoutSectionsFailsAtOpen() {
    assertEquals(Outcome.OPEN, probe(target, TestSnapshotWriter.layout(new EnumMap<>(io.graphsnap.format.snapshot.SectionId.class),
        SnapshotFormat.VERSION_CURRENT), "no sections"));
  }

  @Test
  void randomDamageWithFixedChecksumsThrowsOnlyCorrupt() {
    Random random = new Random(42);
    int[] counts = new int[Outcome.values().length];
    for (int round = 0; round < 1500; round++) {
      byte[] bad = good.clone();
      int flips = 1 + random.nextInt(4);
      StringBuilder what = new StringBuilder("round " + round + ":");
      for (int k = 0; k < flips; k++) {
        int at = random.nextInt(bad.length);
        int value = random.nextInt(8) == 0 ? 0xFF : random.nextInt(256);
        bad[at] = (byte) value;
        what.append(' ').append(at).append('=').append(value);
      }
      counts[probe(target, TestSnapshotWriter.fixChecksums(bad), what.toString()).ordinal()]++;
    }
    System.out.println("random damage outcomes " + Arrays.toString(counts));
    assertTrue(counts[Outcome.QUERY.ordinal()] > 0, Arrays.toString(counts));
  }

  private byte[] withVersion(int version) {
    byte[] bad = good.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(SnapshotFormat.VERSION_OFFSET, version);
    return TestSnapshotWriter.fixChecksums(bad);
  }

  private GraphSnapshot open(byte[] bytes) throws Exception {
    try (GraphSnapshot s = GraphSnapshot.open(Fixtures.write(dir, "x.gsnap", bytes))) {
      return s;
    }
  }
}
