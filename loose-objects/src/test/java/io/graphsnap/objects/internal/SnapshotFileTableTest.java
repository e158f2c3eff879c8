package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's own reading of a snapshot's file table (garbage collection and torn-commit recovery use it without the
 * reader module), on the builder's golden files of one input: the fixed layout, a compact file of version 9
 * (front-coded paths, fixed records) and one of version 10 (front-coded paths, packed FILES) give the same paths and
 * object ids, in the same order; a truncated file is an IOException naming it.
 */
class SnapshotFileTableTest {
  private static final Path GOLDEN = Path.of("../builder/src/test/resources/golden");

  @TempDir Path dir;

  /** The golden file {@code name} (hex lines: an offset, then the bytes) written to a file of its own. */
  private Path golden(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : Files.readString(GOLDEN.resolve(name + ".gsnap.hex"), StandardCharsets.US_ASCII).split("\n")) {
      if (!line.isBlank()) {
        out.writeBytes(HexFormat.of().parseHex(line.substring(line.indexOf(' ') + 1).strip()));
      }
    }
    return Files.write(dir.resolve(name + ".gsnap"), out.toByteArray());
  }

  @Test
  void everyLayoutGivesTheSameTable() throws Exception {
    Map<String, ObjectId> fixed = SnapshotFileTable.read(golden("small-v10"));
    assertTrue(fixed.size() > 1, "the golden input has files: " + fixed);
    assertEquals(fixed, SnapshotFileTable.read(golden("small-v5")));
    for (String compact : new String[] {"small-v9-compact", "small-v10-compact"}) {
      Map<String, ObjectId> table = SnapshotFileTable.read(golden(compact));
      assertEquals(fixed, table, compact);
      assertEquals(java.util.List.copyOf(fixed.keySet()), java.util.List.copyOf(table.keySet()), compact);
    }
  }

  @Test
  void aTruncatedSnapshotIsAnIOExceptionNamingIt() throws Exception {
    byte[] bytes = Files.readAllBytes(golden("small-v10-compact"));
    Path cut = Files.write(dir.resolve("cut.gsnap"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IOException e = assertThrows(IOException.class, () -> SnapshotFileTable.read(cut));
    assertTrue(e.getMessage().contains("cut.gsnap"), e.getMessage());
  }
}
