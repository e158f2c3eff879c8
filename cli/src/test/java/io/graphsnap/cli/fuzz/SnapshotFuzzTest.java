package io.graphsnap.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graphsnap.format.snapshot.CorruptSnapshotException;
import io.graphsnap.reader.GraphSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target: any byte string opened as a snapshot, then the fixed query sequence of {@link SnapshotQueries},
 * then {@code verify()}, and on a file that verifies, the consistency checks. Each input is tried twice: as
 * given, and {@link SnapshotRepair repaired} (length and checksums made right) so that mutations reach past
 * the header CRC. The only exception allowed out of the reader is {@link CorruptSnapshotException} (its
 * subclass {@code UnsupportedFormatVersionException} included); anything else, an {@link OutOfMemoryError}
 * under the fuzz run's small heap, or an input taking more than 10 s (a hang) is a finding.
 *
 * <p>Seeds: {@code src/test/resources/io/graphsnap/cli/fuzz/SnapshotFuzzTestInputs/openAndQuery/}, real
 * snapshots written by the builder ({@link FuzzSeeds}). Without {@code JAZZER_FUZZ} this runs only the seeds
 * and the stored findings, as a regression test; see {@code cli/FUZZING.md} for the fuzzing runs.
 */
class SnapshotFuzzTest {
  private static final Path DIR = Scratch.newFolder("snapshot-fuzz-");
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong OPENED = new AtomicLong();
  private static final AtomicLong VERIFIED = new AtomicLong();

  @FuzzTest(maxDuration = "30s")
  void openAndQuery(byte[] data) throws IOException {
    INPUTS.incrementAndGet();
    Path file = DIR.resolve("input.gsnap");
    tryOpen(file, data);
    tryOpen(file, SnapshotRepair.repair(data));
  }

  private static void tryOpen(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    GraphSnapshot g;
    try {
      g = GraphSnapshot.open(file);
    } catch (CorruptSnapshotException e) {
      return;
    }
    OPENED.incrementAndGet();
    try (g) {
      try {
        SnapshotQueries.exercise(g);
      } catch (CorruptSnapshotException e) {
        // documented: a structural fault found on use
      }
      try {
        g.verify();
      } catch (CorruptSnapshotException e) {
        return;
      }
      VERIFIED.incrementAndGet();
      SnapshotQueries.checkConsistent(g);
    }
  }

  @AfterAll
  static void report() {
    FuzzStats.print("snapshot open + queries", INPUTS.get(), "opened=" + OPENED.get() + " verified=" + VERIFIED.get());
  }
}
