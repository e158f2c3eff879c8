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
 * under the fuzz run's small heap, an input taking more than 10 s (a hang), or one whose open, queries and
 * verify allocate more than {@link Allocation#BYTES_PER_FILE_BYTE} heap bytes per file byte (plus a fixed
 * {@link Allocation#FIXED_BYTES}) is a finding.
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
  private static final AtomicLong MAX_RATIO = new AtomicLong();

  @FuzzTest(maxDuration = "30s")
  void openAndQuery(byte[] data) throws IOException {
    INPUTS.incrementAndGet();
    Path file = DIR.resolve("input.gsnap");
    tryOpen(file, data);
    tryOpen(file, SnapshotRepair.repair(data));
  }

  private static void tryOpen(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    long before = Allocation.ofThisThread();
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
      boolean verified;
      try {
        g.verify();
        verified = true;
      } catch (CorruptSnapshotException e) {
        verified = false;
      }
      checkAllocation(before, bytes.length);
      if (verified) {
        VERIFIED.incrementAndGet();
        SnapshotQueries.checkConsistent(g);
      }
    }
  }

  /** What open, the query sequence and verify allocated must fit the file's budget (see {@link Allocation}). */
  private static void checkAllocation(long before, int fileBytes) {
    if (before < 0) {
      return;
    }
    long allocated = Allocation.ofThisThread() - before;
    MAX_RATIO.accumulateAndGet(allocated / Math.max(1, fileBytes), Math::max);
    if (Allocation.HOOKED) {
      return; // Jazzer's comparison hooks allocate in the reader's loops: the replay of the corpus checks instead
    }
    long budget = Allocation.BYTES_PER_FILE_BYTE * fileBytes + Allocation.FIXED_BYTES;
    if (allocated > budget) {
      throw new AssertionError("open + queries + verify of a " + fileBytes + "-byte file allocated " + allocated
          + " bytes, more than its budget of " + budget);
    }
  }

  @AfterAll
  static void report() {
    FuzzStats.print("snapshot open + queries", INPUTS.get(), "opened=" + OPENED.get() + " verified=" + VERIFIED.get()
        + " maxAllocatedBytesPerFileByte=" + MAX_RATIO.get());
  }
}
