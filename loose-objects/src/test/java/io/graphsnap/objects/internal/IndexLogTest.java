package io.graphsnap.objects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.objects.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit log's records as written from a transaction's flat change buffer, and read back. */
class IndexLogTest {
  @TempDir Path dir;

  @Test
  void theChangesOfCompletedCommitsAreReadBackInOrder() throws IOException {
    Path file = dir.resolve("index.db.log");
    List<IndexLog.Entry> expected = new ArrayList<>();
    IndexLog.Changes changes = new IndexLog.Changes();
    try (IndexLog log = IndexLog.open(file)) {
      for (int commit = 0; commit < 3; commit++) {
        for (int i = 0; i < 3000; i++) { // past several doublings of the buffer
          String path = "src/ünï/c" + commit + "/F" + i + ".java";
          ObjectId id = i % 7 == 0 ? null : ObjectId.of(path.getBytes(StandardCharsets.UTF_8));
          changes.add(path, id);
          expected.add(new IndexLog.Entry(path, id));
        }
        assertEquals(3000, changes.count());
        log.begin(changes);
        log.end();
        changes.clear(); // as a commit does: the next one logs only its own
      }
      changes.add("open/Commit.java", null);
      log.begin(changes); // no END: a commit that may be torn
    }
    IndexLog.State state = IndexLog.read(file);
    assertTrue(state.torn());
    assertEquals(expected, state.changes());
  }

  @Test
  void aBeginRecordIsLaidOutAsTheFormatSays() throws IOException {
    Path file = dir.resolve("index.db.log");
    ObjectId id = ObjectId.of(new byte[] {1, 2, 3});
    IndexLog.Changes changes = new IndexLog.Changes();
    changes.add("a/B.java", id);
    changes.add("gone.txt", null);
    try (IndexLog log = IndexLog.open(file)) {
      log.begin(changes);
    }
    ByteBuffer body = ByteBuffer.allocate(1 + 4 + (3 + 8 + 32) + (3 + 8)).order(ByteOrder.LITTLE_ENDIAN);
    body.put((byte) 1).putInt(2); // BEGIN, two entries
    body.put((byte) 1).putShort((short) 8).put("a/B.java".getBytes(StandardCharsets.UTF_8)).put(id.toBytes());
    body.put((byte) 0).putShort((short) 8).put("gone.txt".getBytes(StandardCharsets.UTF_8));
    CRC32C crc = new CRC32C();
    crc.update(body.array());
    ByteBuffer record = ByteBuffer.allocate(8 + body.capacity()).order(ByteOrder.LITTLE_ENDIAN);
    record.putInt(body.capacity()).putInt((int) crc.getValue()).put(body.array());
    assertArrayEquals(record.array(), Files.readAllBytes(file));
    assertFalse(IndexLog.read(file).changes().size() > 0, "a BEGIN without END holds no completed change");
  }

  @Test
  void aPathTooLongForItsLengthFieldIsRefused() {
    char[] name = new char[70_000];
    Arrays.fill(name, 'p');
    IndexLog.Changes changes = new IndexLog.Changes();
    assertThrows(IllegalArgumentException.class, () -> changes.add(new String(name), null));
    assertEquals(0, changes.count());
  }
}
