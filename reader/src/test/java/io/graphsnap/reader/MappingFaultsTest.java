package io.graphsnap.reader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.graphsnap.format.snapshot.CorruptSnapshotException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot truncated while mapped raises CorruptSnapshotException naming the file, not the JVM's InternalError. */
class MappingFaultsTest {
  @TempDir Path dir;

  @Test
  void verifyOfAFileTruncatedWhileMappedSaysSo() throws Exception {
    Path file = Fixtures.write(dir, "big.gsnap", TestSnapshotWriter.write(Fixtures.random(7, 2_000, 20_000)));
    try (GraphSnapshot g = GraphSnapshot.open(file)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      CorruptSnapshotException e = assertThrows(CorruptSnapshotException.class, g::verify);
      assertTrue(e.getMessage().contains("changed or shrank while mapped"), e.getMessage());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("now 0 bytes"), e.getMessage());
    }
  }

  @Test
  void recognisesTheJvmsReportOnlyThroughItsMessage() {
    assertTrue(MappingFaults.isMappingFault(new InternalError("a fault occurred in an unsafe memory access operation")));
    assertTrue(MappingFaults.isMappingFault(new RuntimeException(
        new InternalError("a fault occurred in an unsafe memory access operation"))), "wrapped by a worker pool");
    assertFalse(MappingFaults.isMappingFault(new InternalError("something else")));
    assertFalse(MappingFaults.isMappingFault(new IllegalStateException()));
  }
}
