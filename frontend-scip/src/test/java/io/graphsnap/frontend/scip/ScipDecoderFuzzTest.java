package io.graphsnap.frontend.scip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graphsnap.format.object.EdgeSummary;
import io.graphsnap.format.object.FileSummary;
import io.graphsnap.format.object.LooseObjectCodec;
import io.graphsnap.format.object.RepoPaths;
import io.graphsnap.format.object.SymbolSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for the SCIP decoder and mapper: any byte string read as a SCIP index ({@link ScipIngest}, documents
 * capped at 64 KiB), once with its size known and once as a stream of unknown size. Never an exception: problems
 * are reported. Every summary handed to the sink has a normal path, obeys the data model and survives a loose-object
 * round trip; a path is stored at most once; both runs store the same documents; an index that was not read to its
 * end has a problem saying so; and what a run allocates stays within {@link #BYTES_PER_INPUT_BYTE} bytes per input
 * byte plus 16 MiB after a warm-up run has loaded the classes (checked
 * when the corpus is replayed without Jazzer's hooks, which allocate themselves).
 *
 * <p>Seeds ({@code src/test/resources/.../ScipDecoderFuzzTestInputs/decode/}): the two fixture indexes of {@code
 * examples/scip/} and small hostile ones (truncated, huge lengths, groups, bad symbols). Run modes as in {@code
 * cli/FUZZING.md}.
 */
class ScipDecoderFuzzTest {
  /**
   * Heap bytes a run may allocate per input byte. Decoding keeps flat columns, but the mapped summaries are Java
   * objects (a symbol with its name, kind, lines, notes, metadata and edges costs a few hundred bytes, from as little
   * as a dozen input bytes); the real fixture indexes take about 37 bytes per byte (measured: 843 KB for 23 KB).
   */
  static final long BYTES_PER_INPUT_BYTE = 256;
  static final long FIXED_BYTES = 16L << 20;
  static final ScipLimits LIMITS = new ScipLimits(64 << 10, 4 << 10);
  private static final boolean HOOKED = truthy(System.getenv("JAZZER_FUZZ")) || truthy(System.getProperty("JAZZER_FUZZ"));
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final AtomicLong STORED = new AtomicLong();
  private static final AtomicLong PROBLEMS = new AtomicLong();

  static {
    try { // load and initialise every class the pipeline uses, so that the budget measures the input's cost
      byte[] warmUp = FuzzSeeds.small();
      new ScipIngest().limits(LIMITS).run(new ByteArrayInputStream(warmUp), warmUp.length, null,
          summary -> LooseObjectCodec.decode(LooseObjectCodec.encode(summary), "warm-up"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] data) throws IOException {
    INPUTS.incrementAndGet();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    List<FileSummary> known = new ArrayList<>();
    ScipReport report = new ScipIngest().limits(LIMITS).run(new ByteArrayInputStream(data), data.length, null, known::add);
    long used = THREADS.getCurrentThreadAllocatedBytes() - before;
    if (!HOOKED) {
      require(used <= BYTES_PER_INPUT_BYTE * data.length + FIXED_BYTES, "allocated " + used + " bytes for " + data.length);
    }
    check(report, known);
    List<FileSummary> streamed = new ArrayList<>();
    ScipReport second = new ScipIngest().limits(LIMITS).run(new ByteArrayInputStream(data), -1, null, streamed::add);
    check(second, streamed);
    require(paths(known).equals(paths(streamed)), "size known vs unknown stored " + paths(known) + " vs " + paths(streamed));
    STORED.addAndGet(known.size());
    PROBLEMS.addAndGet(report.problemCount());
  }

  private static void check(ScipReport report, List<FileSummary> summaries) {
    require(report.stored() == summaries.size(), "stored " + report.stored() + " but the sink got " + summaries.size());
    require(report.documents() >= report.stored(), "more stored than documents");
    require(report.problemCount() >= report.problems().size(), "problem count");
    require(report.complete() || report.problemCount() > 0, "an incomplete read without a problem");
    java.util.Set<String> paths = new java.util.HashSet<>();
    for (FileSummary s : summaries) {
      require(paths.add(s.path()), "path stored twice: " + s.path());
      require(RepoPaths.isNormal(s.path()), "path not normal: " + s.path());
      require(report.mentioned().contains(s.path()), "stored but not mentioned: " + s.path());
      for (EdgeSummary e : s.edges()) {
        require(e.source() >= 0 && e.source() < s.symbols().size(), "edge source");
      }
      for (SymbolSummary symbol : s.symbols()) {
        require(symbol.lineStart() <= symbol.lineEnd(), "lines");
      }
      try {
        byte[] encoded = LooseObjectCodec.encode(s);
        require(LooseObjectCodec.decode(encoded, "fuzz").equals(s), "round trip changed " + s);
      } catch (IllegalArgumentException | io.graphsnap.format.object.CorruptObjectException e) {
        throw new AssertionError("a mapped summary does not encode: " + e, e);
      }
    }
  }

  private static List<String> paths(List<FileSummary> summaries) {
    return summaries.stream().map(FileSummary::path).toList();
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  private static boolean truthy(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  @AfterAll
  static void report() {
    System.out.printf("fuzz-stats: target=\"scip decode + map\" inputs=%d stored=%d problems=%d (JVM up %d s)%n",
        INPUTS.get(), STORED.get(), PROBLEMS.get(), ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
  }
}
